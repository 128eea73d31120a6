"""A journey map was never reviewed, or not for longer than `stale_after_days` (180).

Journeys change as products do; a map nobody has checked in months misleads.
"Today" is the current date, or SOURCE_DATE_EPOCH when set (for reproducible runs).

Failing:

    reviewed: 2024-01-15

Passing:

    reviewed: 2026-10-02     # within stale_after_days of today
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM209"
NAME = "stale-review"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    today, limit = workspace.config.today, workspace.config.stale_after_days
    for journey in workspace.journeys:
        reviewed = journey.model.reviewed
        if reviewed is None:
            yield journey.at(
                ("id",),
                f"journey `{journey.model.id}` has never been reviewed",
                "add `reviewed:` with the date of the last review",
            )
        elif (today - reviewed).days > limit:
            yield journey.at(
                ("reviewed",),
                f"last reviewed {(today - reviewed).days} days ago (limit {limit})",
                "review the map with the team and update `reviewed`",
            )
