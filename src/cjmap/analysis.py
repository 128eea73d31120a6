"""What a journey map tells: its path, emotion curves, hand-offs, funnel and evidence coverage.

Computed once per workspace (`analyses` keeps the results on it) and passed on: the rules that
need the path (unreachable-touchpoint), the renderers and `cjmap stats` all read these results.

A touchpoint's `personas` says who goes through it. Each persona's path is the journey's path with
the touchpoints they skip taken out (A -> B -> C becomes A -> C for someone who skips B), so their
curve, their hand-offs and their figures only count what they go through.
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


Edge = tuple[Step, Step]


@dataclass(frozen=True)
class Handoff:
    """Two consecutive touchpoints on someone's path that change channel, device or owning team."""

    source: Step
    target: Step
    changes: tuple[str, ...]
    emotion_drop: int  # how far the lowest emotion falls across it (0 when it does not)
    personas: tuple[str, ...] = ()  # who makes this hand-off


@dataclass(frozen=True)
class FunnelStage:
    """A stage's conversion and drop-off, and the share of customers still on the journey after it."""

    stage: Stage
    conversion: float | None
    drop_off: float | None
    remaining: float | None  # share of those who started; None after the last measured stage
    customers: float | None  # remaining people, when an earlier stage gives a `reach`


@dataclass(frozen=True)
class LowPoint:
    """A touchpoint where someone feels bad, with who (every persona who takes it, or some)."""

    step: Step
    value: int
    personas: tuple[str, ...]
    everyone: bool


@dataclass
class JourneyAnalysis:
    journey: Journey
    steps: list[Step]
    edges: list[Edge]  # the path: each touchpoint's `next`, else the following one
    curves: dict[str, list[int | None]]  # persona id ("all" when they agree) -> emotion per step
    handoffs: list[Handoff]
    funnel: list[FunnelStage]
    stale: bool
    days_since_review: int | None
    backed: int = 0
    emotions: int = 0
    improvements_by_status: dict[str, int] = field(default_factory=dict)
    paths: dict[str, list[Edge]] = field(default_factory=dict)  # keyed as `curves`: each line's own path

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

    def low_points(self, count: int = 3) -> list[LowPoint]:
        """The touchpoints where someone feels worst (negative emotions only), lowest first, with whose."""
        lows = []
        for step in self.steps:
            values = step.touchpoint.emotions(self.journey.personas)
            lowest = min(values.values(), default=0)
            if lowest < 0:
                who = tuple(p for p, v in values.items() if v == lowest)
                lows.append(LowPoint(step, lowest, who, len(who) == len(values)))
        return sorted(lows, key=lambda low: (low.value, low.step.index))[:count]

    @property
    def critical(self) -> list[Step]:
        return [step for step in self.steps if step.touchpoint.critical]

    @property
    def gaps(self) -> list[Handoff]:
        """Hand-offs where the emotion drops, the largest drop first: where the journey most needs attention."""
        return sorted((h for h in self.handoffs if h.emotion_drop > 0), key=lambda h: -h.emotion_drop)


def steps(journey: Journey) -> list[Step]:
    journey_backed = bool(journey.evidence)
    found: list[Step] = []
    for s, stage in enumerate(journey.stages):
        for t, tp in enumerate(stage.touchpoints):
            backed = journey_backed or bool(stage.evidence or tp.evidence)
            found.append(Step(len(found), s, t, stage, tp, backed))
    return found


def path_edges(journey_steps: list[Step]) -> list[Edge]:
    """Edges of the path: each touchpoint's `next`, else the following touchpoint."""
    by_id = {step.touchpoint.id: step for step in journey_steps}
    edges: list[Edge] = []
    for step in journey_steps:
        following = step.touchpoint.next
        if following is None:
            if step.index + 1 < len(journey_steps):
                edges.append((step, journey_steps[step.index + 1]))
        else:
            edges.extend((step, by_id[i]) for i in following if i in by_id)
    return edges


