from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAPTOP = str(ROOT / "examples" / "laptop-online")


def test_renders_every_format_with_stable_names(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        "render",
        LAPTOP,
        "-f",
        "html",
        "-f",
        "dot",
        "-f",
        "mermaid",
        "-f",
        "svg",
        "-f",
        "png",
        "--out",
        str(out),
        expect=0,
    )
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "buy-a-laptop.dot",
        "buy-a-laptop.html",
        "buy-a-laptop.mmd",
        "buy-a-laptop.png",
        "buy-a-laptop.svg",
        "index.html",
    ]
    assert result.stdout.strip() == f"rendered 6 files to {out}"
    assert "note: Mermaid journeys show" in result.stderr
    assert (out / "buy-a-laptop.svg").read_text("utf-8").lstrip().startswith("<?xml")
    assert (out / "buy-a-laptop.png").read_bytes().startswith(b"\x89PNG")


def test_html_is_the_default_format(run_cli, tmp_path: Path) -> None:
    run_cli("render", LAPTOP, "--out", str(tmp_path), expect=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["buy-a-laptop.html", "index.html"]


def test_errors_block_rendering_unless_forced(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "maps"
    shutil.copytree(ROOT / "examples" / "laptop-online", source)
    journey = source / "journeys" / "buy-a-laptop.yaml"
    journey.write_text(journey.read_text("utf-8").replace("channel: web\n", "channel: webb\n", 1), "utf-8")
    out = tmp_path / "out"
    blocked = run_cli("render", str(source), "--out", str(out), expect=1)
    assert "CJM106 error unknown channel `webb`" in blocked.stdout and "not rendered: 1 error" in blocked.stdout
    assert not out.exists()
    forced = run_cli("render", str(source), "--out", str(out), "--force", expect=0)
    assert "despite 1 error" in forced.stdout and (out / "buy-a-laptop.html").is_file()


def test_unknown_journey_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", LAPTOP, "--journey", "buy-a-laptp", "--out", str(tmp_path), expect=2)
    assert "no journey `buy-a-laptp`" in result.stderr and "did you mean `buy-a-laptop`?" in result.stderr


def test_layout_time_is_bounded(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", LAPTOP, "-f", "svg", "--layout-timeout", "0.000001", "--out", str(tmp_path), expect=2)
    assert "took longer than" in result.stderr and "--format dot" in result.stderr


@pytest.mark.skipif(shutil.which("dot") is not None, reason="Graphviz's dot writes PDF")
def test_pdf_without_graphviz_says_what_to_install(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("render", LAPTOP, "-f", "html", "-f", "svg", "-f", "pdf", "--out", str(out), expect=2)
    assert "needs Graphviz's `dot` program" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()  # refused before anything was written


def test_rendered_files_are_readable_by_others(run_cli, tmp_path: Path) -> None:
    run_cli("render", LAPTOP, "--out", str(tmp_path), expect=0)
    assert (tmp_path / "index.html").stat().st_mode & 0o044 == 0o044


def test_progress_bar_only_for_many_journeys_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from cjmap.cli import PROGRESS_MIN, progress_bar

    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar(quiet=True) as start:
        start(PROGRESS_MIN + 10)()
    assert terminal.getvalue() == ""
    with progress_bar(quiet=False) as start:
        start(PROGRESS_MIN)()  # a handful: no bar
    assert terminal.getvalue() == ""
    with progress_bar(quiet=False) as start:
        advance = start(PROGRESS_MIN + 10)
        for _ in range(PROGRESS_MIN + 10):
            advance()
    assert "Rendering" in terminal.getvalue()


def test_paper_and_poster_set_how_the_map_prints(run_cli, tmp_path: Path) -> None:
    run_cli("render", LAPTOP, "--paper", "A1", "--poster", "--out", str(tmp_path / "poster"), expect=0)
    page = (tmp_path / "poster" / "buy-a-laptop.html").read_text("utf-8")
    assert "@page { size: 841mm 594mm; margin: 10mm; }" in page
    assert page.count('<div class="sheet"') == 8  # one sheet per stage
    run_cli("render", LAPTOP, "--out", str(tmp_path / "plain"), expect=0)
    page = (tmp_path / "plain" / "buy-a-laptop.html").read_text("utf-8")
    assert "@page { size: 420mm 297mm; margin: 10mm; }" in page and page.count('<div class="sheet"') == 3
    assert "--paper" in run_cli("render", LAPTOP, "--paper", "B5", expect=2).stderr


def test_a_journey_called_index_never_replaces_the_index_page(run_cli, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "p.yaml").write_text("kind: persona\nid: p\nname: Pat\n", encoding="utf-8")
    (tmp_path / "maps" / "j.yaml").write_text(
        "kind: journey\nid: index\ntitle: The index journey\npersonas: [p]\nstages:\n  - id: s\n    name: S\n"
        "    touchpoints:\n      - {id: t, name: T, channel: web, emotion: 1}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run_cli("render", str(tmp_path / "maps"), "--force", "-q", "--format", "html", "--format", "dot", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["index.dot", "index.html", "index.journey.html"]
    index = (out / "index.html").read_text("utf-8")
    assert 'href="index.journey.html"' in index and "The index journey" in (out / "index.journey.html").read_text(
        "utf-8"
    )
