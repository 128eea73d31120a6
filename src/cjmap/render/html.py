"""Self-contained HTML journey maps (inline CSS and SVG, no scripts, no network) and an index.

Python works out the columns, the print sheets and the geometry of the emotion curve
(render/columns.py, render/curve.py); the jinja2 templates in templates/ lay out the page with
autoescaping on, so every user string is escaped wherever it lands. Everything interactive is
CSS: sticky headers, the persona filter (checkboxes read by `:has()`), folded persona cards.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from cjmap import __version__, templating
from cjmap.render import PAPERS, curve, figures, file_name
from cjmap.render.columns import columns, lanes, links, per_sheet, sheets
from cjmap.wording import signed

if TYPE_CHECKING:
    import jinja2

    from cjmap.analysis import JourneyAnalysis
    from cjmap.model import Journey
    from cjmap.render import RenderContext

EXTENSIONS = {"html": "html"}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
SCOPES = {
    "peripheral": "the customer meets the brand before reaching it: an ad, a friend's word, a review",
    "external": "the customer deals with the brand directly: its site, app, shop, staff or messages",
    "internal": "the brand's own people and processes work on the customer's case, often out of sight",
}


@cache
def environment() -> jinja2.Environment:
    env = templating.environment("templates", autoescape=True)
    env.auto_reload = False  # packaged templates do not change while cjmap runs: no stat() per include
    env.filters["signed"] = signed
    env.filters["page"] = lambda journey_id: file_name(journey_id, "html")
    env.filters["plain"] = plain
    env.filters["by_severity"] = lambda notes: sorted(notes, key=lambda n: SEVERITY_ORDER[n.severity])
    env.filters["metrics"] = figures.metrics
    env.filters["percent"] = figures.percent
    env.filters["number"] = figures.number
    env.filters["first_word"] = lambda name: (name.split() or [name])[0]
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
    names = {p: personas[p].name if p in personas else p for p in journey.personas}
    scale = workspace.config.emotion_scale
    cols = columns(analysis)
    place = {c.step.index: c.index for c in cols if c.step is not None}
    drawn = curve.lines(analysis, names)
    return {
        "journey": journey,
        "analysis": analysis,
        "personas": [personas[p] for p in journey.personas if p in personas],
        "names": names,
        "columns": cols,
        "sheets": sheets(journey, cols, per_sheet(PAPERS[context.paper][0]), context.poster),
        "paper": PAPERS[context.paper],
        "lanes": lanes(journey),
        "links": links(analysis),
        "lines": drawn,
        "marks": curve.marks(analysis, drawn, place, len(cols), scale),
        "overview": curve.overview(analysis, drawn, place, scale),
        "height": curve.HEIGHT,
        "zero_y": curve.y_of(0, scale) if scale[0] <= 0 <= scale[1] else None,
        "ticks": [(v, curve.y_of(v, scale)) for v in (scale[1], 0, scale[0]) if scale[0] <= v <= scale[1]],
        "scale": scale,
        "funnel": {row.stage.id: row for row in analysis.funnel},
        "evidence": [evidence[i] for i in _evidence_ids(journey) if i in evidence],
        "evidence_titles": {i: e.title for i, e in evidence.items()},
        "tp_names": {step.touchpoint.id: step.touchpoint.name for step in analysis.steps},
        "scopes": SCOPES,
        "version": __version__,
        "who": who,
        "overview_label": overview_label(analysis, len(cols)),
    }


def _evidence_ids(journey: Journey) -> list[str]:
    ids = [*journey.evidence]
    for stage in journey.stages:
        ids += stage.evidence
        for tp in stage.touchpoints:
            ids += tp.evidence
    return list(dict.fromkeys(ids))


def who(personas: tuple[str, ...] | list[str], everyone: bool, names: dict[str, str]) -> str:
    """Whose moment it is: "everyone", or the personas' names."""
    return "everyone" if everyone else ", ".join(names.get(p, p) for p in personas)


def overview_label(analysis: JourneyAnalysis, width: int) -> str:
    """The overview's accessible name: short, with the details in the emotions table."""
    lows = analysis.low_points(1)
    low = f"; lowest {signed(lows[0].value)} at {lows[0].step.touchpoint.name}" if lows else ""
    return f"Emotion overview of {width} columns in {len(analysis.journey.stages)} stages{low}"


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
