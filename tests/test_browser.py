"""The HTML map in a real headless Chromium, and Mermaid output through Mermaid's own parser.

`make test` installs Debian's chromium and fetches mermaid.min.js from the npm registry into
.cache/ first; without them these tests fail rather than skip, so CI cannot pass silently.
The HTML map's own browser tests are in tests/test_browser_map.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cjmap.render import mermaid
from tests.conftest import ROOT

from .render.conftest import context_for

MERMAID_JS = ROOT / ".cache" / "mermaid.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = os.environ.get("CJMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "no chromium: `make test` installs Debian's chromium package"
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _mermaid_texts() -> list[tuple[str, str]]:
    texts = []
    for folder in ("laptop-online", "bank-account"):
        context = context_for(ROOT / "examples" / folder)
        texts += [
            (j, mermaid.to_mermaid(a, context, context.workspace.config.emotion_scale))
            for j, a in context.analyses.items()
        ]
    return texts


def _hostile_names(tmp_path: Path) -> str:
    (tmp_path / "m.yaml").write_text(
        """kind: persona
id: p
name: "Ana, the #1 customer: really; truly %% yes"
---
kind: journey
id: j
title: "Checkout: a story; part #2, 100%"
personas: [p]
stages:
  - id: s
    name: "Stage: one; #1, first"
    touchpoints:
      - {id: t, name: "Pay: now; #fast, 50% off", channel: web, emotion: 2}
""",
        encoding="utf-8",
    )
    context = context_for(tmp_path)
    return mermaid.to_mermaid(context.analyses["j"], context, (-2, 2))


def test_mermaid_output_parses_with_mermaid(browser, tmp_path: Path) -> None:
    assert MERMAID_JS.is_file(), "no .cache/mermaid.min.js: `make test` fetches it from the npm registry"
    page = browser.new_page()
    page.goto("about:blank")
    page.add_script_tag(path=str(MERMAID_JS))
    parse = "async (text) => { try { await mermaid.parse(text); return 'ok'; } catch (e) { return String(e); } }"
    for name, text in [*_mermaid_texts(), ("hostile", _hostile_names(tmp_path))]:
        assert page.evaluate(parse, text) == "ok", f"{name}:\n{text}"
    assert page.evaluate(parse, "journey\n  title a; b\n") != "ok"  # the parser does reject bad input
    page.close()
