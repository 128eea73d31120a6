"""GitHub annotations: GitHub shows 10 per level and step, so nothing may vanish silently."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cjmap.problem import Problem
from cjmap.reporters.validate.github import LIMIT, split
from tests.conftest import ROOT
from tests.consumers import gfm, mentions
from tests.hostile import ANNOTATION

COMMAND = re.compile(r"^::(\w+) ")


def levels(output: str) -> Counter[str]:
    return Counter(m.group(1) for line in output.splitlines() if (m := COMMAND.match(line)))


def test_examples_invalid_keeps_ten_per_level_and_lists_the_rest(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step output\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # github is then the default format
    folder = str(ROOT / "examples" / "invalid")
    counts = json.loads(run_cli("validate", folder, "--format", "json", expect=1).stdout)["summary"]
    assert counts["errors"] > 10 and counts["warnings"] > 10  # more than GitHub shows of each level
    more = counts["errors"] + counts["warnings"] - 20
    output = run_cli("validate", folder, expect=1).stdout
    assert levels(output) == {"error": 10, "warning": 10, "notice": 1}
    assert all(ANNOTATION.fullmatch(line) for line in output.splitlines() if line.startswith("::"))
    assert f"::notice title=cjmap::{more} more problem(s) not shown as annotations" in output
    assert len([line for line in output.splitlines() if ": CJM" in line and not line.startswith("::")]) == more
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step output\n")  # appended, as the runner expects
    rendered = gfm(text)
    problems = counts["errors"] + counts["warnings"]
    assert rendered.count("<table>") == 1 and rendered.count("<tr>") == 1 + problems  # header and every problem
    assert mentions(rendered) == []


def test_no_summary_file_no_table(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    output = run_cli("validate", str(ROOT / "examples" / "invalid"), "-f", "github", expect=1).stdout
    assert "see below" in output and not list(tmp_path.iterdir())


def problem(severity: str, n: int) -> Problem:
    return Problem(f"f{n}.yaml", n, 1, "schema", f"m{n}", "CJM103", severity)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("errors", "warnings", "notices", "shown"),
    [
        (10, 10, 10, {"error": 10, "warning": 10, "info": 10}),
        (11, 0, 0, {"error": 10, "warning": 0, "info": 0}),
        (0, 0, 11, {"error": 0, "warning": 0, "info": 9}),  # and the notice saying 2 more
        (12, 3, 10, {"error": 10, "warning": 3, "info": 9}),
    ],
)
def test_split_leaves_room_for_the_overflow_notice(errors: int, warnings: int, notices: int, shown: dict) -> None:
    problems = (
        [problem("error", n) for n in range(errors)]
        + [problem("warning", n) for n in range(warnings)]
        + [problem("info", n) for n in range(notices)]
    )
    first, rest = split(problems)
    assert Counter(p.severity for p in first) == Counter(shown) and len(first) + len(rest) == len(problems)
    assert all(count <= LIMIT for count in Counter(p.severity for p in first).values())
    assert sum(shown.values()) + (1 if rest else 0) <= 3 * LIMIT


def test_summary_is_cut_before_githubs_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from cjmap.reporters.validate import github

    monkeypatch.setattr(github, "SUMMARY_LIMIT", 2_000)
    table = github.table([problem("error", n) for n in range(200)])
    assert len(table) < 2_100 and "more problem(s) left out" in table
