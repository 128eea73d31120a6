"""`cjmap schema`: write the JSON Schemas of the file format."""

from __future__ import annotations

from pathlib import Path

from cjmap.errors import CjmapError
from cjmap.output import write_text
from cjmap.schema import render, schemas


def run(out: Path) -> list[Path]:
    """Write every schema under `out`, each file replaced atomically; returns the paths."""
    if out.exists() and not out.is_dir():
        raise CjmapError(f"{out}: is a file; --out names the folder to write the schemas to")
    written = []
    for name, schema in schemas().items():
        write_text(out / name, render(schema))
        written.append(out / name)
    return written
