"""Hypothesis strategies for journeys with branches, personas on touchpoints and gaps in emotions."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cjmap.model import Journey

PERSONAS = ["ana", "ben", "cy", "di"]
CHANNELS = ["web", "phone", "email"]


@st.composite
def journeys(draw: st.DrawFn, max_touchpoints: int = 9, max_personas: int = 3) -> Journey:
    """A valid journey: up to four stages (some empty), `next` links anywhere (loops included),
    touchpoints some personas skip, emotions missing here and there."""
    personas = PERSONAS[: draw(st.integers(1, max_personas))]
    count = draw(st.integers(1, max_touchpoints))
    ids = [f"t{i}" for i in range(count)]
    touchpoints = [_touchpoint(draw, tp, ids, personas) for tp in ids]
    cuts = sorted(draw(st.lists(st.integers(0, count), max_size=3)))
    bounds = [0, *cuts, count]
    stages = [
        {"id": f"s{n}", "name": f"S{n}", "touchpoints": touchpoints[a:b]}
        for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]
    return Journey.model_validate({"kind": "journey", "id": "j", "title": "J", "personas": personas, "stages": stages})


def _touchpoint(draw: st.DrawFn, tp: str, ids: list[str], personas: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {"id": tp, "name": tp.upper(), "channel": draw(st.sampled_from(CHANNELS))}
    found["owner"] = draw(st.sampled_from(["a-team", "b-team"]))
    if draw(st.booleans()):
        found["personas"] = draw(st.lists(st.sampled_from(personas), unique=True, max_size=len(personas)))
    if draw(st.integers(0, 3)) == 0:
        found["next"] = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    kind = draw(st.integers(0, 3))
    if kind == 1:
        found["emotion"] = draw(st.integers(-2, 2))
    elif kind >= 2:
        found["emotion"] = {p: draw(st.integers(-2, 2)) for p in personas if draw(st.integers(0, 4))}
    return found
