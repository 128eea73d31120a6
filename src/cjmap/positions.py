"""Where things are in a text: lines as libyaml counts them, byte offsets, every node's position
by a pass of its own, and which `#` starts a comment.

The composer records node offsets in its one pass (`cjmap.composer.Marks`); what is here serves
the rest: turning offsets into lines and columns, locating a document whose data and events do
not line up (a duplicate key) with one more pass over its file, and telling a `# cjmap: ignore`
comment from the same text inside a quoted or block value.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, islice
from typing import Any

import yaml
from yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from cjmap.scalars import Scalars

try:  # libyaml's C parser; PyYAML's wheels all ship it
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - a source build without libyaml: same events, slower
    from yaml import SafeLoader as Parser  # type: ignore[assignment]

Loc = tuple[str | int, ...]
Position = tuple[int, int, int, int]  # key line, key column, value line, value column (1-based)
# libyaml's line breaks (YAML 1.1): CRLF, CR, LF, NEL, LS and PS.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_MISSING = object()
_IGNORE = re.compile(r"(?<!\S)#\s*cjmap:\s*ignore(?:\[([^\]]*)\])?")


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset into UTF-8 text."""
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts, with libyaml's line breaks."""
    if _OTHER_BREAKS.search(text):
        return [0, *(match.end() for match in _BREAKS.finditer(text))]
    ends = accumulate(map((1).__add__, map(len, text.split("\n"))))  # all in C: texts can be long
    return [0, *islice(ends, text.count("\n"))]


def bom_shift(text: str) -> int:
    """libyaml's offsets (and columns) do not count a byte-order mark at the very start of the text."""
    return 1 if text.startswith("\ufeff") else 0


# ---------------------------------------------------------------------------------------------
# Positions by a second pass: for documents whose marks cannot be used (duplicate keys)


def all_positions(text: str) -> list[dict[Loc, Position]]:
    """For each document, every node path mapped to the positions of its key and its value, in
    one pass over the text (the first occurrence wins for a repeated key)."""
    tables: list[dict[Loc, Position]] = []
    try:
        parser = Parser(text)
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if isinstance(event, DocumentStartEvent):
                tables.append({})
                _walk(parser, tables[-1])
    except (yaml.YAMLError, UnicodeEncodeError):
        pass  # the problem was reported when the file was composed; keep what was found
    return tables


def positions(text: str, document: int) -> dict[Loc, Position]:
    """The position table of one document (see `all_positions`)."""
    tables = all_positions(text)
    return tables[document] if document < len(tables) else {}


def _walk(parser: Any, table: dict[Loc, Position]) -> None:
    # Each frame: [path, is mapping, next index or pending key, pending key position]
    stack: list[list[Any]] = []
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            if not stack:
                return
            continue
        mark = event.start_mark
        here = (mark.line + 1, mark.column + 1)
        if not stack:
            path: Loc = ()
            table[path] = here + here
        else:
            frame = stack[-1]
            if frame[1] and frame[2] is _MISSING:
                frame[2], frame[3] = _key(event), here
                continue
            if frame[1]:
                path, key_here = frame[0] + (frame[2],), frame[3]
                frame[2] = _MISSING
            else:
                path, key_here = frame[0] + (frame[2],), here
                frame[2] += 1
            table.setdefault(path, key_here + here)
        if kind is MappingStartEvent:
            stack.append([path, True, _MISSING, None])
        elif kind is SequenceStartEvent:
            stack.append([path, False, 0, None])
        elif not stack:
            return


def _key(event: Any) -> Any:
    if type(event) is not ScalarEvent:
        return None
    scalars = Scalars("", [])  # the problems were reported when the file was composed
    if event.style or event.tag is not None:
        return scalars.value(event)
    return scalars.plain(event.value, event) if event.value else None


def scan_ignores(text: str) -> dict[int, frozenset[str]]:
    """Rule names and codes (\"*\": all) by line, from `# cjmap: ignore[...]` comments only."""
    if "cjmap:" not in text:
        return {}
    matches = list(_IGNORE.finditer(text))
    inside = _inside_scalars(text, [m.start() for m in matches])
    lines = line_starts(text)
    found: dict[int, frozenset[str]] = {}
    for match in matches:
        if match.start() in inside:
            continue
        names = match.group(1)
        line = bisect_right(lines, match.start())
        found[line] = found.get(line, frozenset()) | (
            frozenset(n.strip() for n in names.split(",")) if names else frozenset("*")
        )
    return found


def _inside_scalars(text: str, offsets: list[int]) -> set[int]:
    """The offsets that fall inside a scalar (a quoted or block value), where `#` is text."""
    shift, inside, pending, next_one = bom_shift(text), set[int](), sorted(offsets), 0
    parser = None
    try:
        parser = Parser(text)
        while next_one < len(pending) and not isinstance(event := parser.get_event(), yaml.StreamEndEvent):
            if isinstance(event, yaml.ScalarEvent) and event.start_mark and event.end_mark:
                start, end = event.start_mark.index + shift, event.end_mark.index + shift
                while next_one < len(pending) and pending[next_one] < end:
                    if pending[next_one] >= start:
                        inside.add(pending[next_one])
                    next_one += 1
    except (yaml.YAMLError, UnicodeEncodeError):
        pass  # past a syntax error, a `#` after white space is taken for a comment
    finally:
        if parser is not None:
            parser.dispose()
    return inside
