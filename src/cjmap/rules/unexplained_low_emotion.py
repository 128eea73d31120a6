"""A negative emotion with no pain point to explain it.

If the customer feels bad here, the map should say why, so the team knows what to fix.

Failing:

    - id: delivery-slot
      name: Choose a delivery slot
      channel: web
      emotion: -2

Passing:

    - id: delivery-slot
      name: Choose a delivery slot
      channel: web
      emotion: -2
      pain_points:
        - text: No evening slots for a week
          severity: high
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM204"
NAME = "unexplained-low-emotion"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey, s, _, t, tp in workspace.touchpoints():
        lowest = min(tp.emotions(journey.model.personas).values(), default=0)
        if lowest < 0 and not tp.pain_points:
            yield journey.at(
                (*touchpoint_loc(s, t), "emotion"),
                f"emotion {lowest} at `{tp.id}` has no pain point explaining it",
                "add the pain points customers report here",
            )
