"""Small helpers shared by rules."""

from __future__ import annotations

from cjmap.loader import Loc


def touchpoint_loc(stage: int, touchpoint: int) -> Loc:
    return ("stages", stage, "touchpoints", touchpoint)
