"""Every rule's cases, as data: tests/rules/cases/<CODE>-<name>.yaml.

Each case writes its files and a cjmap.toml from its `config` (plus shared.yaml: persona
`pat`, evidence `diary-study`) into a temporary folder, validates them, and compares the
problems of that one rule with `expect`: a list of [file, line, column]. `encoding` (default
utf-8) is how the files are written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cjmap.config import load_config
from cjmap.linter import validate
from cjmap.rules import RULES, RULES_BY_KEY

CASES = Path(__file__).parent / "cases"
SHARED = """kind: persona
id: pat
name: Pat
---
kind: evidence
id: diary-study
title: Diary study
type: observation
"""


def _cases() -> list[pytest.param]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        code = path.name.split("-")[0]
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(code, case, id=f"{path.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(tmp_path: Path, code: str, case: dict) -> None:
    (tmp_path / "shared.yaml").write_text(SHARED, encoding="utf-8")
    for name, text in case["files"].items():
        (tmp_path / name).write_text(text, encoding=case.get("encoding", "utf-8"))
    settings = "".join(f"{key} = {json.dumps(value)}\n" for key, value in case.get("config", {}).items())
    (tmp_path / "cjmap.toml").write_text(settings, encoding="utf-8")  # JSON lists and numbers are TOML
    report = validate([tmp_path], load_config(tmp_path / "cjmap.toml"))
    found = [[Path(p.path).name, p.line, p.column] for p in report.problems if p.code == code]
    assert found == case["expect"], report.problems


def test_every_rule_has_cases_with_a_failure_and_a_pass() -> None:
    for rule in RULES:
        path = next(CASES.glob(f"{rule.CODE}-*.yaml"), None)
        assert path is not None, f"no cases for {rule.CODE}"
        assert path.name == f"{rule.CODE}-{rule.NAME}.yaml"
        expectations = [case["expect"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
        assert any(expectations) and not all(expectations), f"{path.name} needs a failing and a passing case"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.NAME)
def test_rule_metadata(rule: object) -> None:
    assert rule.CODE.startswith("CJM") and len(rule.CODE) == 6
    assert rule.NAME == rule.__name__.rsplit(".", 1)[1].replace("_", "-")
    assert rule.SEVERITY in ("error", "warning", "info")
    assert "Failing" in rule.__doc__ and "Passing" in rule.__doc__
    assert RULES_BY_KEY[rule.CODE] is RULES_BY_KEY[rule.NAME] is rule


def test_codes_are_unique() -> None:
    assert len({rule.CODE for rule in RULES}) == len(RULES)
