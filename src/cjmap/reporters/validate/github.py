"""GitHub Actions workflow commands, shown as annotations on the pull request's files.

GitHub shows at most 10 annotations of each level per step and drops the rest silently, so the
first 10 of each level become annotations, one notice says how many more there are, and every
problem is listed in a table in the job summary (when the runner gives one, $GITHUB_STEP_SUMMARY)
and as plain lines in the log.

Values are made `printable` (no line breaks, controls or command markers), then escaped as the
runner expects: `%` everywhere, and `:` and `,` in properties, so no message can end its command
early or start another.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.markdown import escape as markdown
from cjmap.reporters.terminal import printable
from cjmap.reporters.validate.text import summary

if TYPE_CHECKING:
    from cjmap.linter import Report
    from cjmap.problem import Problem

LIMIT = 10  # annotations GitHub shows per level and step
SUMMARY_LIMIT = 900_000  # characters; GitHub refuses a step summary over 1 MiB
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return printable(value).replace("%", "%25")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(result: Report, out: TextIO) -> None:
    shown, rest = split(result.problems)
    for p in shown:
        out.write(annotation(p) + "\n")
    if rest:
        where = "the job summary and below" if os.environ.get("GITHUB_STEP_SUMMARY") else "below"
        text = f"{len(rest)} more problem(s) not shown as annotations (GitHub shows {LIMIT} per level): see {where}"
        out.write(f"::notice title=cjmap::{escape_data(text)}\n")
        for p in rest:
            out.write(f"{printable(p.path)}:{p.line}:{p.column}: {p.code} {p.severity} {printable(p.text)}\n")
    out.write(summary(result) + "\n")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary and result.problems:
        # An append to a file the runner owns and collects after the step, not a file cjmap
        # writes as its own output: cjmap.output's whole-file replace would drop what earlier
        # commands of the step appended.
        try:
            with open(step_summary, "a", encoding="utf-8") as handle:
                handle.write(table(result.problems))
        except OSError as error:
            out.write(f"cjmap: cannot add to the job summary: {printable(error.strerror or str(error))}\n")


def split(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """Problems to show as annotations (the first LIMIT of each level), and the rest. When some
    are left over, notices keep a place for the notice that says so."""
    counts = {level: sum(p.severity == level for p in problems) for level in _COMMAND}
    overflow = any(count > LIMIT for count in counts.values())
    room = {level: LIMIT - (1 if overflow and level == "info" else 0) for level in _COMMAND}
    shown, rest = [], []
    for p in problems:
        if room[p.severity] > 0:
            room[p.severity] -= 1
            shown.append(p)
        else:
            rest.append(p)
    return shown, rest


def annotation(p: Problem) -> str:
    props = ",".join(
        f"{k}={escape_property(str(v))}"
        for k, v in (("file", p.path), ("line", p.line), ("col", p.column), ("title", f"{p.code} {p.rule}"))
    )
    return f"::{_COMMAND[p.severity]} {props}::{escape_data(p.text)}"


def table(problems: list[Problem]) -> str:
    """Every problem as a Markdown table for the job summary, cut short before GitHub's limit."""
    lines = ["### cjmap validate", "", "| file | line | column | level | rule | message |", "|---|--:|--:|---|---|---|"]
    size = sum(len(line) + 1 for line in lines)
    for index, p in enumerate(problems):
        row = f"| {markdown(p.path)} | {p.line} | {p.column} | {p.severity} | {p.code} {p.rule} | {markdown(p.text)} |"
        if size + len(row) > SUMMARY_LIMIT:
            lines.append(f"\n_{len(problems) - index} more problem(s) left out: GitHub limits a summary to 1 MiB._")
            break
        lines.append(row)
        size += len(row) + 1
    return "\n".join(lines) + "\n\n"
