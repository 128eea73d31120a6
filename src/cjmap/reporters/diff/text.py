"""Changes grouped by journey, coloured on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.diff import SIGNS, describe, grouped, verdict
from cjmap.reporters.terminal import printable, use_colour

if TYPE_CHECKING:
    from cjmap.diff import Diff

_COLOURS = {"+": "\033[32m", "-": "\033[31m", "↑": "\033[32m", "↓": "\033[31m", "~": "\033[33m", "?": "\033[31m"}


def report(diff: Diff, out: TextIO) -> None:
    colour = use_colour(out)
    for scope, changes in grouped(diff).items():
        heading = "workspace" if scope == "workspace" else f"journey {scope}: {diff.titles.get(scope, '')}"
        out.write(f"\033[1m{printable(heading)}\033[0m\n" if colour else f"{printable(heading)}\n")
        for change in changes:
            sign = SIGNS.get(change.kind, "~")
            mark = f"{_COLOURS[sign]}{sign}\033[0m" if colour else sign
            out.write(f"  {mark} {printable(describe(change))}\n")
    out.write(verdict(diff) + "\n")
