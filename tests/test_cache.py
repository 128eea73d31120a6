"""The validate cache: warm runs parse nothing that did not change, and say exactly what a cold
run says; a cache that is corrupt, foreign or tampered with is never trusted."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmap import composer, positions

PERSONA = "kind: persona\nid: ana\nname: Ana\nevidence: [diary]\n"
EVIDENCE = "kind: evidence\nid: diary\ntitle: Diary\ntype: observation\n"
JOURNEY = """kind: journey
id: buy
title: Buy
personas: [ana]
evidence: [diary]
objectives: [Find drop-offs]
reviewed: 2026-11-01
stages:
  - id: look
    name: Look
    touchpoints:
      - {id: ad, name: Ad, channel: web, scope: peripheral, emotion: -2}  # cjmap: ignore[unbacked-emotion]
      - {id: shop, name: Shop, channel: web}
"""
COLD = 3  # parses of a cold run: two files, and the journey once more to tell its comment from values


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts libyaml is asked to parse, in order."""
    seen: list[str] = []
    real = composer.Parser

    def counting(text: str) -> object:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(composer, "Parser", counting)
    monkeypatch.setattr(positions, "Parser", counting)  # second passes: duplicate keys, comments
    return seen


@pytest.fixture
def workspace(write: Callable[..., Path], tmp_path: Path) -> Path:
    write("ws/cjmap.toml", "")
    write("ws/people.yaml", PERSONA + "---\n" + EVIDENCE)
    write("ws/journeys/buy.yaml", JOURNEY)
    write("ws/ci.yml", "on: push\n")
    return tmp_path / "ws"


def results(folder: Path) -> Path:
    return Path(os.environ["CJMAP_CACHE_DIR"]) / "results.json"


def test_an_unchanged_workspace_is_validated_without_parsing_a_file(run_cli, workspace: Path, parses) -> None:
    cold = run_cli("validate", "-v", str(workspace), expect=0)
    assert len(parses) == COLD and "missing-emotion" in cold.stdout
    parses.clear()
    warm = run_cli("validate", "-v", str(workspace), expect=0)
    assert parses == []
    assert (warm.stdout, warm.stderr) == (cold.stdout, cold.stderr)
    assert run_cli("validate", "--no-cache", "-v", str(workspace), expect=0).stdout == cold.stdout


def test_only_changed_files_are_parsed_and_cross_file_rules_run_every_time(
    run_cli, workspace: Path, parses, write
) -> None:
    run_cli("validate", str(workspace), expect=0)
    parses.clear()
    write("ws/people.yaml", EVIDENCE)  # ana is gone
    out = run_cli("validate", str(workspace), expect=1).stdout
    assert parses == [EVIDENCE]
    assert f"{workspace / 'journeys' / 'buy.yaml'}:4:12: CJM105 error unknown persona `ana`" in out
    assert "CJM212" not in out  # no persona left unused


