"""Mermaid `journey` diagrams, which GitHub renders inline in Markdown.

Sections are stages, tasks are touchpoints, scores are emotions mapped onto 1..5 and actors are
the personas who have an emotion there (nobody is invented). Characters Mermaid's grammar reads
as syntax are written as Mermaid's own entity codes (`#58;` for `:`), which it displays as the
character and `cjmap import mermaid` decodes; names that would read as keywords (`Title page`,
`Section review`, `journey`, `accDescr {`) get their first letter as an entity code. So the
diagram always parses, and reads back as the same names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cjmap.importers.scale import score_from_emotion

if TYPE_CHECKING:
    from cjmap.analysis import JourneyAnalysis
    from cjmap.render import RenderContext

EXTENSIONS = {"mermaid": "mmd"}
LEFT_OUT = (
    "Mermaid journeys show stages, touchpoints, emotions and personas only: pain points, opportunities, "
    "channels, metrics, evidence and improvements are in the HTML map"
)
NO_EMOTION = "touchpoints nobody has an emotion for are shown with the neutral score 3 and no actors"
# Everywhere: comments (`#`, `%`), statement ends (`;`), entity look-alikes, tags Mermaid rewrites
# (`<`), DOMPurify's `&` in titles, and line ends. Per place: what ends that place's token.
_ALWAYS = set("#;%<&") | {chr(c) for c in range(32)} | {"\x7f", "\u2028", "\u2029"}
_PLACES = {"title": set(), "descr": set(), "section": {":"}, "task": {":"}, "actor": {":", ","}}
_KEYWORD = re.compile(r"(?:title|section)\s|journey\b|acc(?:title|descr)\s*[:{]", re.I | re.A)
_STYLE_QUIRK = re.compile(r"(?:style|classDef).*:\S*#.*;")


def text(value: str, place: str = "task") -> str:
    """`value` as Mermaid reads it back unchanged in `place` (title, descr, section, task, actor)."""
    special = _ALWAYS | _PLACES[place]
    written = _encoded(value, special, place)
    if place in ("title", "descr") and _STYLE_QUIRK.search(written):
        written = _encoded(value, special | {":"}, place)  # Mermaid drops the `;` of a style-like line
    return written


def _encoded(value: str, special: set[str], place: str) -> str:
    body = "".join(f"#{ord(c)};" if c in special else c for c in value)
    core = body.strip()
    if not core:
        return "".join(f"#{ord(c)};" for c in value) or "-"
    lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
    if place == "task" and _KEYWORD.match(core):
        core = f"#{ord(core[0])};{core[1:]}"
    return "".join(f"#{ord(c)};" for c in lead) + core + "".join(f"#{ord(c)};" for c in trail)


def score(value: float, scale: tuple[int, int]) -> int:
    """An emotion on the workspace scale mapped linearly onto Mermaid's 1..5 (halves round up)."""
    return score_from_emotion(value, scale)


def render(context: RenderContext, analysis: JourneyAnalysis, fmt: str) -> bytes:
    context.note(LEFT_OUT)
    return to_mermaid(analysis, context, context.workspace.config.emotion_scale).encode("utf-8")


def to_mermaid(analysis: JourneyAnalysis, context: RenderContext, scale: tuple[int, int]) -> str:
    journey = analysis.journey
    names = {e.model.id: e.model.name for e in context.workspace.personas}
    lines = ["journey"] + ([f"    title {text(journey.title, 'title')}"] if journey.title else [])
    if journey.scenario:
        lines.append(f"    accDescr: {text(journey.scenario, 'descr')}")
    for index, (stage, steps) in enumerate(zip(journey.stages, analysis.by_stage, strict=True)):
        if index or stage.name:  # a nameless first stage holds the tasks written before any section
            lines.append(f"    section {text(stage.name or stage.id, 'section')}")
        for step in steps:
            lines += _tasks(step.touchpoint.name, step.touchpoint.emotions(journey.personas), names, scale, context)
    return "\n".join(lines) + "\n"


def _tasks(
    name: str, emotions: dict[str, int], names: dict[str, str], scale: tuple[int, int], context: RenderContext
) -> list[str]:
    """One task line per score, listing the personas who feel that way."""
    if not emotions:
        context.note(NO_EMOTION)
        return [f"      {text(name)}: 3"]
    groups: dict[int, list[str]] = {}
    for persona, value in emotions.items():
        groups.setdefault(score(value, scale), []).append(text(names.get(persona, persona), "actor"))
    return [f"      {text(name)}: {task_score}: {', '.join(actors)}" for task_score, actors in groups.items()]
