"""Rows of a sheet applied to a journey document, in place: a new journey is a merge into an
empty one, an existing journey (a ruamel.yaml round-trip document) keeps its comments and every
field the sheet has no column for.

Rows are matched to touchpoints by id, or by name when the sheet has no id column, and only to
touchpoints that were there before the import (two rows never update the same one). Changed
fields are set, cleared cells clear their field, new rows are added, rows missing from the sheet
stay unless `prune`. The sheet's order wins for the items it lists; the others keep their place
after the item they followed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from cjmap.importers._common import Ids, PersonaBook, same_name
from cjmap.importers.columns import IMPROVEMENT, STAGE, TOUCHPOINT, Column
from cjmap.importers.sheet import Mapping, Table, values
from cjmap.layout import plain
from cjmap.model import Improvement, Stage, Touchpoint

Doc = MutableMapping[str, Any]
_BY = {c.field: c for c in TOUCHPOINT}
_STAGE_BY = {c.field: c for c in STAGE}


@dataclass
class Options:
    prune: bool = False
    default_channel: str | None = None


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotation: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def same(model: type[BaseModel], name: str, old: Any, new: Any) -> bool:
    """Whether two values of a field mean the same (`- x` and `[x]`, a note as text or mapping)."""
    if old is None or new is None:
        return old is new
    try:
        adapter = _adapter(model, name)
        return bool(adapter.validate_python(plain(old)) == adapter.validate_python(plain(new)))
    except ValidationError:
        return False


def set_field(target: Doc, model: type[BaseModel], column: Column, value: Any) -> None:
    """Set (or, for an empty cell, remove) one field, leaving it alone when it means the same."""
    name = column.field
    empty = value is None or (column.kind == "flag" and value is False)
    empty = empty or (value in ([], {}) and not column.optional)
    if empty:
        if name in target:
            del target[name]
    elif not same(model, name, target.get(name), value):
        target[name] = value


def set_items(seq: Any, items: list[Any]) -> None:
    """Give a list new items (or a new order), taking each item's comments along with it."""
    if len(seq) == len(items) and all(a is b for a, b in zip(seq, items, strict=True)):
        return
    ca = getattr(seq, "ca", None)
    kept = {id(item): ca.items[i] for i, item in enumerate(seq) if ca is not None and i in ca.items}
    if ca is not None:
        ca.items.clear()
    seq[:] = items
    for i, item in enumerate(items):
        if id(item) in kept and ca is not None:
            ca.items[i] = kept[id(item)]


def arranged(original: list[Any], listed: list[Any], keep: Callable[[Any], bool]) -> list[Any]:
    """`listed` in its order, plus the items of `original` it does not list that `keep` keeps,
    each after the item it followed."""
    result = list(listed)
    listed_ids = {id(x) for x in listed}
    at = 0
    for item in original:
        if id(item) in listed_ids:
            at = next(i for i, x in enumerate(result) if x is item) + 1
        elif keep(item):
            result.insert(at, item)
            at += 1
    return result


