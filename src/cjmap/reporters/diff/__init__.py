"""Diff reporters: text for terminals, markdown for pull requests, json for tools; and the
wording they share. Each module has `report(diff, out)` (registry: cjmap.reporters.DIFF).
"""

from __future__ import annotations

from json import dumps
from typing import TYPE_CHECKING, Any

from cjmap.wording import signed

if TYPE_CHECKING:
    from cjmap.diff import Change, Diff

SIGNS = {"added": "+", "removed": "-", "resolved": "-", "improved": "↑", "worsened": "↓", "undecided": "?"}


def shown(value: Any) -> str:
    """A value as a reviewer reads it: text quoted, lists and mappings compact."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, dict)):
        return dumps(value, ensure_ascii=False)
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe(change: Change) -> str:
    """One change in words: `touchpoint cart: emotion of ana -1 → -2 (worsened by 1)`."""
    c = change
    if c.kind == "undecided":
        return f"{c.item}s: {c.detail} to tell which were renamed; their emotions were not compared"
    if c.item == "emotion":
        if c.old is None or c.new is None:
            return f"touchpoint {c.id}: emotion of {c.detail} {shown(c.old)} → {shown(c.new)}"
        change_by = f"{c.kind} by {abs(c.new - c.old)}"
        return f"touchpoint {c.id}: emotion of {c.detail} {signed(c.old)} → {signed(c.new)} ({change_by})"
    if c.item == "pain-point":
        if c.kind == "changed":
            return f"touchpoint {c.id}: pain point {shown(c.detail)} severity {c.old} → {c.new}"
        text = c.new if c.kind == "added" else c.old
        return f"touchpoint {c.id}: pain point {c.kind}: {shown(text)} ({c.detail})"
    if c.item == "metric":
        return f"{c.id}: metric {c.field} {shown(c.old)} → {shown(c.new)}"
    if c.kind == "renamed":
        return f"{c.item} {c.old} renamed to {c.new}"
    if c.kind == "moved":
        where = f"from stage {c.old} to stage {c.new}" if c.field == "stage" else f"from position {c.old} to {c.new}"
        return f"{c.item} {c.id} moved {where}" + (f" {c.detail}" if c.detail else "")
    if c.kind in ("added", "removed"):
        title = c.new if c.kind == "added" else c.old
        extra = f" {shown(title)}" if title else ""
        return f"{c.item} {c.id}{extra} {c.kind}" + (f" {c.detail}" if c.detail else "")
    if c.kind == "completed":
        return f"improvement {c.id} completed (status {c.old} → {c.new})"
    return f"{c.item} {c.id}: {c.field} {shown(c.old)} → {shown(c.new)}"


def verdict(diff: Diff) -> str:
    if not diff.changes:
        return "No semantic changes."
    count = len(diff.changes)
    emotions = (
        f"; emotions: {diff.improved} improved, {diff.worsened} worsened" if diff.improved or diff.worsened else ""
    )
    return f"{count} semantic change{'s' if count != 1 else ''}{emotions}."


def grouped(diff: Diff) -> dict[str, list[Change]]:
    """Changes by scope: workspace-level first, then each journey in first-seen order."""
    groups: dict[str, list[Change]] = {}
    for change in sorted(diff.changes, key=lambda c: c.scope != "workspace"):
        groups.setdefault(change.scope, []).append(change)
    return groups
