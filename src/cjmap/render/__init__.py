"""Renderers turn analysed journeys into files; looked up by format name.

Each renderer module has `EXTENSIONS` (format -> file extension) and
`render(context, analysis, fmt) -> bytes`, and may have `check(fmt)` to refuse a format it cannot
make here before anything is written; the html renderer also has `index(context)`.
The registry names modules, so the CLI can offer the choices without importing them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.analysis import JourneyAnalysis
    from cjmap.workspace import Workspace

RENDERER_BY_NAME: dict[str, str] = {
    "html": "cjmap.render.html",
    "svg": "cjmap.render.graph",
    "png": "cjmap.render.graph",
    "pdf": "cjmap.render.graph",
    "dot": "cjmap.render.dot",
    "mermaid": "cjmap.render.mermaid",
}


# Paper the HTML map prints on (`cjmap render --paper`): landscape width and height in millimetres,
# written out because CSS names A5 to A3 only.
PAPERS: dict[str, tuple[int, int]] = {
    "A4": (297, 210),
    "A3": (420, 297),
    "A2": (594, 420),
    "A1": (841, 594),
    "A0": (1189, 841),
}


@dataclass
class RenderContext:
    """What every renderer may read: the workspace, every journey's analysis, how the HTML map
    prints (paper size; `poster`: one stage per sheet, for wall workshops), and a way to tell the
    user what a format leaves out."""

    workspace: Workspace
    analyses: dict[str, JourneyAnalysis]
    layout_timeout: float = 60.0
    notes: list[str] = field(default_factory=list)
    paper: str = "A3"
    poster: bool = False

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


def get_renderer(name: str) -> ModuleType:
    return importlib.import_module(RENDERER_BY_NAME[name])


INDEX = "index.html"


def file_name(journey_id: str, extension: str) -> str:
    """`<journey-id>.<ext>`; a journey called `index` gets `index.journey.html`, so that it never
    replaces the index page (ids cannot hold a dot, so no other journey can have that name)."""
    name = f"{journey_id}.{extension}"
    return f"{journey_id}.journey.{extension}" if name == INDEX else name


def check(formats: list[str]) -> None:
    """Refuse, before a file is written, formats that cannot be made here (a renderer module may
    have `check(fmt)`, which raises a CjmapError saying what is missing)."""
    for fmt in formats:
        renderer = get_renderer(fmt)
        if hasattr(renderer, "check"):
            renderer.check(fmt)


def journey_files(context: RenderContext, analysis: JourneyAnalysis, formats: list[str]) -> Iterator[tuple[str, bytes]]:
    """The file name and content of each format, for one journey."""
    for fmt in formats:
        renderer = get_renderer(fmt)
        yield file_name(analysis.journey.id, renderer.EXTENSIONS[fmt]), renderer.render(context, analysis, fmt)


def index_files(context: RenderContext, formats: list[str]) -> Iterator[tuple[str, bytes]]:
    """The pages that list every journey: index.html for html."""
    if "html" in formats:
        yield INDEX, get_renderer("html").index(context)
