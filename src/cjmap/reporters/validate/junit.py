"""JUnit XML: one test case per file checked, failed by what fails the run (errors, and warnings
with --strict); other findings go to the case's system-out.

CI systems that show test results (GitLab, Jenkins, Azure) then list broken maps as failing
tests, and the report is red exactly when the job is. The output is valid against the common
JUnit schema (junit-10.xsd, checked in the tests). XML 1.0 cannot hold most control characters
even escaped, so user text is made `printable` first: a control character shows as `\\x01`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree as ET

from cjmap.reporters.terminal import printable

if TYPE_CHECKING:
    from cjmap.linter import Report
    from cjmap.problem import Problem


def report(result: Report, out: TextIO) -> None:
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in result.problems:
        by_file[p.path].append(p)
    paths = sorted(set(result.paths) | set(by_file))
    failed = [path for path in paths if any(result.fails(p) for p in by_file.get(path, []))]
    suite = ET.Element("testsuite", name="cjmap validate", tests=str(len(paths)), failures=str(len(failed)), errors="0")
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="cjmap", name=printable(path))
        failing = [p for p in by_file.get(path, []) if result.fails(p)]
        if failing:
            failure = ET.SubElement(case, "failure", message=_count(failing), type="cjmap")
            failure.text = "\n".join(_line(p) for p in failing)
        others = [p for p in by_file.get(path, []) if not result.fails(p)]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(p) for p in others)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _count(problems: list[Problem]) -> str:
    counts = [(sum(p.severity == level for p in problems), level) for level in ("error", "warning")]
    return ", ".join(f"{n} {level}{'' if n == 1 else 's'}" for n, level in counts if n)


def _line(p: Problem) -> str:
    return f"{printable(p.path)}:{p.line}:{p.column}: {p.code} {p.severity} {printable(p.text)} [{p.rule}]"
