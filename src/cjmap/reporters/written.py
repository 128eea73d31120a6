"""What a command that writes files did: notes on stderr, then `wrote PATH` per file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from cjmap.reporters.terminal import printable


def report(paths: Iterable[Path], notes: Iterable[str], out: TextIO, err: TextIO) -> None:
    for note in notes:
        err.write(f"note: {printable(note)}\n")
    for path in paths:
        out.write(f"wrote {printable(str(path))}\n")
