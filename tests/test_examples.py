"""The examples are acceptance cases: valid workspaces validate clean, every invalid file
fails with exactly the rule its name promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.config import load_config
from cjmap.linter import validate
from cjmap.rules import RULES
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
# Hidden folders are not workspaces (a `.cjmap_cache` appears after `cjmap validate` runs there).
WORKSPACES = sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "invalid" and not p.name.startswith("."))
INVALID = sorted((EXAMPLES / "invalid").glob("CJM*.yaml"))


@pytest.mark.parametrize("workspace", WORKSPACES, ids=lambda p: p.name)
def test_example_workspace_validates_clean(workspace: Path) -> None:
    report = validate([workspace], load_config(targets=[workspace]))
    assert report.problems == []
    assert report.files >= 2


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_fails_with_its_rule_only(path: Path) -> None:
    code = path.name.split("-")[0]
    report = validate([EXAMPLES / "invalid" / "shared.yaml", path], load_config(targets=[path]))
    assert report.problems, f"{path.name} reports nothing"
    assert {p.code for p in report.problems} == {code}


def test_every_rule_has_an_invalid_example() -> None:
    assert sorted(p.name.split("-")[0] for p in INVALID) == sorted(rule.CODE for rule in RULES)


def test_examples_point_editors_at_the_schemas() -> None:
    for path in EXAMPLES.rglob("*.yaml"):
        if path.parent.name == "invalid" and path.name in (
            "CJM100-invalid-file.yaml",
            "CJM101-yaml-syntax.yaml",
            "CJM102-duplicate-key.yaml",
            "CJM212-unused-persona.yaml",
        ):
            continue
        text = path.read_text(encoding="utf-8")
        assert "# yaml-language-server: $schema=" in text, path
        schema = text.split("$schema=", 1)[1].split()[0]
        assert (path.parent / schema).resolve().is_file(), f"{path}: {schema} does not exist"


def test_examples_are_laid_out_as_cjmap_fmt_would(run_cli) -> None:
    for workspace in WORKSPACES:
        assert run_cli("fmt", "--check", str(workspace), expect=0).stdout.startswith("0 of ")
