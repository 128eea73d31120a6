"""The emotion curve, drawn one map column at a time.

Each column's Feeling cell holds its own small SVG: the points of that touchpoint and the pieces of
every line that cross the column. x is a percentage of the column (SVG lines and circles take
percentages; paths do not, so lines are straight pieces), y is in pixels. The map's columns can
then be any width (a 12-touchpoint map fits a laptop screen, a phone shows one card per
touchpoint with its piece of the curve) and print can split the map between columns.

Lines follow each persona's own path (`analysis.paths`): where `next` splits, each alternative is
drawn from the split to where it leads, and a line that passes over a column where it also has a
point is drawn dotted (a jump, not a visit). Value labels take their line's colour and sit in a
column to the right of the points, spread so they never overlap each other or a point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from cjmap.render.dot import colour
from cjmap.wording import signed

if TYPE_CHECKING:
    from cjmap.analysis import JourneyAnalysis

HEIGHT = 118  # px of each Feeling cell's drawing
TOP, BOTTOM = 14, 26  # room above the highest value, and below the lowest for the markers
LABEL_GAP = 13  # px between the baselines of two labels in one column
SPREAD = 10  # px between the points of two lines at one touchpoint, so no point hides another
DASHES = ("", "7 4", "2 3", "10 3 2 3")  # one line style per persona: colour is never the only cue
INKS = ("#1f4e9c", "#a34700", "#6a3d9a", "#00695c")  # blue, rust, purple, teal: 4.5:1 or more on white
JUMP = ' class="jump"'


@dataclass(frozen=True)
class Line:
    """One persona's line (or everyone's, when they agree)."""

    key: str  # persona id, or "all"
    css: str  # class shared by everything drawn for this line: p0, p1...
    name: str
    ink: str
    dash: str
    shift: float


@dataclass(frozen=True)
class Piece:
    """The part of one edge of a line inside one column (x as percentages of the column)."""

    x1: float
    y1: float
    x2: float
    y2: float
    jump: bool


@dataclass
class Mark:
    """What one line draws in one column: its pieces, its point and the point's label."""

    line: Line
    pieces: list[Piece] = field(default_factory=list)
    value: int | None = None
    y: float = 0.0
    fill: str = ""
    backed: bool = True
    label_y: float = 0.0
    end: bool = False  # the line's last point: its name is written under the value
    dx: float = 0.0  # where its label starts, right of the column's centre

    @property
    def lines(self) -> Markup:
        """The pieces as SVG lines, written here because there are many and they hold numbers only
        (nothing a user wrote, so nothing to escape)."""
        return Markup(
            "".join(
                f'<line x1="{p.x1:g}%" y1="{p.y1:g}" x2="{p.x2:g}%" y2="{p.y2:g}"{JUMP if p.jump else ""}/>'
                for p in self.pieces
            )
        )

    @property
    def point(self) -> Markup:
        """The point and its value label, numbers only like `lines`."""
        paint = f' fill="{self.fill}"' if self.backed else ' class="unbacked"'
        value = signed(self.value or 0) + ("" if self.backed else " ?")
        return Markup(
            f'<circle cx="50%" cy="{self.y:g}" r="6"{paint}/>'
            f'<text x="50%" dx="{self.dx:g}" y="{self.label_y:g}">{value}</text>'
        )


def y_of(value: float, scale: tuple[int, int]) -> float:
    low, high = scale
    return round(TOP + (high - value) * (HEIGHT - TOP - BOTTOM) / (high - low), 1)


def lines(analysis: JourneyAnalysis, names: dict[str, str]) -> list[Line]:
    count = len(analysis.curves)
    return [
        Line(
            key,
            f"p{n}",
            "Everyone" if key == "all" else names.get(key, key),
            INKS[n % len(INKS)],
            DASHES[n % len(DASHES)],
            (n - (count - 1) / 2) * SPREAD,
        )
        for n, key in enumerate(analysis.curves)
    ]


