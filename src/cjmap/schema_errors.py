"""Turn pydantic validation errors into `schema` problems a person can act on."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from cjmap.loader import Document, Loc
from cjmap.problem import Problem, suggest

_QUOTE = "put the value in quotes to keep it as text"
_QUOTE_KEY = "put the key in quotes to keep it as text"
_EXPECTED = {
    "int_type": "an integer",
    "int_from_float": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "string_pattern_mismatch": "an id: lowercase letters, digits, - and _, starting with a letter or digit",
    "too_short": "a list with at least one item",
    "greater_than_equal": "zero or more",
    "finite_number": "a finite number",
    "float_parsing": "a number",
    "date_type": "a date",
    "date_from_datetime_inexact": "a date",
}


def schema_problems(doc: Document, error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """One problem per offending place, with union alternatives merged into one message."""
    grouped: dict[Loc, list[Any]] = {}
    for item in error.errors(include_url=False):
        if item["loc"] and item["loc"][-1] == "[key]":  # a mapping key of the wrong type
            item = {**item, "type": "invalid_key"}
        grouped.setdefault(data_loc(doc.data, item["loc"], item["type"] == "missing"), []).append(item)
    return [
        _problem(doc, loc, items, model)
        for loc, items in grouped.items()
        if not _beaten_alternative(loc, items, grouped)
    ]


def data_loc(data: Any, loc: tuple[Any, ...], missing: bool = False) -> Loc:
    """Keep the parts of a pydantic error location that index the data (drop union tags)."""
    path: list[Any] = []
    for part in loc:
        if (
            isinstance(data, dict)
            and part in data
            or isinstance(data, list)
            and isinstance(part, int)
            and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            continue
        path.append(part)
    return (*path, loc[-1]) if missing else tuple(path)


def _beaten_alternative(loc: Loc, items: list[dict[str, Any]], grouped: dict[Loc, Any]) -> bool:
    """A union branch that failed at `loc` while another branch got deeper: report the deeper one.

    `emotion: {ana: high}` fails as an integer at `emotion` and as a mapping at `emotion.ana`;
    only the second says what is wrong.
    """
    via_union = all(len(item["loc"]) > len(loc) for item in items)
    return via_union and any(len(other) > len(loc) and other[: len(loc)] == loc for other in grouped)


def _problem(doc: Document, loc: Loc, items: list[dict[str, Any]], model: type[BaseModel]) -> Problem:
    first = items[0]
    name = _name(loc)
    if first["type"] == "missing":
        return doc.at(loc, f"missing required field `{loc[-1]}`", rule="schema")
    if first["type"] == "invalid_key":
        where = f" of `{_name(loc[:-1])}`" if loc[:-1] else ""
        return doc.at(loc, f"key {_shown(first['input'])}{where} must be text", _QUOTE_KEY, key=True, rule="schema")
    if first["type"] == "extra_forbidden":
        hint = suggest(loc[-1], fields_at(model, loc[:-1]))
        return doc.at(loc, f"unknown key `{loc[-1]}`", hint, key=True, rule="schema")
    if first["type"] == "literal_error":
        expected = first["ctx"]["expected"].replace("'", "`")
        return doc.at(
            loc,
            f"`{name}` must be one of {expected}; got {_shown(first['input'])}",
            suggest(first["input"], _literals(first["ctx"]["expected"])),
            rule="schema",
        )
    wanted = list(dict.fromkeys(_expected(item) for item in items))
    return doc.at(
        loc, f"`{name}` must be {' or '.join(wanted)}; got {_shown(first['input'])}", _hint(first), rule="schema"
    )


def _expected(item: dict[str, Any]) -> str:
    """What the place must be, as a noun phrase. A validator of the models says it in its own
    message; pydantic's own wording ("Input should be...") never reaches users."""
    if item["type"] == "value_error":
        return str(item["msg"]).removeprefix("Value error, ")
    return _EXPECTED.get(item["type"], "a valid value of the format (see `cjmap schema`)")


def _hint(item: dict[str, Any]) -> str | None:
    if item["type"] == "string_type" and isinstance(item["input"], (int, float, bool)):
        return _QUOTE
    return None


def _name(loc: Loc) -> str:
    tail: list[str] = []
    for part in reversed(loc):
        tail.insert(0, f"[{part}]" if isinstance(part, int) else str(part))
        if not isinstance(part, int):
            break
    return "".join(tail) or "document"


def _shown(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _literals(expected: str) -> list[str]:
    return [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model found at `loc` inside `model` (for did-you-mean hints)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found:
            return found
    return None
