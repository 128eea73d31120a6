"""`cjmap validate`: load, check and lint the maps; the report goes to a validate reporter.

Run without paths (as CI and pre-commit hooks run it, from the repository root), it also finds
the workspaces below: a folder with its own cjmap.toml is checked with that configuration, and
left out of the workspace around it.
"""

from __future__ import annotations

import glob
import os
from dataclasses import replace
from pathlib import Path

from cjmap.config import Config, load_config
from cjmap.discovery import Selection
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS
from cjmap.linter import Report, validate

CONFIG_NAME = "cjmap.toml"


def run(paths: list[Path] | None, config: Config, strict: bool = False, cache: bool = True) -> Report:
    """Every problem in the files under `paths` (default: the configured ones, and the
    workspaces below them); with `strict`, warnings fail the run too. With `cache`, files that did
    not change since an earlier run are not read as YAML again (cjmap.cache)."""
    report = _validate(paths, config, cache) if paths else _validate_tree(config, None, cache)
    return replace(report, strict=strict)


def _validate(targets: list[Path] | None, config: Config, cache: bool) -> Report:
    if not cache:
        return validate(targets, config)
    from cjmap.cache import Cache

    store = Cache.open(config)
    report = validate(targets, config, store)
    store.save()
    return report


def exit_code(report: Report) -> int:
    """1 when a problem fails the run (an error, or a warning when strict); else 0."""
    return EXIT_PROBLEMS if any(report.fails(p) for p in report.problems) else EXIT_OK


def nested_workspaces(config: Config, targets: list[Path]) -> list[Path]:
    """Folders below `targets` with a cjmap.toml of their own (not the one of `config`), found
    by the discovery rule (no hidden or excluded folders); not those inside another one."""
    selection = Selection.of(config)
    found: list[Path] = []
    for target in (t for t in targets if t.is_dir()):
        for folder, subfolders, files in os.walk(target):
            here = Path(folder)
            if here != target and CONFIG_NAME in files and here / CONFIG_NAME != config.file:
                found.append(here)
                subfolders.clear()
                continue
            subfolders[:] = sorted(d for d in subfolders if not selection.skips(here / d, target))
    return found


def _validate_tree(config: Config, targets: list[Path] | None, cache: bool) -> Report:
    """`validate` of the `targets` (None: the configured ones) but the nested workspaces, then
    each nested workspace with its own configuration."""
    nested = nested_workspaces(config, targets or config.targets(None))
    if not nested:
        return _validate(targets, config, cache)
    own = tuple(glob.escape(Selection.of(config).relative(folder)) for folder in nested)
    reports = [_validate(targets, replace(config, exclude=config.exclude + own), cache)]
    for folder in nested:
        inner = load_config(folder / CONFIG_NAME)
        # Without `paths`, a configuration's targets are the current folder: name its own.
        reports.append(_validate_tree(inner, None if inner.paths else [folder], cache))
    return Report(
        sorted(p for r in reports for p in r.problems),
        [path for r in reports for path in r.paths],
        [path for r in reports for path in r.skipped],
    )


def skipped_note(report: Report) -> str:
    """What `--verbose` adds: how many YAML files found in folders were skipped as not maps, and
    which (escaped for the terminal)."""
    from cjmap.reporters.terminal import printable
    from cjmap.wording import plural

    if not report.skipped:
        return "skipped no YAML file: every one found holds a map"
    names = ", ".join(printable(path) for path in report.skipped)
    return f"skipped {plural(len(report.skipped), 'YAML file')} holding no map: {names}"