def test_the_cache_lives_beside_the_workspace_root_and_git_ignores_it(
    run_cli, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CJMAP_CACHE_DIR")
    monkeypatch.chdir(workspace.parent)
    run_cli("validate", str(workspace / "journeys" / "buy.yaml"), expect=0)
    cache = workspace / ".cjmap_cache"
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", "results.json"]
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_cache_dir_setting_and_no_cache(run_cli, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CJMAP_CACHE_DIR")
    (workspace / "cjmap.toml").write_text('cache_dir = "build/cjmap"\n')
    run_cli("validate", "--no-cache", str(workspace), expect=0)
    assert not (workspace / "build").exists() and not (workspace / ".cjmap_cache").exists()
    run_cli("validate", str(workspace), expect=0)
    assert (workspace / "build" / "cjmap" / "results.json").is_file()


def test_settings_that_change_results_are_part_of_the_key(run_cli, workspace: Path, parses) -> None:
    run_cli("validate", str(workspace), expect=0)
    (workspace / "cjmap.toml").write_text("emotion_scale = [-1, 1]\n")
    parses.clear()
    out = run_cli("validate", str(workspace), expect=1).stdout
    assert len(parses) == COLD and "emotion -2 is outside the scale -1..+1" in out


def test_an_edited_cjmap_is_a_different_cjmap(run_cli, workspace: Path, parses) -> None:
    """A checkout being worked on keeps its version number: its code's files are the key."""
    run_cli("validate", str(workspace), expect=0)
    rule = Path(composer.__file__).parent / "rules" / "missing_emotion.py"
    stat = rule.stat()
    os.utime(rule, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    try:
        parses.clear()
        run_cli("validate", str(workspace), expect=0)
        assert len(parses) == COLD
    finally:
        os.utime(rule, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.replace(b'"version": 1', b'"version": 2'),
        lambda raw: raw.replace(b'"cjmap-cache"', b'"other-tool"'),
        lambda raw: raw[:-5] + b"xxxxx",  # the checksum no longer matches
        lambda raw: b"\x80\x81" + raw,
        lambda raw: b"[" * 100_000 + b"\n",
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored(run_cli, workspace: Path, parses, damage) -> None:
    cold = run_cli("validate", str(workspace), expect=0).stdout
    path = results(workspace)
    path.write_bytes(damage(path.read_bytes()))
    parses.clear()
    assert run_cli("validate", str(workspace), expect=0).stdout == cold
    assert len(parses) == COLD
    parses.clear()
    run_cli("validate", str(workspace), expect=0)
    assert parses == []  # rewritten whole


def _forge(path: Path, change: Callable[[dict], object]) -> None:
    """Rewrite the entries with a valid header and checksum, as a hostile tool could."""
    header, _, body = path.read_bytes().partition(b"\n")
    entries = json.loads(body)
    new = json.dumps(change(entries)).encode()
    meta = json.loads(header)
    meta["sha256"] = hashlib.sha256(new).hexdigest()
    path.write_bytes(json.dumps(meta).encode() + b"\n" + new)


entry_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=6),
    max_leaves=20,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entry_values, min_size=6, max_size=6), st.integers(min_value=0, max_value=5))
def test_entries_that_are_not_exactly_what_cjmap_writes_are_never_used(
    run_cli, workspace: Path, value: list, field: int
) -> None:
    results(workspace).unlink(missing_ok=True)  # the example before this one forged it
    cold = run_cli("validate", "--no-cache", str(workspace), expect=0).stdout
    run_cli("validate", str(workspace), expect=0)

    def tamper(entries: dict) -> dict:
        for entry in entries.values():
            if entry[0]:
                entry[field] = value[field]
        return entries

    _forge(results(workspace), tamper)
    result = run_cli("validate", str(workspace))
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    # A forged entry of the right shape is read as written (the checksum guards against damage,
    # not against someone who can write the maps themselves); it never crashes the run.
    if result.stdout != cold:
        assert all(line.startswith(str(workspace)) for line in result.stdout.splitlines()[:-1])


def test_a_forged_rule_name_is_not_trusted(run_cli, workspace: Path, parses) -> None:
    cold = run_cli("validate", str(workspace), expect=0).stdout

    def rename(entries: dict) -> dict:
        for entry in entries.values():
            for problem in entry[1]:
                problem[2] = "no-such-rule"
        return entries

    _forge(results(workspace), rename)
    parses.clear()
    assert run_cli("validate", str(workspace), expect=0).stdout == cold
    assert len(parses) == COLD - 1  # the journey (twice), whose entry had problems


def test_a_cache_that_cannot_be_written_only_costs_time(run_cli, workspace: Path, monkeypatch) -> None:
    blocker = workspace / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("CJMAP_CACHE_DIR", str(blocker / "cache"))
    assert run_cli("validate", str(workspace), expect=0).stderr == ""
