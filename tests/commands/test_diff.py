from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent.parent / "diff" / "cases"


def git(repo: Path, *args: str) -> str:
    env = {
        "PATH": os.environ["PATH"],
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with three commits: base, emotions worsened, an improvement completed; the
    working tree then renames a touchpoint without committing."""
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    shutil.copytree(CASES / "emotions" / "old", root / "maps")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    shutil.copytree(CASES / "emotions" / "new", root / "maps", dirs_exist_ok=True)
    git(root, "commit", "-qam", "emotions worsen")
    journey = root / "maps" / "journey.yaml"
    journey.write_text(journey.read_text().replace("status: planned", "status: done"))
    git(root, "commit", "-qam", "improvement done")
    (root / "notes.yaml").write_text("on: push\n")
    journey.write_text(journey.read_text().replace("id: cart", "id: basket").replace("[cart]", "[basket]"))
    monkeypatch.chdir(root)
    return root


def test_two_folders(run_cli) -> None:
    result = run_cli("diff", str(CASES / "emotions" / "old"), str(CASES / "emotions" / "new"), expect=0)
    assert "↓ touchpoint cart: emotion of ana -1 → -2 (worsened by 1)" in result.stdout


def test_exit_code_and_fail_on(run_cli) -> None:
    old, new = str(CASES / "emotions" / "old"), str(CASES / "emotions" / "new")
    run_cli("diff", "--exit-code", old, new, expect=1)
    run_cli("diff", "--fail-on", "worsened", old, new, expect=1)
    run_cli("diff", "--fail-on", "removed", old, new, expect=0)
    same = str(CASES / "formatting-only" / "old")
    run_cli("diff", "--exit-code", same, str(CASES / "formatting-only" / "new"), expect=0)


def test_revision_against_working_tree(run_cli, repo: Path) -> None:
    result = run_cli("diff", "main", expect=0)
    assert result.stdout.splitlines()[1:-1] == [
        "  ~ touchpoint cart renamed to basket",
        '  ~ improvement show-shipping: addresses ["cart"] → ["basket"]',
    ]


def test_two_revisions_and_ranges(run_cli, repo: Path) -> None:
    both = run_cli("diff", "main~2", "main~1", expect=0).stdout
    assert both == run_cli("diff", "main~2..main~1", expect=0).stdout
    assert "worsened by 1" in both and "completed" not in both
    assert "completed (status planned → done)" in run_cli("diff", "main~1..main", expect=0).stdout


def test_path_filter_after_double_dash(run_cli, repo: Path) -> None:
    (repo / "other").mkdir()
    assert run_cli("diff", "main~2", "main", "--", "other", expect=0).stdout == "No semantic changes.\n"
    assert "worsened" in run_cli("diff", "main~2", "main", "--", "maps", expect=0).stdout


def test_reading_revisions_leaves_the_working_tree_and_index_alone(run_cli, repo: Path) -> None:
    before = git(repo, "status", "--porcelain")
    run_cli("diff", "main~2", "main", expect=0)
    assert git(repo, "status", "--porcelain") == before


def test_unknown_revision_and_outside_a_repository(run_cli, repo: Path, tmp_path: Path, monkeypatch) -> None:
    assert "neither a file nor a git revision" in run_cli("diff", "nope", expect=2).stderr
    monkeypatch.chdir(tmp_path)
    assert "not inside a git repository" in run_cli("diff", "main", expect=2).stderr


def test_invalid_yaml_is_reported_with_positions(run_cli, tmp_path: Path) -> None:
    shutil.copytree(CASES / "emotions" / "new", tmp_path / "new")
    (tmp_path / "new" / "journey.yaml").write_text("kind: journey\nid: buy\nstages: [\n")
    result = run_cli("diff", str(CASES / "emotions" / "old"), str(tmp_path / "new"), expect=2)
    assert "journey.yaml:4:1: CJM101" in result.stderr and "Traceback" not in result.stderr


def test_markdown_and_json_output(run_cli, tmp_path: Path) -> None:
    old, new = str(CASES / "emotions" / "old"), str(CASES / "emotions" / "new")
    assert run_cli("diff", "-f", "markdown", old, new, expect=0).stdout.startswith("<!-- cjmap-diff -->")
    run_cli("diff", "-f", "json", "-o", str(tmp_path / "d.json"), old, new, expect=0)
    assert json.loads((tmp_path / "d.json").read_text())["summary"]["worsened"] == 3


def test_git_external_diff_driver(repo: Path) -> None:
    git(repo, "config", "diff.cjmap.command", f"{Path(sys.executable).parent / 'cjmap'} diff --git-driver")
    (repo / ".gitattributes").write_text("*.yaml diff=cjmap\n")
    out = git(repo, "diff", "main~2", "main~1", "--", "maps/journey.yaml")
    assert "↓ touchpoint cart: emotion of ana -1 → -2 (worsened by 1)" in out


def test_git_driver_arguments(run_cli, tmp_path: Path) -> None:
    old, new = CASES / "emotions" / "old" / "journey.yaml", CASES / "emotions" / "new" / "journey.yaml"
    result = run_cli(
        "diff",
        "--git-driver",
        "maps/journey.yaml",
        str(old),
        "a" * 40,
        "100644",
        str(new),
        "b" * 40,
        "100644",
        expect=0,
    )
    assert "worsened by 1" in result.stdout
    added = run_cli(
        "diff", "--git-driver", "j.yaml", "/dev/null", "0" * 40, ".", str(new), "b" * 40, "100644", expect=0
    )
    assert "+ journey buy" in added.stdout
    plain = tmp_path / "ci.yaml"
    plain.write_text("on: push\n")
    other = tmp_path / "ci2.yaml"
    other.write_text("on: pull_request\n")
    text = run_cli(
        "diff", "--git-driver", "ci.yaml", str(plain), "a" * 40, "100644", str(other), "b" * 40, "100644", expect=0
    ).stdout
    assert "-on: push\n+on: pull_request" in text
    assert "expects the 7 arguments" in run_cli("diff", "--git-driver", "x", expect=2).stderr


def test_relative_paths_with_dots_are_paths_not_ranges(run_cli, tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(CASES / "emotions", tmp_path / "cases")
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert "worsened by 1" in run_cli("diff", "../cases/old", "../cases/new", expect=0).stdout


def test_filter_outside_the_current_folder(run_cli, repo: Path, monkeypatch) -> None:
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    assert "worsened" in run_cli("diff", "main~2", "main", "--", "../maps", expect=0).stdout


def test_files_both_sides_hold_byte_for_byte_are_read_once(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most files of a pull request do not change: the new side takes their models as they are."""
    from cjmap import loader

    shutil.copytree(CASES / "emotions" / "old", tmp_path / "old")
    shutil.copytree(CASES / "emotions" / "old", tmp_path / "new")
    journey = next((tmp_path / "new").rglob("*.yaml"))
    (tmp_path / "new" / "extra.yaml").write_text("kind: persona\nid: zoe\nname: Zoe\n", encoding="utf-8")
    files = len(list((tmp_path / "old").rglob("*.yaml")))
    parsed: list[str] = []
    real = loader.load_bytes
    monkeypatch.setattr(
        loader, "load_bytes", lambda raw, display, **kw: (parsed.append(display), real(raw, display, **kw))[1]
    )
    alone = run_cli("diff", str(tmp_path / "old"), str(tmp_path / "new"), expect=0).stdout
    assert len(parsed) == files + 1 and "persona zoe" in alone and "added" in alone
    journey.write_text(journey.read_text(encoding="utf-8").replace("emotion", "emotion", 1) + "\n", encoding="utf-8")
    parsed.clear()
    run_cli("diff", str(tmp_path / "old"), str(tmp_path / "new"), expect=0)
    assert len(parsed) == files + 2  # the edited journey is read again, on its own side
