"""`cjmap validate` through the command line: on inputs that used to hang, crash or pass unchecked,
and without paths, as CI and pre-commit hooks run it from the repository root (a workspace in a
subfolder is checked with its own cjmap.toml)."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.conftest import ROOT

PERSONA = "kind: persona\nid: ana\nname: Ana\n"
JOURNEY = "kind: journey\nid: j\ntitle: J\npersonas: [ana]\nobjectives: [o]\nreviewed: 2026-11-01\nstages:\n"
STAGE = (
    "  - id: s\n    name: S\n    metrics: {{{metrics}}}\n    touchpoints:\n      - {{id: t, name: T, channel: web}}\n"
)


@pytest.fixture
def alarm():
    """A run that would block (reading a FIFO) fails after 20 s instead of hanging the suite."""
    signal.alarm(20)
    yield
    signal.alarm(0)


def test_fifos_and_devices_in_a_workspace_are_reported_not_read(run_cli, write, tmp_path: Path, alarm) -> None:
    write("ws/p.yaml", PERSONA)
    os.mkfifo(tmp_path / "ws" / "pipe.yaml")
    (tmp_path / "ws" / "zero.yaml").symlink_to("/dev/zero")
    result = run_cli("validate", str(tmp_path / "ws"), expect=1)
    assert (
        "pipe.yaml:1:1: CJM100 error file is a named pipe (FIFO), not a regular file; it was not read" in result.stdout
    )
    assert "zero.yaml:1:1: CJM100 error file is a character device, not a regular file" in result.stdout
    run_cli("validate", str(tmp_path / "ws" / "zero.yaml"), expect=1)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_the_size_limit_holds_for_files_that_report_no_size(run_cli, write, tmp_path: Path) -> None:
    write("cjmap.toml", "max_file_size = 100\n")
    (tmp_path / "status.yaml").symlink_to("/proc/self/status")
    assert (
        "over the 0.0 MB limit; it was not read" in run_cli("validate", str(tmp_path / "status.yaml"), expect=1).stdout
    )


def test_a_kind_close_to_a_cjmap_kind_is_checked_wherever_it_is(run_cli, write, tmp_path: Path) -> None:
    write("ws/p.yaml", PERSONA)
    write("ws/capital.yaml", "kind: Journey\nid: a\n")
    write("ws/typo.yaml", "kind: jouney\nid: b\n")
    write("ws/anchored.yaml", "kind: &k journey\nid: c\n")
    write("ws/utf16.yaml", "kind: journey\nid: d\n".encode("utf-16"))
    write("ws/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n")
    write("ws/.github/ci.yml", "on: push\n")
    write("ws/ci.yml", "on: push\n")
    result = run_cli("validate", "-v", str(tmp_path / "ws"), expect=1)
    out = result.stdout
    assert "capital.yaml:1:7: CJM103 error unknown kind `Journey`; expected persona, journey or evidence" in out
    assert "typo.yaml:1:7: CJM103 error unknown kind `jouney`" in out and "did you mean `journey`?" in out
    assert "anchored.yaml:1:1: CJM103 error missing required field `title`" in out
    assert "utf16.yaml:1:1: CJM100 error file is UTF-16" in out
    assert "deploy.yaml" not in out and "ci.yml" not in out
    assert out.strip().endswith("in 5 files")
    assert "skipped 2 YAML files holding no map:" in result.stderr
    assert "deploy.yaml" in result.stderr and "ws/ci.yml" in result.stderr


def test_verbose_says_when_nothing_was_skipped(run_cli, write) -> None:
    folder = write("ws/p.yaml", PERSONA).parent
    assert "skipped no YAML file" in run_cli("validate", "--verbose", str(folder), expect=0).stderr
    assert run_cli("validate", str(folder), expect=0).stderr == ""


def test_an_ignore_comment_must_be_a_comment(run_cli, write) -> None:
    path = write(
        "j.yaml",
        JOURNEY + "  - id: s\n    name: S\n    touchpoints:\n"
        '      - {id: t, name: "T # cjmap: ignore", channel: webb}\n'
        "      - {id: u, name: U, channel: webb} # cjmap: ignore[unknown-channel]\n",
    )
    write("p.yaml", PERSONA)
    out = run_cli("validate", str(path), str(path.parent / "p.yaml"), expect=1).stdout
    channels = [line.split("/")[-1] for line in out.splitlines() if "CJM106" in line]
    assert channels == ["j.yaml:11:53: CJM106 error unknown channel `webb` (did you mean `web`?) [unknown-channel]"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".nan", "`conversion` must be a finite number (not .inf or .nan); got nan"),
        (".inf", "`conversion` must be a finite number (not .inf or .nan); got inf"),
        (".iNf", "`conversion` must be an integer or a number; got '.iNf'"),
        ("!!int abc", "`abc` is tagged `!!int` but is not an integer"),
        ("!!map [a]", "a list is tagged `!!map` but is not a mapping"),
    ],
)
def test_metrics_are_finite_numbers_and_tags_fit(run_cli, write, value: str, message: str) -> None:
    write("p.yaml", PERSONA)
    path = write("j.yaml", JOURNEY + STAGE.format(metrics=f"conversion: {value}"))
    result = run_cli("validate", "-f", "json", str(path), str(path.parent / "p.yaml"), expect=1)
    problems = json.loads(result.stdout)["problems"]  # strict JSON: json.loads refuses NaN only if asked, so:
    assert "NaN" not in result.stdout and "Infinity" not in result.stdout
    assert message in [p["message"] for p in problems]


def test_non_finite_values_never_reach_a_json_output(run_cli, write, tmp_path: Path) -> None:
    write("old/p.yaml", PERSONA)
    write("new/p.yaml", PERSONA + "attributes: {score: .nan}\n")
    result = run_cli("validate", "-f", "sarif", str(tmp_path / "new"), expect=1)
    json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} in SARIF"))
    assert "`attributes` must be free of .inf and .nan values" in result.stdout
    diff = run_cli("diff", "-f", "json", str(tmp_path / "old"), str(tmp_path / "new"))
    assert "Traceback" not in diff.stderr and "NaN" not in diff.stdout


def test_integers_beyond_a_float_never_reach_render_or_stats(run_cli, write, tmp_path: Path) -> None:
    write("ws/p.yaml", PERSONA)
    huge, large = "9" * 5000, "9" * 308  # past Python's 4,300-digit limit; the largest accepted
    metrics = f"visits: {large}, conversion: {large}, drop_off: 0x{'f' * 4000}"
    write("ws/j.yaml", JOURNEY.replace("title: J", f"title: {huge}") + STAGE.format(metrics=metrics))
    out = run_cli("validate", str(tmp_path / "ws"), expect=1).stdout
    assert "j.yaml:3:8: CJM101 error number `99999" in out and out.count("is too large") == 2
    metrics = f"visits: {large}, conversion: {large}, drop_off: {large}"  # out of range, but numbers
    write("ws/j.yaml", JOURNEY.replace("title: J", f"title: {huge}") + STAGE.format(metrics=metrics))
    for output_format in ("html", "svg", "mermaid", "dot"):
        rendered = run_cli("render", str(tmp_path / "ws"), "--force", "-q", "-f", output_format, "--out", str(tmp_path))
        assert rendered.exit_code == 0 and "Traceback" not in rendered.stderr, rendered
    assert huge in (tmp_path / "j.html").read_text(encoding="utf-8")
    for output_format in ("text", "json"):
        stats = run_cli("stats", "-f", output_format, str(tmp_path / "ws"))
        assert stats.exit_code == 0, stats


def test_file_names_that_are_not_utf8(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text("kind: persona\nid: a\n")
    for output_format in ("text", "json", "junit", "github"):
        report = tmp_path / f"report.{output_format}"
        result = run_cli("validate", "-f", output_format, "-o", str(report), str(folder), expect=1)
        assert "Traceback" not in result.stderr
        text = report.read_text(encoding="utf-8")
        shown = "caf\\xe9.yaml"  # the byte that is not UTF-8, written out
        assert (json.dumps(shown)[1:-1] if output_format == "json" else shown) in text
    run_cli("validate", "-f", "sarif", "-o", str(tmp_path / "report.sarif"), str(folder), expect=1)
    assert json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert "caf\\xe9.yaml:1:1: CJM103 error missing required field `name`" in run_cli("validate", str(folder)).stdout


def test_a_symlink_loop_given_as_the_path(run_cli, tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    result = run_cli("validate", str(tmp_path / "loop.yaml"), expect=2)
    assert result.stderr.startswith("cjmap: error:") and "Traceback" not in result.stderr


def test_eight_thousand_empty_documents_through_the_cli(run_cli, write) -> None:
    out = run_cli("validate", str(write("empty.yaml", "---\n" * 8000)), expect=1).stdout
    assert out.count("document has no `kind`") == 8000 and out.strip().endswith("8000 errors in 1 file")


BANK = ROOT / "examples" / "bank-account"  # its cjmap.toml adds channels and widens the emotion scale


def test_a_workspace_below_is_checked_with_its_own_configuration(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(BANK, tmp_path / "docs" / "cx")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "ana.yaml").write_text("kind: persona\nid: ana\nname: [Ana\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", expect=1)
    assert result.stdout.splitlines() == [
        "notes/ana.yaml:4:1: CJM101 error did not find expected ',' or ']' (while parsing a flow sequence) [yaml-syntax]",
        "1 error in 3 files",
    ]
    shutil.rmtree(tmp_path / "notes")
    assert run_cli("validate", expect=0).stdout == "2 files checked, no problems\n"
    assert run_cli("validate", "docs/cx", expect=0).stdout == "2 files checked, no problems\n"


def test_nested_workspaces_inside_a_configured_one(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples" / "laptop-online", tmp_path, dirs_exist_ok=True)
    (tmp_path / "journeys" / "bank").mkdir()  # inside the outer workspace's `paths`
    shutil.copytree(BANK, tmp_path / "journeys" / "bank" / "cx")
    (tmp_path / "journeys" / "bank" / "cx" / "cjmap.toml").write_text(
        (BANK / "cjmap.toml").read_text() + '\n[per-file-ignores]\n"*" = ["stale-review"]\n'
    )
    monkeypatch.chdir(tmp_path)
    assert run_cli("validate", expect=0).stdout == "6 files checked, no problems\n"
