"""JUnit XML as GitLab and Jenkins read it: valid against junit-10.xsd, red exactly when the job
is, whatever characters the maps hold."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import ROOT
from tests.consumers import junit_errors

INVALID = ROOT / "examples" / "invalid"
WARNINGS_ONLY = [str(INVALID / "shared.yaml"), str(INVALID / "CJM202-empty-stage.yaml")]  # one warning


def suite(xml: str) -> ET.Element:
    found = ET.fromstring(xml).find("testsuite")
    assert found is not None
    return found


def test_examples_validate_against_the_junit_schema(run_cli) -> None:
    xml = run_cli("validate", str(INVALID), "-f", "junit", expect=1).stdout
    assert junit_errors(xml) == []
    assert suite(xml).get("failures") == str(len(list(INVALID.glob("CJM1*"))))


def test_the_schema_check_is_live() -> None:
    assert junit_errors("<testsuites><testsuite name='x'/></testsuites>")  # tests, failures, errors missing
    assert junit_errors("<testsuites>\x01</testsuites>")[0].startswith("not well-formed")


@pytest.mark.parametrize(("strict", "exit_code", "failures"), [(False, 0, "0"), (True, 1, "1")])
def test_strict_warnings_are_failures_when_they_fail_the_job(
    run_cli, strict: bool, exit_code: int, failures: str
) -> None:
    args = ["validate", *WARNINGS_ONLY, "-f", "junit", *(["--strict"] if strict else [])]
    xml = run_cli(*args, expect=exit_code).stdout
    assert junit_errors(xml) == [] and suite(xml).get("failures") == failures
    case = next(c for c in suite(xml).iter("testcase") if "CJM202" in (c.get("name") or ""))
    if strict:
        failure = case.find("failure")
        assert failure is not None and failure.get("message") == "1 warning" and "CJM202" in (failure.text or "")
    else:
        assert case.find("failure") is None and "CJM202" in (case.findtext("system-out") or "")


@pytest.mark.parametrize("escape", ["\\a", "\\x01", "\\uFFFE", "\\x1b[2J", "\\u202e", "\\x85"])
def test_control_characters_from_quoted_yaml_keep_the_xml_valid(run_cli, tmp_path: Path, escape: str) -> None:
    name = tmp_path / "odd\x01name.yaml"
    name.write_text(f'kind: persona\nid: ana\nname: Ana\n"key {escape}": 1\n', encoding="utf-8")
    xml = run_cli("validate", str(name), "-f", "junit", expect=1).stdout
    assert junit_errors(xml) == []
    (case,) = suite(xml).iter("testcase")
    assert "odd\\x01name.yaml" in (case.get("name") or "")
    assert "unknown key `key " in (case.findtext("failure") or "")
