"""Rename matching: exact at any size, near-linear, and never quietly less strict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.matching import RENAME_THRESHOLD, match, similarity


def fields(item: dict[str, Any]) -> dict[str, Any]:
    return item


def every_pair(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
    """The reference: score every removed item against every added one, best first."""
    pairs = {i: i for i in old if i in new}
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    scored = sorted(((similarity(old[r], new[a]), r, a) for r in removed for a in added), reverse=True)
    for score, r, a in scored:
        if score >= RENAME_THRESHOLD and r in removed and a in added:
            pairs[r] = a
            removed.remove(r)
            added.remove(a)
    return pairs


item = st.dictionaries(
    st.sampled_from(["name", "channel", "scope", "owner", "actions"]), st.sampled_from(["a", "b", 1, ["x"]]), max_size=5
)
side = st.dictionaries(st.sampled_from([f"t{n}" for n in range(12)]), item, max_size=10)


@settings(max_examples=300, deadline=None)
@given(side, side)
def test_the_same_pairs_as_comparing_every_pair(old: dict[str, Any], new: dict[str, Any]) -> None:
    found = match(old, new, fields)
    assert found.decided and found.pairs == every_pair(old, new)
    assert sorted([*found.pairs, *found.removed]) == sorted(old) and sorted(
        [*found.pairs.values(), *found.added]
    ) == sorted(new)


def test_every_rename_is_found_at_scale_in_near_linear_work() -> None:
    n = 20_000
    old = {f"t{i}": {"name": f"Step {i}", "channel": "web", "scope": "external"} for i in range(n)}
    new = {f"renamed-{i}": {**old[f"t{i}"]} for i in range(n)}
    found = match(old, new, fields)
    assert found.decided and found.pairs == {f"t{i}": f"renamed-{i}" for i in range(n)} and found.compared == 0
    edited = {f"renamed-{i}": {**old[f"t{i}"], "owner": f"team {i}"} for i in range(n)}  # 3 of 4 fields equal
    found = match(old, edited, fields)
    assert found.decided and found.pairs == {f"t{i}": f"renamed-{i}" for i in range(n)}
    assert found.compared == n  # each removed item met only the added one with its name


def test_items_too_much_alike_to_tell_apart_are_undecided_not_added_and_removed() -> None:
    old = {f"t{i}": {"name": "Step", "channel": "web", "actions": [f"a{i}"]} for i in range(400)}
    new = {f"u{i}": {"name": "Step", "channel": "web", "actions": [f"b{i}"]} for i in range(400)}
    assert not match(old, new, fields).decided  # every pair agrees on 2 of 3 fields


JOURNEY_HEAD = (
    "kind: journey\nid: big\ntitle: Big\npersonas: [ana]\nstages:\n  - id: all\n    name: All\n    touchpoints:\n"
)
PERSONA = "kind: persona\nid: ana\nname: Ana\n"


def journey(folder: Path, ids: list[str], names: list[str], emotion: int, actions: str = "x") -> Path:
    folder.mkdir()
    (folder / "ana.yaml").write_text(PERSONA)
    touchpoints = "".join(
        f"      - id: {i}\n        name: {n}\n        channel: web\n        actions: [{actions}{i}]\n"
        f"        emotion: {emotion}\n"
        for i, n in zip(ids, names, strict=True)
    )
    (folder / "big.yaml").write_text(JOURNEY_HEAD + touchpoints)
    return folder


def test_fail_on_worsened_holds_when_every_touchpoint_is_renamed(run_cli, tmp_path: Path) -> None:
    n = 3_000
    names = [f"Step {i}" for i in range(n)]
    old = journey(tmp_path / "old", [f"t{i}" for i in range(n)], names, 1, actions="")
    new = journey(tmp_path / "new", [f"u{i}" for i in range(n)], names, -1, actions="changed ")
    result = run_cli("diff", str(old), str(new), "--fail-on", "worsened", expect=1)
    assert "touchpoint t0 renamed to u0" in result.stdout and f"emotions: 0 improved, {n} worsened." in result.stdout


def test_fail_on_worsened_fails_with_a_message_when_renames_cannot_be_told_apart(run_cli, tmp_path: Path) -> None:
    n = 400
    old = journey(tmp_path / "old", [f"t{i}" for i in range(n)], ["Step"] * n, 1, actions="a")
    new = journey(tmp_path / "new", [f"u{i}" for i in range(n)], ["Step"] * n, -1, actions="b")
    result = run_cli("diff", str(old), str(new), "--fail-on", "worsened", expect=1)
    assert "added share too many fields to tell which were renamed" in result.stdout
    assert "cjmap: --fail-on worsened: big: cannot tell which touchpoints were renamed" in result.stderr
    run_cli("diff", str(old), str(new), "--fail-on", "removed", expect=1)
