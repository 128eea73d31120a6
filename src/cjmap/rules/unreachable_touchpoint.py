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
    # The path alone, from the analysis' own functions: the whole analysis (curves, hand-offs,
    # funnel) cost half of all rules' time in `cjmap validate` (docs/benchmarks.md).
    from cjmap.analysis import path_edges, reachable, steps  # with the models: only when files are parsed

    for journey in workspace.journeys:
        journey_steps = steps(journey.model)
        reached = reachable(journey_steps, path_edges(journey_steps))
        for step in journey_steps:
            if step.index not in reached:
                yield journey.at(
                    touchpoint_loc(step.stage_index, step.position),
                    f"touchpoint `{step.touchpoint.id}` cannot be reached from `{journey_steps[0].touchpoint.id}`",
                    "add it to the `next` list of a touchpoint before it",
                )
