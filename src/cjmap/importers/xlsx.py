"""Whole journeys as Excel workbooks (openpyxl, imported only here): a Journey sheet (field,
value), then Stages, Touchpoints, Improvements, Personas and Evidence, a row per item and a
column per field (importers.columns). `cjmap import xlsx` reads such a workbook, or a team's own
workbook whose first sheet is a touchpoint inventory.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from cjmap.errors import CjmapError
from cjmap.importers import cells, spreadsheet
from cjmap.importers._common import PersonaBook
from cjmap.importers.columns import EVIDENCE, IMPROVEMENT, JOURNEY, PERSONA, STAGE, Column, normal
from cjmap.importers.merge import JourneyMerge, set_field
from cjmap.importers.plan import Edit
from cjmap.importers.sheet import Table, map_headers, values
from cjmap.model import Evidence, Journey, Persona
from cjmap.workspace import Workspace

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
SHEETS = ("Journey", "Stages", "Touchpoints", "Improvements", "Personas", "Evidence")
_NUMERIC = ("whole", "emotion", "metrics")


def read(path: Path) -> dict[str, Table]:
    """The workbook's sheets as tables (a workbook without cjmap's sheets: its first sheet is
    the touchpoint inventory)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and XML errors for non-workbooks
        raise CjmapError(f"{path}: not an Excel workbook (.xlsx) openpyxl can read: {error}") from None
    tables = {}
    for index, sheet in enumerate(book.worksheets):
        name = sheet.title if sheet.title in SHEETS else ("Touchpoints" if index == 0 else sheet.title)
        rows = [
            [cells.restore(_unescape(cells.cell_text(v))) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        if rows:
            body = [(n, r) for n, r in enumerate(rows[1:], 2) if any(c.strip() for c in r)]
            tables[name] = Table(f"{path.name} [{sheet.title}]", rows[0], body)
    book.close()
    return tables


def _journey_cells(tables: dict[str, Table]) -> dict[str, str]:
    table = tables.get("Journey")
    return {normal(row[0]): row[1] if len(row) > 1 else "" for _, row in table.rows if row} if table else {}


def journey_id(tables: dict[str, Table]) -> str | None:
    return _journey_cells(tables).get("id", "").strip() or None


def journey_title(tables: dict[str, Table]) -> str | None:
    title = _journey_cells(tables).get("title")
    return cells.read_text(title) if title else None


def apply(merging: JourneyMerge, tables: dict[str, Table], manual: dict[str, str]) -> list[str]:
    """The Journey, Stages and Improvements sheets applied to the journey; how they were read."""
    summary = []
    found = _journey_cells(tables)
    by_header = {normal(c.header): c for c in JOURNEY}
    for key, text in found.items():
        column = by_header.get(key)
        if column is None:
            summary.append(f"Journey sheet: field `{key}` ignored (not a journey field)")
        elif column.field != "id":
            _journey_field(merging, column, text)
    if "Stages" in tables:
        mapping = map_headers(tables["Stages"], STAGE, manual)
        merging.stage_rows(tables["Stages"], mapping)
        summary += mapping.summary
    if "Improvements" in tables:
        mapping = map_headers(tables["Improvements"], IMPROVEMENT, manual)
        merging.improvement_rows(tables["Improvements"], mapping)
        summary += mapping.summary
    return summary


def _journey_field(merging: JourneyMerge, column: Column, text: str) -> None:
    try:
        value = column.read(text)
    except ValueError as error:
        merging.errors.append(f"Journey sheet: {error}")
        return
    if column.field == "personas":
        listed = merging.journey.get("personas")
        if isinstance(listed, list):
            del listed[:]  # emptied in place: the list keeps how it is written (`[ana, ben]`)
        else:
            merging.journey["personas"] = []
        merging.add_personas([merging.book.id_for(p) for p in value or []])
    elif column.required and value is None:
        merging.errors.append(f"Journey sheet: no {column.header}")
    else:
        set_field(merging.journey, Journey, column, value)


def documents(
    tables: dict[str, Table], workspace: Workspace, book: PersonaBook
) -> list[tuple[str, dict[str, Any], Path | None]]:
    """Persona and evidence documents from their sheets: (kind, values, file of the existing one
    or None for a new file). Personas are matched by id or name."""
    found = []
    for kind, sheet, columns in (("persona", "Personas", PERSONA), ("evidence", "Evidence", EVIDENCE)):
        if sheet not in tables:
            continue
        table = tables[sheet]
        mapping = map_headers(table, columns, {})
        entries = {e.model.id: e for e in workspace.entries(kind)}
        for line, row in table.rows:
            got, _, errors = values(row, mapping)
            document: dict[str, Any] = {"kind": kind} | {c.field: v for c, v in got.items()}
            if kind == "persona" and document.get("name") and not document.get("id"):
                document["id"] = book.find(document["name"]) or book.id_for(document["name"])
            missing = [c.header for c in columns if c.required and document.get(c.field) is None]
            if errors or missing:
                raise CjmapError(f"{table.name} row {line}: {'; '.join(errors) or 'no ' + ', '.join(missing)}")
            entry = entries.get(document["id"])
            if kind == "persona":
                book.register(document["id"], document["name"])
            found.append(
                (kind, document if entry else _present(document), Path(entry.doc.source.path) if entry else None)
            )
    return found


def _present(document: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v for k, v in document.items() if not (v is None or v is False or (isinstance(v, (list, dict)) and not v))
    }


def updater(kind: str, document: dict[str, Any]) -> Edit:
    """An edit that gives an existing persona or evidence document these values (None clears)."""
    model, columns = (Persona, PERSONA) if kind == "persona" else (Evidence, EVIDENCE)

    def update(target: dict[str, Any]) -> None:
        for column in columns:
            if column.field in document and column.field != "id":
                set_field(target, model, column, document[column.field])

    return update


def write(journey: Journey, workspace: Workspace) -> bytes:
    """The workbook for one journey, with the personas and evidence it refers to."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.worksheets[0]
    first.title = "Journey"
    first.append(["field", "value"])
    for column in JOURNEY:
        first.append([column.header, _escape(column.write(getattr(journey, column.field)))])
    touchpoint_columns = _with_stage(spreadsheet.layout(journey, []))
    stage_columns = [(c, k) for c, k in spreadsheet.layout(journey, STAGE) if c in STAGE]
    tables: list[tuple[str, list[tuple[Column, str | None]], list[list[str]]]] = [
        ("Stages", stage_columns, [[_cell(s, c, k) for c, k in stage_columns] for s in journey.stages]),
        ("Touchpoints", touchpoint_columns, spreadsheet.rows(journey, touchpoint_columns)),
        (
            "Improvements",
            [(c, None) for c in IMPROVEMENT],
            [[_cell(i, c, None) for c in IMPROVEMENT] for i in journey.improvements],
        ),
    ]
    personas = [e.model for e in workspace.personas if e.model.id in journey.personas]
    cited = set(journey.evidence) | {i for s in journey.stages for i in s.evidence}
    cited |= {i for s in journey.stages for tp in s.touchpoints for i in tp.evidence}
    cited |= {i for p in personas for i in p.evidence}
    evidence = [e.model for e in workspace.evidence if e.model.id in cited]
    tables.append(("Personas", [(c, None) for c in PERSONA], [[_cell(p, c, None) for c in PERSONA] for p in personas]))
    tables.append(
        ("Evidence", [(c, None) for c in EVIDENCE], [[_cell(e, c, None) for c in EVIDENCE] for e in evidence])
    )
    for name, columns, rows in tables:
        sheet: Any = book.create_sheet(name)
        sheet.append([spreadsheet.header(c, k) for c, k in columns])
        for row in rows:
            sheet.append([_typed(value, column) for value, (column, _) in zip(row, columns, strict=True)])
    for each in book.worksheets:
        for cell in each[1]:
            cell.font = Font(bold=True)
        each.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _escape(text: str) -> str:
    """OOXML's escapes (ST_Xstring), as Excel writes them: XML cannot hold a carriage return or a
    control character as it is, and a literal `_x000D_` must not read back as one."""
    text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text.replace("\r", "_x000D_"))


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _with_stage(columns: list[tuple[Column, str | None]]) -> list[tuple[Column, str | None]]:
    """Touchpoint rows name their stage by id (and name, for reading); the Stages sheet has the rest."""
    return [(STAGE[0], None), (STAGE[1], None), *columns]


def _cell(item: Any, column: Column, key: str | None) -> str:
    value = getattr(item, column.field)
    if key is not None:
        value = value.get(key) if isinstance(value, dict) else None
        return "" if value is None else cells.write_number(value)
    return column.write(value)


def _typed(text: str, column: Column) -> Any:
    """Numbers as numbers, so the sheet sorts and sums them; everything else as text."""
    if text and column.kind in _NUMERIC and cells.is_number(text):
        return cells.read_number(text, column.header)
    return _escape(text)
