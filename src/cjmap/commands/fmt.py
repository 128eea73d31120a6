"""`cjmap fmt`: lay map files out canonically, proved harmless before anything is written."""

from __future__ import annotations

from pathlib import Path

from cjmap.config import Config
from cjmap.discovery import Selection, discover
from cjmap.errors import CjmapError
from cjmap.layout import FmtResult, format_bytes
from cjmap.loader import looks_like_map
from cjmap.output import write_atomic_bytes


def run(paths: list[Path] | None, config: Config, *, check: bool = False, diff: bool = False) -> FmtResult:
    """Format every map file under `paths` (default: the configured ones); write the changed ones
    unless `check` or `diff`."""
    result = FmtResult(write=not (check or diff), check=check)
    for candidate in discover(config.targets(paths), Selection.of(config)):
        try:
            raw = candidate.path.read_bytes()
        except OSError as error:
            raise CjmapError(f"{candidate.display}: cannot read: {error.strerror or error}") from error
        if not candidate.explicit and not looks_like_map(raw):
            continue
        outcome, new = format_bytes(raw, candidate.display)
        result.outcomes.append(outcome)
        if result.write and new is not None:
            write_atomic_bytes(candidate.path, new)
    return result
