from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.analysis import analyse_workspace
from cjmap.config import load_config
from cjmap.linter import lint
from cjmap.render import RenderContext
from cjmap.workspace import open_workspace

from ..conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def context_for(folder: Path) -> RenderContext:
    workspace = open_workspace([folder], load_config(targets=[folder]))
    report = lint(workspace)
    assert not report.count("error"), report.problems
    return RenderContext(workspace, analyse_workspace(workspace))


@pytest.fixture(scope="session")
def laptop() -> RenderContext:
    return context_for(ROOT / "examples" / "laptop-online")


@pytest.fixture(scope="session")
def bank() -> RenderContext:
    return context_for(ROOT / "examples" / "bank-account")
