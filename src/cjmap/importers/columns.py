"""Spreadsheet columns, derived from the format's models: every field of a touchpoint, stage,
improvement, persona and evidence entry has a column (a test keeps it so), and how its cells
are written and read follows from the field's type.

Two kinds of columns are made per value: `metric: NAME` (and `stage metric: NAME`) per metric, and
`emotion: PERSONA` per persona who feels differently from the `emotion` everyone shares.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from cjmap.importers import cells
from cjmap.model import ID_PATTERN, Evidence, Improvement, Journey, Persona, Stage, Touchpoint

STRUCTURE = {"kind", "stages", "touchpoints", "improvements"}  # carried by sheets and rows, not cells
DYNAMIC = {"metrics": "metric", "emotion": "emotion"}  # one column per metric name or persona
# Headers teams use in their own sheets, for the field whose header is on the left.
SYNONYMS = {
    "stage": ("phase", "step", "journey stage", "stage name"),
    "touchpoint": ("touch point", "interaction", "moment", "touchpoint name"),
    "id": ("touchpoint id",),
    "channel": ("medium",),
    "scope": ("touchpoint type",),
    "owner": ("team", "department", "responsible"),
    "actions": ("doing", "customer actions", "does"),
    "thoughts": ("thinking", "thinks", "quotes"),
    "emotion": ("feeling", "feelings", "sentiment"),
    "pain points": ("pain point", "pains", "pain", "painpoints"),
    "opportunities": ("opportunity", "ideas"),
}


@dataclass(frozen=True)
class Column:
    """One field's column: its header, the field, and how cells hold it."""

    header: str
    field: str
    kind: str  # text id items ids notes flag choice date whole scalar json metrics emotion
    required: bool = False
    optional: bool = False  # None and an empty list are different values (`next: []`)
    choices: tuple[str, ...] = ()

    def write(self, value: Any) -> str:
        """The cell for `value` (None: an empty cell), neutralised against formulas."""
        return cells.neutralise(_write(self, value)) if value is not None else ""

    def read(self, cell: str) -> Any:
        """The field's value from a cell (already restored from neutralising); None when empty.
        A ValueError says what is wrong with the cell."""
        if not cell.strip():
            return None
        value = _read(self, cell)
        if self.kind == "id" and not re.fullmatch(ID_PATTERN, value):
            raise ValueError(f"{self.header} `{value}` is not an id (lowercase letters, digits, - and _)")
        return value


def _write(column: Column, value: Any) -> str:
    kind = column.kind
    if kind in ("text", "id"):
        return cells.write_text(value)
    if kind in ("items", "ids"):
        return cells.NONE_LIST if column.optional and value == [] else cells.write_items(value)
    if kind == "notes":
        return "; ".join(cells.write_note(n.text, n.severity).replace(";", ";;") for n in value)
    if kind == "flag":
        return "yes" if value else ""
    if kind == "json":
        return cells.write_json(value) if value else ""
    if kind in ("whole", "scalar", "emotion") and isinstance(value, int):
        return cells.write_number(value)
    return cells.write_text(value) if kind == "scalar" else str(value)


def _read(column: Column, cell: str) -> Any:
    what, kind = column.header, column.kind
    if kind in ("text", "id"):
        return cells.read_text(cell)
    if kind in ("items", "ids"):
        if column.optional and cell.strip() == cells.NONE_LIST:
            return []
        return cells.read_items(cell)
    if kind == "notes":
        notes = [cells.read_note(item) for item in cells.split_items(cell)]
        return [n["text"] if n["severity"] == "medium" else n for n in notes]
    if kind == "flag":
        return cells.read_flag(cell, what)
    if kind == "choice":
        return cells.read_choice(cell, what, column.choices)
    if kind == "date":
        return cells.read_date(cell, what)
    if kind == "whole":
        return cells.read_whole(cell, what)
    if kind == "emotion":
        return cells.read_emotion(cell, what)
    if kind == "scalar":
        return int(cell.strip()) if re.fullmatch(r"[-+]?\d+", cell.strip()) else cells.read_text(cell)
    return cells.read_json(cell, what)


def _kind(annotation: Any) -> tuple[str | None, bool, tuple[str, ...]]:
    """(kind, whether None is a value of its own, choices) for a field's type; kind None for
    nested models, which have sheets or rows of their own."""
    args, origin = get_args(annotation), get_origin(annotation)
    if origin in (Union, types.UnionType) and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        kind, _, choices = _kind(rest[0] if len(rest) == 1 else Union[rest])  # noqa: UP007
        return kind, True, choices
    if origin is typing.Annotated:
        return _kind(args[0])
    if origin is Literal:
        return "choice", False, tuple(str(a) for a in args)
    if origin in (Union, types.UnionType):
        return ("emotion" if dict in {get_origin(a) for a in args} else "scalar"), False, ()
    if origin is list:
        inner = args[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return None, False, ()
        if get_origin(inner) is typing.Annotated and get_args(inner)[0] is not str:
            return "notes", False, ()
        return ("ids" if get_origin(inner) is typing.Annotated else "items"), False, ()
    if origin is dict:
        return ("json" if args[1] is Any else "metrics"), False, ()
    simple = {str: "text", bool: "flag", int: "whole", dt.date: "date"}
    return simple.get(annotation), False, ()


def columns_of(model: type[BaseModel], prefix: str = "", names: dict[str, str] | None = None) -> list[Column]:
    """A column per field of `model` (nested models and `kind` aside), in the model's order."""
    found = []
    for name, info in model.model_fields.items():
        if name in STRUCTURE:
            continue
        kind, optional, choices = _kind(info.annotation)
        if kind == "text" and any(getattr(m, "pattern", None) for m in info.metadata):
            kind = "id"
        if kind is None:
            raise TypeError(f"{model.__name__}.{name}: no spreadsheet column for {info.annotation}")
        header = (names or {}).get(name) or prefix + name.replace("_", " ")
        found.append(Column(header, name, kind, info.is_required(), optional or kind == "json", choices))
    return found


TOUCHPOINT = columns_of(Touchpoint, names={"name": "touchpoint"})
STAGE = columns_of(Stage, "stage ", names={"name": "stage"})
IMPROVEMENT = columns_of(Improvement)
PERSONA = columns_of(Persona)
EVIDENCE = columns_of(Evidence)
JOURNEY = [c for c in columns_of(Journey) if c.field != "kind"]


def normal(header: str) -> str:
    """A header as compared: case, spaces, `_` and `-` aside."""
    return re.sub(r"[\s_\-]+", " ", header.strip().lower())
