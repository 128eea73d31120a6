"""Columns and print sheets: every column printed once, in order, sheets no wider than the page,
a stage split only when it cannot fit a sheet of its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.analysis import analyse
from cjmap.config import Config
from cjmap.model import Journey
from cjmap.render.columns import columns, sheets
from tests.journeys import journeys


@settings(max_examples=150, deadline=None)
@given(journeys(max_touchpoints=30), st.integers(1, 9))
def test_sheets_hold_every_column_once_in_order(journey: Journey, per_sheet: int) -> None:
    cols = columns(analyse(journey, Config()))
    printed = sheets(journey, cols, per_sheet)
    assert [c.index for sheet in printed for part in sheet.parts for c in part.columns] == list(range(len(cols)))
    for sheet in printed:
        assert 0 < sheet.width <= per_sheet and sheet.width == sum(len(p.columns) for p in sheet.parts)
        for part in sheet.parts:
            whole = part.span <= per_sheet
            assert not whole or (len(part.columns) == part.span and not part.continued)
    assert len(cols) == sum(max(1, len(s.touchpoints)) for s in journey.stages)  # empty stages keep a column
