"""Read map files into plain Python data, fast, and find source positions later, lazily.

The fast path runs libyaml's event parser (PyYAML's C extension) and composes plain dicts and
lists here, in one loop with an explicit stack: no recursion, so nesting is bounded by a limit
we choose, and aliases are shared, never copied, with their expanded size counted so an alias
bomb stops at a budget instead of filling memory. Positions are not kept on the fast path;
`Source.locate` parses the file a second time only when a problem in it needs a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
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

from cjmap.problem import Problem

try:  # libyaml's C parser; PyYAML's wheels all ship it
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - a source build without libyaml: same events, slower
    from yaml import SafeLoader as Parser  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_NODES = 1_000_000
MAX_FILE_BYTES = 10_000_000
KINDS = ("persona", "journey", "evidence")
_KIND_HINT = re.compile(rb"\bkind[\"']?\s*:\s*[\"']?(?:persona|journey|evidence)\b")
_IGNORE = re.compile(r"#\s*cjmap:\s*ignore(?:\[([^\]]*)\])?")

Loc = tuple[str | int, ...]
Position = tuple[int, int, int, int]  # key line, key column, value line, value column (1-based)


class _Stop(Exception):
    """Composition of a document cannot go on; the problem is already recorded."""


@dataclass
class Document:
    """One YAML document of a file, as plain data."""

    source: Source
    index: int
    data: Any

    def at(self, loc: Loc, message: str, hint: str | None = None, *, key: bool = False, rule: str = "") -> Problem:
        """A problem at `loc` (at its key with `key`); rules leave `rule` for the linter to stamp."""
        line, column = self.source.locate(self.index, loc, key=key)
        return Problem(self.source.path, line, column, rule, message, hint=hint)


@dataclass
class Source:
    """A file that was read: its text, its documents and the problems found while loading."""

    path: str
    text: str = ""
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _positions: dict[int, dict[Loc, Position]] = field(default_factory=dict, repr=False)
    _ignores: dict[int, frozenset[str]] | None = field(default=None, repr=False)

    def problem(self, line: int, column: int, rule: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, line, column, rule, message, hint=hint))

    def locate(self, document: int, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at `loc` (or of its key), else of its nearest ancestor."""
        table = self._positions.get(document)
        if table is None:
            table = self._positions[document] = positions(self.text, document)
        while loc not in table and loc:
            loc, key = loc[:-1], False
        kl, kc, vl, vc = table.get(loc, (1, 1, 1, 1))
        return (kl, kc) if key else (vl, vc)

    def ignored_on(self, line: int) -> frozenset[str]:
        """Rule names and codes suppressed on `line` by `# cjmap: ignore[...]` ("*" for all)."""
        if self._ignores is None:
            self._ignores = _scan_ignores(self.text)
        return self._ignores.get(line, frozenset())


def _scan_ignores(text: str) -> dict[int, frozenset[str]]:
    if "cjmap:" not in text:
        return {}
    found: dict[int, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = _IGNORE.search(line)
        if match:
            names = match.group(1)
            found[number] = frozenset(n.strip() for n in names.split(",")) if names else frozenset("*")
    return found


def looks_like_map(head: bytes) -> bool:
    """Cheap check used by directory discovery: does this YAML declare a cjmap kind?"""
    return _KIND_HINT.search(head) is not None


def read_source(path: Path, display: str, *, explicit: bool, max_bytes: int = MAX_FILE_BYTES) -> Source | None:
    """Read and compose one file. Returns None when discovery should skip it (not a map).

    OSError propagates: the caller turns it into an I/O error.
    """
    source = Source(display)
    size = path.stat().st_size
    if size > max_bytes:
        if not explicit:
            with path.open("rb") as handle:
                if not looks_like_map(handle.read(65536)):
                    return None
        source.problem(
            1,
            1,
            "invalid-file",
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit; it was not read",
            "split it into smaller files, or raise max_file_size in cjmap.toml",
        )
        return source
    return load_bytes(path.read_bytes(), display, explicit=explicit)


def load_bytes(raw: bytes, display: str, *, explicit: bool) -> Source | None:
    """Decode and compose file contents (from disk or from git). None: not a map, skipped."""
    if not explicit and not looks_like_map(raw):
        return None
    source = Source(display)
    text = _decode(raw, source)
    if text is not None:
        source.text = text
        compose(source)
    return source


def _decode(raw: bytes, source: Source) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        source.problem(1, 1, "invalid-file", "file is UTF-16; cjmap reads UTF-8", "save the file as UTF-8")
        return None
    if b"\x00" in raw:
        line, column = _byte_position(raw, raw.index(b"\x00"))
        source.problem(line, column, "invalid-file", "file is binary (it contains NUL bytes), not YAML text")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        source.problem(
            line,
            column,
            "invalid-file",
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8",
        )
        return None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


# ---------------------------------------------------------------------------------------------
# Composition: events -> plain data


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_NUMERIC_START = frozenset("0123456789+-.")
_MAY_RESOLVE = _NUMERIC_START | frozenset("~nNtTfF")  # first characters of non-string plain scalars
_CORE_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))
_MISSING = object()
_TOO_DEEP = (f"nesting deeper than {MAX_DEPTH} levels", "journey maps need far fewer levels")
# Newer libyaml builds refuse deep nesting themselves (PyYAML 6.0.4: "exceeded maximum nesting
# depth"), sometimes before cjmap's own limit is reached: both read the same to users.
_PARSER_TOO_DEEP = ("maximum nesting depth", "too deeply nested", "recursion")


