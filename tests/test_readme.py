"""The README's tour shows real output: every `$ cjmap ...` block runs, from a copy of the
repository's examples, and prints what the README says (a `...` line stands for any lines)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

BLOCK = re.compile(r"```text\n(\$ cjmap .*?)```", re.S)
# Blocks about files a reader has and the repository does not: they show the shape of the output.
ILLUSTRATIONS = ("cjmap import ", "cjmap fmt --check .")


def blocks() -> list[str]:
    found = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    return [b for b in found if not b.startswith(tuple(f"$ {c}" for c in ILLUSTRATIONS))]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` reads as `expected`, where a `...` line stands for any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[n:]) for n in range(len(actual) + 1))
    return bool(actual) and expected[0].rstrip() == actual[0].rstrip() and matches(expected[1:], actual[1:])


@pytest.mark.parametrize("block", blocks(), ids=lambda b: b.splitlines()[0][2:60])
def test_the_readme_shows_real_output(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: str) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "tests" / "diff" / "cases", tmp_path / "tests" / "diff" / "cases")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CJMAP_CACHE_DIR", str(tmp_path / ".cjmap_cache"))
    command, *expected = block.rstrip("\n").splitlines()
    result = run_cli(*shlex.split(command)[2:])
    actual = (result.stderr + result.stdout).splitlines()
    assert matches(expected, actual), "\n".join(["README shows:", *expected, "", "cjmap prints:", *actual])