class JourneyMerge:
    """Applies sheets to one journey document; `errors` collects what is wrong, by row."""

    def __init__(self, journey: Doc, book: PersonaBook, options: Options) -> None:
        self.journey, self.book, self.options = journey, book, options
        self.errors: list[str] = []
        journey.setdefault("stages", [])
        self.stages: list[Doc] = list(journey["stages"])
        self.stage_ids = Ids(str(s.get("id")) for s in self.stages)
        self.found = {tp.get("id"): (tp, s) for s in self.stages for tp in s.get("touchpoints") or []}
        self.touchpoint_ids = Ids(self.found)
        self.claimed: dict[int, int] = {}  # id(touchpoint) -> row that claimed it
        self.created: dict[str, int] = {}  # id of a new touchpoint -> its row
        self.placed: dict[int, list[Doc]] = {}  # id(stage) -> its touchpoints in sheet order
        self.listed_stages: list[Doc] = []
        self.stage_values: dict[tuple[int, str], tuple[Any, int]] = {}

    # --- stages --------------------------------------------------------------------------------

    def stage_rows(self, table: Table, mapping: Mapping) -> None:
        """A sheet of stages (a workbook's Stages sheet): one row per stage, in order."""
        for line, row in table.rows:
            found, per_value, errors = values(row, mapping)
            self.errors += [f"{table.name} row {line}: {e}" for e in errors]
            if not errors:
                self._stage(found, per_value, mapping, line, table.name)

    def _stage(self, found: dict[Column, Any], per_value: Any, mapping: Mapping, line: int, sheet: str) -> Doc | None:
        sid, name = found.get(_STAGE_BY["id"]), found.get(_STAGE_BY["name"])
        stage = next((s for s in self.stages if sid is not None and s.get("id") == sid), None)
        if stage is None and sid is None and name is not None:
            stage = next((s for s in self.stages if same_name(str(s.get("name", "")), name)), None)
        if stage is None:
            if name is None:
                if sid is not None:
                    self.errors.append(f"{sheet} row {line}: new stage `{sid}` has no name")
                return None
            stage = {"id": sid or self.stage_ids.take(name, "stage"), "name": name, "touchpoints": []}
            self.stage_ids.used.add(stage["id"])
            self.stages.append(stage)
        if not any(s is stage for s in self.listed_stages):
            self.listed_stages.append(stage)
        for column in STAGE:
            if column.field != "id" and (mapping.has(column) or mapping.keys(column)):
                self._stage_value(stage, column, found, per_value, mapping, f"{sheet} row {line}")
        return stage

    def _stage_value(self, stage: Doc, column: Column, found: Any, per_value: Any, mapping: Mapping, at: str) -> None:
        if column.kind == "metrics":
            value: Any = metrics(stage.get("metrics"), column, per_value, mapping)
        else:
            value = found.get(column)
        seen = self.stage_values.setdefault((id(stage), column.header), (value, 0))
        if not same(Stage, column.field, seen[0], value) and not (seen[0] is None and value is None):
            self.errors.append(f"{at}: {column.header} differs from an earlier row of stage `{stage.get('id')}`")
        elif column.required and value is None:
            self.errors.append(f"{at}: no {column.header}")
        else:
            set_field(stage, Stage, column, value)

    # --- touchpoints ---------------------------------------------------------------------------

    def touchpoint_rows(self, table: Table, mapping: Mapping) -> None:
        """A sheet with one row per touchpoint (and, in a CSV, its stage's columns)."""
        by_id = mapping.has(_BY["id"])
        for line, row in table.rows:
            found, per_value, errors = values(row, mapping)
            at = f"{table.name} row {line}"
            if errors:
                self.errors += [f"{at}: {e}" for e in errors]
                continue
            if by_id and found.get(_BY["id"]) in self.created:
                self.errors.append(f"{at}: id `{found[_BY['id']]}` is on row {self.created[found[_BY['id']]]} too")
                continue
            touchpoint = self._match(found, by_id, at)
            stage = self._stage(found, per_value, mapping, line, table.name)
            if touchpoint is None:
                touchpoint = self._create(found, stage, at)
                if touchpoint is not None:
                    self.created[touchpoint["id"]] = line
            if touchpoint is not None:
                self.claimed[id(touchpoint)] = line
                home = stage if stage is not None else self.found[touchpoint.get("id")][1]
                self.placed.setdefault(id(home), []).append(touchpoint)
                self._fill(touchpoint, found, per_value, mapping, at)

    def _match(self, found: dict[Column, Any], by_id: bool, at: str) -> Doc | None:
        if not by_id:  # the n-th row of a name is the n-th touchpoint of that name
            name = found.get(_BY["name"])
            named = [t for t, _ in self.found.values() if name is not None and same_name(str(t.get("name")), name)]
            return next((t for t in named if id(t) not in self.claimed), None)
        hit = self.found.get(found.get(_BY["id"]))
        candidates = [hit[0]] if hit else []
        if candidates and id(candidates[0]) in self.claimed:
            self.errors.append(f"{at}: `{candidates[0].get('id')}` is on row {self.claimed[id(candidates[0])]} too")
            return None
        return candidates[0] if candidates else None

    def _create(self, found: dict[Column, Any], stage: Doc | None, at: str) -> Doc | None:
        name, channel = found.get(_BY["name"]), found.get(_BY["channel"])
        channel = self.options.default_channel if channel is None else channel
        missing = [
            what for what, value in (("touchpoint", name), ("stage", stage), ("channel", channel)) if value is None
        ]
        if missing:
            hint = " (add a channel column or pass --default-channel)" if "channel" in missing else ""
            self.errors.append(f"{at}: new touchpoint without {', '.join(missing)}{hint}")
            return None
        wanted = found.get(_BY["id"])
        touchpoint_id = wanted if wanted else self.touchpoint_ids.take(str(name), "touchpoint")
        self.touchpoint_ids.used.add(touchpoint_id)
        return {"id": touchpoint_id, "name": name, "channel": channel}

    def _fill(self, touchpoint: Doc, found: dict[Column, Any], per_value: Any, mapping: Mapping, at: str) -> None:
        for column in TOUCHPOINT:
            if column.field in ("id", "emotion", "metrics") or not mapping.has(column):
                continue
            value = found.get(column)
            if column.field == "channel" and value is None:
                value = self.options.default_channel
                if touchpoint.get("id") in self.created:
                    continue
            if column.field == "personas" and value:
                value = self._personas(value)
            if column.required and value is None:
                self.errors.append(f"{at}: no {column.header}")
                continue
            set_field(touchpoint, Touchpoint, column, value)
        if mapping.keys(_BY["metrics"]):
            set_field(
                touchpoint,
                Touchpoint,
                _BY["metrics"],
                metrics(touchpoint.get("metrics"), _BY["metrics"], per_value, mapping),
            )
        if mapping.has(_BY["emotion"]) or mapping.keys(_BY["emotion"]):
            try:
                set_field(touchpoint, Touchpoint, _BY["emotion"], self._emotion(touchpoint, found, per_value, mapping))
            except ValueError as error:
                self.errors.append(f"{at}: {error}")

    def _personas(self, names: list[str]) -> list[str]:
        ids = [self.book.id_for(name) for name in names]
        self.add_personas(ids)
        return ids

    def add_personas(self, ids: list[str]) -> None:
        """Make these personas the journey's too (the first ones of a new journey)."""
        personas = self.journey.setdefault("personas", [])
        for pid in ids:
            if pid not in personas:
                personas.append(pid)

    def _emotion(self, touchpoint: Doc, found: dict[Column, Any], per_value: Any, mapping: Mapping) -> Any:
        column = _BY["emotion"]
        shared = found.get(column) if mapping.has(column) else None
        if isinstance(shared, dict):  # an older export's cell: `ana:-1; ben:2`
            shared = {self.book.id_for(k): v for k, v in shared.items()}
            self.add_personas(list(shared))
        given = {self.book.id_for(k): v for (c, k), v in per_value.items() if c == column and v is not None}
        self.add_personas(list(given))
        if shared is not None and given:
            raise ValueError("both `emotion` and `emotion: PERSONA` cells are filled; give one or the other")
        if shared is not None:
            return shared
        old = touchpoint.get("emotion")
        if isinstance(old, int) and not mapping.has(column):  # everyone's number, now per persona
            who = touchpoint.get("personas")
            old = {p: old for p in self.journey.get("personas") or [] if who is None or p in who}
        cleared = {self.book.id_for(k) for k in mapping.keys(column)}
        kept = {k: v for k, v in old.items() if k not in cleared} if isinstance(old, dict) else {}
        if given or kept:
            return kept | given
        return old if isinstance(old, int) and not mapping.has(column) else None

    # --- improvements ---------------------------------------------------------------------------

    def improvement_rows(self, table: Table, mapping: Mapping) -> None:
        items: list[Doc] = list(self.journey.get("improvements") or [])
        by_id = {i.get("id"): i for i in items}
        listed: list[Doc] = []
        for line, row in table.rows:
            found, _, errors = values(row, mapping)
            at = f"{table.name} row {line}"
            item_id = found.get(IMPROVEMENT[0])
            if not errors and item_id is None:
                errors = ["no id"]
            if errors:
                self.errors += [f"{at}: {e}" for e in errors]
                continue
            item = by_id.setdefault(item_id, {"id": item_id})
            if any(x is item for x in listed):
                self.errors.append(f"{at}: improvement `{item_id}` is on an earlier row too")
                continue
            listed.append(item)
            for column in IMPROVEMENT[1:]:
                if mapping.has(column):
                    if column.required and found.get(column) is None:
                        self.errors.append(f"{at}: no {column.header}")
                    set_field(item, Improvement, column, found.get(column))
        final = arranged(items, listed, lambda _: not self.options.prune)
        if final or "improvements" in self.journey:
            self.journey.setdefault("improvements", [])
            set_items(self.journey["improvements"], final)

    # --- the end --------------------------------------------------------------------------------

    def finish(self, prune_stages: bool = False) -> None:
        """Put every stage's touchpoints (and the stages) in their new order."""
        keep = (lambda _: False) if self.options.prune else (lambda tp: id(tp) not in self.claimed)
        for stage in self.stages:
            placed = self.placed.get(id(stage), [])
            if "touchpoints" not in stage and not placed:
                continue
            stage.setdefault("touchpoints", [])
            set_items(stage["touchpoints"], arranged(list(stage["touchpoints"]), placed, keep))
        stages = arranged(list(self.journey["stages"]), self.listed_stages, lambda _: not prune_stages)
        set_items(self.journey["stages"], stages)


def metrics(old: Any, column: Column, per_value: Any, mapping: Mapping) -> dict[str, Any]:
    """A mapping of metrics: the old ones, with those the sheet has columns for set or cleared."""
    named = mapping.keys(column)
    kept = {k: v for k, v in (old or {}).items() if k not in named}
    given = {k: v for (c, k), v in per_value.items() if c == column and v is not None}
    return kept | given
