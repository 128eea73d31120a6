"""A journey map does not say why it exists.

Objectives keep a map focused (which decision does it inform?) and tell later readers
whether it is still worth maintaining.

Failing: a journey without `objectives`.

Passing:

    objectives:
      - Find why first-time buyers abandon checkout
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM207"
NAME = "missing-objectives"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        if not journey.model.objectives:
            yield journey.at(
                ("id",),
                f"journey `{journey.model.id}` has no objectives",
                "add `objectives:` saying which decisions this map informs",
            )
