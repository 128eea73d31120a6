"""Hostile input through every command: an exit code of 0, 1 or 2 and a message, never a traceback.

Hypothesis builds workspaces from valid maps mutated with what reviewers have thrown at cjmap
(control characters, bidi overrides, rich markup, workflow commands, huge integers, odd tags and
scalars, broken YAML, binary bytes) and runs each command on them through the CLI.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjmap.cli import app
from tests.conftest import ROOT

PERSONA = "kind: persona\nid: ana\nname: {text}\n"
JOURNEY = """kind: journey
id: j
title: {text}
personas: [ana]
reviewed: 2026-11-01
stages:
  - id: s
    name: {text}
    touchpoints:
      - id: t
        name: {text}
        channel: web
        emotion: {number}
        metrics: {{conversion: {number}}}
        pain_points: [{text}]
      - id: u
        name: U
        channel: {text}
        next: [t]
"""
hostile_text = st.sampled_from(
    [
        '"x\\n::warning file=README.md::pwned"',
        '"\\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\"',
        '"\\e[2J\\e[H"',
        '"[/] [bold]x[/bold]"',
        '"\\u202eevil\\u202c"',
        '"\\x85\\x9b31m"',
        '"</details><img src=x>@everyone | a"',
        "!!int abc",
        "!!map [a]",
        "!!python/object:os.system ls",
        ".iNf",
        "&a [*a]",
        '"' + "9" * 5000 + '"',
        "9" * 5000,
        "[" * 80 + "]" * 80,
        '"\\t\\r\\n"',
        "Ana # cjmap: ignore",
        '"# cjmap: ignore"',
    ]
) | st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
hostile_number = st.sampled_from(["1", "-2", ".nan", ".inf", "-.inf", "1e400", "9" * 5000, "yes", "~", "0x1F"])
raw_bytes = st.binary(max_size=300) | st.sampled_from([b"\xff\xfe k\x00i", b"kind: journey\n\xe9\n", b"---\n" * 3000])


@st.composite
def workspaces(draw: Callable[..., object]) -> dict[str, bytes]:
    text = draw(hostile_text)
    files = {
        "personas/ana.yaml": PERSONA.format(text=text).encode("utf-8"),
        "journeys/j.yaml": JOURNEY.format(text=draw(hostile_text), number=draw(hostile_number)).encode("utf-8"),
    }
    if draw(st.booleans()):
        files["journeys/odd.yaml"] = draw(raw_bytes)
    return files


COMMANDS: list[list[str]] = [
    ["validate", "{ws}"],
    ["validate", "{ws}", "--format", "github"],
    ["validate", "{ws}", "--format", "sarif"],
    ["validate", "{ws}", "--format", "junit"],
    ["validate", "{ws}", "--format", "json"],
    ["fmt", "--check", "{ws}"],
    ["fmt", "--diff", "{ws}"],
    ["stats", "{ws}"],
    ["stats", "{ws}", "--format", "json"],
    ["render", "{ws}", "--force", "-q", "--format", "html", "--format", "dot", "--format", "mermaid", "--out", "{out}"],
    ["diff", "{ws}", "{ws}"],
    ["diff", "{ws}", "{ws}", "--format", "markdown"],
    ["export", "csv", "--journey", "j", "{ws}"],
]


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"cjmap {' '.join(args)} raised:\n{trace}")
    return result.exit_code, result.output


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=workspaces(), command=st.sampled_from(COMMANDS))
def test_no_command_shows_a_traceback_on_hostile_maps(files: dict[str, bytes], command: list[str]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        for name, content in files.items():
            (folder / "ws" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "ws" / name).write_bytes(content)
        args = [a.format(ws=folder / "ws", out=folder / "out") for a in command]
        code, _ = run(args)
        assert code in (0, 1, 2), (args, code)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=60, deadline=None)
@given(stages=st.text(max_size=12), identifier=st.text(max_size=12))
def test_init_and_new_refuse_bad_names_cleanly(stages: str, identifier: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        code, _ = run(["init", str(folder / "ws"), "--stages", stages])
        assert code in (0, 2)
        if code == 2:
            assert not (folder / "ws").exists() or not any((folder / "ws").iterdir())
        code, _ = run(["new", "persona", identifier, "--config", str(folder / "ws" / "cjmap.toml")])
        assert code in (0, 2)
    finally:
        shutil.rmtree(folder)


csv_cells = st.sampled_from(["", "=1+1", "Ana:1", "a;b", "x [low]", "\r", '"', "9" * 5000, "nan", "-", "@x"]) | st.text(
    max_size=10
)
SURVEY = ["import", "survey", "{file}", "--journey", "buy-a-laptop", "--title", "S", "--config", "{ws}/cjmap.toml"]
SURVEY += ["--touchpoint-column", "touchpoint", "--score-column", "score"]
IMPORTS: list[list[str]] = [
    ["import", "csv", "{file}", "--journey", "j", "--out", "{out}"],
    ["import", "csv", "{file}", "--journey", "Buy Now", "--persona", "Ana B", "--out", "{out}"],
    ["import", "mermaid", "{file}", "--out", "{out}"],
    [*SURVEY, "--emotion"],
    [*SURVEY, "--survey-min", "3", "--survey-max", "3"],
    ["import", "csv", "{file}", "--journey", "buy-a-laptop", "--config", "{ws}/cjmap.toml", "--prune"],
    ["import", "xlsx", "{file}", "--journey", "j", "--out", "{out}"],
]


@st.composite
def sheets(draw: Callable[..., object]) -> bytes:
    header = draw(
        st.sampled_from(
            ["stage,touchpoint,channel,emotion", "touchpoint,score", "touchpoint;score", "a\tb", "journey", ""]
        )
    )
    rows = draw(st.lists(st.lists(csv_cells, min_size=1, max_size=4), max_size=4))
    text = header + "\n" + "\n".join(",".join(row) for row in rows)
    return text.encode("utf-8") if draw(st.booleans()) else draw(raw_bytes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=sheets(), command=st.sampled_from(IMPORTS))
def test_no_import_shows_a_traceback_on_hostile_files(content: bytes, command: list[str]) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(ROOT / "examples" / "laptop-online", folder / "ws")
        (folder / "in.dat").write_bytes(content)
        args = [a.format(file=folder / "in.dat", out=folder / "out", ws=folder / "ws") for a in command]
        code, _ = run(args)
        assert code in (0, 1, 2), (args, code)
    finally:
        shutil.rmtree(folder)
