"""Linear maps between score scales (Mermaid's 1..5, a survey's, the workspace's emotion scale).

Rounding is half up, always in exact arithmetic, so a value maps the same way every time and on
every machine (Python's round() rounds halves to even, which made [-1, 2] map 3 back to 2). On
scales with at least as many values as the target, mapping there and back gives the value itself.
"""

from __future__ import annotations

import math
from fractions import Fraction


def rescale(value: float | Fraction, source: tuple[float, float], target: tuple[int, int]) -> int:
    """`value` on `source` (clamped to it) as the nearest whole value on `target`."""
    (lo, hi), (low, high) = (Fraction(source[0]), Fraction(source[1])), target
    if hi <= lo:
        raise ValueError(f"the scale {source[0]:g}..{source[1]:g} is empty")
    position = (min(max(Fraction(value), lo), hi) - lo) / (hi - lo)
    return math.floor(low + position * (high - low) + Fraction(1, 2))


MERMAID_SCALE = (1, 5)


def emotion_from_score(score: int, scale: tuple[int, int]) -> int:
    """Mermaid's 1..5 onto the workspace's emotion scale (1 -> low, 5 -> high)."""
    return rescale(score, MERMAID_SCALE, scale)


def score_from_emotion(emotion: float, scale: tuple[int, int]) -> int:
    """An emotion on the workspace's scale onto Mermaid's 1..5."""
    return rescale(emotion, scale, MERMAID_SCALE)
