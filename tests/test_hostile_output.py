"""User text never becomes a workflow command or a terminal control sequence, whatever command
prints it: hostile text in map fields and in a file name, driven through every command."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from tests.consumers import gfm, junit_errors, mentions
from tests.hostile import PIECES, hostile_text, inert_problems

PERSONA = "kind: persona\nid: ana\nname: {q}\nrole: {q}\n"
JOURNEY = """kind: journey
id: buy
title: {q}
personas: [ana]
stages:
  - id: look
    name: {q}
    touchpoints:
      - id: site
        name: {q}
        channel: {channel}
        emotion: -2
        pain_points: [{q}]
        next: [shop]
      - id: shop
        name: {q}
        channel: web
        emotion: 1
"""


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: what YAML does not take raw (controls, line breaks
    of YAML 1.1, non-characters) as escapes."""

    def escape(ch: str) -> str:
        code = ord(ch)
        if ch in '"\\':
            return "\\" + ch
        if code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            return f"\\u{code:04x}"
        return ch

    return '"' + "".join(escape(ch) for ch in text) + '"'


def write_workspace(folder: Path, text: str, file_name: str, *, broken: bool) -> None:
    """A persona in a file named `file_name` and a journey, with `text` in every free-text field;
    `broken` adds an unknown key and an unknown channel, so that messages carry the text too."""
    folder.mkdir(parents=True)
    q = quoted(text)
    (folder / file_name).write_text(PERSONA.format(q=q), encoding="utf-8")
    journey = JOURNEY.format(q=q, channel=q if broken else "web")
    (folder / "journey.yaml").write_text(journey + (f"{q}: 1\n" if broken else ""), encoding="utf-8")


def file_name_from(text: str) -> str:
    name = "".join(ch for ch in text if ch not in "/\0")[:40]
    return (
        f"p{name.encode('utf-8', 'surrogateescape')[:150].decode('utf-8', 'ignore')}.yaml"  # no leading dot: not hidden
    )


def check(result, annotations: bool = False) -> None:  # type: ignore[no-untyped-def]
    problems = inert_problems(result.stdout, annotations) + inert_problems(result.stderr)
    assert not problems, f"{problems}\n{result!r}"
    assert result.exit_code in (0, 1, 2) and "Traceback" not in result.stderr, repr(result)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
@example(text="".join(PIECES))
def test_no_command_lets_user_text_act_on_the_terminal_or_the_ci_log(
    run_cli, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    base = tmp_path_factory.mktemp("hostile")
    name = file_name_from(text)
    write_workspace(base / "broken", text, name, broken=True)
    write_workspace(base / "new", text, name, broken=False)
    (base / "unparsable").mkdir()
    (base / "unparsable" / name).write_text(f"kind: persona\nid: ana\nname: [{quoted(text)}\n", encoding="utf-8")
    shutil.copytree(Path(__file__).parent / "diff" / "cases" / "emotions" / "old", base / "old")
    summary = base / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(base)

    for output_format in ("text", "json", "sarif"):
        check(run_cli("validate", "broken", "-f", output_format, expect=1))
    check(run_cli("validate", "broken", "-f", "github", expect=1), annotations=True)
    junit = run_cli("validate", "broken", "-f", "junit", expect=1)
    check(junit)
    assert junit_errors(junit.stdout) == []
    rendered = gfm(summary.read_text("utf-8"))
    assert rendered.count("<table>") == 1 and "<img" not in rendered and mentions(rendered) == []

    for output_format in ("text", "markdown", "json"):
        check(run_cli("diff", "old", "new", "-f", output_format, expect=0))
    check(run_cli("diff", "old", "broken", expect=2))
    check(run_cli("fmt", "--diff", "new"))
    check(run_cli("fmt", "--check", "broken"))
    check(run_cli("fmt", "unparsable"))  # refused, with the file's name and the parser's message
    check(run_cli("diff", "old", "unparsable", expect=2))
    check(run_cli("validate", "unparsable", "-f", "github", expect=1), annotations=True)
    for output_format in ("text", "json"):
        check(run_cli("stats", "new", "-f", output_format, expect=0))
    check(run_cli("render", "new", "-f", "html", "-f", "mermaid", "--out", "out", expect=0))
    check(run_cli("init", name.removesuffix(".yaml") or "x", "--stages", "look,buy", expect=0))
    check(run_cli("new", "persona", text))  # an id, or refused with a message
    check(run_cli("rules", text, expect=2))
    check(run_cli("validate", os.path.join("broken", name), "-f", "text"))
    sheet = base / "sheet.csv"
    sheet.write_text(f'stage,touchpoint,channel,"{text.replace(chr(34), "")}"\nLook,{name},web,x\n', encoding="utf-8")
    check(run_cli("import", "csv", str(sheet), "--journey", "sheet", "--out", "imported"))
