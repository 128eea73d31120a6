"""Every field of the format appears on the HTML map.

tests/render/every-field/ sets each field once with a value found nowhere else. FIELDS says where
each field shows: text on the page, or (for ids and links) an attribute. A new field in the models
fails `test_every_model_field_is_listed` until it is listed here, and so until the map shows it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from cjmap.model import MODELS, Improvement, Note, Stage, Touchpoint
from cjmap.render import html
from tests.render.conftest import context_for

FOLDER = Path(__file__).parent / "every-field"
# model -> field -> what must appear: text, or `attr:` followed by raw HTML. None: not shown, and why.
FIELDS: dict[str, dict[str, list[str] | str]] = {
    "Persona": {
        "kind": "the document's type, not content",
        "id": ['attr:id="persona-fiona"'],
        "name": ["Fiona Fieldsworth"],
        "role": ["Procurement lead at a clinic"],
        "summary": ["Buys equipment for twelve practitioners"],
        "age": ["47"],
        "quote": ["Show me the total before I have to ask"],
        "goals": ["Goal of stocking the clinic"],
        "needs": ["Need of invoices per practitioner"],
        "frustrations": ["Frustration with hidden delivery fees"],
        "motivations": ["Motivation of a calm waiting room"],
        "attributes": ["budget holder", "Northgate, Southbank"],
        "evidence": ["Evidence: Field study of clinic purchasing"],
    },
    "Evidence": {
        "kind": "the document's type, not content",
        "id": ['attr:id="ev-field-study"'],
        "title": ["Field study of clinic purchasing"],
        "type": ["observation"],
        "date": ["2026-05-04"],
        "sample_size": ["1,234,567"],
        "url": ['attr:href="https://example.org/field-study"'],
        "summary": ["Summary of six clinic visits"],
    },
    "Journey": {
        "kind": "the document's type, not content",
        "id": ["restock-clinic"],
        "title": ["Restocking a clinic"],
        "personas": ["Fiona Fieldsworth", "Gus Groundwork"],
        "stages": ["Stage Reorder", "Stage Waiting"],
        "scenario": ["Scenario of a clinic running low on gloves"],
        "owner": ["clinic-cx-team"],
        "state": ["to-be"],
        "reviewed": ["2026-06-01"],
        "objectives": ["Objective of one-click reorders"],
        "tags": ["tag-healthcare"],
        "evidence": ["Field study of clinic purchasing"],
        "improvements": ["Improvement of a size guide"],
    },
    "Stage": {
        "id": ['attr:id="stage-reorder"'],
        "name": ["Stage Reorder"],
        "goal": ["Goal of placing the order"],
        "description": ["Stage description of the reorder"],
        "metrics": ["Conversion 38.5%", "nps 31"],
        "evidence": ["Evidence: Field study of clinic purchasing"],
        "touchpoints": ["Catalogue search", "Checkout page"],
    },
    "Touchpoint": {
        "id": ['attr:id="tp-catalogue"'],
        "name": ["Catalogue search"],
        "channel": ["web"],
        "scope": ["internal"],
        "device": ["tablet"],
        "owner": ["Owner: team-catalogue"],
        "personas": ["Taken by Fiona Fieldsworth"],
        "description": ["Touchpoint description of the catalogue"],
        "actions": ["Action of searching for gloves"],
        "thoughts": ["Thought about glove sizes"],
        "emotion": ["Fiona Fieldsworth -1"],
        "pain_points": ["high Pain of vague sizes"],
        "opportunities": ["low Opportunity of a size guide"],
        "frontstage": ["Frontstage chat agent suggests sizes"],
        "backstage": ["Backstage stock lookup"],
        "support": ["Support warehouse system"],
        "physical_evidence": ["Physical evidence of a size chart"],
        "critical": ["critical moment"],
        "metrics": ["survey score 3.25 (n = 12)", "reach 420,000"],
        "evidence": ["Evidence: Field study of clinic purchasing"],
        "next": ["Next: Checkout page"],
    },
    "Improvement": {
        "id": ['attr:id="imp-size-guide"'],
        "title": ["Improvement of a size guide"],
        "owner": ["Owner: team-size-guide"],
        "status": ["in-progress"],
        "due": ["2026-09-30"],
        "description": ["Improvement description of the size guide"],
        "addresses": ['attr:href="#tp-catalogue">Catalogue search</a>'],
    },
    "Note": {"text": ["Pain of vague sizes"], "severity": ["high Pain", "low Opportunity"]},
}
NESTED = {"Stage": Stage, "Touchpoint": Touchpoint, "Improvement": Improvement, "Note": Note}
PLACEHOLDER = ["Stage Waiting", "No touchpoints yet"]


class Text(HTMLParser):
    """The page's text as a reader gets it: no styles, whitespace collapsed."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.feed(page)
        self.text = " ".join(" ".join(self.parts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def expected() -> list[tuple[str, str, str]]:
    """(model, field, what must appear) for every shown field."""
    return [
        (model, name, item)
        for model, fields in FIELDS.items()
        for name, items in fields.items()
        if isinstance(items, list)
        for item in items
    ]


def rendered() -> str:
    context = context_for(FOLDER)
    return html.render(context, context.analyses["restock-clinic"], "html").decode()


def test_every_model_field_is_listed() -> None:
    models = {cls.__name__: cls for cls in [*MODELS.values(), *NESTED.values()]}
    assert set(FIELDS) == set(models)
    for name, cls in models.items():
        assert set(FIELDS[name]) == set(cls.model_fields), name


def test_the_fixture_sets_every_field() -> None:
    workspace = context_for(FOLDER).workspace
    journey = workspace.journeys[0].model
    touchpoint, improvement = journey.stages[0].touchpoints[0], journey.improvements[0]
    for instance in (workspace.personas[0].model, workspace.evidence[0].model, journey, journey.stages[0]):
        assert instance.model_fields_set == set(type(instance).model_fields), type(instance).__name__
    assert touchpoint.model_fields_set == set(Touchpoint.model_fields)
    assert improvement.model_fields_set == set(Improvement.model_fields)


@pytest.mark.parametrize(("model", "field", "item"), expected(), ids=lambda v: str(v)[:40])
def test_every_field_appears_on_the_page(model: str, field: str, item: str) -> None:
    page = _page()
    if item.startswith("attr:"):
        assert item[5:] in page
    else:
        assert item in Text(page).text


def test_an_empty_stage_is_a_placeholder_column() -> None:
    text = Text(_page()).text
    assert all(item in text for item in PLACEHOLDER)
    assert 'class="tp placeholder"' in _page()


_CACHE: dict[str, str] = {}


def _page() -> str:
    if "page" not in _CACHE:
        _CACHE["page"] = rendered()
    return _CACHE["page"]
