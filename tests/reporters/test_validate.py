from __future__ import annotations

import io
import json
from xml.etree import ElementTree as ET

import pytest

from cjmap.linter import Report
from cjmap.problem import Problem
from cjmap.reporters import VALIDATE, get_reporter
from cjmap.reporters.validate.github import escape_data, escape_property
from cjmap.rules import RULES

NASTY = "50% done,\r\nthen ::error file=x::boom <b>&"
REPORT = Report(
    problems=[
        Problem("maps/a,b:c.yaml", 3, 5, "schema", NASTY, "CJM103", "error", hint="did you mean `name`?"),
        Problem("maps/j.yaml", 7, 9, "missing-emotion", "touchpoint `x` has no emotion", "CJM203", "warning"),
        Problem("maps/j.yaml", 8, 1, "stale-review", "never reviewed", "CJM209", "info"),
    ],
    paths=["maps/a,b:c.yaml", "maps/j.yaml", "maps/clean.yaml"],
)


def render(name: str, report: Report = REPORT) -> str:
    out = io.StringIO()
    get_reporter(VALIDATE, name)(report, out)
    return out.getvalue()


def test_every_registered_reporter_renders() -> None:
    for name in VALIDATE:
        assert render(name)


def test_text_lines_and_summary() -> None:
    lines = render("text").splitlines()
    assert lines[0] == (
        "maps/a,b:c.yaml:3:5: CJM103 error 50% done,\\r\\nthen :\\x3aerror file=x:\\x3aboom <b>& "
        "(did you mean `name`?) [schema]"
    )
    assert lines[1] == "maps/j.yaml:7:9: CJM203 warning touchpoint `x` has no emotion [missing-emotion]"
    assert lines[-1] == "1 error, 1 warning, 1 info in 3 files"


def test_json_shape() -> None:
    document = json.loads(render("json"))
    assert document["version"] == 1
    assert document["summary"] == {"files": 3, "errors": 1, "warnings": 1, "info": 1}
    first = document["problems"][0]
    assert {k: first[k] for k in ("path", "line", "column", "code", "rule", "severity")} == {
        "path": "maps/a,b:c.yaml",
        "line": 3,
        "column": 5,
        "code": "CJM103",
        "rule": "schema",
        "severity": "error",
    }
    assert first["message"] == NASTY and first["hint"] == "did you mean `name`?"


def test_github_escaping_keeps_each_annotation_on_one_line() -> None:
    lines = render("github").splitlines()
    assert lines[0] == (
        "::error file=maps/a%2Cb%3Ac.yaml,line=3,col=5,title=CJM103 schema::"
        "50%25 done,\\r\\nthen :\\x3aerror file=x:\\x3aboom <b>& (did you mean `name`?)"
    )
    assert lines[1].startswith("::warning file=maps/j.yaml,line=7,col=9,title=CJM203 missing-emotion::")
    assert lines[2].startswith("::notice ")
    assert len(lines) == 4  # three annotations and the summary


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [("a%b", "a%25b", "a%25b"), ("a\nb\rc", "a\\nb\\rc", "a\\nb\\rc"), ("k:v,w", "k:v,w", "k%3Av%2Cw")],
)
def test_github_escape_functions(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data and escape_property(raw) == prop


def test_sarif_2_1_0_structure() -> None:
    document = json.loads(render("sarif"))
    assert document["version"] == "2.1.0" and document["$schema"].endswith("sarif-2.1.0.json")
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [rule.CODE for rule in RULES]
    assert all(
        r["shortDescription"]["text"] and r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        for r in rules
    )
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    location = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "maps/a%2Cb%3Ac.yaml", "uriBaseId": "%SRCROOT%"}


def test_junit_xml_has_a_case_per_file_and_failures_for_errors() -> None:
    root = ET.fromstring(render("junit"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "1"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == {"maps/a,b:c.yaml", "maps/j.yaml", "maps/clean.yaml"}
    failure = cases["maps/a,b:c.yaml"].find("failure")
    assert failure is not None and failure.get("message") == "1 error"
    assert "50% done,\\r\\nthen :\\x3aerror file=x:\\x3aboom <b>&" in failure.text
    assert cases["maps/j.yaml"].find("failure") is None
    assert "CJM203" in cases["maps/j.yaml"].findtext("system-out")
    assert list(cases["maps/clean.yaml"]) == []


def test_text_colours_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\033[" not in render("text")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[31merror\033[0m" in render("text")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in render("text")


def test_text_escapes_terminal_control_sequences() -> None:
    report = Report([Problem("a.yaml", 1, 1, "schema", "unknown key `\033[2Jx`", "CJM103")], ["a.yaml"])
    output = render("text", report)
    assert "\033" not in output and "\\x1b[2Jx" in output
