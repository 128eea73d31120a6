"""Reporters turn a validation report into one output format, looked up by name.

The registry names modules rather than importing them, so the CLI can offer the choices
without paying for the imports; each module has `report(result, out)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cjmap.linter import Report

Reporter = Callable[["Report", TextIO], None]
REPORTER_BY_NAME: dict[str, str] = {
    "text": "cjmap.reporters.text",
    "json": "cjmap.reporters.json",
    "github": "cjmap.reporters.github",
    "sarif": "cjmap.reporters.sarif",
    "junit": "cjmap.reporters.junit",
}


def get_reporter(name: str) -> Reporter:
    """The `report` function of the reporter called `name` (a key of REPORTER_BY_NAME)."""
    reporter: Reporter = importlib.import_module(REPORTER_BY_NAME[name]).report
    return reporter