def resolve_plain(value: str) -> Any:
    """Resolve an untagged plain scalar with the YAML 1.2 core schema (as ruamel.yaml does)."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] in _NUMERIC_START:
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value.startswith(("0x", "0o")):
            try:
                return int(value, 0)
            except ValueError:
                return value
    lowered = value.lower()
    return _SPECIAL_FLOATS.get(lowered, value) if lowered.endswith((".inf", ".nan")) else value


def _scalar(event: ScalarEvent, source: Source) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        return resolve_plain(event.value) if not event.style and event.implicit[0] else event.value
    if tag not in _CORE_TAGS:
        _tag_problem(source, event)
    if tag.endswith(":str"):
        return event.value
    return resolve_plain(event.value) if event.value else None


def compose(source: Source) -> None:
    """Parse `source.text` into documents, recording syntax problems on the source."""
    parser = None
    try:
        parser = Parser(source.text)
        parser.get_event()  # stream start
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if isinstance(event, DocumentStartEvent):
                data = _compose_document(parser, source)
                parser.get_event()  # document end
                source.documents.append(Document(source, len(source.documents), data))
    except yaml.MarkedYAMLError as error:
        _syntax_problem(source, error)
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        _reader_problem(source, error)
    except UnicodeEncodeError as error:  # lone surrogates: only from text that did not come from a file
        source.problem(1, 1, "invalid-file", f"text cannot be encoded as UTF-8: {error.reason}")
    except _Stop:
        pass
    finally:
        if parser is not None:
            parser.dispose()


def _compose_document(parser: Any, source: Source) -> Any:
    """Build one document's data from events with an explicit stack (no recursion).

    This loop is the hot path of `cjmap validate`, hence one flat function. `total` counts the
    nodes of the document with aliases expanded; an anchored collection's size is the growth of
    `total` between its start and end.
    """
    get = parser.get_event
    stack: list[tuple[Any, bool, Any, str | None, int]] = []  # parent state, child anchor and start
    anchors: dict[str, tuple[Any, int]] = {}
    container: Any = None
    is_map = False
    key: Any = _MISSING
    total = 0
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            value = event.value
            if event.style or event.tag is not None:
                value = _scalar(event, source)
            elif not value:
                value = None
            elif value[0] in _MAY_RESOLVE:
                value = resolve_plain(value)
            total += 1
            if event.anchor:
                anchors[event.anchor] = (value, 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                _stop(source, event, *_TOO_DEEP)
            if event.tag is not None and event.tag not in _CORE_TAGS:
                _tag_problem(source, event)
            stack.append((container, is_map, key, event.anchor, total))
            is_map = kind is MappingStartEvent
            container, key = ({} if is_map else []), _MISSING
            total += 1
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = container
            container, is_map, key, anchor, start = stack.pop()
            if anchor:
                anchors[anchor] = (value, total - start)
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                _stop(
                    source,
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
                source,
                event,
                f"document expands to more than {MAX_NODES:,} nodes (aliases included)",
                "this looks like an alias bomb; cjmap will not expand it",
            )
        if container is None:
            return value
        if not is_map:
            container.append(value)
        elif key is _MISSING:
            key = _key_of(value, container, event, source)
        else:
            container[key] = value
            key = _MISSING


def _key_of(value: Any, mapping: dict[Any, Any], event: Any, source: Source) -> Any:
    if isinstance(value, (dict, list)):
        _stop(source, event, "mapping keys must be plain values, not mappings or lists")
    if value in mapping:
        mark = event.start_mark
        source.problem(
            mark.line + 1,
            mark.column + 1,
            "duplicate-key",
            f"duplicate key `{value}`: a later value overwrites the earlier one",
            "remove or rename one of them",
        )
    return value


def _stop(source: Source, event: Any, message: str, hint: str | None = None) -> None:
    mark = event.start_mark
    source.problem(mark.line + 1, mark.column + 1, "yaml-syntax", message, hint)
    raise _Stop


def _tag_problem(source: Source, event: Any) -> None:
    mark = event.start_mark
    source.problem(
        mark.line + 1,
        mark.column + 1,
        "yaml-syntax",
        f"unsupported YAML tag `{event.tag}`",
        "cjmap reads plain YAML data; remove the tag",
    )


def _syntax_problem(source: Source, error: yaml.MarkedYAMLError) -> None:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if any(words in message for words in _PARSER_TOO_DEEP):
        source.problem(line, column, "yaml-syntax", *_TOO_DEEP)
        return
    if error.context:
        message = f"{message} ({error.context})"
    hint = None
    if "\\t" in message or _tab_at(source.text, line, column):
        hint = "YAML indents with spaces; replace the tab characters"
    source.problem(line, column, "yaml-syntax", message, hint)


def _tab_at(text: str, line: int, column: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and "\t" in lines[line - 1][: column + 1]


def _reader_problem(source: Source, error: yaml.YAMLError) -> None:
    offset = getattr(error, "position", 0)
    raw = source.text.encode("utf-8")
    line, column = _byte_position(raw, min(offset, len(raw)))
    source.problem(line, column, "yaml-syntax", str(getattr(error, "reason", None) or error).strip())


# ---------------------------------------------------------------------------------------------
# Positions, for files that have problems


def positions(text: str, document: int) -> dict[Loc, Position]:
    """Map every node path of one document to the positions of its key and its value."""
    table: dict[Loc, Position] = {}
    try:
        parser = Parser(text)
        seen = -1
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if isinstance(event, DocumentStartEvent):
                seen += 1
                if seen == document:
                    _walk(parser, table)
                    break
    except (yaml.YAMLError, UnicodeEncodeError):
        pass  # the problem was reported when the file was composed; keep what was found
    return table


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
    return resolve_plain(event.value) if not event.style and event.value else event.value
