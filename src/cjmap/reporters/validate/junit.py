"""JUnit XML: one test case per file checked, failed by its errors (warnings as system-out).

CI systems that show test results (GitLab, Jenkins, Azure) then list broken maps as failing
tests.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from cjmap.linter import Report
    from cjmap.problem import Problem


def report(result: Report, out: TextIO) -> None:
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in result.problems:
        by_file[p.path].append(p)
    paths = sorted(set(result.paths) | set(by_file))
    suite = ET.Element(
        "testsuite",
        name="cjmap validate",
        tests=str(len(paths)),
        failures=str(sum(1 for ps in by_file.values() if _errors(ps))),
        errors="0",
    )
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname="cjmap", name=path)
        errors = _errors(by_file.get(path, []))
        if errors:
            failure = ET.SubElement(case, "failure", message=f"{len(errors)} error(s)", type="cjmap")
            failure.text = "\n".join(_line(p) for p in errors)
        others = [p for p in by_file.get(path, []) if p.severity != "error"]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(p) for p in others)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def _line(p: Problem) -> str:
    return f"{p.path}:{p.line}:{p.column}: {p.code} {p.severity} {p.text} [{p.rule}]"
