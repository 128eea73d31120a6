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

from cjmap.facts import Index
from cjmap.loader import Document, Loc
from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM104"
NAME = "duplicate-id"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Problem]:
    """Within each journey: stages, touchpoints and improvements."""
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


def check_index(index: Index) -> Iterator[Problem]:
    """Across the workspace: personas, evidence and journeys."""
    for kind in ("persona", "evidence", "journey"):
        first: dict[str, tuple[str, int]] = {}
        for path, (_, item_id, line, column) in index.declared(kind):
            if item_id not in first:
                first[item_id] = (path, line)
                continue
            other_path, other_line = first[item_id]
            yield Problem(
                path,
                line,
                column,
                "",
                f"{kind} id `{item_id}` is already used",
                hint=f"first defined at {other_path}:{other_line}",
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
