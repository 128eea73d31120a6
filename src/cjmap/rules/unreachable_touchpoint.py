"""A touchpoint cannot be reached from the first touchpoint by following the path.

The path is each touchpoint's `next` list where given, otherwise the order of appearance.
An unreachable touchpoint usually means a `next` list forgot it.

Failing:

    touchpoints:
      - id: search
        name: Search
        channel: web
        next: [checkout]
      - id: compare         # nothing leads here
        name: Compare
        channel: web
      - id: checkout
        name: Checkout
        channel: web

Passing: `next: [compare, checkout]` on `search`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM211"
NAME = "unreachable-touchpoint"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    from cjmap.analysis import analyses, reachable  # with the models: only when files are parsed

    for journey, analysis in zip(workspace.journeys, analyses(workspace), strict=True):
        reached = reachable(analysis.steps, analysis.edges)
        for step in analysis.steps:
            if step.index not in reached:
                yield journey.at(
                    touchpoint_loc(step.stage_index, step.position),
                    f"touchpoint `{step.touchpoint.id}` cannot be reached from `{analysis.steps[0].touchpoint.id}`",
                    "add it to the `next` list of a touchpoint before it",
                )
