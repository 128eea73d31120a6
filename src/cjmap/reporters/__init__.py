"""Reporters turn a command's result into one output format, looked up by name.

One registry per command family; `--format` choices come from its keys. The registries name
modules rather than importing them, so the CLI can offer the choices without paying for the
imports; each module has `report(result, out)`.

- validate: text, json, github, sarif, junit (a `linter.Report`)
- diff: text, markdown, json (a `diff.Diff`)
- stats: text, json (the figures of `stats.workspace_stats`)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TextIO

Reporter = Callable[[Any, TextIO], None]
VALIDATE: dict[str, str] = {
    "text": "cjmap.reporters.validate.text",
    "json": "cjmap.reporters.validate.json",
    "github": "cjmap.reporters.validate.github",
    "sarif": "cjmap.reporters.validate.sarif",
    "junit": "cjmap.reporters.validate.junit",
}
DIFF: dict[str, str] = {
    "text": "cjmap.reporters.diff.text",
    "markdown": "cjmap.reporters.diff.markdown",
    "json": "cjmap.reporters.diff.json",
}
STATS: dict[str, str] = {
    "text": "cjmap.reporters.stats.text",
    "json": "cjmap.reporters.stats.json",
}


def get_reporter(registry: dict[str, str], name: str) -> Reporter:
    """The `report` function of the reporter called `name` in `registry`."""
    reporter: Reporter = importlib.import_module(registry[name]).report
    return reporter
