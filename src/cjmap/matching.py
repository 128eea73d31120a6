"""Pair the items of two versions of a list: by id, or as a rename when an id changed but the
content is nearly the same (at least RENAME_THRESHOLD of the fields, ids aside, are equal).

Pairs are chosen best score first, as if every removed item were scored against every added
one, but in near-linear time at any size, so that a diff never becomes less strict as it grows:

1. Items whose fields are all equal (a rename and nothing else) pair up by one hash of their
   fields: linear.
2. For the rest, each field value is a signature, an index maps signatures to the added items,
   and a removed item is scored only against the added items that share one of its rarest
   signatures. That loses no pair: to agree on 60% of its n fields, an added item must agree on
   one of any n - ceil(0.6 n) + 1 of them (prefix filtering, as in set-similarity joins).

Only when many items share fields without being equal does step 2 grow; past a budget linear in
the number of items it stops, and the result says it could not decide, so that `--fail-on
worsened` fails rather than passing on additions and removals.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

RENAME_THRESHOLD = 0.6
BUDGET_BASE = 2_500  # comparisons always allowed: every pair of 50 removed and 50 added items
BUDGET_PER_ITEM = 64  # comparisons allowed per removed and added item on top

Fields = Callable[[Any], dict[str, Any]]


@dataclass
class Matching:
    """Old id -> new id for the items kept (same id or renamed), the ids only added and only
    removed, and whether every rename could be decided within the budget."""

    pairs: dict[str, str]
    added: list[str]
    removed: list[str]
    decided: bool = True
    compared: int = field(default=0, compare=False)


def similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Share of fields (ids aside) that two items set to the same value."""
    keys = (set(a) | set(b)) - {"id"}
    return sum(a.get(k) == b.get(k) for k in keys) / len(keys) if keys else 0.0


def match(old: dict[str, Any], new: dict[str, Any], fields: Fields) -> Matching:
    """Pair `old` and `new` items (by id -> item) by id, then renames, best scores first."""
    pairs = {i: i for i in old if i in new}
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    if not (removed and added):
        return Matching(pairs, added, removed)
    old_fields = {r: fields(old[r]) for r in removed}
    new_fields = {a: fields(new[a]) for a in added}
    pairs |= _equal(old_fields, new_fields)
    taken_new = set(pairs.values())
    old_fields = {r: f for r, f in old_fields.items() if r not in pairs}
    new_fields = {a: f for a, f in new_fields.items() if a not in taken_new}
    scored, compared, decided = _candidates(old_fields, new_fields)
    for _, r, a in sorted(scored, reverse=True):
        if r not in pairs and a not in taken_new:
            pairs[r] = a
            taken_new.add(a)
    return Matching(
        pairs, [a for a in added if a not in taken_new], [r for r in removed if r not in pairs], decided, compared
    )


def _equal(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Removed -> added items whose fields (ids aside) are all equal: score 1, the best. Within a
    group of equal items, in the order scoring every pair would pick them (ids descending)."""
    groups: dict[str, list[str]] = {}
    for a in sorted(new):  # popped from the end: highest id first
        if _without_id(new[a]):
            groups.setdefault(_whole(new[a]), []).append(a)
    pairs = {}
    for r in sorted(old, reverse=True):
        group = groups.get(_whole(old[r])) if _without_id(old[r]) else None
        if group:
            pairs[r] = group.pop()
    return pairs


def _without_id(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "id"}


def _whole(values: dict[str, Any]) -> str:
    return json.dumps(_without_id(values), sort_keys=True, default=str)


def _signature(key: str, value: Any) -> tuple[str, str]:
    return key, json.dumps(value, sort_keys=True, default=str)


def _candidates(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> tuple[list[tuple[float, str, str]], int, bool]:
    """(score, removed id, added id) for every pair at or over the threshold; the number of
    comparisons made; and False when the budget ran out before every removed item was done.

    Added items are grouped by the fields they set: against one group the number of fields of a
    pair is known, so the prefix a candidate must share is as short as it can be."""
    groups: dict[frozenset[str], dict[tuple[str, str], list[str]]] = {}
    frequency: Counter[tuple[str, str]] = Counter()
    for a, values in new.items():
        keys = frozenset(values) - {"id"}
        index = groups.setdefault(keys, {})
        for key in keys:
            signature = _signature(key, values[key])
            index.setdefault(signature, []).append(a)
            frequency[signature] += 1
    budget = BUDGET_BASE + BUDGET_PER_ITEM * (len(old) + len(new))
    scored: list[tuple[float, str, str]] = []
    compared = 0
    for r, values in old.items():
        mine = {k: _signature(k, v) for k, v in values.items() if k != "id"}
        rarest_first = sorted(mine, key=lambda k: frequency[mine[k]])
        seen: set[str] = set()
        for keys, index in groups.items():
            shared = [k for k in rarest_first if k in keys]
            needed = math.ceil(RENAME_THRESHOLD * len(keys | mine.keys()) - 1e-9)  # 0.6 * 5 is 3.0000000000000004
            for key in shared[: max(len(shared) - needed + 1, 0)] if needed else []:
                for a in index.get(mine[key], ()):
                    if a in seen:
                        continue
                    seen.add(a)
                    compared += 1
                    if compared > budget:
                        return scored, compared, False
                    score = similarity(values, new[a])
                    if score >= RENAME_THRESHOLD:
                        scored.append((score, r, a))
    return scored, compared, True
