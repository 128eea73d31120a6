"""The one writer: through symlinks, keeping owner and mode, refusing what it must not touch."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from cjmap import output
from cjmap.output import Snapshot, WriteRefused, write_atomic_bytes, write_text
from tests.conftest import ROOT

UNTIDY = "kind:   persona\nid: ana\nname:     Ana\n"
TIDY = "kind: persona\nid: ana\nname: Ana\n"


@pytest.fixture
def untidy(tmp_path: Path) -> Path:
    path = tmp_path / "maps" / "ana.yaml"
    path.parent.mkdir()
    path.write_text(UNTIDY, encoding="utf-8")
    return path


def test_a_symlinked_file_is_written_through_the_link(run_cli, tmp_path: Path, untidy: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(untidy)
    run_cli("fmt", str(link), expect=0)
    assert link.is_symlink() and os.readlink(link) == str(untidy)
    assert untidy.read_text(encoding="utf-8") == TIDY


def test_a_symlinked_file_found_in_a_folder_is_written_through_wherever_it_points(
    run_cli, tmp_path: Path, untidy: Path
) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "direct.yaml").symlink_to(untidy)
    assert "would reformat" in run_cli("fmt", "--check", str(workspace), expect=1).stdout
    run_cli("fmt", str(workspace), expect=0)
    assert (workspace / "direct.yaml").is_symlink() and untidy.read_text(encoding="utf-8") == TIDY


def test_a_folder_symlink_pointing_outside_the_paths_given_is_not_written(
    run_cli, tmp_path: Path, untidy: Path
) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "elsewhere").symlink_to(untidy.parent, target_is_directory=True)
    result = run_cli("fmt", str(workspace), expect=1)
    assert "outside" in result.stderr
    assert untidy.read_text(encoding="utf-8") == UNTIDY


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_owner_group_and_mode_are_kept(run_cli, untidy: Path) -> None:
    os.chown(untidy, 4242, 4343)
    os.chmod(untidy, 0o640)
    run_cli("fmt", str(untidy), expect=0)
    info = untidy.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o640)
    assert untidy.read_text(encoding="utf-8") == TIDY


def test_another_users_file_is_rewritten_in_place(monkeypatch: pytest.MonkeyPatch, untidy: Path) -> None:
    """Where a renamed copy could not keep the owner, the file keeps its inode instead."""
    monkeypatch.setattr(output, "_may_keep_owner", lambda info: False)
    inode = untidy.stat().st_ino
    write_text(untidy, TIDY)
    assert untidy.stat().st_ino == inode and untidy.read_text(encoding="utf-8") == TIDY


def test_a_read_only_file_is_left_alone_with_a_message(run_cli, untidy: Path) -> None:
    os.chmod(untidy, 0o444)
    result = run_cli("fmt", str(untidy), expect=1)
    assert "read-only; left as it is" in result.stderr
    assert untidy.read_text(encoding="utf-8") == UNTIDY


def test_a_hard_linked_file_is_written_in_place(run_cli, tmp_path: Path, untidy: Path) -> None:
    twin = tmp_path / "twin.yaml"
    os.link(untidy, twin)
    run_cli("fmt", str(untidy), expect=0)
    assert untidy.stat().st_nlink == 2 and twin.read_text(encoding="utf-8") == TIDY


def test_a_file_changed_while_formatting_is_not_overwritten(
    run_cli, monkeypatch: pytest.MonkeyPatch, untidy: Path
) -> None:
    from cjmap.commands import fmt

    laid_out = fmt.format_bytes
    saved = "kind: persona\nid: ana\nname: Ana Maria   # saved by an editor meanwhile\n"

    def and_an_editor_saves(raw: bytes, display: str):  # type: ignore[no-untyped-def]
        found = laid_out(raw, display)
        untidy.write_text(saved, encoding="utf-8")
        return found

    monkeypatch.setattr(fmt, "format_bytes", and_an_editor_saves)
    result = run_cli("fmt", str(untidy), expect=1)
    assert "changed while cjmap was working on it; left as it is (run again)" in result.stderr
    assert untidy.read_text(encoding="utf-8") == saved


def test_data_reaches_the_disk_before_the_rename(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    write_text(tmp_path / "new.txt", "hello")
    assert calls == ["fsync", "replace"]


def test_a_stale_snapshot_refuses_the_write(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("one\n", encoding="utf-8")
    snapshot = Snapshot.read(path)
    path.write_text("two\n", encoding="utf-8")
    with pytest.raises(WriteRefused, match="changed while"):
        write_atomic_bytes(path, b"three\n", read=snapshot)
    assert path.read_text(encoding="utf-8") == "two\n"


@pytest.mark.parametrize("name", ["../escape.txt", "sub/../../escape.txt"])
def test_nothing_is_written_outside_the_folder_allowed(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(WriteRefused, match="outside"):
        write_text(out / name, "x", within=[out])
    assert not (tmp_path / "escape.txt").exists()


def test_a_report_never_replaces_an_input_map(run_cli, tmp_path: Path, untidy: Path) -> None:
    shutil.copytree(ROOT / "examples" / "laptop-online", tmp_path / "laptop")
    journey = tmp_path / "laptop" / "journeys" / "buy-a-laptop.yaml"
    before = journey.read_bytes()
    for args in (
        ["validate", str(untidy), "-o", str(untidy)],
        ["validate", str(untidy.parent), "--format", "json", "-o", str(untidy)],
        ["export", "csv", "--journey", "buy-a-laptop", str(tmp_path / "laptop"), "-o", str(journey)],
    ):
        result = run_cli(*args, expect=2)
        assert "is one of the files being read" in result.stderr
    assert untidy.read_text(encoding="utf-8") == UNTIDY and journey.read_bytes() == before


def test_a_report_never_replaces_the_configuration_or_a_map_of_a_git_diff(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    shutil.copytree(ROOT / "examples" / "laptop-online", tmp_path / "laptop")
    root = tmp_path / "laptop"
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "m"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    monkeypatch.chdir(root)
    config, journey = (root / "cjmap.toml").read_bytes(), (root / "journeys" / "buy-a-laptop.yaml").read_bytes()
    for args in (
        ["validate", "-o", "cjmap.toml"],
        ["diff", "HEAD", "-o", "journeys/buy-a-laptop.yaml"],
        ["diff", "HEAD", "HEAD", "-o", "journeys/buy-a-laptop.yaml"],
        ["diff", "HEAD", "-o", "cjmap.toml"],
    ):
        assert "is one of the files being read" in run_cli(*args, expect=2).stderr
    assert (root / "cjmap.toml").read_bytes() == config
    assert (root / "journeys" / "buy-a-laptop.yaml").read_bytes() == journey


def test_a_report_is_written_whole(run_cli, tmp_path: Path, untidy: Path) -> None:
    report = tmp_path / "report.json"
    run_cli("validate", str(untidy), "--format", "json", "-o", str(report), expect=0)
    assert report.read_text(encoding="utf-8").startswith("{") and not list(tmp_path.glob(".report.json.*"))
