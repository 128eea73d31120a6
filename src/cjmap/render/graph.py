"""SVG, PNG and PDF through a Graphviz layout engine, with a time limit.

Graphviz's own `dot` is used where it is installed. Otherwise the `graphviz-pure` binary that pip
installs with cjmap lays the graph out (SVG and PNG; it has no PDF writer). Measured on this
project's machines: 21 ms for a 200-touchpoint journey and 0.3 s for 2,000, where pygraphviz
(the other pip-only option) took 0.2 s for 200 and printed fontconfig warnings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from typing import TYPE_CHECKING

from cjmap.errors import CjmapError
from cjmap.render.dot import to_dot

if TYPE_CHECKING:
    from cjmap.analysis import JourneyAnalysis
    from cjmap.render import RenderContext

EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf"}


def engine(fmt: str) -> str:
    """The layout program for `fmt`: Graphviz's dot if installed, else graphviz-pure."""
    dot = shutil.which("dot")
    if dot:
        return dot
    search = os.pathsep.join([sysconfig.get_path("scripts"), os.environ.get("PATH", "")])
    bundled = shutil.which("graphviz-pure", path=search)
    if fmt == "pdf" or bundled is None:
        raise CjmapError(
            f"--format {fmt} needs Graphviz's `dot` program (apt install graphviz, brew install "
            "graphviz" + (")" if bundled is None else "); svg and png work without it")
        )
    return bundled


def check(fmt: str) -> None:
    """Before anything is written: the layout program `fmt` needs must be there."""
    engine(fmt)


def render(context: RenderContext, analysis: JourneyAnalysis, fmt: str) -> bytes:
    return layout(
        to_dot(analysis, context.workspace.config.emotion_scale), fmt, context.layout_timeout, analysis.journey.id
    )


def layout(source: str, fmt: str, timeout: float, name: str) -> bytes:
    """Run the layout engine on DOT `source`, bounded by `timeout` seconds."""
    program = engine(fmt)
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"], input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise CjmapError(
            f"laying out journey `{name}` took longer than {timeout:g} s; render it with "
            "--format dot and lay it out yourself, or raise --layout-timeout"
        ) from None
    except OSError as error:
        raise CjmapError(f"cannot run {program}: {error.strerror or error}") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise CjmapError(f"{os.path.basename(program)} failed on journey `{name}`: {message[0]}")
    return done.stdout
