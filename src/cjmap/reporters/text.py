"""Human-readable lines, `path:line:col: CODE severity message`, coloured on a terminal."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cjmap.linter import Report


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
# Control characters from user strings would break lines or drive the terminal: show them escaped.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def printable(value: str) -> str:
    return value.translate(_CONTROL)


def use_colour(out: TextIO) -> bool:
    """Colour for terminals, never when NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(out, "isatty") and out.isatty())


def report(result: Report, out: TextIO) -> None:
    colour = use_colour(out)
    paint = (lambda code, s: f"{code}{s}{_RESET}") if colour else (lambda code, s: s)
    for p in result.problems:
        where = paint(_BOLD, f"{printable(p.path)}:{p.line}:{p.column}:")
        level = paint(_COLOURS[p.severity], p.severity)
        hint = paint(_DIM, f" ({printable(p.hint)})") if p.hint else ""
        out.write(f"{where} {p.code} {level} {printable(p.message)}{hint} {paint(_DIM, '[' + p.rule + ']')}\n")
    out.write(summary(result) + "\n")


def summary(result: Report) -> str:
    counts = [(result.count(s), s) for s in ("error", "warning", "info")]
    parts = [f"{n} {name}{'' if n == 1 else 's'}" for n, name in counts if n]
    files = f"{result.files} file{'' if result.files == 1 else 's'}"
    return f"{', '.join(parts)} in {files}" if parts else f"{files} checked, no problems"
