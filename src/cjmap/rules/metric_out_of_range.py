"""A known metric has an impossible value.

`conversion` and `drop_off` are shares in [0, 1]; `csat` is in [1, 5]; `nps` in [-100, 100];
`ces` in [1, 7]. Other metric names are free.

Failing:

    metrics:
      conversion: 45      # a share: 0.45

Passing:

    metrics:
      conversion: 0.45
      nps: 32
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.loader import Document, Loc
from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM108"
NAME = "metric-out-of-range"
SEVERITY = "error"
BOUNDS: dict[str, tuple[float, float]] = {
    "conversion": (0, 1),
    "drop_off": (0, 1),
    "csat": (1, 5),
    "nps": (-100, 100),
    "ces": (1, 7),
}


def check(workspace: Workspace) -> Iterator[Problem]:
    for journey in workspace.journeys:
        for s, stage in enumerate(journey.model.stages):
            yield from _metrics(journey.doc, ("stages", s, "metrics"), stage.metrics)
            for t, tp in enumerate(stage.touchpoints):
                yield from _metrics(journey.doc, (*touchpoint_loc(s, t), "metrics"), tp.metrics)


def _metrics(doc: Document, loc: Loc, metrics: dict[str, float]) -> Iterator[Problem]:
    for name, value in metrics.items():
        low, high = BOUNDS.get(name, (float("-inf"), float("inf")))
        if not low <= value <= high:
            hint = "conversion and drop-off are shares: 45% is 0.45" if high == 1 and value <= 100 else None
            yield doc.at((*loc, name), f"`{name}` is {value}, outside [{low:g}, {high:g}]", hint)
