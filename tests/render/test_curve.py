"""The emotion curve's geometry over generated journeys: pieces stay in their column and meet at
column edges, every point is drawn once, and value labels never overlap each other or a point."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.analysis import analyse
from cjmap.config import Config
from cjmap.model import Journey
from cjmap.render import curve
from cjmap.render.columns import columns
from tests.journeys import journeys

RADIUS = 6  # the points' radius in _cells.html.j2
TEXT_HEIGHT = 9  # 11 px text: baseline to cap height


def _drawn(journey: Journey, scale: tuple[int, int]):
    analysis = analyse(journey, Config())
    cols = columns(analysis)
    place = {c.step.index: c.index for c in cols if c.step is not None}
    lines = curve.lines(analysis, {p: p.title() for p in journey.personas})
    return analysis, place, lines, curve.marks(analysis, lines, place, len(cols), scale)


@settings(max_examples=150, deadline=None)
@given(journeys(max_personas=4), st.sampled_from([(-2, 2), (-3, 3), (-5, 5)]))
def test_labels_never_overlap_each_other_or_a_point(journey: Journey, scale: tuple[int, int]) -> None:
    _, _, lines, cells = _drawn(journey, scale)
    assert curve.label_x(lines) - max(line.shift for line in lines) >= RADIUS + 3  # labels start right of every point
    for cell in cells:
        labelled = sorted((m for m in cell if m.value is not None), key=lambda m: m.label_y)
        for upper, lower in zip(labelled, labelled[1:], strict=False):
            gap = lower.label_y - upper.label_y
            assert gap >= curve.LABEL_GAP + (curve.LABEL_GAP - 2 if upper.end else 0) - 0.01
        for mark in labelled:
            assert mark.label_y - TEXT_HEIGHT >= 0 and mark.label_y + (11 if mark.end else 0) <= curve.HEIGHT
            assert curve.TOP <= mark.y <= curve.HEIGHT - curve.BOTTOM


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_pieces_stay_in_their_column_and_meet_at_its_edges(journey: Journey) -> None:
    analysis, place, lines, cells = _drawn(journey, (-2, 2))
    for line in lines:
        values = analysis.curves[line.key]
        points = {place[i]: v for i, v in enumerate(values) if v is not None}
        assert {c for c, cell in enumerate(cells) for m in cell if m.line == line and m.value is not None} == set(
            points
        )
        for source, target in analysis.paths[line.key]:
            a, b = place[source.index], place[target.index]
            if a >= b or a not in points or b not in points:
                continue
            pieces = [p for c in range(a, b + 1) for m in cells[c] if m.line == line for p in m.pieces]
            assert any(p.x1 == 50 and p.y1 == curve.y_of(points[a], (-2, 2)) for p in pieces)  # leaves its point
            assert any(p.x2 == 50 and p.y2 == curve.y_of(points[b], (-2, 2)) for p in pieces)  # reaches the next
    for cell in cells:
        for mark in cell:
            assert all(0 <= p.x1 <= p.x2 <= 100 for p in mark.pieces)


def test_a_line_over_a_column_where_it_also_stops_is_a_jump() -> None:
    journey = Journey.model_validate(
        {
            "kind": "journey",
            "id": "j",
            "title": "J",
            "personas": ["p"],
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "touchpoints": [
                        {"id": "a", "name": "A", "channel": "web", "emotion": 1, "next": ["b", "c"]},
                        {"id": "b", "name": "B", "channel": "web", "emotion": -1},
                        {"id": "c", "name": "C", "channel": "web", "emotion": 2},
                    ],
                }
            ],
        }
    )
    _, _, _, cells = _drawn(journey, (-2, 2))
    (passing,) = [p for m in cells[1] for p in m.pieces if p.x1 == 0 and p.x2 == 100]
    assert passing.jump and not any(p.jump for m in cells[1] for p in m.pieces if p is not passing)
