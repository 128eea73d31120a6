"""The map's columns and lanes, and the print sheets the columns are split into.

One column per touchpoint and one placeholder column per empty stage, so a stage nobody has
mapped yet stays visible. On screen every column sits in one grid; printed, the columns go onto
A3 sheets of at most PRINT_COLUMNS, whole stages where they fit, each sheet with its own copy of
the lane labels, so the text keeps its size instead of shrinking the whole map onto one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.analysis import Handoff, JourneyAnalysis, Step
    from cjmap.model import Improvement, Journey, Stage

COLUMN_MM, LABELS_MM, MARGINS_MM = 44, 32, 20  # at these widths the map prints at 8 pt or more
PRINT_COLUMNS = 8  # on A3 landscape


def per_sheet(paper_mm: int) -> int:
    """How many touchpoint columns fit across a landscape sheet `paper_mm` wide."""
    return max(1, (paper_mm - MARGINS_MM - LABELS_MM) // COLUMN_MM)


@dataclass(frozen=True)
class Column:
    index: int  # position on the map, placeholders included
    stage_index: int
    step: Step | None  # None: the placeholder of an empty stage


@dataclass
class StagePart:
    """A stage, or the part of a long stage, on one print sheet."""

    stage: Stage
    index: int
    columns: list[Column]
    start: int  # the stage's first column on the map
    span: int  # the stage's columns on the map
    offset: int  # this part's first column on its sheet
    continued: bool  # a later part of a stage split between sheets


@dataclass
class Sheet:
    parts: list[StagePart] = field(default_factory=list)
    width: int = 0


@dataclass(frozen=True)
class Lane:
    key: str  # the macro in _cells.html.j2 that draws the lane's cells, unless `field` or `line`
    label: str
    field: str | None = None  # a touchpoint's list of text, shown as it is
    line: bool = False  # one of the blueprint's lines rather than a lane of content


JOURNEY_LANES = (
    Lane("doing", "Doing", "actions"),
    Lane("thinking", "Thinking"),
    Lane("feeling", "Feeling"),
    Lane("pains", "Pain points"),
    Lane("opportunities", "Opportunities"),
)
# The service blueprint (Bitner, Ostrom and Morgan, 2008), under the customer's lanes above.
BLUEPRINT_LANES = (
    Lane("physical_evidence", "Physical evidence", "physical_evidence"),
    Lane("interaction", "Line of interaction", line=True),
    Lane("frontstage", "Frontstage", "frontstage"),
    Lane("visibility", "Line of visibility", line=True),
    Lane("backstage", "Backstage", "backstage"),
    Lane("internal", "Line of internal interaction", line=True),
    Lane("support", "Support processes", "support"),
)
BLUEPRINT_FIELDS = ("frontstage", "backstage", "support", "physical_evidence")


def columns(analysis: JourneyAnalysis) -> list[Column]:
    found: list[Column] = []
    for stage_index, steps in enumerate(analysis.by_stage):
        placed: list[Step | None] = list(steps) or [None]
        found += [Column(len(found) + n, stage_index, step) for n, step in enumerate(placed)]
    return found


def sheets(journey: Journey, cols: list[Column], width: int = PRINT_COLUMNS, poster: bool = False) -> list[Sheet]:
    """Columns onto print sheets `width` columns wide: whole stages while they fit (one stage per
    sheet for a poster), a long stage split across sheets."""
    by_stage: dict[int, list[Column]] = {}
    for column in cols:
        by_stage.setdefault(column.stage_index, []).append(column)
    found: list[Sheet] = []
    for index, stage_columns in by_stage.items():
        chunks = [stage_columns[i : i + width] for i in range(0, len(stage_columns), width)]
        for n, chunk in enumerate(chunks):
            if not found or found[-1].width + len(chunk) > width or (poster and n == 0):
                found.append(Sheet())
            sheet = found[-1]
            start, span = stage_columns[0].index, len(stage_columns)
            sheet.parts.append(StagePart(journey.stages[index], index, chunk, start, span, sheet.width, n > 0))
            sheet.width += len(chunk)
    return found


def lanes(journey: Journey) -> list[Lane]:
    """The lanes this journey fills: the customer's, improvements, the blueprint, details."""
    touchpoints = [tp for stage in journey.stages for tp in stage.touchpoints]
    found = list(JOURNEY_LANES)
    if journey.improvements:
        found.append(Lane("improvements", "Improvements"))
    if any(getattr(tp, name) for tp in touchpoints for name in BLUEPRINT_FIELDS):
        found += BLUEPRINT_LANES
    if any(tp.description or tp.metrics or tp.evidence or tp.next is not None for tp in touchpoints):
        found.append(Lane("details", "Details"))
    return found


@dataclass
class Links:
    """How a touchpoint sits on the path: where it splits, and arrivals from other than the column before."""

    splits: list[Step] = field(default_factory=list)
    after: list[Step] = field(default_factory=list)
    gaps: list[Handoff] = field(default_factory=list)  # hand-offs into it where the emotion drops
    improvements: list[Improvement] = field(default_factory=list)
    high: bool = False  # a high-severity pain point, marked on the curve


def links(analysis: JourneyAnalysis) -> dict[int, Links]:
    """Per step index: its branches, arrivals from afar, hand-off gaps and the improvements addressing it."""
    found = {
        step.index: Links(high=any(p.severity == "high" for p in step.touchpoint.pain_points))
        for step in analysis.steps
    }
    outgoing: dict[int, list[Step]] = {}
    for source, target in analysis.edges:
        outgoing.setdefault(source.index, []).append(target)
        if target.index != source.index + 1:
            found[target.index].after.append(source)
    for index, targets in outgoing.items():
        if len(targets) > 1:
            found[index].splits = targets
    for gap in analysis.gaps:
        found[gap.target.index].gaps.append(gap)
    by_id = {step.touchpoint.id: step.index for step in analysis.steps}
    for improvement in analysis.journey.improvements:
        for tp in dict.fromkeys(improvement.addresses):
            if tp in by_id:
                found[by_id[tp]].improvements.append(improvement)
    return found
