"""cjmap as git's external diff, tested through git itself: renames, files that do not load, a
header per file, a reader that stops early, what `git log -p` and `git show` need, and maps
read straight from git objects (odd names, submodules, the size limit, shallow clones)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.commands.test_diff import CASES, git

CJMAP = Path(sys.executable).parent / "cjmap"


@pytest.fixture
def driver_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose *.yaml files diff through `cjmap diff --git-driver`, with the maps of
    the `emotions` case committed."""
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    git(root, "config", "diff.cjmap.command", f"{CJMAP} diff --git-driver")
    (root / ".gitattributes").write_text("*.yaml diff=cjmap\n")
    shutil.copytree(CASES / "emotions" / "old", root / "maps")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    monkeypatch.chdir(root)
    return root


def git_diff(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """git's own run, its output and errors kept: git must not report the driver as dead."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_PAGER": "cat"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)
    assert "external diff died" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    return done


@pytest.mark.parametrize("how", ["diff.cjmap.command", "GIT_EXTERNAL_DIFF"])
def test_a_renamed_map_is_a_rename_plus_its_semantic_changes(
    driver_repo: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "GIT_EXTERNAL_DIFF":
        git(driver_repo, "config", "--unset", "diff.cjmap.command")
        monkeypatch.setenv("GIT_EXTERNAL_DIFF", f"{CJMAP} diff --git-driver")
    git(driver_repo, "mv", "maps/journey.yaml", "maps/trip.yaml")
    shutil.copy(CASES / "emotions" / "new" / "journey.yaml", driver_repo / "maps" / "trip.yaml")
    done = git_diff(driver_repo, "diff", "HEAD")  # renames are on by default: git passes 9 arguments
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        "diff --cjmap a/maps/journey.yaml b/maps/trip.yaml",
        lines[1],
        "rename from maps/journey.yaml",
        "rename to maps/trip.yaml",
    ] and lines[1].startswith("similarity index")
    assert "  ↓ touchpoint cart: emotion of ana -1 → -2 (worsened by 1)" in lines


def test_a_map_that_does_not_load_gets_a_plain_diff_and_the_rest_go_on(driver_repo: Path) -> None:
    people = driver_repo / "maps" / "people.yaml"
    people.write_text(people.read_text() + "stages: [\n")
    shutil.copy(CASES / "emotions" / "new" / "journey.yaml", driver_repo / "maps" / "journey.yaml")
    done = git_diff(driver_repo, "diff")
    assert done.returncode == 0
    journey, people_part = done.stdout.split("diff --cjmap a/maps/people.yaml b/maps/people.yaml\n")
    assert journey.startswith("diff --cjmap a/maps/journey.yaml b/maps/journey.yaml\n")
    assert "worsened by 1" in journey
    note, plain = people_part.split("\n", 1)
    assert note.startswith("note: does not load as a map (b/maps/people.yaml:") and "CJM101" in note
    assert plain.startswith("--- a/maps/people.yaml\n+++ b/maps/people.yaml\n@@") and "+stages: [" in plain


def test_a_reader_that_stops_early_ends_the_diff_quietly(driver_repo: Path) -> None:
    for n in range(6):
        shutil.copy(CASES / "emotions" / "old" / "journey.yaml", driver_repo / "maps" / f"j{n}.yaml")
    git(driver_repo, "add", ".")
    git(driver_repo, "commit", "-qm", "more")
    for n in range(6):
        shutil.copy(CASES / "emotions" / "new" / "journey.yaml", driver_repo / "maps" / f"j{n}.yaml")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}
    with subprocess.Popen(
        ["git", "diff"], cwd=driver_repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.readline().startswith(b"diff --cjmap")
        reader.stdout.close()  # `git diff | head -1`
        reader.wait(timeout=60)
        assert reader.stderr.read() == b""


def test_git_log_and_git_show_need_ext_diff_as_the_readme_says(driver_repo: Path) -> None:
    shutil.copy(CASES / "emotions" / "new" / "journey.yaml", driver_repo / "maps" / "journey.yaml")
    git(driver_repo, "commit", "-qam", "worse")
    for command in (["log", "-p", "-1"], ["show"]):
        assert "worsened by" not in git_diff(driver_repo, *command).stdout
        assert "worsened by" in git_diff(driver_repo, *command, "--ext-diff").stdout
    assert "worsened by" not in git_diff(driver_repo, "diff", "--no-ext-diff", "HEAD~1").stdout


def test_revisions_with_odd_names_and_submodules_read_without_a_traceback(run_cli, driver_repo: Path) -> None:
    (driver_repo / "maps" / "line\nbreak.yaml").write_text("kind: persona\nid: cleo\nname: Cleo\n")
    commit = git(driver_repo, "rev-parse", "HEAD").strip()
    git(driver_repo, "add", ".")
    git(driver_repo, "update-index", "--add", "--cacheinfo", f"160000,{commit},maps/module.yaml")
    git(driver_repo, "commit", "-qm", "odd names")
    result = run_cli("diff", "HEAD~1", "HEAD", expect=0)
    assert "persona cleo" in result.stdout and "Traceback" not in result.stderr


def test_the_size_limit_holds_for_files_read_from_git(run_cli, driver_repo: Path) -> None:
    (driver_repo / "cjmap.toml").write_text("max_file_size = 2000\n")
    (driver_repo / "maps" / "big.yaml").write_text("kind: persona\nid: big\nname: Big\nrole: " + "x" * 3000 + "\n")
    (driver_repo / "maps" / "data.yaml").write_text("rows:\n" + "  - 1\n" * 1000)  # not a map: skipped
    git(driver_repo, "add", ".")
    git(driver_repo, "commit", "-qm", "big")
    result = run_cli("diff", "HEAD~1", "HEAD", expect=2)
    assert "HEAD:maps/big.yaml:1:1: CJM100 file is 0.0 MB, over the 0.0 MB limit" in result.stderr
    assert "data.yaml" not in result.stderr


def test_a_shallow_clone_says_how_to_fetch_the_history(run_cli, driver_repo: Path, tmp_path: Path, monkeypatch) -> None:
    git(driver_repo, "checkout", "-qb", "feature")
    shutil.copy(CASES / "emotions" / "new" / "journey.yaml", driver_repo / "maps" / "journey.yaml")
    git(driver_repo, "commit", "-qam", "feature")
    git(driver_repo, "checkout", "-q", "main")
    (driver_repo / "notes.txt").write_text("main moves on\n")
    git(driver_repo, "add", ".")
    git(driver_repo, "commit", "-qm", "main")
    clone = tmp_path / "clone"
    url = driver_repo.as_uri()
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", "--no-single-branch", url, str(clone))
    monkeypatch.chdir(clone)
    result = run_cli("diff", "origin/main...HEAD", expect=2)
    assert "this clone is shallow" in result.stderr and "fetch-depth: 0" in result.stderr
    git(clone, "fetch", "-q", "--unshallow")
    assert "worsened by 1" in run_cli("diff", "origin/main...HEAD", expect=0).stdout


def test_the_driver_takes_a_renamed_files_nine_arguments(run_cli) -> None:
    old, new = CASES / "emotions" / "old" / "journey.yaml", CASES / "emotions" / "new" / "journey.yaml"
    message = "similarity index 91%\nrename from a.yaml\nrename to b.yaml\nindex 1234567..89abcde 100644\n"
    args = ["a.yaml", str(old), "1" * 40, "100644", str(new), "2" * 40, "100644", "b.yaml", message]
    result = run_cli("diff", "--git-driver", *args, expect=0)
    assert result.stdout.startswith(
        "diff --cjmap a/a.yaml b/b.yaml\nsimilarity index 91%\nrename from a.yaml\nrename to b.yaml\njourney buy"
    )
    assert (
        "expects the 7 arguments git passes (9 for a renamed file), got 8"
        in run_cli("diff", "--git-driver", *args[:8], expect=2).stderr
    )
