"""A reference names nothing: a persona, evidence or touchpoint id that does not exist.

Checked: a journey's `personas` and `evidence`, `evidence` on personas, stages and
touchpoints, touchpoint `next`, improvement `addresses`, and the persona ids of a touchpoint's
`personas` and of a per-persona `emotion` (they must be personas of the journey).

Failing:

    personas: [ana]
    stages:
      - id: buy
        name: Buy
        touchpoints:
          - id: cart
            name: Cart
            channel: web
            next: [checkuot]      # did you mean `checkout`?
          - id: checkout
            name: Checkout
            channel: web

Passing: `next: [checkout]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.facts import Index
from cjmap.loader import Document, Loc
from cjmap.problem import Problem, suggest
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Entry, Workspace

CODE = "CJM105"
NAME = "unknown-reference"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Problem]:
    """Within each journey: touchpoint ids and the journey's own personas."""
    for journey in workspace.journeys:
        yield from _journey(journey)


def check_index(index: Index) -> Iterator[Problem]:
    """Across the workspace: persona and evidence ids (those of documents that failed count too)."""
    for kind in ("persona", "evidence"):
        known = index.ids(kind)
        for path, (_, item, line, column) in index.references(kind):
            if item not in known:
                yield Problem(path, line, column, "", f"unknown {kind} `{item}`", hint=suggest(item, known))


def _journey(journey: Entry) -> Iterator[Problem]:
    model, doc = journey.model, journey.doc
    touchpoints = {tp.id for stage in model.stages for tp in stage.touchpoints}
    for s, stage in enumerate(model.stages):
        for t, tp in enumerate(stage.touchpoints):
            loc = touchpoint_loc(s, t)
            yield from _refs(doc, (*loc, "next"), tp.next or [], touchpoints, "touchpoint")
            for i, persona in enumerate(tp.personas or []):
                if persona not in model.personas:
                    yield _not_on_journey(doc, (*loc, "personas", i), persona, model.personas, key=False)
            for persona in tp.emotion if isinstance(tp.emotion, dict) else {}:
                if persona not in model.personas:
                    yield _not_on_journey(doc, (*loc, "emotion", persona), persona, model.personas, key=True)
    for i, improvement in enumerate(model.improvements):
        yield from _refs(doc, ("improvements", i, "addresses"), improvement.addresses, touchpoints, "touchpoint")


def _not_on_journey(doc: Document, loc: Loc, persona: str, personas: list[str], *, key: bool) -> Problem:
    return doc.at(loc, f"`{persona}` is not a persona of this journey", suggest(persona, personas), key=key)


def _refs(doc: Document, loc: Loc, ids: list[str], known: set[str], kind: str) -> Iterator[Problem]:
    for i, item in enumerate(ids):
        if item not in known:
            yield doc.at((*loc, i), f"unknown {kind} `{item}`", suggest(item, known))
