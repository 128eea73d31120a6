from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmap import __version__
from tests.conftest import ROOT

PERSONA = "kind: persona\nid: ana\nname: Ana\n"


def test_version(run_cli) -> None:
    assert run_cli("--version", expect=0).stdout.strip() == f"cjmap {__version__}"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "cjmap", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == f"cjmap {__version__}"


def test_help_lists_the_commands(run_cli) -> None:
    output = run_cli("--help", expect=0).stdout
    for command in ("validate", "rules", "schema"):
        assert command in output


def test_clean_workspace_exits_0(run_cli) -> None:
    result = run_cli("validate", str(ROOT / "examples" / "laptop-online"), expect=0)
    assert result.stdout.strip() == "4 files checked, no problems"


def test_errors_exit_1_with_positions(run_cli, write) -> None:
    path = write("p.yaml", "kind: persona\nid: ana\nnmae: Ana\n")
    result = run_cli("validate", str(path), expect=1)
    assert f"{path}:3:1: CJM103 error unknown key `nmae` (did you mean `name`?) [schema]" in result.stdout
    assert f"{path}:1:1: CJM103 error missing required field `name` [schema]" in result.stdout
    assert result.stdout.strip().endswith("2 errors in 1 file")


def test_warnings_exit_0_unless_strict(run_cli, write) -> None:
    folder = write("ws/p.yaml", PERSONA).parent
    write("ws/j.yaml", "kind: journey\nid: j\ntitle: J\npersonas: [ana]\nstages: [{id: s, name: S}]\n")
    assert "warning" in run_cli("validate", str(folder), expect=0).stdout
    run_cli("validate", "--strict", str(folder), expect=1)


def test_missing_path_exits_2(run_cli, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope"), expect=2)
    assert "no such file or directory" in result.stderr and "Traceback" not in result.stderr


def test_folder_without_maps_checks_nothing(run_cli, write) -> None:
    folder = write("ci/workflow.yml", "on: push\n").parent
    assert run_cli("validate", str(folder), expect=0).stdout.strip() == "0 files checked, no problems"


def test_named_file_without_a_kind_is_an_error(run_cli, write) -> None:
    path = write("ci.yml", "on: push\n")
    assert "document has no `kind`" in run_cli("validate", str(path), expect=1).stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "file has no YAML documents"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"\xff\xfek\x00", "UTF-16"),
    ],
)
def test_unreadable_named_files_are_problems(run_cli, write, content, message) -> None:
    assert message in run_cli("validate", str(write("x.yaml", content)), expect=1).stdout


def test_fifty_megabyte_file_is_refused_without_reading_it(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"kind: journey\n")
        handle.truncate(50_000_000)
    assert "50.0 MB, over the 10.0 MB limit" in run_cli("validate", str(path), expect=1).stdout


