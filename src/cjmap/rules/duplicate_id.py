"""Two items share an id: personas, evidence and journeys across the workspace; stages,
touchpoints and improvements within a journey.

Failing:

    stages:
      - id: checkout
        name: Checkout
      - id: checkout
        name: Payment

Passing:

    stages:
      - id: checkout
        name: Checkout
      - id: payment
        name: Payment
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cjmap.loader import Document, Loc
from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM104"
NAME = "duplicate-id"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Problem]:
    for kind, entries in (
        ("persona", workspace.personas),
        ("evidence", workspace.evidence),
        ("journey", workspace.journeys),
    ):
        yield from _duplicates(kind, ((e.doc, ("id",), e.model.id) for e in entries))
    for journey in workspace.journeys:
        stages = journey.model.stages
        yield from _duplicates("stage", ((journey.doc, ("stages", s, "id"), st.id) for s, st in enumerate(stages)))
        yield from _duplicates(
            "touchpoint",
            (
                (journey.doc, (*touchpoint_loc(s, t), "id"), tp.id)
                for s, stage in enumerate(stages)
                for t, tp in enumerate(stage.touchpoints)
            ),
        )
        yield from _duplicates(
            "improvement",
            ((journey.doc, ("improvements", i, "id"), imp.id) for i, imp in enumerate(journey.model.improvements)),
        )


def _duplicates(kind: str, items: Iterable[tuple[Document, Loc, str]]) -> Iterator[Problem]:
    first: dict[str, tuple[Document, Loc]] = {}
    for doc, loc, item_id in items:
        if item_id not in first:
            first[item_id] = (doc, loc)
            continue
        other_doc, other_loc = first[item_id]
        line, _ = other_doc.source.locate(other_doc.index, other_loc)
        yield doc.at(loc, f"{kind} id `{item_id}` is already used", f"first defined at {other_doc.source.path}:{line}")
