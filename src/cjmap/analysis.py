"""What a journey map tells: its path, emotion curves, hand-offs, funnel and evidence coverage.

Computed once per workspace (`analyses` keeps the results on it) and passed on: the rules that
need the path (unreachable-touchpoint), the renderers and `cjmap stats` all read these results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjmap.config import Config
from cjmap.model import Journey, Stage, Touchpoint
from cjmap.workspace import Workspace


@dataclass(frozen=True)
class Step:
    """A touchpoint in journey order, with its stage and position."""

    index: int
    stage_index: int
    position: int  # index within its stage
    stage: Stage
    touchpoint: Touchpoint
    backed: bool  # evidence on the touchpoint, its stage or the journey


@dataclass(frozen=True)
class Handoff:
    """Two consecutive touchpoints on the path that change channel, device or owning team."""

    source: Step
    target: Step
    changes: tuple[str, ...]
    emotion_drop: int  # how far the lowest emotion falls across it (0 when it does not)


@dataclass
class JourneyAnalysis:
    journey: Journey
    steps: list[Step]
    edges: list[tuple[Step, Step]]  # the path: each touchpoint's `next`, else the following one
    curves: dict[str, list[int | None]]  # persona id ("all" when they agree) -> emotion per step
    handoffs: list[Handoff]
    funnel: list[tuple[Stage, float | None, float | None]]  # stage, conversion, drop-off
    stale: bool
    days_since_review: int | None
    backed: int = 0
    emotions: int = 0
    improvements_by_status: dict[str, int] = field(default_factory=dict)

    @property
    def by_stage(self) -> list[list[Step]]:
        """The steps of each stage, in stage order (empty lists for empty stages)."""
        grouped: list[list[Step]] = [[] for _ in self.journey.stages]
        for step in self.steps:
            grouped[step.stage_index].append(step)
        return grouped

    @property
    def coverage(self) -> float | None:
        """Share of emotions backed by evidence, or None without emotions."""
        return self.backed / self.emotions if self.emotions else None

    def low_points(self, count: int = 3) -> list[tuple[Step, int]]:
        """The touchpoints where someone feels worst (negative emotions only), lowest first."""
        lows = []
        for step in self.steps:
            values = step.touchpoint.emotions(self.journey.personas).values()
            if values and min(values) < 0:
                lows.append((step, min(values)))
        return sorted(lows, key=lambda pair: (pair[1], pair[0].index))[:count]

    @property
    def critical(self) -> list[Step]:
        return [step for step in self.steps if step.touchpoint.critical]

    @property
    def gaps(self) -> list[Handoff]:
        """Hand-offs where the emotion drops: where the journey most needs attention."""
        return [h for h in self.handoffs if h.emotion_drop > 0]


def steps(journey: Journey) -> list[Step]:
    journey_backed = bool(journey.evidence)
    found: list[Step] = []
    for s, stage in enumerate(journey.stages):
        for t, tp in enumerate(stage.touchpoints):
            backed = journey_backed or bool(stage.evidence or tp.evidence)
            found.append(Step(len(found), s, t, stage, tp, backed))
    return found


def path_edges(journey_steps: list[Step]) -> list[tuple[Step, Step]]:
    """Edges of the path: each touchpoint's `next`, else the following touchpoint."""
    by_id = {step.touchpoint.id: step for step in journey_steps}
    edges: list[tuple[Step, Step]] = []
    for step in journey_steps:
        following = step.touchpoint.next
        if following is None:
            if step.index + 1 < len(journey_steps):
                edges.append((step, journey_steps[step.index + 1]))
        else:
            edges.extend((step, by_id[i]) for i in following if i in by_id)
    return edges


def curves(journey: Journey, journey_steps: list[Step]) -> dict[str, list[int | None]]:
    """One emotion series per persona; a single "all" series when every persona feels the same."""
    per_persona = {
        p: [step.touchpoint.emotions(journey.personas).get(p) for step in journey_steps] for p in journey.personas
    }
    series = list(per_persona.values())
    if all(s == series[0] for s in series):
        return {"all": series[0]}
    return per_persona


def reachable(journey_steps: list[Step], edges: list[tuple[Step, Step]]) -> set[int]:
    """Indexes of the steps reached from the first one along the path."""
    following: dict[int, list[int]] = {}
    for source, target in edges:
        following.setdefault(source.index, []).append(target.index)
    reached: set[int] = set()
    todo = [0] if journey_steps else []
    while todo:
        current = todo.pop()
        if current not in reached:
            reached.add(current)
            todo.extend(following.get(current, ()))
    return reached


def handoffs(journey: Journey, edges: list[tuple[Step, Step]]) -> list[Handoff]:
    found = []
    for source, target in edges:
        a, b = source.touchpoint, target.touchpoint
        changes = tuple(
            f"{label} {old} → {new}"
            for label, old, new in (
                ("channel", a.channel, b.channel),
                ("device", a.device, b.device),
                ("team", a.owner, b.owner),
            )
            if old and new and old != new
        )
        if changes:
            found.append(Handoff(source, target, changes, _drop(a, b, journey.personas)))
    return found


def _drop(a: Touchpoint, b: Touchpoint, personas: list[str]) -> int:
    before, after = a.emotions(personas), b.emotions(personas)
    drops = [before[p] - after[p] for p in before if p in after]
    return max([0, *drops])


def funnel(journey: Journey) -> list[tuple[Stage, float | None, float | None]]:
    rows = [(s, s.metrics.get("conversion"), s.metrics.get("drop_off")) for s in journey.stages]
    return rows if any(c is not None or d is not None for _, c, d in rows) else []


def analyse(journey: Journey, config: Config) -> JourneyAnalysis:
    journey_steps = steps(journey)
    edges = path_edges(journey_steps)
    days = (config.today - journey.reviewed).days if journey.reviewed else None
    result = JourneyAnalysis(
        journey=journey,
        steps=journey_steps,
        edges=edges,
        curves=curves(journey, journey_steps),
        handoffs=handoffs(journey, edges),
        funnel=funnel(journey),
        stale=days is None or days > config.stale_after_days,
        days_since_review=days,
    )
    for step in journey_steps:
        if step.touchpoint.emotion is not None:
            result.emotions += 1
            result.backed += step.backed
    for improvement in journey.improvements:
        result.improvements_by_status[improvement.status] = result.improvements_by_status.get(improvement.status, 0) + 1
    return result


def analyses(workspace: Workspace) -> list[JourneyAnalysis]:
    """The analysis of every valid journey, in `workspace.journeys` order, computed once."""
    memo: dict[str, Any] = workspace.memo
    if "analyses" not in memo:
        memo["analyses"] = [analyse(entry.model, workspace.config) for entry in workspace.journeys]
    found: list[JourneyAnalysis] = memo["analyses"]
    return found


def analyse_workspace(workspace: Workspace) -> dict[str, JourneyAnalysis]:
    """The analyses by journey id."""
    return {analysis.journey.id: analysis for analysis in analyses(workspace)}
