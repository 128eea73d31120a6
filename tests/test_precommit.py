"""pre-commit itself runs cjmap's hooks: the ones this repository ships (.pre-commit-hooks.yaml)
and the ones a fresh `cjmap init` writes. They pass on the first run, and they run, and fail, on
the commits that break references: one that only deletes a map, one that only changes
cjmap.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BANK = ROOT / "examples" / "bank-account"
HOOK_REPO_FILES = ["pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "src"]


def run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """cjmap of this checkout on PATH (for `language: system` hooks), pre-commit's own cache in
    a temporary folder, git without the user's configuration."""
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "SOURCE_DATE_EPOCH": "1795392000",
    }


def git_repo(path: Path, env: dict[str, str]) -> Path:
    assert run(path, env, "git", "init", "-q", "-b", "main").returncode == 0
    return path


def commit_all(path: Path, env: dict[str, str]) -> str:
    assert run(path, env, "git", "add", "-A").returncode == 0
    assert run(path, env, "git", "commit", "-qm", "x").returncode == 0
    return run(path, env, "git", "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This checkout's hooks and source as a repository pre-commit can install from."""
    path = git_repo(tmp_path_factory.mktemp("hook-repo"), env)
    for name in HOOK_REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, path / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, path / name)
    return path, commit_all(path, env)


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(repo, env, sys.executable, "-m", "pre_commit", "run", "--color", "never", *args)


def test_the_shipped_hook_checks_a_subfolder_workspace_and_runs_on_deletions(
    tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str]
) -> None:
    repo = git_repo(tmp_path, env)
    shutil.copytree(BANK, repo / "docs" / "cx")  # its own cjmap.toml: channels, emotion scale
    url, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n      - id: cjmap-validate\n      - id: cjmap-fmt\n"
    )
    commit_all(repo, env)
    first = pre_commit(repo, env, "--all-files")
    assert first.returncode == 0 and "cjmap validate" in first.stdout, first.stdout + first.stderr

    (repo / "docs" / "cx" / "cjmap.toml").write_text("emotion_scale = [-2, 2]\n")  # only the configuration
    assert run(repo, env, "git", "add", "-A").returncode == 0
    changed = pre_commit(repo, env)
    assert changed.returncode == 1 and "CJM107" in changed.stdout, changed.stdout
    assert run(repo, env, "git", "checkout", "HEAD", "--", "docs/cx/cjmap.toml").returncode == 0

    assert run(repo, env, "git", "rm", "-q", "docs/cx/people.yaml").returncode == 0  # only a deletion
    deleted = pre_commit(repo, env)
    assert deleted.returncode == 1 and "CJM105 error unknown persona `lena`" in deleted.stdout, deleted.stdout


def test_a_fresh_init_passes_its_own_hooks_and_catches_a_deleted_persona(
    run_cli, tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo(tmp_path, env)
    monkeypatch.chdir(repo)
    run_cli("init", "docs/cx", expect=0)
    # A second persona keeps the folder when the first is deleted (git removes empty folders, and
    # a configured folder that does not exist is an error of its own).
    shutil.copy(repo / "docs/cx/personas/primary-customer.yaml", repo / "docs/cx/personas/other.yaml")
    other = repo / "docs/cx/personas/other.yaml"
    other.write_text(other.read_text().replace("id: primary-customer", "id: other"))
    (repo / "docs/cx/cjmap.toml").write_text(
        'paths = ["personas", "research", "journeys"]\n[rules]\nunused-persona = "off"\n'
    )
    commit_all(repo, env)
    first = pre_commit(repo, env, "--all-files")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.count("Passed") == 2

    assert run(repo, env, "git", "rm", "-q", "docs/cx/personas/primary-customer.yaml").returncode == 0
    deleted = pre_commit(repo, env)
    assert deleted.returncode == 1 and "unknown persona `primary-customer`" in deleted.stdout, deleted.stdout
