"""`cjmap validate` without paths, as CI and pre-commit hooks run it from the repository root:
a workspace in a subfolder is checked with its own cjmap.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

BANK = ROOT / "examples" / "bank-account"  # its cjmap.toml adds channels and widens the emotion scale


def test_a_workspace_below_is_checked_with_its_own_configuration(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(BANK, tmp_path / "docs" / "cx")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "ana.yaml").write_text("kind: persona\nid: ana\nname: [Ana\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", expect=1)
    assert result.stdout.splitlines() == [
        "notes/ana.yaml:4:1: CJM101 error did not find expected ',' or ']' (while parsing a flow sequence) [yaml-syntax]",
        "1 error in 3 files",
    ]
    shutil.rmtree(tmp_path / "notes")
    assert run_cli("validate", expect=0).stdout == "2 files checked, no problems\n"
    assert run_cli("validate", "docs/cx", expect=0).stdout == "2 files checked, no problems\n"


def test_nested_workspaces_inside_a_configured_one(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples" / "laptop-online", tmp_path, dirs_exist_ok=True)
    (tmp_path / "journeys" / "bank").mkdir()  # inside the outer workspace's `paths`
    shutil.copytree(BANK, tmp_path / "journeys" / "bank" / "cx")
    (tmp_path / "journeys" / "bank" / "cx" / "cjmap.toml").write_text(
        (BANK / "cjmap.toml").read_text() + '\n[per-file-ignores]\n"*" = ["stale-review"]\n'
    )
    monkeypatch.chdir(tmp_path)
    assert run_cli("validate", expect=0).stdout == "6 files checked, no problems\n"
