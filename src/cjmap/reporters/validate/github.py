"""GitHub Actions workflow commands, shown as annotations on the pull request's files.

Values are escaped as the runner expects: `%`, CR and LF everywhere, and `:` and `,` in
properties, so no message can end its command early or inject another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.validate.text import summary

if TYPE_CHECKING:
    from cjmap.linter import Report

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(result: Report, out: TextIO) -> None:
    for p in result.problems:
        props = ",".join(
            f"{k}={escape_property(str(v))}"
            for k, v in (("file", p.path), ("line", p.line), ("col", p.column), ("title", f"{p.code} {p.rule}"))
        )
        out.write(f"::{_COMMAND[p.severity]} {props}::{escape_data(p.text)}\n")
    out.write(summary(result) + "\n")
