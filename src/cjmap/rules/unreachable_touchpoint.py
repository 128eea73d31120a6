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
    for journey in workspace.journeys:
        order = [(s, t, tp) for s, stage in enumerate(journey.model.stages) for t, tp in enumerate(stage.touchpoints)]
        reached = _reachable([tp for _, _, tp in order])
        for index, (s, t, tp) in enumerate(order):
            if index not in reached:
                yield journey.at(
                    touchpoint_loc(s, t),
                    f"touchpoint `{tp.id}` cannot be reached from `{order[0][2].id}`",
                    "add it to the `next` list of a touchpoint before it",
                )


def _reachable(touchpoints: list) -> set[int]:
    index = {tp.id: i for i, tp in reversed(list(enumerate(touchpoints)))}
    reached: set[int] = set()
    todo = [0] if touchpoints else []
    while todo:
        current = todo.pop()
        if current in reached:
            continue
        reached.add(current)
        following = touchpoints[current].next
        if following is None:
            todo.extend([current + 1] if current + 1 < len(touchpoints) else [])
        else:
            todo.extend(index[i] for i in following if i in index)
    return reached
