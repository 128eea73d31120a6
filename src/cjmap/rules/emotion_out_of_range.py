"""An emotion lies outside the workspace's emotion scale (default -2..+2, `emotion_scale`).

Failing:

    emotion: 5

Passing:

    emotion: 2
    # or, when personas feel differently:
    emotion: {ana: -1, ben: 2}
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmap.problem import Problem
from cjmap.rules._common import touchpoint_loc
from cjmap.workspace import Workspace

CODE = "CJM107"
NAME = "emotion-out-of-range"
SEVERITY = "error"


def check(workspace: Workspace) -> Iterator[Problem]:
    low, high = workspace.config.emotion_scale
    for journey, s, _, t, tp in workspace.touchpoints():
        loc = (*touchpoint_loc(s, t), "emotion")
        values = tp.emotion.items() if isinstance(tp.emotion, dict) else [(None, tp.emotion)]
        for persona, value in values:
            if value is not None and not low <= value <= high:
                yield journey.at(
                    loc if persona is None else (*loc, persona),
                    f"emotion {value} is outside the scale {low:+d}..{high:+d}",
                )
