"""An emotion rests on no evidence: none on the touchpoint, its stage or its journey.

Good maps are built from research (surveys, interviews, analytics), not from assumptions.

Failing: a touchpoint with `emotion` in a journey, stage and touchpoint that list no
`evidence`.

Passing:

    evidence: [checkout-survey-2026]     # on the journey, the stage or the touchpoint
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM208"
NAME = "unbacked-emotion"
SEVERITY = "warning"


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey, s, stage, t, tp in workspace.touchpoints():
        if tp.emotion is not None and not (tp.evidence or stage.evidence or journey.model.evidence):
            yield journey.at(
                (*touchpoint_loc(s, t), "emotion"),
                f"emotion at `{tp.id}` is not backed by evidence",
                "list the research behind it under `evidence`",
                key=True,
            )