def test_github_format_is_chosen_on_github_actions(run_cli, write, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    path = write("p.yaml", "kind: persona\nid: ana\n")
    assert run_cli("validate", str(path), expect=1).stdout.startswith("::error file=")
    assert run_cli("validate", "--format", "text", str(path), expect=1).stdout.startswith(str(path))


def test_output_file_gets_the_report(run_cli, write, tmp_path: Path) -> None:
    path = write("p.yaml", "kind: persona\nid: ana\n")
    out = tmp_path / "reports" / "cjmap.json"
    result = run_cli("validate", "-f", "json", "-o", str(out), str(path), expect=1)
    assert result.stdout == ""
    assert json.loads(out.read_text("utf-8"))["summary"]["errors"] == 1
    assert [p.name for p in out.parent.iterdir()] == ["cjmap.json"]  # no temporary file left


def test_unwritable_output_exits_2(run_cli, write) -> None:
    path = write("p.yaml", PERSONA)
    blocker = write("file", "")
    result = run_cli("validate", "-o", str(blocker / "report.txt"), str(path), expect=2)
    assert "cannot write" in result.stderr


def test_unknown_format_is_a_usage_error(run_cli, write) -> None:
    assert run_cli("validate", "--format", "xml", str(write("p.yaml", PERSONA))).exit_code == 2


def test_bad_configuration_exits_2(run_cli, write) -> None:
    write("cjmap.toml", "stale_after_dayz = 3\n")
    path = write("p.yaml", PERSONA)
    result = run_cli("validate", str(path), expect=2)
    assert "unknown setting `stale_after_dayz` (did you mean `stale_after_days`?)" in result.stderr


def test_configured_paths_are_the_default(run_cli, write, monkeypatch, tmp_path: Path) -> None:
    write("cjmap.toml", 'paths = ["maps"]\n')
    write("maps/p.yaml", "kind: persona\nid: ana\n")
    write("elsewhere/p.yaml", "kind: persona\nid: bob\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", expect=1)
    assert "maps/p.yaml" in result.stdout and "elsewhere" not in result.stdout


def test_a_file_inside_a_workspace_resolves_references_to_the_rest(run_cli, monkeypatch) -> None:
    monkeypatch.chdir(ROOT / "examples" / "bank-account")
    assert run_cli("validate", "open-an-account.yaml", expect=0).stdout.strip() == "1 file checked, no problems"


def test_inline_ignore_and_per_file_ignores(run_cli, write) -> None:
    write("cjmap.toml", '[per-file-ignores]\n"drafts/*" = ["missing-emotion"]\n')
    journey = (
        "kind: journey\nid: {id}\ntitle: J\nreviewed: 2026-11-01\nobjectives: [o]\npersonas: [ana]\n"
        "evidence: [e]\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
        "      - id: ad{suffix}\n        name: Ad\n        channel: web\n        scope: peripheral\n"
    )
    write("p.yaml", PERSONA + "---\nkind: evidence\nid: e\ntitle: E\ntype: survey\n")
    write("drafts/a.yaml", journey.format(id="a", suffix=""))
    write("b.yaml", journey.format(id="b", suffix="  # cjmap: ignore[CJM203]"))
    write("c.yaml", journey.format(id="c", suffix=""))
    result = run_cli("validate", str(Path(write("x", "").parent)), expect=0)
    assert [line for line in result.stdout.splitlines() if "CJM203" in line] == [
        line for line in result.stdout.splitlines() if "c.yaml" in line and "CJM203" in line
    ]
    assert result.stdout.count("CJM203") == 1


def test_rule_severity_can_be_configured(run_cli, write) -> None:
    write("cjmap.toml", '[rules]\nunused-persona = "error"\nCJM207 = "off"\n')
    folder = write("p.yaml", PERSONA + "---\nkind: persona\nid: bob\nname: Bob\n").parent
    write("j.yaml", "kind: journey\nid: j\ntitle: J\npersonas: [ana]\nstages: [{id: s, name: S}]\n")
    result = run_cli("validate", str(folder), expect=1)
    assert "CJM212 error persona `bob`" in result.stdout and "CJM207" not in result.stdout


def test_rules_lists_every_rule_with_examples(run_cli) -> None:
    output = run_cli("rules", expect=0).stdout
    assert "CJM101 yaml-syntax [error]" in output and "CJM212 unused-persona [warning]" in output
    assert output.count("Failing") >= 21


def test_rules_shows_one_rule_and_configured_levels(run_cli, write, monkeypatch, tmp_path) -> None:
    write("cjmap.toml", '[rules]\nstale-review = "error"\n')
    monkeypatch.chdir(tmp_path)
    assert run_cli("rules", "stale-review", expect=0).stdout.startswith("CJM209 stale-review [error (default warning)]")
    assert "did you mean `stale-review`?" in run_cli("rules", "stale-reviews", expect=2).stderr


def test_symlink_loop_in_discovery(run_cli, write, tmp_path: Path) -> None:
    write("maps/p.yaml", PERSONA)
    os.symlink(tmp_path / "maps", tmp_path / "maps" / "loop")
    os.symlink(tmp_path / "maps" / "self", tmp_path / "maps" / "self")
    assert run_cli("validate", str(tmp_path / "maps"), expect=0).stdout.strip() == "1 file checked, no problems"


def test_every_bad_input_gives_problems_not_a_traceback(run_cli) -> None:
    result = run_cli("validate", str(ROOT / "examples" / "invalid"), expect=1)
    for rule_code in ("CJM100", "CJM101", "CJM102", "CJM103", "CJM104", "CJM105"):
        assert rule_code in result.stdout


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_problems_or_a_clean_run_never_a_traceback(run_cli, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(b"kind: journey\n" + content)
    result = run_cli("validate", "-f", "json", str(path))
    assert result.exit_code in (0, 1), repr(result)
    problems = json.loads(result.stdout)["problems"]
    assert all(p["line"] >= 1 and p["column"] >= 1 and p["code"].startswith("CJM") for p in problems)


def test_alias_bomb_and_deep_nesting_through_the_cli(run_cli, write) -> None:
    lines = ["kind: persona", "id: bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join(['*' + chr(96 + n)] * 10)}]" for n in range(1, 10)]
    bomb = run_cli("validate", str(write("bomb.yaml", "\n".join(lines) + "\n")), expect=1).stdout
    assert "CJM101 error document expands to more than 1,000,000 nodes" in bomb
    deep = run_cli("validate", str(write("deep.yaml", "kind: persona\nid: d\nx: " + "[" * 5000 + "]" * 5000)), expect=1)
    assert "nesting deeper than 64 levels" in deep.stdout


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0"])
def test_layout_timeout_must_be_a_positive_number_of_seconds(run_cli, value: str) -> None:
    result = run_cli("render", str(ROOT / "examples" / "laptop-online"), f"--layout-timeout={value}", expect=2)
    assert "must be a positive number of seconds" in result.stderr


def test_schema_out_pointing_at_a_file_is_refused(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "schemas.json"
    target.write_text("{}", encoding="utf-8")
    assert "is a file" in run_cli("schema", "--out", str(target), expect=2).stderr
    assert target.read_text(encoding="utf-8") == "{}"


def test_an_error_of_several_lines_keeps_its_lines(run_cli, tmp_path: Path) -> None:
    sheet = tmp_path / "inventory.csv"
    sheet.write_text("stage,touchpoint,channel,emotion\nLook,Ad,web,high\nLook,Shop,web,low\n", encoding="utf-8")
    result = run_cli("import", "csv", str(sheet), "--journey", "j", "--out", str(tmp_path / "out"), expect=2)
    lines = result.stderr.splitlines()
    assert len([line for line in lines if "row" in line]) >= 2 and "\\n" not in result.stderr
