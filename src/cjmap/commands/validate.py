"""`cjmap validate`: load, check and lint the maps; the report goes to a validate reporter."""

from __future__ import annotations

from pathlib import Path

from cjmap.config import Config
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS
from cjmap.linter import Report, validate


def run(paths: list[Path] | None, config: Config) -> Report:
    """Every problem in the files under `paths` (default: the configured ones)."""
    return validate(paths, config)


def exit_code(report: Report, strict: bool) -> int:
    """1 when there are errors, or warnings with `strict`; else 0."""
    failing = report.count("error") + (report.count("warning") if strict else 0)
    return EXIT_PROBLEMS if failing else EXIT_OK
