"""Columns and print sheets: every column printed once, in order, sheets no wider than the page,
a stage split only when it cannot fit a sheet of its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.analysis import analyse
from cjmap.config import Config
from cjmap.model import Journey
from cjmap.render import PAPERS
from cjmap.render.columns import PRINT_COLUMNS, columns, per_sheet, sheets
from tests.journeys import journeys


@settings(max_examples=150, deadline=None)
@given(journeys(max_touchpoints=30), st.integers(1, 9), st.booleans())
def test_sheets_hold_every_column_once_in_order(journey: Journey, per_sheet: int, poster: bool) -> None:
    cols = columns(analyse(journey, Config()))
    printed = sheets(journey, cols, per_sheet, poster)
    assert [c.index for sheet in printed for part in sheet.parts for c in part.columns] == list(range(len(cols)))
    for sheet in printed:
        assert 0 < sheet.width <= per_sheet and sheet.width == sum(len(p.columns) for p in sheet.parts)
        for part in sheet.parts:
            whole = part.span <= per_sheet
            assert not whole or (len(part.columns) == part.span and not part.continued)
        assert not poster or len({part.index for part in sheet.parts}) == 1  # a poster sheet holds one stage
    assert len(cols) == sum(max(1, len(s.touchpoints)) for s in journey.stages)  # empty stages keep a column


def test_columns_per_landscape_sheet() -> None:
    assert [per_sheet(PAPERS[p][0]) for p in ("A4", "A3", "A2", "A1", "A0")] == [5, 8, 12, 17, 25]
    assert per_sheet(PAPERS["A3"][0]) == PRINT_COLUMNS
