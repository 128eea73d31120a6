from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cjmap.config import Config
from cjmap.diff import diff_workspaces, moved_items
from cjmap.reporters import DIFF, get_reporter
from cjmap.reporters.diff.markdown import MARKER
from cjmap.reporters.diff.markdown import report as markdown_report
from cjmap.reporters.markdown import escape
from cjmap.workspace import load_workspace

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def diff_case(name: str):
    config = Config()
    return diff_workspaces(
        load_workspace([CASES / name / "old"], config), load_workspace([CASES / name / "new"], config)
    )


def render(name: str, found) -> str:
    out = io.StringIO()
    get_reporter(DIFF, name)(found, out)
    return out.getvalue()


@pytest.mark.parametrize("name", NAMES)
def test_text_golden(name: str, golden) -> None:
    golden(CASES / name / "expected.txt", render("text", diff_case(name)))


@pytest.mark.parametrize("name", ["workspace", "emotions"])
def test_markdown_and_json_golden(name: str, golden) -> None:
    found = diff_case(name)
    golden(CASES / name / "expected.md", render("markdown", found))
    golden(CASES / name / "expected.json", render("json", found))


def test_formatting_and_comments_are_no_change() -> None:
    assert diff_case("formatting-only").changes == []
    assert render("text", diff_case("formatting-only")) == "No semantic changes.\n"


def test_a_moved_stage_and_an_edit_are_exactly_two_changes() -> None:
    found = diff_case("stage-moved-and-field-edited")
    assert [(c.item, c.id, c.kind, c.field) for c in found.changes] == [
        ("stage", "ride", "moved", "position"),
        ("touchpoint", "site", "changed", "name"),
    ]


def test_renamed_not_removed_and_added() -> None:
    kinds = {(c.item, c.kind) for c in diff_case("touchpoint-renamed").changes}
    assert ("touchpoint", "renamed") in kinds and ("touchpoint", "added") not in kinds


@pytest.mark.parametrize(
    ("order", "old", "moved"),
    [
        (["a", "b", "c"], {"a": 0, "b": 1, "c": 2}, []),
        (["c", "a", "b"], {"a": 0, "b": 1, "c": 2}, ["c"]),
        (["b", "c", "d", "a"], {"a": 0, "b": 1, "c": 2, "d": 3}, ["a"]),
        ([], {}, []),
    ],
)
def test_moved_items_keep_the_longest_ordered_run(order, old, moved) -> None:
    assert moved_items(order, old) == moved


def test_markdown_escapes_user_text() -> None:
    assert escape("<img src=x onerror=alert(1)> **bold** [link](x)") == (
        "&lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\* \\[link\\]\\(x\\)"
    )


def test_markdown_starts_with_the_marker_and_stays_under_the_limit() -> None:
    found = diff_case("emotions")
    many = type(found)(found.changes * 400, found.titles)
    out = io.StringIO()
    markdown_report(many, out, limit=3000)
    text = out.getvalue()
    assert text.startswith(MARKER + "\n") and len(text) < 3000
    assert "| emotion worsened | 1200 |" in text and "left out to stay under GitHub's comment limit" in text


def test_json_shape() -> None:
    document = json.loads(render("json", diff_case("improvements")))
    assert document["version"] == 1 and document["summary"]["changes"] == 2
    assert document["changes"][1] == {
        "scope": "buy",
        "item": "improvement",
        "id": "show-shipping",
        "kind": "completed",
        "field": "status",
        "old": "planned",
        "new": "done",
    }
