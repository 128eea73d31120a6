"""`cjmap fmt`: lay map files out canonically, proved harmless before anything is written.

Only files that hold map documents are touched, whether found in a folder or named on the command
line (a pre-commit hook names every staged YAML file): a CI workflow is left as it is. Files are
written through the writer with the snapshot taken when they were read, and only inside the
paths given, so an editor's save during the run is never lost and a symlinked folder that points
elsewhere is not written into.
"""

from __future__ import annotations

from pathlib import Path

from cjmap.config import Config
from cjmap.discovery import Selection, discover
from cjmap.layout import FmtResult, format_bytes
from cjmap.loader import looks_like_map
from cjmap.output import Snapshot, WriteRefused, write_atomic_bytes


def run(paths: list[Path] | None, config: Config, *, check: bool = False, diff: bool = False) -> FmtResult:
    """Format every map file under `paths` (default: the configured ones); write the changed ones
    unless `check` or `diff`."""
    result = FmtResult(write=not (check or diff), check=check)
    targets = config.targets(paths)
    for candidate in discover(targets, Selection.of(config)):
        snapshot = Snapshot.read(candidate.path)
        if not looks_like_map(snapshot.data):
            continue
        outcome, new = format_bytes(snapshot.data, candidate.display)
        if outcome is None:
            continue
        result.outcomes.append(outcome)
        if result.write and new is not None:
            try:
                write_atomic_bytes(candidate.path, new, read=snapshot, within=targets)
            except WriteRefused as error:
                outcome.changed, outcome.refused = False, str(error).removeprefix(f"{candidate.path}: ")
    return result
