"""Compare two workspaces by meaning: items matched by kind and id, never by list position.

Everything here is near-linear in the size of the workspaces, rename detection included
(cjmap.matching). When renames cannot be told apart within matching's budget, the diff holds an
`undecided` change, which `--fail-on worsened` counts as failing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import BaseModel

from cjmap.matching import Matching, match
from cjmap.model import Improvement, Journey, Stage, Touchpoint
from cjmap.workspace import Workspace


@dataclass(frozen=True)
class Change:
    """One semantic change. `scope` is the journey id, or "workspace" for personas, evidence
    and whole journeys."""

    scope: str
    item: str  # journey, persona, evidence, stage, touchpoint, improvement, pain-point, emotion, metric
    id: str
    kind: str  # added, removed, renamed, moved, changed, improved, worsened, resolved, completed, undecided
    field: str | None = None
    old: Any = None
    new: Any = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Diff:
    changes: list[Change]
    titles: dict[str, str]  # journey id -> title (new side, else old)

    @property
    def worsened(self) -> int:
        return sum(c.kind == "worsened" for c in self.changes)

    @property
    def improved(self) -> int:
        return sum(c.kind == "improved" for c in self.changes)

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for change in self.changes:
            key = f"{change.item} {change.kind}"
            found[key] = found.get(key, 0) + 1
        return dict(sorted(found.items()))

    def has(self, kind: str) -> bool:
        """Whether the diff holds changes of `kind`: worsened, removed or any. Renames that could
        not be told apart count as worsened: emotions of those items were not compared."""
        if kind == "any":
            return bool(self.changes)
        return any(c.kind == kind or (kind == "worsened" and c.kind == "undecided") for c in self.changes)

    @property
    def undecided(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "undecided"]


def diff_workspaces(old: Workspace, new: Workspace) -> Diff:
    changes: list[Change] = []
    for item, old_entries, new_entries in (
        ("persona", old.personas, new.personas),
        ("evidence", old.evidence, new.evidence),
    ):
        changes += _compare_items(
            "workspace", item, {e.model.id: e.model for e in old_entries}, {e.model.id: e.model for e in new_entries}
        )
    old_journeys = {e.model.id: e.model for e in old.journeys}
    new_journeys = {e.model.id: e.model for e in new.journeys}
    changes += _compare_items(
        "workspace", "journey", old_journeys, new_journeys, _journey_fields, journey_changes, lambda j: j.title
    )
    titles = {j.id: j.title for j in old_journeys.values()} | {j.id: j.title for j in new_journeys.values()}
    return Diff(changes, titles)


def journey_changes(old: Journey, new: Journey) -> list[Change]:
    scope = new.id
    changes = _field_changes(scope, "journey", new.id, _journey_fields(old), _journey_fields(new))
    stage_changes, stage_pairs = _list_changes(scope, "stage", old.stages, new.stages, _stage_fields, _stage_changes)
    changes += stage_changes
    changes += _touchpoint_changes(scope, old, new, stage_pairs)
    changes += _list_changes(scope, "improvement", old.improvements, new.improvements, _fields, _improvement_changes)[0]
    return changes


# --- generic matching --------------------------------------------------------------------------


def _fields(model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True, exclude=exclude)


def _journey_fields(journey: Journey) -> dict[str, Any]:
    return _fields(journey, {"stages", "improvements"})


def _stage_fields(stage: Stage) -> dict[str, Any]:
    return _fields(stage, {"touchpoints"})


def _touchpoint_fields(touchpoint: Touchpoint) -> dict[str, Any]:
    return _fields(touchpoint, {"emotion", "pain_points", "metrics"})


def _undecided(scope: str, item: str, matching: Matching) -> list[Change]:
    if matching.decided:
        return []
    detail = f"{len(matching.removed)} removed and {len(matching.added)} added share too many fields"
    return [Change(scope, item, "*", "undecided", detail=detail)]


def _compare_items(
    scope: str,
    item: str,
    old: dict[str, Any],
    new: dict[str, Any],
    fields: Any = _fields,
    nested: Any = None,
    label: Any = None,
) -> list[Change]:
    """Unordered items by id: added and removed (with `label` shown), renamed, then each pair's
    changes (`nested(old, new)`, or its field changes)."""
    matching = match(old, new, fields)
    pairs, added, removed = matching.pairs, matching.added, matching.removed
    changes = _undecided(scope, item, matching)
    changes += [Change(scope, item, i, "added", new=label(new[i]) if label else None) for i in added]
    changes += [Change(scope, item, i, "removed", old=label(old[i]) if label else None) for i in removed]
    for old_id, new_id in pairs.items():
        if old_id != new_id:
            changes.append(Change(scope, item, new_id, "renamed", "id", old_id, new_id))
        if nested is not None:
            changes += nested(old[old_id], new[new_id])
        else:
            changes += _field_changes(scope, item, new_id, fields(old[old_id]), fields(new[new_id]))
    return changes


def _field_changes(scope: str, item: str, item_id: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return [
        Change(scope, item, item_id, "changed", key, old.get(key), new.get(key))
        for key in [*old, *(k for k in new if k not in old)]
        if key != "id" and old.get(key) != new.get(key)
    ]


def _list_changes(
    scope: str, item: str, old: list[Any], new: list[Any], fields: Any, nested: Any
) -> tuple[list[Change], dict[str, str]]:
    """Added, removed, renamed and reordered items of an ordered list, then each pair's changes;
    also the pairs, old id -> new id."""
    old_by_id, new_by_id = {x.id: x for x in old}, {x.id: x for x in new}
    matching = match(old_by_id, new_by_id, fields)
    pairs, added, removed = matching.pairs, matching.added, matching.removed
    changes = _undecided(scope, item, matching)
    changes += [Change(scope, item, i, "added") for i in added]
    changes += [Change(scope, item, i, "removed") for i in removed]
    renamed_to = {new_id: old_id for old_id, new_id in pairs.items()}
    changes += [Change(scope, item, n, "renamed", "id", o, n) for o, n in pairs.items() if o != n]
    old_position = {x.id: p for p, x in enumerate(old)}
    new_position = {x.id: p for p, x in enumerate(new)}
    kept = [x.id for x in new if x.id in renamed_to]
    for item_id in moved_items(kept, {i: old_position[renamed_to[i]] for i in kept}):
        old_at, new_at = old_position[renamed_to[item_id]], new_position[item_id]
        changes.append(Change(scope, item, item_id, "moved", "position", old_at + 1, new_at + 1))
    for old_id, new_id in pairs.items():
        changes += nested(scope, old_by_id[old_id], new_by_id[new_id])
    return changes, pairs


def moved_items(order: list[str], old_position: dict[str, int]) -> list[str]:
    """The items that moved: all but a longest run kept in the same relative order (O(n log n))."""
    tails: list[int] = []  # tails[k]: smallest old position ending an increasing run of length k+1
    tail_at: list[int] = []  # index in `order` of that tail
    parent = [-1] * len(order)
    for index, item in enumerate(order):
        position = old_position[item]
        k = bisect_left(tails, position)
        if k == len(tails):
            tails.append(position)
            tail_at.append(index)
        else:
            tails[k], tail_at[k] = position, index
        parent[index] = tail_at[k - 1] if k else -1
    stable: set[int] = set()
    at = tail_at[-1] if tail_at else -1
    while at != -1:
        stable.add(at)
        at = parent[at]
    return [item for index, item in enumerate(order) if index not in stable]


# --- journey parts -----------------------------------------------------------------------------


def _stage_changes(scope: str, old: Stage, new: Stage) -> list[Change]:
    changes = _field_changes(
        scope, "stage", new.id, _fields(old, {"touchpoints", "metrics"}), _fields(new, {"touchpoints", "metrics"})
    )
    return changes + _metric_changes(scope, new.id, old.metrics, new.metrics)


def _improvement_changes(scope: str, old: Improvement, new: Improvement) -> list[Change]:
    changes = []
    for change in _field_changes(scope, "improvement", new.id, _fields(old), _fields(new)):
        if change.field == "status":
            kind = "completed" if new.status == "done" else "changed"
            changes.append(Change(scope, "improvement", new.id, kind, "status", old.status, new.status))
        else:
            changes.append(change)
    return changes


def _touchpoint_changes(scope: str, old: Journey, new: Journey, stage_renames: dict[str, str]) -> list[Change]:
    old_tps = {tp.id: (stage.id, tp) for stage in old.stages for tp in stage.touchpoints}
    new_tps = {tp.id: (stage.id, tp) for stage in new.stages for tp in stage.touchpoints}
    matching = match({i: v[1] for i, v in old_tps.items()}, {i: v[1] for i, v in new_tps.items()}, _touchpoint_fields)
    pairs, added, removed = matching.pairs, matching.added, matching.removed
    changes = _undecided(scope, "touchpoint", matching)
    changes += [Change(scope, "touchpoint", i, "added", detail=f"in stage {new_tps[i][0]}") for i in added]
    changes += [Change(scope, "touchpoint", i, "removed", detail=f"from stage {old_tps[i][0]}") for i in removed]
    for old_id, new_id in pairs.items():
        (old_stage, a), (new_stage, b) = old_tps[old_id], new_tps[new_id]
        if old_id != new_id:
            changes.append(Change(scope, "touchpoint", new_id, "renamed", "id", old_id, new_id))
        if stage_renames.get(old_stage, old_stage) != new_stage:
            changes.append(Change(scope, "touchpoint", new_id, "moved", "stage", old_stage, new_stage))
        changes += _field_changes(scope, "touchpoint", new_id, _touchpoint_fields(a), _touchpoint_fields(b))
        changes += _emotion_changes(scope, new_id, a.emotions(old.personas), b.emotions(new.personas))
        changes += _pain_changes(scope, new_id, a, b)
        changes += _metric_changes(scope, new_id, a.metrics, b.metrics)
    changes += _reordered_touchpoints(scope, old, new, pairs, stage_renames)
    return changes


def _reordered_touchpoints(
    scope: str, old: Journey, new: Journey, pairs: dict[str, str], stage_renames: dict[str, str]
) -> Iterator[Change]:
    old_place = {
        pairs[tp.id]: (stage_renames.get(stage.id, stage.id), p)
        for stage in old.stages
        for p, tp in enumerate(stage.touchpoints)
        if tp.id in pairs
    }
    for stage in new.stages:
        new_position = {tp.id: p for p, tp in enumerate(stage.touchpoints)}
        stayed = [tp.id for tp in stage.touchpoints if old_place.get(tp.id, ("",))[0] == stage.id]
        positions = {i: old_place[i][1] for i in stayed}
        for tp_id in moved_items(stayed, positions):
            new_at = new_position[tp_id]
            yield Change(
                scope,
                "touchpoint",
                tp_id,
                "moved",
                "position",
                positions[tp_id] + 1,
                new_at + 1,
                detail=f"within stage {stage.id}",
            )


def _emotion_changes(scope: str, tp: str, old: dict[str, int], new: dict[str, int]) -> Iterator[Change]:
    for persona in [*old, *(p for p in new if p not in old)]:
        before, after = old.get(persona), new.get(persona)
        if before == after:
            continue
        if before is None or after is None:
            yield Change(scope, "emotion", tp, "changed", persona, before, after, detail=persona)
        else:
            kind = "improved" if after > before else "worsened"
            yield Change(scope, "emotion", tp, kind, persona, before, after, detail=persona)


def _pain_changes(scope: str, tp: str, old: Touchpoint, new: Touchpoint) -> Iterator[Change]:
    before = {p.text: p.severity for p in old.pain_points}
    after = {p.text: p.severity for p in new.pain_points}
    for text in after:
        if text not in before:
            yield Change(scope, "pain-point", tp, "added", new=text, detail=after[text])
    for text in before:
        if text not in after:
            yield Change(scope, "pain-point", tp, "resolved", old=text, detail=before[text])
        elif before[text] != after[text]:
            yield Change(scope, "pain-point", tp, "changed", "severity", before[text], after[text], detail=text)


def _metric_changes(scope: str, item: str, old: dict[str, float], new: dict[str, float]) -> list[Change]:
    return [
        Change(scope, "metric", item, "changed", name, old.get(name), new.get(name))
        for name in [*old, *(n for n in new if n not in old)]
        if old.get(name) != new.get(name)
    ]
