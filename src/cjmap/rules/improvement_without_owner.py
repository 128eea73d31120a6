"""An improvement nobody owns.

Improvements without an owner rarely happen; name the team or person accountable.

Failing:

    improvements:
      - id: evening-slots
        title: Offer evening delivery slots

Passing:

    improvements:
      - id: evening-slots
        title: Offer evening delivery slots
        owner: logistics
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM206"
NAME = "improvement-without-owner"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        for i, improvement in enumerate(journey.model.improvements):
            if not improvement.owner:
                yield journey.at(("improvements", i), f"improvement `{improvement.id}` has no owner")
