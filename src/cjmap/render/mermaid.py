"""Mermaid `journey` diagrams, which GitHub renders inline in Markdown.

Sections are stages, tasks are touchpoints, scores are emotions mapped linearly onto 1..5 and
actors are persona names. Mermaid's grammar has no escapes for `:`, `;`, `#` and `,` in names,
so those are replaced by look-alike characters and the output always parses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.analysis import JourneyAnalysis
    from cjmap.render import RenderContext

EXTENSIONS = {"mermaid": "mmd"}
# Look-alikes for characters Mermaid's journey grammar treats as syntax.
_SAFE = str.maketrans({":": "∶", ";": "⁏", "#": "♯", ",": "‚", "%": "٪", "\n": " ", "\r": " ", "\t": " "})
LEFT_OUT = (
    "Mermaid journeys show stages, touchpoints, emotions and personas only: pain points, opportunities, "
    "channels, metrics, evidence and improvements are in the HTML map"
)


def text(value: str) -> str:
    """A name Mermaid's journey grammar reads back unchanged (apart from look-alike characters)."""
    return " ".join(value.translate(_SAFE).split()) or "-"


def score(value: float, scale: tuple[int, int]) -> int:
    """An emotion on the workspace scale mapped linearly onto Mermaid's 1..5."""
    low, high = scale
    return round(1 + (min(max(value, low), high) - low) * 4 / (high - low))


def render(context: RenderContext, analysis: JourneyAnalysis, fmt: str) -> bytes:
    context.note(LEFT_OUT)
    return to_mermaid(analysis, context, context.workspace.config.emotion_scale).encode("utf-8")


def to_mermaid(analysis: JourneyAnalysis, context: RenderContext, scale: tuple[int, int]) -> str:
    journey = analysis.journey
    names = {e.model.id: e.model.name for e in context.workspace.personas}
    lines = ["journey", f"    title {text(journey.title)}"]
    for stage, steps in zip(journey.stages, analysis.by_stage, strict=True):
        lines.append(f"    section {text(stage.name)}")
        for step in steps:
            emotions = step.touchpoint.emotions(journey.personas)
            if not emotions:
                context.note("touchpoints without an emotion are shown with the neutral score 3")
            groups: dict[int, list[str]] = {}
            for persona in journey.personas:
                value = emotions.get(persona)
                groups.setdefault(3 if value is None else score(value, scale), []).append(names.get(persona, persona))
            for task_score, actors in groups.items():
                lines.append(f"      {text(step.touchpoint.name)}: {task_score}: {', '.join(text(a) for a in actors)}")
    return "\n".join(lines) + "\n"
