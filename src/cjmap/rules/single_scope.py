"""Every touchpoint is external: the map shows no peripheral or internal touchpoints.

Customers meet a brand before they reach its assets (an ad, a friend's referral: peripheral)
and through its people and processes (support staff, a refund process: internal). A map of
website and app screens alone misses both.

Failing: a journey whose touchpoints all have `scope: external` (or no scope).

Passing: at least one touchpoint with `scope: peripheral` or `scope: internal`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.workspace import Workspace

CODE = "CJM210"
NAME = "single-scope"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        scopes = {tp.scope or "external" for stage in journey.model.stages for tp in stage.touchpoints}
        if scopes == {"external"}:
            yield journey.at(
                ("stages",),
                "every touchpoint is external; none is peripheral or internal",
                "add the ads, referrals, staff and processes customers meet",
                key=True,
            )
