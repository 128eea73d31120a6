"""Text bound for a terminal: escaped so user text cannot drive it, coloured only where wanted."""

from __future__ import annotations

import os
from typing import TextIO

# Control characters from user strings would break lines or drive the terminal: show them escaped.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def printable(value: str) -> str:
    return value.translate(_CONTROL)


def use_colour(out: TextIO) -> bool:
    """Colour for terminals, never when NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(out, "isatty") and out.isatty())
