"""One discovery rule for every source: folders walked, files named, git revisions, fmt."""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.discovery import Selection, discover, display_path
from tests.conftest import ROOT

PERSONA = "kind: persona\nid: {id}\nname: Someone\n"
BROKEN = "kind: persona\nid: Not An Id\n"


def workspace(root: Path) -> Path:
    """cjmap.toml excluding drafts/, one good persona, a broken draft and a broken hidden file."""
    (root / "maps" / "drafts").mkdir(parents=True)
    (root / "maps" / ".hidden").mkdir()
    (root / "maps" / "cjmap.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    (root / "maps" / "ana.yaml").write_text(PERSONA.format(id="ana"), encoding="utf-8")
    (root / "maps" / "drafts" / "wip.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "maps" / ".hidden" / "old.yaml").write_text(BROKEN, encoding="utf-8")
    return root / "maps"


@pytest.mark.parametrize("cwd", [".", "maps", "maps/drafts"])
def test_exclude_and_hidden_folders_hold_whatever_the_current_folder(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: str
) -> None:
    maps = workspace(tmp_path)
    monkeypatch.chdir(tmp_path / cwd)
    result = run_cli("validate", os.path.relpath(maps), expect=0)
    assert "1 file checked, no problems" in result.stdout


@pytest.mark.parametrize("name", ["drafts/wip.yaml", ".hidden/old.yaml"])
def test_files_named_on_the_command_line_follow_the_same_rule(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    maps = workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", str(maps / "ana.yaml"), str(maps / name), expect=0)
    assert "1 file checked, no problems" in result.stdout
    assert run_cli("fmt", "--check", str(maps / name), expect=0).stdout == "0 of 0 files would change\n"


def test_a_hidden_folder_given_by_name_is_walked(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".maps").mkdir()
    (tmp_path / ".maps" / "ana.yaml").write_text(PERSONA.format(id="ana"), encoding="utf-8")
    assert "1 file checked" in run_cli("validate", str(tmp_path / ".maps"), expect=0).stdout


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_git_revisions_follow_the_same_rule(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    maps = workspace(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "empty")
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "maps")
    monkeypatch.chdir(maps)
    result = run_cli("diff", "HEAD~1", "HEAD", expect=0)
    assert "persona ana" in result.stdout and "wip" not in result.stdout and "Not An Id" not in result.stdout


segment = st.sampled_from(["a", "b", ".git", "drafts", "x.yaml", "notes"])


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(segment, min_size=1, max_size=4),
    patterns=st.lists(st.sampled_from(["drafts/*", "a", "*/x.yaml", "./b/*", "notes/"]), max_size=3),
    depth=st.integers(0, 3),
)
def test_the_rule_does_not_depend_on_the_current_folder(
    tmp_path_factory: pytest.TempPathFactory, parts: list[str], patterns: list[str], depth: int
) -> None:
    root = tmp_path_factory.getbasetemp() / "root"
    selection = Selection(root, tuple(patterns))
    target = root.joinpath(*parts)
    here = os.getcwd()
    answers = set()
    try:
        for level in range(depth + 1):
            folder = root.joinpath(*["sub"] * level)
            folder.mkdir(parents=True, exist_ok=True)
            os.chdir(folder)
            answers.add(selection.skips(os.path.relpath(target)))
    finally:
        os.chdir(here)
    assert len(answers) == 1


def test_discover_finds_each_file_once(tmp_path: Path) -> None:
    maps = workspace(tmp_path)
    found = discover([maps, maps / "ana.yaml", maps], Selection(maps, ("drafts/*",)))
    assert [c.path.name for c in found] == ["ana.yaml"]


def broken_workspace(root: Path) -> Path:
    """A configured workspace whose journey has an error, for the paths reporters show."""
    shutil.copytree(ROOT / "examples" / "laptop-online", root / "ws")
    journey = root / "ws" / "journeys" / "buy-a-laptop.yaml"
    journey.write_text(journey.read_text("utf-8").replace("channel: web", "channel: webb", 1), encoding="utf-8")
    return root / "ws"


def shown_paths(run_cli, *args: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The path of the one problem as text, json, github, junit and sarif show it."""
    text = run_cli("validate", *args, expect=1).stdout.split(":")[0]
    problem = json.loads(run_cli("validate", "-f", "json", *args, expect=1).stdout)["problems"][0]["path"]
    github = run_cli("validate", "-f", "github", *args, expect=1).stdout.split("file=")[1].split(",")[0]
    junit = run_cli("validate", "-f", "junit", *args, expect=1).stdout
    failed = ET.fromstring(junit).find(".//failure/..")
    assert failed is not None
    return {text, problem, github.replace("%3A", ":"), failed.get("name") or ""}


@pytest.mark.parametrize(
    ("cwd", "args", "expected"),
    [
        ("ws", (), "journeys/buy-a-laptop.yaml"),  # as CI and pre-commit run it
        ("ws/journeys", (), "buy-a-laptop.yaml"),
        (".", ("ws",), "ws/journeys/buy-a-laptop.yaml"),
        ("ws/personas", ("../journeys",), "../journeys/buy-a-laptop.yaml"),  # outside: as given
    ],
)
def test_every_reporter_shows_paths_relative_to_the_current_folder(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: str, args: tuple[str, ...], expected: str
) -> None:
    broken_workspace(tmp_path)
    monkeypatch.chdir(tmp_path / cwd)
    assert shown_paths(run_cli, *args) == {expected}


def test_files_outside_the_current_folder_found_by_configuration_are_absolute(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = broken_workspace(tmp_path)
    monkeypatch.chdir(ws / "personas")
    assert shown_paths(run_cli) == {str(ws / "journeys" / "buy-a-laptop.yaml")}


def test_display_path_rule() -> None:
    here = Path.cwd()
    assert display_path(here / "a" / ".." / "b.yaml") == "b.yaml"
    assert display_path("./b.yaml") == "b.yaml"
    assert display_path("../x/b.yaml") == os.path.normpath("../x/b.yaml")
    assert display_path(here.parent / "b.yaml") == str(here.parent / "b.yaml")


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(
        st.lists(st.sampled_from(["a", "b", ".h", "drafts", "x.yaml", "y.yml", "z.txt"]), min_size=1, max_size=3),
        max_size=8,
    ),
    patterns=st.lists(st.sampled_from(["drafts", "drafts/*", "a/x.yaml", "*.yml", "b"]), max_size=2),
    start=st.sampled_from(["", "a", "drafts"]),
)
def test_a_walk_keeps_exactly_what_the_rule_keeps(
    tmp_path_factory: pytest.TempPathFactory, names: list[list[str]], patterns: list[str], start: str
) -> None:
    root = tmp_path_factory.mktemp("walk")
    for parts in names:
        if parts[-1].endswith(("yaml", "yml", "txt")):
            with contextlib.suppress(OSError):  # a name already taken by a file or a folder
                (root.joinpath(*parts[:-1])).mkdir(parents=True, exist_ok=True)
                root.joinpath(*parts).write_text("x", encoding="utf-8")
    given = root / start
    if not given.is_dir():
        return
    selection = Selection(root, tuple(patterns))
    walked = {c.path for c in discover([given], selection)}
    expected = {
        path
        for path in given.rglob("*")
        if path.is_file()
        and path.suffix in (".yaml", ".yml")
        and not selection.skips(path, given)
        and not any(
            fnmatch.fnmatchcase(prefix, p)
            for p in selection.patterns
            for prefix in _prefixes(selection.relative(given))
        )
    }
    assert walked == expected


def _prefixes(relative: str) -> list[str]:
    parts = [] if relative == "." else relative.split("/")
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]
