"""A persona that no journey follows.

Either a map is missing for them, or the persona is out of date.
Only checked when the workspace has at least one journey.

Failing: a persona `carla` that no journey's `personas` lists.

Passing:

    personas: [ana, carla]
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.facts import Index
from cjmap.problem import Problem

CODE = "CJM212"
NAME = "unused-persona"
SEVERITY = "warning"


def check_index(index: Index) -> Iterator[Problem]:
    journeys = [mention for _, mention in index.declared("journey")]
    if not journeys:
        return
    used = {mention[1] for _, mention in index.references("persona")}
    for path, (_, persona, line, column) in index.declared("persona"):
        if persona not in used:
            yield Problem(path, line, column, "", f"persona `{persona}` is not followed by any journey")
