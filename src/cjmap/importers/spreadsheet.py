"""Touchpoint inventories as CSV: `cjmap import csv` and `cjmap export csv` (they round-trip).

One row per touchpoint. Headers are matched case-insensitively with common synonyms; cells of
list fields hold several items separated by `;`; a pain point or opportunity may end with its
severity in brackets (`Slow site [high]`); an emotion is a number, or `ana:-1; ben:2`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from cjmap.errors import CjmapError
from cjmap.importers._common import Ids
from cjmap.model import Journey

COLUMNS: dict[str, tuple[str, ...]] = {
    "stage": ("stage", "phase", "step", "journey stage"),
    "stage_id": ("stage id",),
    "touchpoint": ("touchpoint", "touch point", "interaction", "moment", "touchpoint name"),
    "id": ("id", "touchpoint id"),
    "channel": ("channel", "medium"),
    "scope": ("scope", "touchpoint type"),
    "device": ("device",),
    "owner": ("owner", "team", "department", "responsible"),
    "actions": ("actions", "doing", "customer actions", "does"),
    "thoughts": ("thoughts", "thinking", "thinks", "quotes"),
    "emotion": ("emotion", "feeling", "feelings", "sentiment"),
    "pain_points": ("pain points", "pain point", "pains", "pain", "pain_points", "painpoints"),
    "opportunities": ("opportunities", "opportunity", "ideas"),
}
REQUIRED = ("stage", "touchpoint", "channel")
_SEVERITY = re.compile(r"^(.*?)\s*\[(low|medium|high)\]$")


@dataclass
class Imported:
    journey: dict[str, Any]
    mapping: dict[str, str]  # header as written -> field


def _normal(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.strip().lower())


def map_headers(headers: list[str]) -> dict[str, str]:
    """Header as written -> field, for the headers cjmap recognises."""
    known = {_normal(synonym): name for name, synonyms in COLUMNS.items() for synonym in synonyms}
    mapping: dict[str, str] = {}
    for header in headers:
        name = known.get(_normal(header))
        if name and name not in mapping.values():
            mapping[header] = name
    return mapping


def _rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    first = text.split("\n", 1)[0]
    if ";" in first and "," not in first and "\t" not in first:
        raise CjmapError(
            "the columns are separated by `;`: export the sheet as comma-separated CSV "
            "(cjmap reads `;` inside cells as a list separator)"
        )
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise CjmapError(f"line {reader.line_num}: {error}") from None
    if not rows:
        raise CjmapError("the file is empty")
    return rows[0][1], rows[1:]


def _items(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _notes(cell: str) -> list[Any]:
    notes: list[Any] = []
    for item in _items(cell):
        match = _SEVERITY.match(item)
        notes.append({"text": match.group(1), "severity": match.group(2)} if match else item)
    return notes


def _emotion(cell: str) -> int | dict[str, int] | None:
    cell = cell.strip()
    if not cell:
        return None
    if ":" in cell:
        pairs = [part.split(":", 1) for part in _items(cell)]
        return {persona.strip(): _whole(value) for persona, value in pairs}
    return _whole(cell)


def _whole(text: str) -> int:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"emotion `{text.strip()}` is not a number") from None
    if not value.is_integer():
        raise ValueError(f"emotion `{text.strip()}` is not a whole number")
    return int(value)


def import_csv(text: str, journey_id: str, title: str, persona: str) -> Imported:
    """A journey from a touchpoint inventory; every bad row is reported, and then nothing is made."""
    headers, rows = _rows(text)
    mapping = map_headers(headers)
    missing = [name for name in REQUIRED if name not in mapping.values()]
    if missing:
        raise CjmapError(f"missing column(s) {', '.join(missing)}; found {', '.join(headers) or 'none'}")
    column = {name: headers.index(header) for header, name in mapping.items()}
    stages: dict[str, dict[str, Any]] = {}
    stage_ids, touchpoint_ids = Ids(), Ids()
    errors: list[str] = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in column.items()}
        empty = [name for name in REQUIRED if not cells[name]]
        if empty:
            errors.append(f"row {line}: no {', '.join(empty)}")
            continue
        try:
            touchpoint = _touchpoint(cells, touchpoint_ids)
        except ValueError as error:
            errors.append(f"row {line}: {error}")
            continue
        if cells["stage"] not in stages:
            stage_id = stage_ids.take(cells.get("stage_id") or cells["stage"], "stage")
            stages[cells["stage"]] = {"id": stage_id, "name": cells["stage"], "touchpoints": []}
        stage = stages[cells["stage"]]
        stage["touchpoints"].append(touchpoint)
    if errors:
        raise CjmapError("nothing imported:\n  " + "\n  ".join(errors))
    if not stages:
        raise CjmapError("no touchpoints: every row is blank")
    journey = {
        "kind": "journey",
        "id": journey_id,
        "title": title,
        "personas": [persona],
        "stages": list(stages.values()),
    }
    Journey.model_validate(journey)  # a bad scope or channel type surfaces here, before writing
    return Imported(journey, mapping)


def _touchpoint(cells: dict[str, str], ids: Ids) -> dict[str, Any]:
    touchpoint: dict[str, Any] = {
        "id": ids.take(cells.get("id") or cells["touchpoint"], "touchpoint"),
        "name": cells["touchpoint"],
        "channel": cells["channel"],
    }
    for name in ("scope", "device", "owner"):
        if cells.get(name):
            touchpoint[name] = cells[name].lower() if name == "scope" else cells[name]
    if cells.get("scope") and touchpoint["scope"] not in ("peripheral", "external", "internal"):
        raise ValueError(f"scope `{cells['scope']}` is not peripheral, external or internal")
    for name in ("actions", "thoughts"):
        if cells.get(name):
            touchpoint[name] = _items(cells[name])
    emotion = _emotion(cells.get("emotion", ""))
    if emotion is not None:
        touchpoint["emotion"] = emotion
    for name in ("pain_points", "opportunities"):
        if cells.get(name):
            touchpoint[name] = _notes(cells[name])
    return touchpoint


EXPORT_COLUMNS = (
    "stage id",
    "stage",
    "id",
    "touchpoint",
    "channel",
    "scope",
    "device",
    "owner",
    "actions",
    "thoughts",
    "emotion",
    "pain points",
    "opportunities",
)


def export_csv(journey: Journey) -> str:
    """The touchpoint inventory of a journey; `import_csv` reads it back to the same touchpoints."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for stage in journey.stages:
        for tp in stage.touchpoints:
            emotion = (
                tp.emotion if not isinstance(tp.emotion, dict) else "; ".join(f"{p}:{v}" for p, v in tp.emotion.items())
            )
            notes = [
                "; ".join(n.text if n.severity == "medium" else f"{n.text} [{n.severity}]" for n in items)
                for items in (tp.pain_points, tp.opportunities)
            ]
            writer.writerow(
                [
                    stage.id,
                    stage.name,
                    tp.id,
                    tp.name,
                    tp.channel,
                    tp.scope or "",
                    tp.device or "",
                    tp.owner or "",
                    "; ".join(tp.actions),
                    "; ".join(tp.thoughts),
                    "" if emotion is None else emotion,
                    *notes,
                ]
            )
    return buffer.getvalue()
