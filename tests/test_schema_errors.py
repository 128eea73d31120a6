"""Schema problems read as English, whatever a field holds: never pydantic's own wording."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmap.config import Config
from cjmap.loader import Source, compose
from cjmap.model import Evidence, Improvement, Journey, Persona, Stage, Touchpoint
from cjmap.workspace import workspace_from_sources

TOUCHPOINT = {"id": "t", "name": "T", "channel": "web"}
STAGE = {"id": "s", "name": "S", "touchpoints": [TOUCHPOINT]}
IMPROVEMENT = {"id": "i", "title": "I"}
JOURNEY = {
    "kind": "journey",
    "id": "j",
    "title": "J",
    "personas": ["p"],
    "stages": [STAGE],
    "improvements": [IMPROVEMENT],
}
PERSONA = {"kind": "persona", "id": "p", "name": "P"}
EVIDENCE = {"kind": "evidence", "id": "e", "title": "E", "type": "survey"}
# (model, a valid document, the path inside it to the mapping the model describes)
PLACES: list[tuple[Any, dict[str, Any], tuple[Any, ...]]] = [
    (Persona, PERSONA, ()),
    (Evidence, EVIDENCE, ()),
    (Journey, JOURNEY, ()),
    (Stage, JOURNEY, ("stages", 0)),
    (Touchpoint, JOURNEY, ("stages", 0, "touchpoints", 0)),
    (Improvement, JOURNEY, ("improvements", 0)),
]
FIELDS = [(model, document, path, name) for model, document, path in PLACES for name in model.model_fields]
UNENGLISH = re.compile(r"\b(\w+ \w+) \1\b|[Ss]hould|Input |Value error|^Keys |pydantic|[a-z]_[a-z]+_type")
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(scalars, inner, max_size=2), max_leaves=4
)


def problems(document: dict[str, Any]) -> list[str]:
    source = Source("x.yaml", yaml.safe_dump(document, allow_unicode=True))
    compose(source)
    workspace = workspace_from_sources([(source, True)], Config())
    return [p.message for p in workspace.problems if p.rule == "schema"]


def replaced(document: Any, path: tuple[Any, ...], name: str, value: Any) -> Any:
    import copy

    changed = copy.deepcopy(document)
    target = changed
    for part in path:
        target = target[part]
    target[name] = value
    return changed


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(FIELDS), value=values)
def test_every_schema_message_reads_as_english(place: tuple[Any, ...], value: Any) -> None:
    _, document, path, name = place
    for message in problems(replaced(document, path, name, value)):
        assert not UNENGLISH.search(message), message
        assert message[0].islower() or message[0] in "`", message


def test_the_messages_once_found_garbled() -> None:
    assert problems({**PERSONA, 1: "x"}) == ["key 1 must be text"]
    assert problems(replaced(JOURNEY, ("improvements", 0), "due", "soon")) == [
        "`due` must be an ISO date such as 2026-03-31; got 'soon'"
    ]
    assert problems(replaced(JOURNEY, (), "reviewed", "2026-13-45")) == [
        "`reviewed` must be a date on the calendar; got '2026-13-45'"
    ]
