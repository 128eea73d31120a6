"""Compose YAML text into plain data in one pass of libyaml's events, noting where each node starts.

libyaml's event parser (PyYAML's C extension) does the parsing; this module builds plain dicts
and lists in one loop with an explicit stack: no recursion, so nesting is bounded by a limit we
choose, and aliases are shared, never copied, with their expanded size counted so an alias bomb
stops at a budget instead of filling memory.

Positions cost one integer per node: `Marks.starts` holds the character offset where each node
starts, in event order, and `Marks.sizes` the node count of each collection. A problem's line and
column are found by walking the data along its path and skipping whole collections by their size
(`Marks.find`), so locating is linear in the file whatever the number of problems or documents,
and no file is parsed twice. A document whose data and events do not line up one to one (a
duplicate key) is located by one more pass over its file instead (`positions.all_positions`).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from cjmap.positions import Parser, byte_position
from cjmap.problem import Problem
from cjmap.scalars import NUMERIC_START, WORDS, Scalars

MAX_DEPTH = 64
MAX_NODES = 1_000_000
Loc = tuple[str | int, ...]  # as cjmap.loader.Loc (which imports this module only when it parses)

_CORE = "tag:yaml.org,2002:"
_COLLECTION_TAGS = {MappingStartEvent: (_CORE + "map", "!"), SequenceStartEvent: (_CORE + "seq", "!")}
_MISSING = object()
_TOO_DEEP = (f"nesting deeper than {MAX_DEPTH} levels", "journey maps need far fewer levels")
# Newer libyaml builds refuse deep nesting themselves (PyYAML 6.0.4: "exceeded maximum nesting
# depth"), sometimes before cjmap's own limit is reached: both read the same to users.
_PARSER_TOO_DEEP = ("maximum nesting depth", "too deeply nested", "recursion")


class _Stop(Exception):
    """Composition of a document cannot go on; the problem is already recorded."""


@dataclass(slots=True)
class Marks:
    """Where the nodes of one document start: `starts[n]` is the offset of the n-th node in event
    order (scalars, aliases, collection starts) and `sizes[n]` the number of nodes in the collection
    that starts there. `regular` is False when a duplicate key put more events than data."""

    starts: array[int] = field(default_factory=lambda: array("q"))
    sizes: dict[int, int] = field(default_factory=dict)
    regular: bool = True

    def find(self, data: Any, loc: Loc) -> tuple[int, int, bool]:
        """Offsets of the key and of the value of the node at `loc`, and whether it exists; else
        those of its nearest ancestor (an alias stands for the whole node it names)."""
        sizes, node, at, key_at = self.sizes, data, 0, 0
        for part in loc:
            if at not in sizes:  # a scalar, or an alias: nothing of its own below it
                return self.starts[at], self.starts[at], False
            child = at + 1
            if isinstance(node, dict):
                for name, value in node.items():
                    if name == part:
                        key_at, at, node = child, child + 1, value
                        break
                    child += 1 + sizes.get(child + 1, 1)
                else:
                    return self.starts[at], self.starts[at], False
            elif isinstance(part, int) and 0 <= part < len(node):
                for _ in range(part):
                    child += sizes.get(child, 1)
                key_at, at, node = child, child, node[part]
            else:
                return self.starts[at], self.starts[at], False
        return self.starts[key_at], self.starts[at], True


@dataclass
class Composed:
    """The documents of a text, each with its marks, and the problems met while composing it."""

    documents: list[tuple[Any, Marks]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def compose_text(text: str, path: str) -> Composed:
    """Parse `text` into documents, recording syntax problems as `Problem`s of `path`."""
    out = Composed()
    scalars = Scalars(path, out.problems)
    parser = None
    try:
        parser = Parser(text)
        parser.get_event()  # stream start
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if isinstance(event, DocumentStartEvent):
                marks = Marks()
                data = _compose_document(parser, scalars, marks)
                parser.get_event()  # document end
                out.documents.append((data, marks))
    except yaml.MarkedYAMLError as error:
        _syntax_problem(text, path, out.problems, error)
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        _reader_problem(text, path, out.problems, error)
    except UnicodeEncodeError as error:  # lone surrogates: only from text that did not come from a file
        out.problems.append(Problem(path, 1, 1, "invalid-file", f"text cannot be encoded as UTF-8: {error.reason}"))
    except _Stop:
        pass
    finally:
        if parser is not None:
            parser.dispose()
    return out


def _compose_document(parser: Any, scalars: Scalars, marks: Marks) -> Any:
    """Build one document's data from events with an explicit stack (no recursion).

    This loop is the hot path of `cjmap validate`, hence one flat function. `total` counts the
    nodes of the document with aliases expanded; an anchored collection's size is the growth of
    `total` between its start and end.
    """
    starts, sizes = marks.starts, marks.sizes
    get, record, scalar, plain = parser.get_event, starts.append, scalars.value, scalars.plain
    stack: list[tuple[Any, bool, Any, str | None, int, int]] = []  # parent state, child anchor, starts
    anchors: dict[str, tuple[Any, int]] = {}
    container: Any = None
    is_map = False
    key: Any = _MISSING
    total = 0
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            record(event.start_mark.index)
            value = event.value
            if event.style or event.tag is not None:
                value = scalar(event)
            elif not value:
                value = None
            elif value[0] in NUMERIC_START:
                value = plain(value, event)
            elif value in WORDS:
                value = WORDS[value]
            total += 1
            if event.anchor:
                anchors[event.anchor] = (value, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                _stop(scalars, event, *_TOO_DEEP)
            if event.tag is not None and event.tag not in _COLLECTION_TAGS[kind]:
                scalars.tag_problem(event, "a mapping" if kind is MappingStartEvent else "a list")
            stack.append((container, is_map, key, event.anchor, total, len(starts)))
            record(event.start_mark.index)
            is_map = kind is MappingStartEvent
            container, key = ({} if is_map else []), _MISSING
            total += 1
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = container
            container, is_map, key, anchor, start, first = stack.pop()
            sizes[first] = len(starts) - first
            if anchor:
                anchors[anchor] = (value, total - start)
        elif kind is AliasEvent:
            record(event.start_mark.index)
            if event.anchor not in anchors:
                _stop(
                    scalars,
                    event,
                    f"alias `*{event.anchor}` refers to an anchor that is not defined before it"
                    " (or to the node that contains it)",
                )
            value, size = anchors[event.anchor]
            total += size
        else:  # pragma: no cover - libyaml emits nothing else inside a document
            raise AssertionError(f"unexpected event {event!r}")
        if total > MAX_NODES:
            _stop(
                scalars,
                event,
                f"document expands to more than {MAX_NODES:,} nodes (aliases included)",
                "this looks like an alias bomb; cjmap will not expand it",
            )
        if container is None:
            return value
        if not is_map:
            container.append(value)
        elif key is _MISSING:
            key = (
                value
                if type(value) is str and value not in container
                else _key_of(value, container, event, scalars, marks)
            )
        else:
            container[key] = value
            key = _MISSING


def _key_of(value: Any, mapping: dict[Any, Any], event: Any, scalars: Scalars, marks: Marks) -> Any:
    if isinstance(value, (dict, list)):
        _stop(scalars, event, "mapping keys must be plain values, not mappings or lists")
    if value in mapping:
        marks.regular = False
        scalars.problem(
            event,
            "duplicate-key",
            f"duplicate key `{value}`: a later value overwrites the earlier one",
            "remove or rename one of them",
        )
    return value


def _stop(scalars: Scalars, event: Any, message: str, hint: str | None = None) -> None:
    scalars.problem(event, "yaml-syntax", message, hint)
    raise _Stop


def _syntax_problem(text: str, path: str, problems: list[Problem], error: yaml.MarkedYAMLError) -> None:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if any(words in message for words in _PARSER_TOO_DEEP):
        problems.append(Problem(path, line, column, "yaml-syntax", *_TOO_DEEP))
        return
    if error.context:
        message = f"{message} ({error.context})"
    hint = None
    if "\\t" in message or _tab_at(text, line, column):
        hint = "YAML indents with spaces; replace the tab characters"
    problems.append(Problem(path, line, column, "yaml-syntax", message, hint=hint))


def _tab_at(text: str, line: int, column: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and "\t" in lines[line - 1][: column + 1]


def _reader_problem(text: str, path: str, problems: list[Problem], error: yaml.YAMLError) -> None:
    offset = getattr(error, "position", 0)
    raw = text.encode("utf-8", "surrogatepass")
    line, column = byte_position(raw, min(offset, len(raw)))
    problems.append(Problem(path, line, column, "yaml-syntax", str(getattr(error, "reason", None) or error).strip()))
