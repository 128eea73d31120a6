"""`cjmap validate`: load, check and lint the maps; the report goes to a validate reporter."""

from __future__ import annotations

from pathlib import Path

from cjmap.config import Config
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS
from cjmap.linter import Report, validate


def run(paths: list[Path] | None, config: Config, cache: bool = True) -> Report:
    """Every problem in the files under `paths` (default: the configured ones). With `cache`,
    files that did not change since an earlier run are not read as YAML again (cjmap.cache)."""
    if not cache:
        return validate(paths, config)
    from cjmap.cache import Cache

    store = Cache.open(config)
    report = validate(paths, config, store)
    store.save()
    return report


def exit_code(report: Report, strict: bool) -> int:
    """1 when there are errors, or warnings with `strict`; else 0."""
    failing = report.count("error") + (report.count("warning") if strict else 0)
    return EXIT_PROBLEMS if failing else EXIT_OK


def skipped_note(report: Report) -> str:
    """What `--verbose` adds: how many YAML files found in folders were skipped as not maps, and
    which (escaped for the terminal)."""
    from cjmap.reporters.terminal import printable
    from cjmap.wording import plural

    if not report.skipped:
        return "skipped no YAML file: every one found holds a map"
    names = ", ".join(printable(path) for path in report.skipped)
    return f"skipped {plural(len(report.skipped), 'YAML file')} holding no map: {names}"
