"""Pair the items of two versions of a list: by id, or as a rename when an id changed but the
content is nearly the same (at least RENAME_THRESHOLD of the fields, ids aside, are equal).

Renames are found in near-linear time at any size, so a diff never becomes less strict as it
grows: each field value is a signature, an index maps signatures to the added items, and each
removed item is compared only with the added items that share one of its rarest signatures.
That loses no pair: to agree on 60% of its n fields, an added item must agree on at least one
of any n - ceil(0.6 n) + 1 of them (prefix filtering, as in set-similarity joins). Only when
many items look alike (a shared signature in every prefix) does the work grow; past a budget
linear in the number of items, matching stops and the result says it could not decide, so that
`--fail-on worsened` fails instead of passing on additions and removals.
"""

from __future__ import annotations

import json
import math
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
    scored, compared, decided = _candidates(old_fields, new_fields)
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    for _, r, a in sorted(scored, reverse=True):
        if r not in taken_old and a not in taken_new:
            pairs[r] = a
            taken_old.add(r)
            taken_new.add(a)
    return Matching(
        pairs, [a for a in added if a not in taken_new], [r for r in removed if r not in taken_old], decided, compared
    )


def _signature(key: str, value: Any) -> tuple[str, str]:
    return key, json.dumps(value, sort_keys=True, default=str)


def _candidates(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> tuple[list[tuple[float, str, str]], int, bool]:
    """(score, removed id, added id) for every pair at or over the threshold; the number of
    comparisons made; and False when the budget ran out before every removed item was done."""
    index: dict[tuple[str, str], list[str]] = {}
    for a, values in new.items():
        for key, value in values.items():
            if key != "id":
                index.setdefault(_signature(key, value), []).append(a)
    budget = BUDGET_BASE + BUDGET_PER_ITEM * (len(old) + len(new))
    scored: list[tuple[float, str, str]] = []
    compared = 0
    for r, values in old.items():
        signatures = sorted(
            (_signature(k, v) for k, v in values.items() if k != "id"), key=lambda s: len(index.get(s, ()))
        )
        needed = math.ceil(RENAME_THRESHOLD * len(signatures) - 1e-9)  # 0.6 * 5 is 3.0000000000000004
        seen: set[str] = set()
        for signature in signatures[: len(signatures) - needed + 1] if signatures else []:
            for a in index.get(signature, ()):
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