def marks(
    analysis: JourneyAnalysis, drawn: list[Line], place: dict[int, int], width: int, scale: tuple[int, int]
) -> list[list[Mark]]:
    """Per column (`width` of them), the marks of every line; `place` maps step index -> column."""
    cells: list[dict[str, Mark]] = [{} for _ in range(width)]
    for line in drawn:
        values = analysis.curves[line.key]
        points = {place[i]: v for i, v in enumerate(values) if v is not None}
        for i, value in enumerate(values):
            if value is not None:
                mark = cells[place[i]].setdefault(line.key, Mark(line))
                mark.value, mark.y, mark.fill = value, y_of(value, scale), colour(value, scale)
                mark.backed = analysis.steps[i].backed
        if points and len(drawn) > 1:
            cells[max(points)][line.key].end = True
        for source, target in analysis.paths[line.key]:
            a, b = place[source.index], place[target.index]
            if a < b and a in points and b in points:
                _edge(cells, line, (a, y_of(points[a], scale)), (b, y_of(points[b], scale)), points)
    dx = label_x(drawn)
    for cell in cells:
        _spread([m for m in cell.values() if m.value is not None])
        for mark in cell.values():
            mark.dx = dx
    return [list(cell.values()) for cell in cells]


def _edge(
    cells: list[dict[str, Mark]], line: Line, start: tuple[int, float], end: tuple[int, float], points: dict[int, int]
) -> None:
    (a, ya), (b, yb) = start, end
    jump = any(c in points for c in range(a + 1, b))
    x0, x1 = a + 0.5, b + 0.5

    def at(x: float) -> float:
        return round(ya + (yb - ya) * (x - x0) / (x1 - x0), 1)

    for column in range(a, b + 1):
        left, right = max(x0, column), min(x1, column + 1)
        piece = Piece((left - column) * 100, at(left), (right - column) * 100, at(right), jump)
        cells[column].setdefault(line.key, Mark(line)).pieces.append(piece)


def _spread(column: list[Mark]) -> None:
    """Labels beside the points, in height order, at least LABEL_GAP apart (a name under a value takes
    a second line) and inside the cell: pushed down past each other, then up from the bottom edge."""
    column.sort(key=lambda m: (m.y, m.line.css))
    room = [LABEL_GAP + (LABEL_GAP - 2 if mark.end else 0) for mark in column]
    previous = float("-inf")
    for mark, below in zip(column, [0, *room], strict=False):
        mark.label_y = previous = max(mark.y + 4, previous + below)
    floor: float = HEIGHT - 4 + LABEL_GAP  # as if a label sat just below the cell
    for mark, space in reversed(list(zip(column, room, strict=True))):
        mark.label_y = floor = min(mark.label_y, floor - space)


def label_x(drawn: list[Line]) -> float:
    """px right of the column's centre where labels start: clear of every line's point."""
    return max((line.shift for line in drawn), default=0) + 10


def overview(
    analysis: JourneyAnalysis, drawn: list[Line], place: dict[int, int], scale: tuple[int, int]
) -> dict[str, str]:
    """The whole journey in one small drawing (viewBox units: 10 per column, 40 high): one path per line."""
    paths = {}
    for line in drawn:
        values = analysis.curves[line.key]
        parts = []
        for source, target in analysis.paths[line.key]:
            va, vb = values[source.index], values[target.index]
            a, b = place[source.index], place[target.index]
            if va is not None and vb is not None and a < b:
                parts.append(f"M{a * 10 + 5} {_small(va, scale)}L{b * 10 + 5} {_small(vb, scale)}")
        lone = [(place[i], v) for i, v in enumerate(values) if v is not None]
        parts += [f"M{c * 10 + 4} {_small(v, scale)}h2" for c, v in lone]  # a dot, so single points show
        paths[line.key] = "".join(parts)
    return paths


def _small(value: float, scale: tuple[int, int]) -> float:
    low, high = scale
    return round(4 + (high - value) * 32 / (high - low), 1)
