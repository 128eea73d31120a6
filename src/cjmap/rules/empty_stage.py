"""A stage has no touchpoints.

A stage with nothing in it is either a gap in the research or a stage the customer skips.

Failing:

    - id: loyalty
      name: Loyalty

Passing:

    - id: loyalty
      name: Loyalty
      touchpoints:
        - id: newsletter
          name: Monthly newsletter
          channel: email
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM202"
NAME = "empty-stage"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        for s, stage in enumerate(journey.model.stages):
            if not stage.touchpoints:
                yield journey.at(("stages", s), f"stage `{stage.id}` has no touchpoints")
