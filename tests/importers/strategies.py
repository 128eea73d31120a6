"""Hypothesis strategies for whole journeys, generated from the models' fields.

Each field's values come from its spreadsheet column kind (importers.columns derives the kinds
from the models), so a field added to the format is generated, exported and imported here
without anyone remembering to.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cjmap.importers.columns import EVIDENCE, IMPROVEMENT, JOURNEY, PERSONA, STAGE, TOUCHPOINT, Column

# Any text a team might type, and the characters cells, CSV, YAML and Excel treat as syntax.
TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85\u2028\u2029"),
        st.sampled_from([*";,\"'=+-@#:%[]\n\r\t ", " [low]", "[high]", ";;", "(none)", '""']),
    ),
    max_size=8,
).map("".join)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
METRIC = st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True)
NUMBER = st.one_of(st.integers(-5000, 5000), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)))


def _value(column: Column, personas: list[str]) -> st.SearchStrategy[Any]:
    kinds: dict[str, st.SearchStrategy[Any]] = {
        "text": TEXT,
        "id": IDS,
        "items": st.lists(TEXT, max_size=3),
        "ids": st.lists(IDS, max_size=3, unique=True),
        "notes": st.lists(
            st.builds(lambda t, s: {"text": t, "severity": s}, TEXT, st.sampled_from(["low", "medium", "high"])),
            max_size=3,
        ),
        "flag": st.booleans(),
        "choice": st.sampled_from(column.choices or ("x",)),
        "date": st.dates().map(lambda d: d.isoformat()),
        "whole": st.integers(0, 10_000),
        "scalar": st.one_of(st.integers(0, 120), st.from_regex(r"[a-z][a-z ]{0,8}", fullmatch=True)),
        "json": st.dictionaries(METRIC, st.one_of(st.integers(-9, 9), TEXT, st.booleans()), max_size=2),
        "metrics": st.dictionaries(METRIC, NUMBER, max_size=3),
        "emotion": st.one_of(
            st.integers(-2, 2), st.dictionaries(st.sampled_from(personas), st.integers(-2, 2), min_size=1)
        ),
    }
    return kinds[column.kind]


@st.composite
def item(draw: st.DrawFn, columns: list[Column], fixed: dict[str, Any], personas: list[str]) -> dict[str, Any]:
    """A mapping with every required field and any of the others."""
    found: dict[str, Any] = {}
    for column in columns:
        if column.field in fixed:
            found[column.field] = fixed[column.field]
        elif column.field == "personas":  # who takes a touchpoint: the journey's personas
            found[column.field] = draw(st.none() | st.lists(st.sampled_from(personas), unique=True))
        elif column.required or draw(st.booleans()):
            found[column.field] = draw(_value(column, personas))
    return found


@st.composite
def workspace(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Documents: personas, evidence and one journey using them."""
    personas = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    evidence = draw(st.lists(IDS.map(lambda i: f"ev-{i}"), max_size=2, unique=True))
    stages = []
    touchpoint_ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    stage_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    for index, stage_id in enumerate(stage_ids):
        stage = draw(item([c for c in STAGE], {"id": stage_id}, personas))
        mine = touchpoint_ids[index :: len(stage_ids)]
        stage["touchpoints"] = [draw(item(TOUCHPOINT, {"id": t}, personas)) for t in mine]
        stages.append(stage)
    journey = draw(item(JOURNEY, {"id": "generated", "personas": personas, "evidence": evidence}, personas))
    improvements = draw(st.lists(IDS, max_size=2, unique=True))
    journey |= {"kind": "journey", "stages": stages}
    journey["improvements"] = [draw(item(IMPROVEMENT, {"id": i}, personas)) for i in improvements]
    people = [
        {"kind": "persona"} | draw(item(PERSONA, {"id": p, "evidence": evidence[:1]}, personas)) for p in personas
    ]
    research = [{"kind": "evidence"} | draw(item(EVIDENCE, {"id": e}, personas)) for e in evidence]
    return [*people, *research, journey]