def persona_paths(journey: Journey, edges: list[Edge]) -> dict[str, list[Edge]]:
    """Each persona's path: the journey's path without the touchpoints they do not take."""
    if all(step.touchpoint.personas is None for edge in edges for step in edge):
        return {p: edges for p in journey.personas}
    following: dict[int, list[Step]] = {}
    for source, target in edges:
        following.setdefault(source.index, []).append(target)
    sources = list({source.index: source for source, _ in edges}.values())
    return {
        p: [(s, t) for s in sources if s.touchpoint.takes(p) for t in _next_taken(s, p, following)]
        for p in journey.personas
    }


def _next_taken(step: Step, persona: str, following: dict[int, list[Step]]) -> list[Step]:
    """The first touchpoints `persona` takes after `step`. Where the path splits and they take one
    of the ways, that is their way; only where they take none do they pass on through."""
    found: list[Step] = []
    seen, todo = {step.index}, [step]
    while todo:
        ways = [t for t in following.get(todo.pop(0).index, ()) if t.index not in seen]
        seen.update(t.index for t in ways)
        taken = [t for t in ways if t.touchpoint.takes(persona)]
        found += taken
        todo += [] if taken else ways
    return found


def curves(
    journey: Journey, journey_steps: list[Step], paths: dict[str, list[Edge]]
) -> tuple[dict[str, list[int | None]], dict[str, list[Edge]]]:
    """One emotion series and path per persona; a single "all" line when every persona feels the same
    along the same path."""
    per_persona = {
        p: [step.touchpoint.emotions(journey.personas).get(p) for step in journey_steps] for p in journey.personas
    }
    first = journey.personas[0]
    if all(per_persona[p] == per_persona[first] and paths[p] == paths[first] for p in journey.personas):
        return {"all": per_persona[first]}, {"all": paths[first]}
    return per_persona, paths


def reachable(journey_steps: list[Step], edges: list[Edge]) -> set[int]:
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


def handoffs(journey: Journey, paths: dict[str, list[Edge]]) -> list[Handoff]:
    """Changes of channel, device or team along the personas' paths: one per edge, with who makes it."""
    makers: dict[tuple[int, int], tuple[Edge, list[str]]] = {}
    for persona, edges in paths.items():
        for edge in edges:
            makers.setdefault((edge[0].index, edge[1].index), (edge, []))[1].append(persona)
    found = []
    for _, ((source, target), who) in sorted(makers.items(), key=lambda item: item[0]):
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
            found.append(Handoff(source, target, changes, _drop(a, b, journey.personas, who), tuple(who)))
    return found


def _drop(a: Touchpoint, b: Touchpoint, personas: list[str], makers: list[str]) -> int:
    before, after = a.emotions(personas), b.emotions(personas)
    drops = [before[p] - after[p] for p in makers if p in before and p in after]
    return max([0, *drops])


def funnel(journey: Journey) -> list[FunnelStage]:
    """Conversion per stage and the customers still there after it (a stage with only `drop_off`
    converts the rest); empty when no stage is measured."""
    measured = [i for i, s in enumerate(journey.stages) if {"conversion", "drop_off"} & s.metrics.keys()]
    if not measured:
        return []
    rows, share, people = [], 1.0, None  # people: how many started, from the first stage's `reach`
    for i, stage in enumerate(journey.stages):
        conversion, drop = stage.metrics.get("conversion"), stage.metrics.get("drop_off")
        if people is None and "reach" in stage.metrics:
            people = stage.metrics["reach"] / share
        share *= conversion if conversion is not None else 1 - drop if drop is not None else 1.0
        remaining = share if i <= measured[-1] else None
        customers = people * remaining if people is not None and remaining is not None else None
        rows.append(FunnelStage(stage, conversion, drop, remaining, customers))
    return rows


def analyse(journey: Journey, config: Config) -> JourneyAnalysis:
    journey_steps = steps(journey)
    edges = path_edges(journey_steps)
    paths = persona_paths(journey, edges)
    lines, line_paths = curves(journey, journey_steps, paths)
    days = (config.today - journey.reviewed).days if journey.reviewed else None
    result = JourneyAnalysis(
        journey=journey,
        steps=journey_steps,
        edges=edges,
        curves=lines,
        handoffs=handoffs(journey, paths),
        funnel=funnel(journey),
        stale=days is None or days > config.stale_after_days,
        days_since_review=days,
        paths=line_paths,
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
