"""Self-contained HTML journey maps (inline CSS and SVG, no scripts, no network) and an index.

Python computes the geometry of the emotion curve; the jinja2 templates in templates/ lay out the
page with autoescaping on, so every user string is escaped wherever it lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from cjmap import __version__, templating
from cjmap.render.dot import colour
from cjmap.wording import signed

if TYPE_CHECKING:
    import jinja2

    from cjmap.analysis import JourneyAnalysis, Step
    from cjmap.model import Journey
    from cjmap.render import RenderContext

EXTENSIONS = {"html": "html"}
COLUMN = 200  # px per touchpoint: the grid and the emotion curve share it so points sit under their column
CURVE_HEIGHT = 170
PAD = 28
DASHES = ("", "8 4", "2 4", "12 4 2 4")  # one line style per persona, so colour is never the only cue
INKS = ("#1f3a5f", "#7a2e8e", "#00695c", "#8d4b00")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int
    fill: str
    backed: bool
    touchpoint: str
    label_dy: int  # labels above the point for the first curve, below for the next, so they do not collide


@dataclass(frozen=True)
class Curve:
    shift: float
    persona: str
    label: str
    dash: str
    ink: str
    path: str
    points: list[Point]


@cache
def environment() -> jinja2.Environment:
    env = templating.environment("templates", autoescape=True)
    env.filters["signed"] = signed
    env.filters["plain"] = plain
    env.filters["by_severity"] = lambda notes: sorted(notes, key=lambda n: SEVERITY_ORDER[n.severity])
    return env


def render(context: RenderContext, analysis: JourneyAnalysis, fmt: str) -> bytes:
    template = environment().get_template("journey.html.j2")
    return template.render(page(context, analysis)).encode("utf-8")


def index(context: RenderContext) -> bytes:
    personas = [e.model for e in context.workspace.personas]
    followed = {p.id: [a.journey for a in context.analyses.values() if p.id in a.journey.personas] for p in personas}
    template = environment().get_template("index.html.j2")
    return template.render(
        analyses=list(context.analyses.values()),
        personas=personas,
        followed=followed,
        version=__version__,
        lowest=lowest,
    ).encode("utf-8")


def page(context: RenderContext, analysis: JourneyAnalysis) -> dict[str, Any]:
    """Everything the journey template shows, computed once."""
    workspace, journey = context.workspace, analysis.journey
    personas = {e.model.id: e.model for e in workspace.personas}
    evidence = {e.model.id: e.model for e in workspace.evidence}
    gap_targets = {h.target.touchpoint.id: h for h in analysis.gaps}
    return {
        "journey": journey,
        "analysis": analysis,
        "personas": [personas[p] for p in journey.personas if p in personas],
        "names": {p: personas[p].name for p in journey.personas if p in personas},
        "stages": [(stage, len(steps)) for stage, steps in zip(journey.stages, analysis.by_stage, strict=True)],
        "curves": curves(analysis, {p: personas[p].name for p in personas}, workspace.config.emotion_scale),
        "curve_width": max(len(analysis.steps), 1) * COLUMN,
        "curve_height": CURVE_HEIGHT,
        "zero_y": _y(0, workspace.config.emotion_scale),
        "scale": workspace.config.emotion_scale,
        "gap_targets": gap_targets,
        "evidence": [evidence[i] for i in _evidence_ids(journey) if i in evidence],
        "column": COLUMN,
        # A3 landscape holds about 1,500 CSS pixels: shrink wide maps to fit the sheet when printed.
        "print_zoom": round(min(1.0, 1500 / (140 + max(len(analysis.steps), 1) * COLUMN)), 3),
        "version": __version__,
        "emotion_text": emotion_text,
    }


def curves(analysis: JourneyAnalysis, names: dict[str, str], scale: tuple[int, int]) -> list[Curve]:
    """One line per persona (or one for all when they agree), broken where emotions are missing."""
    drawn = []
    count = len(analysis.curves)
    for n, (persona, values) in enumerate(analysis.curves.items()):
        shift = (n - (count - 1) / 2) * 12  # side by side where curves meet, so no point hides another
        points = [
            Point(
                (i + 0.5) * COLUMN + shift,
                _y(v, scale),
                v,
                colour(v, scale),
                analysis.steps[i].backed,
                analysis.steps[i].touchpoint.name,
                -14 if n % 2 == 0 else 22,
            )
            for i, v in enumerate(values)
            if v is not None
        ]
        label = "All personas" if persona == "all" else names.get(persona, persona)
        drawn.append(
            Curve(shift, persona, label, DASHES[n % len(DASHES)], INKS[n % len(INKS)], _path(values, scale), points)
        )
    return drawn


def _path(values: list[int | None], scale: tuple[int, int]) -> str:
    parts, pen_down = [], False
    for i, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{(i + 0.5) * COLUMN:.1f} {_y(value, scale):.1f}")
        pen_down = True
    return " ".join(parts)


def _y(value: float, scale: tuple[int, int]) -> float:
    low, high = scale
    return round(PAD + (high - value) * (CURVE_HEIGHT - 2 * PAD) / (high - low), 1)


def _evidence_ids(journey: Journey) -> list[str]:
    ids = [*journey.evidence]
    for stage in journey.stages:
        ids += stage.evidence
        for tp in stage.touchpoints:
            ids += tp.evidence
    return list(dict.fromkeys(ids))


def emotion_text(step: Step, personas: list[str], names: dict[str, str] | None = None) -> str:
    """The emotion as words for screen readers and print: "+1", or "Ana +1, Ben -2"."""
    values = step.touchpoint.emotions(personas)
    if not values:
        return "not recorded"
    if len(set(values.values())) == 1:
        return signed(next(iter(values.values())))
    return ", ".join(f"{(names or {}).get(p, p)} {signed(v)}" for p, v in values.items())


def plain(value: Any) -> str:
    """A free-form attribute value as text: yes/no for booleans, lists joined by commas."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(plain(v) for v in value)
    return str(value)


def lowest(analysis: JourneyAnalysis) -> int | None:
    values = [v for series in analysis.curves.values() for v in series if v is not None]
    return min(values) if values else None
