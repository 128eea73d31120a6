"""A persona that no journey follows.

Either a map is missing for them, or the persona is out of date.
Only checked when the workspace has at least one journey.

Failing: a persona `carla` that no journey's `personas` lists.

Passing:

    personas: [ana, carla]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM212"
NAME = "unused-persona"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    if not workspace.journeys:
        return
    used = {p for journey in workspace.journeys for p in journey.model.personas}
    for persona in workspace.personas:
        if persona.model.id not in used:
            yield persona.at(("id",), f"persona `{persona.model.id}` is not followed by any journey")
