"""Spreadsheet cells: how each kind of field is written to a cell and read back, unchanged.

A list is one cell, items separated by `; ` (a `;` inside an item is written `;;`). A pain point
or opportunity may end with its severity, `Slow site [high]`. Text with spaces at its ends, empty
text, or text that is itself in double quotes is written in double quotes (`" x"`), the only case
quotes are read as quoting, so a customer quote typed as `"Why so slow?"` keeps its quotes. A
cell that a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, a tab or a carriage
return) is written with a leading `'`, as OWASP recommends, and read back without it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NONE_LIST = "(none)"  # an optional list that is there but empty (`next: []`: the journey ends here)
_SEVERITY = re.compile(r"^(.*?)\s*\[(low|medium|high)\]$", re.S)
_INTEGER = re.compile(r"[-+]?\d+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_TRUE, _FALSE = {"yes", "y", "true", "x", "1"}, {"no", "n", "false", "0", ""}


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP: CSV injection); numbers stay numbers."""
    if _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell


def restore(cell: str) -> str:
    """The cell `neutralise` was given."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START) else cell


def cell_text(value: Any) -> str:
    """A cell's value as text: what a CSV holds, or what Excel typed it as (dates, numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- text and lists ---------------------------------------------------------------------------


def _needs_quotes(text: str) -> bool:
    return text == "" or text != text.strip() or (len(text) >= 2 and text[0] == text[-1] == '"')


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write_text(text: str) -> str:
    return _quoted(text) if _needs_quotes(text) else text


def read_text(cell: str) -> str:
    item = cell.strip()
    if len(item) >= 2 and item[0] == item[-1] == '"':
        inner = item[1:-1].replace('""', '"')
        if _quoted(inner) == item and _needs_quotes(inner):
            return inner
    return item


def write_items(items: list[str]) -> str:
    return "; ".join(write_text(item).replace(";", ";;") for item in items)


def read_items(cell: str) -> list[str]:
    return [read_text(item) for item in split_items(cell)]


def split_items(cell: str) -> list[str]:
    """The items of a list cell as written: split at single `;` (`;;` is one `;`), blank ones dropped."""
    items, current, at = [], [], 0
    while at < len(cell):
        if cell.startswith(";;", at):
            current.append(";")
            at += 2
        elif cell[at] == ";":
            items.append("".join(current))
            current, at = [], at + 1
        else:
            current.append(cell[at])
            at += 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def write_note(text: str, severity: str) -> str:
    written = write_text(text)
    return written if severity == "medium" and not _SEVERITY.match(written) else f"{written} [{severity}]"


def read_note(item: str) -> dict[str, str]:
    """A note (one item as written) as the model takes it: its text and severity."""
    match = _SEVERITY.match(item)
    if not match:
        return {"text": read_text(item), "severity": "medium"}
    return {"text": read_text(match.group(1)), "severity": match.group(2)}


# --- numbers, flags, dates, choices -----------------------------------------------------------


def write_number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def read_number(cell: str, what: str) -> int | float:
    text = cell.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} `{text}` is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} `{text}` is not a finite number")
    return value


def read_whole(cell: str, what: str) -> int:
    value = read_number(cell, what)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{what} `{cell.strip()}` is not a whole number")
        return int(value)
    return value


def read_emotion(cell: str, what: str) -> int | dict[str, int]:
    """A whole number, or per persona as older exports wrote it: `ana:-1; ben:2`."""
    if ":" not in cell:
        return read_whole(cell, what)
    found = {}
    for item in split_items(cell):
        persona, sep, value = item.rpartition(":")
        if not sep or not persona.strip():
            raise ValueError(f"{what} `{cell.strip()}` is not a number, nor `persona: number; ...`")
        found[persona.strip()] = read_whole(value, f"{what} of {persona.strip()}")
    return found


def read_flag(cell: str, what: str) -> bool:
    text = cell.strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError(f"{what} `{cell.strip()}` is not yes or no")


def read_date(cell: str, what: str) -> str:
    text = cell.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat() if re.match(r"\d{4}-\d\d-\d\d", text) else _no_date(text)
    except ValueError:
        return _no_date(text, what)


def _no_date(text: str, what: str = "date") -> str:
    raise ValueError(f"{what} `{text}` is not a date such as 2026-03-31")


def read_choice(cell: str, what: str, choices: tuple[str, ...]) -> str:
    text = cell.strip()
    for choice in choices:
        if text.lower() == choice:
            return choice
    raise ValueError(f"{what} `{text}` is not one of {', '.join(choices)}")


def write_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def read_json(cell: str, what: str) -> Any:
    try:
        return json.loads(cell)
    except json.JSONDecodeError as error:
        raise ValueError(f"{what} is not JSON ({error.msg})") from None
