"""A touchpoint says nothing about how the customer feels.

The emotion curve is the heart of a journey map; a touchpoint without an emotion leaves a hole
in it.

Failing:

    - id: unboxing
      name: Unboxing
      channel: other

Passing:

    - id: unboxing
      name: Unboxing
      channel: other
      emotion: 2
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM203"
NAME = "missing-emotion"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey, s, _, t, tp in workspace.touchpoints():
        if tp.emotion is None:
            yield journey.at(touchpoint_loc(s, t), f"touchpoint `{tp.id}` has no emotion")
