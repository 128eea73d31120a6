"""A journey map follows more than three personas.

One map tells one story; with more than three personas the emotion curves blur and the map
stops guiding decisions. Split it into maps for the personas that differ.

Failing:

    personas: [ana, ben, carla, dev]

Passing:

    personas: [ana, ben]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM201"
NAME = "too-many-personas"
SEVERITY = "warning"
LIMIT = 3


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        count = len(journey.model.personas)
        if count > LIMIT:
            yield journey.at(
                ("personas",),
                f"journey follows {count} personas; keep a map to {LIMIT} or fewer",
                "split it into one map per group of personas whose journeys differ",
                key=True,
            )
