"""A frontstage action with nothing behind it: no backstage action and no support process.

In a service blueprint every action the customer sees an employee take rests on work behind the
line of visibility (who prepares it, which system it reads). A frontstage lane with nothing
under it is a promise the map cannot show being kept.

Failing:

    - id: branch-visit
      name: Branch appointment
      channel: branch
      frontstage: [Adviser checks the passport]

Passing:

    - id: branch-visit
      name: Branch appointment
      channel: branch
      frontstage: [Adviser checks the passport]
      backstage: [Adviser scans the documents into the case]
      support: [Document scanning]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM213"
NAME = "unsupported-frontstage"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        for s, stage in enumerate(journey.model.stages):
            for t, tp in enumerate(stage.touchpoints):
                if tp.frontstage and not (tp.backstage or tp.support):
                    yield journey.at(
                        (*touchpoint_loc(s, t), "frontstage"),
                        f"touchpoint `{tp.id}` has frontstage actions but nothing behind them",
                        "add the backstage actions or support processes that make them possible",
                        key=True,
                    )
