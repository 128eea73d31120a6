"""A stage has pain points but neither an opportunity nor an improvement addresses them.

A map that lists pains and stops there is a complaint, not a plan.

Failing: a stage whose touchpoints list `pain_points`, with no `opportunities` on any of
them and no improvement whose `addresses` names one of them.

Passing:

    - id: checkout
      name: Checkout
      channel: web
      pain_points: [Shipping cost shown only at the end]
      opportunities: [Show shipping cost on the product page]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM205"
NAME = "pain-without-opportunity"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        addressed = {tp for imp in journey.model.improvements for tp in imp.addresses}
        for s, stage in enumerate(journey.model.stages):
            pained = [t for t, tp in enumerate(stage.touchpoints) if tp.pain_points]
            answered = any(tp.opportunities or tp.id in addressed for tp in stage.touchpoints)
            if pained and not answered:
                yield journey.at(
                    (*touchpoint_loc(s, pained[0]), "pain_points"),
                    f"stage `{stage.id}` has pain points but no opportunity or improvement",
                    "add opportunities, or an improvement that addresses these touchpoints",
                    key=True,
                )
