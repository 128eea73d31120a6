"""Human-readable lines, `path:line:col: CODE severity message`, coloured on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.terminal import printable, use_colour

if TYPE_CHECKING:
    from cjmap.linter import Report


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


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
