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

from collections import defaultdict
from collections.abc import Iterator

from cjmap.analysis import Step, path_edges, steps
from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM211"
NAME = "unreachable-touchpoint"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        order = steps(journey.model)
        reached = _reachable(order)
        for step in order:
            if step.index not in reached:
                yield journey.at(
                    touchpoint_loc(step.stage_index, step.position),
                    f"touchpoint `{step.touchpoint.id}` cannot be reached from `{order[0].touchpoint.id}`",
                    "add it to the `next` list of a touchpoint before it",
                )


def _reachable(order: list[Step]) -> set[int]:
    following: dict[int, list[int]] = defaultdict(list)
    for source, target in path_edges(order):
        following[source.index].append(target.index)
    reached: set[int] = set()
    todo = [0] if order else []
    while todo:
        current = todo.pop()
        if current not in reached:
            reached.add(current)
            todo.extend(following[current])
    return reached
