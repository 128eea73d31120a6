"""Touchpoint inventories as CSV: `cjmap export csv` writes one row per touchpoint with a column
for every field of the touchpoint and of its stage; `cjmap import csv` reads such a sheet (or a
team's own, with their headers) into a new journey or an existing one (importers.merge).

Cells follow importers.cells (lists separated by `;`, `Slow site [high]`, formulas neutralised);
per-persona emotions have a column each (`emotion: ana`), as do metrics (`metric: nps`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from cjmap.errors import CjmapError
from cjmap.importers import cells
from cjmap.importers.columns import STAGE, TOUCHPOINT, Column
from cjmap.importers.merge import JourneyMerge
from cjmap.importers.sheet import Mapping, Table, map_headers, write_csv
from cjmap.model import Journey

REQUIRED_ANY = ("id", "touchpoint")  # a sheet names its touchpoints by id, or by name


def _metric_names(items: list[Any]) -> list[str]:
    return list(dict.fromkeys(name for item in items for name in item.metrics))


def _persona_columns(journey: Journey) -> list[str]:
    """Personas with an `emotion: ID` column: all of them once anyone feels differently."""
    dicts = [tp.emotion for stage in journey.stages for tp in stage.touchpoints if isinstance(tp.emotion, dict)]
    if not dicts:
        return []
    return list(dict.fromkeys([*journey.personas, *(p for d in dicts for p in d)]))


def layout(journey: Journey, stage_columns: list[Column]) -> list[tuple[Column, str | None]]:
    """The columns of the touchpoint sheet, per-value columns expanded, in the models' order."""
    touchpoints = [tp for stage in journey.stages for tp in stage.touchpoints]
    expanded: list[tuple[Column, str | None]] = []
    for column in [*stage_columns, *TOUCHPOINT]:
        if column.kind == "metrics":
            owners = journey.stages if column in STAGE else touchpoints
            expanded += [(column, name) for name in _metric_names(owners)]
        elif column.kind == "emotion":
            expanded += [(column, None), *((column, p) for p in _persona_columns(journey))]
        else:
            expanded.append((column, None))
    return expanded


def header(column: Column, key: str | None) -> str:
    if key is None:
        return column.header
    return f"{column.header.replace('metrics', 'metric')}: {key}"


def _value(item: BaseModel, column: Column, key: str | None) -> str:
    value = getattr(item, column.field)
    if key is None:
        return "" if column.kind == "emotion" and isinstance(value, dict) else column.write(value)
    return _number(value.get(key) if isinstance(value, dict) else None)


def _number(value: Any) -> str:
    return "" if value is None else cells.neutralise(cells.write_number(value))


def rows(journey: Journey, columns: list[tuple[Column, str | None]]) -> list[list[str]]:
    """One row per touchpoint: its stage's cells, then its own."""
    found = []
    for stage in journey.stages:
        for tp in stage.touchpoints:
            found.append([_value(stage if c in STAGE else tp, c, k) for c, k in columns])
    return found


def export_csv(journey: Journey) -> str:
    """The touchpoint inventory: `import csv` reads it back into the same touchpoints and stages."""
    columns = layout(journey, STAGE)
    return write_csv([header(c, k) for c, k in columns], rows(journey, columns))


def apply_touchpoints(merge: JourneyMerge, table: Table, manual: dict[str, str]) -> Mapping:
    """Apply a touchpoint sheet to the journey of `merge`; the mapping says how headers were read."""
    mapping = map_headers(table, [*STAGE, *TOUCHPOINT], manual)
    named = {b.column.header for b in mapping.bound.values() if b.column in TOUCHPOINT}
    if not named & set(REQUIRED_ANY):
        raise CjmapError(
            f"{table.name}: no `touchpoint` (name) or `id` column; found {', '.join(table.headers) or 'none'} "
            "(--map HEADER=touchpoint maps one)"
        )
    merge.touchpoint_rows(table, mapping)
    return mapping
