"""`cjmap fmt` lays out map files only, wherever they come from."""

from __future__ import annotations

from pathlib import Path

import pytest

WORKFLOW = "name: ci\non: [push]\njobs:\n    build:\n        runs-on:   ubuntu-latest\n"
COMPOSE = "services:\n    web:\n        image:   nginx\n"


@pytest.mark.parametrize("text", [WORKFLOW, COMPOSE, "not: [valid\n", "- just\n-   a list\n"])
def test_yaml_that_holds_no_map_is_left_as_it_is_when_named(run_cli, tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.yml"
    path.write_text(text, encoding="utf-8")
    assert run_cli("fmt", str(path), expect=0).stdout == "0 of 0 files changed\n"
    assert run_cli("fmt", "--check", str(tmp_path), expect=0).stdout == "0 of 0 files would change\n"
    assert path.read_text(encoding="utf-8") == text


def test_a_fresh_init_passes_its_own_fmt_hook(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit's cjmap-fmt hook names every staged YAML file, the workflow `init` wrote included."""
    run_cli("init", str(tmp_path), expect=0)
    monkeypatch.chdir(tmp_path)
    staged = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.y*ml")]
    assert ".github/workflows/journey-maps.yml" in staged
    result = run_cli("fmt", "--check", *staged, expect=0)
    assert "would reformat" not in result.stdout


def test_excluded_map_files_are_left_alone(run_cli, tmp_path: Path) -> None:
    (tmp_path / "cjmap.toml").write_text('exclude = ["legacy"]\n', encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    untidy = tmp_path / "legacy" / "old.yaml"
    untidy.write_text("kind:   persona\nid: a\nname: A\n", encoding="utf-8")
    run_cli("fmt", str(tmp_path), expect=0)
    run_cli("fmt", str(untidy), expect=0)
    assert untidy.read_text(encoding="utf-8") == "kind:   persona\nid: a\nname: A\n"
