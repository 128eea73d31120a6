"""What a command that writes files did: notes on stderr, then `wrote PATH` per file.

Notes are one line each. A snippet (what cjmap would have written to a file it does not
overwrite) is shown under a note naming the file, indented, each of its lines made `printable`.
Paths are shown as everywhere else (cjmap.discovery.display_path).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from cjmap.discovery import display_path
from cjmap.reporters.terminal import printable, printable_lines


def report(
    paths: Iterable[Path],
    notes: Iterable[str],
    out: TextIO,
    err: TextIO,
    snippets: Mapping[Path, str] | None = None,
) -> None:
    for note in notes:
        err.write(f"note: {printable(note)}\n")
    for target, snippet in (snippets or {}).items():
        lines = printable_lines(snippet.rstrip("\n")).split("\n")
        head = f"note: {printable(display_path(target))} exists and was left alone; merge this into it by hand:\n"
        err.write("".join([head, *(f"    {line}\n" for line in lines)]))
    for path in paths:
        out.write(f"wrote {printable(display_path(path))}\n")
