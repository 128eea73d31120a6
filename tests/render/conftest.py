from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.analysis import analyse_workspace
from cjmap.config import load_config
from cjmap.linter import check
from cjmap.render import RenderContext

from ..conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def context_for(folder: Path) -> RenderContext:
    workspace, report = check([folder], load_config(targets=[folder]))
    assert not report.count("error"), report.problems
    return RenderContext(workspace, analyse_workspace(workspace))


@pytest.fixture(scope="session")
def laptop() -> RenderContext:
    return context_for(ROOT / "examples" / "laptop-online")


@pytest.fixture(scope="session")
def bank() -> RenderContext:
    return context_for(ROOT / "examples" / "bank-account")
