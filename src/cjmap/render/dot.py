"""Graphviz DOT for a journey: touchpoints clustered by stage, edges along the path.

A pure function of the analysis: no Graphviz needed to produce it. Colour follows emotion, shape
follows scope, critical moments get a heavy red border, a touchpoint only some personas take says
who, edges follow `next` (so a split shows as two arrows), and every label is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.analysis import JourneyAnalysis, Step
    from cjmap.render import RenderContext

EXTENSIONS = {"dot": "dot"}
LARGE = 300  # touchpoints; above this, layout limits keep dot from running for minutes
LIMITS = {"nslimit": "1", "nslimit1": "1", "mclimit": "0.1"}
SHAPES = {
    "peripheral": ("ellipse", "dashed,filled"),
    "internal": ("box", "filled"),
    "external": ("box", "rounded,filled"),
}
# Emotion from most negative to most positive: red, orange, light yellow, light green, green.
RAMP = ("#e5533d", "#f29e4c", "#f7e08a", "#a8d5a2", "#4caf6e")


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes, quotes and line breaks escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", "\n").replace("\r", "\n")
    return '"' + escaped.replace("\n", "\\n") + '"'


def colour(value: float | None, scale: tuple[int, int]) -> str:
    """Fill colour for an emotion on the workspace scale (grey when unknown)."""
    if value is None:
        return "#eeeeee"
    low, high = scale
    position = (min(max(value, low), high) - low) / (high - low)
    return RAMP[round(position * (len(RAMP) - 1))]


def mean_emotion(step: Step, personas: list[str]) -> float | None:
    values = list(step.touchpoint.emotions(personas).values())
    return sum(values) / len(values) if values else None


def render(context: RenderContext, analysis: JourneyAnalysis, fmt: str) -> bytes:
    return to_dot(analysis, context.workspace.config.emotion_scale).encode("utf-8")


def to_dot(analysis: JourneyAnalysis, scale: tuple[int, int]) -> str:
    journey = analysis.journey
    attrs = {"rankdir": "LR", "fontname": "Helvetica", "label": journey.title, "labelloc": "t", "compound": "true"}
    if len(analysis.steps) > LARGE:
        attrs |= LIMITS
    lines = [f"digraph {quote(journey.id)} {{"]
    lines += [f"  {key}={quote(value)};" for key, value in attrs.items()]
    lines.append('  node [fontname="Helvetica", fontsize=10, style=filled];')
    lines.append('  edge [color="#666666"];')
    for s, (stage, steps) in enumerate(zip(journey.stages, analysis.by_stage, strict=True)):
        lines.append(f"  subgraph {quote(f'cluster_{s}')} {{")
        lines.append(f'    label={quote(stage.name)}; style="rounded"; color="#bbbbbb";')
        lines += [f"    {_node(step, journey.personas, scale)}" for step in steps]
        lines.append("  }")
    lines += [f"  {quote(a.touchpoint.id)} -> {quote(b.touchpoint.id)};" for a, b in analysis.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(step: Step, personas: list[str], scale: tuple[int, int]) -> str:
    tp = step.touchpoint
    shape, style = SHAPES[tp.scope or "external"]
    emotion = mean_emotion(step, personas)
    label = "\n".join(
        part
        for part in (
            ("★ " if tp.critical else "") + tp.name,
            f"{tp.channel} · {tp.scope or 'external'}" + (f" · {tp.device}" if tp.device else ""),
            f"taken by {', '.join(tp.personas) or 'nobody'}" if tp.personas is not None else "",
            _emotion_label(step, personas, emotion),
        )
        if part
    )
    border = ' color="#b00020" penwidth=3' if tp.critical else ""
    return (
        f"{quote(tp.id)} [label={quote(label)} shape={shape} style={quote(style)} "
        f"fillcolor={quote(colour(emotion, scale))}{border}];"
    )


def _emotion_label(step: Step, personas: list[str], emotion: float | None) -> str:
    if emotion is None:
        return ""
    value = round(emotion, 1)
    text = f"emotion {value:+g}" if value else "emotion 0"
    return text + (" (mean)" if len(set(step.touchpoint.emotions(personas).values())) > 1 else "")
