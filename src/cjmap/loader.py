"""Read map files into plain Python data, with the positions problems need, never reading what
is not a regular file and never more than the size limit.

Composition (YAML events to data, with node offsets) is in `composer`, lines, columns and comments
in `positions`, what scalars mean in `scalars`. This module decides what to read and whether a
file is a map: every file named on the command line is; a file found walking a folder is when one
of its documents has a `kind` that is, or is close to, a cjmap kind (`Journey` and `jouney` are
reported, not skipped), and every `.yaml` file that cannot be decoded is reported.
"""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmap.problem import Problem

if TYPE_CHECKING:
    from cjmap.composer import Marks

# The composer and positions (and with them PyYAML) are imported when a file is parsed: a warm
# `cjmap validate`, whose files all come from the cache, never needs it.

Loc = tuple[str | int, ...]  # a path into a document: keys and list indexes
Position = tuple[int, int, int, int]  # key line, key column, value line, value column (1-based)
MAX_FILE_BYTES = 10_000_000
KINDS = ("persona", "journey", "evidence")
_KIND_KEY = re.compile(rb"kind[\"']?[ \t]*:")
# A `kind:` key and the first word of its value, past quotes, a tag or an anchor.
_KIND_VALUE = re.compile(rb"(?:^|[\s{,])[\"']?kind[\"']?[ \t]*:\s*(?:[!&]\S*\s+)*[\"']?([A-Za-z][\w-]*)", re.M)
_NOT_READ = "cjmap reads map files only; remove it, or exclude it in cjmap.toml"


@dataclass
class Document:
    """One YAML document of a file, as plain data, with where its nodes start."""

    source: Source
    index: int
    data: Any
    marks: Marks | None = field(default=None, repr=False)

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
    _lines: list[int] | None = field(default=None, repr=False)
    _tables: list[dict[Loc, Position]] | None = field(default=None, repr=False)
    _ignores: dict[int, frozenset[str]] | None = field(default=None, repr=False)

    def problem(self, line: int, column: int, rule: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, line, column, rule, message, hint=hint))

    def locate(self, document: int, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at `loc` (or of its key), else of its nearest ancestor."""
        doc = self.documents[document] if 0 <= document < len(self.documents) else None
        if doc is not None and doc.marks is not None and doc.marks.regular:
            key_at, value_at, found = doc.marks.find(doc.data, loc)
            return self._line_column(key_at if key and found else value_at)
        if self._tables is None:  # one more pass over the file, for all its documents at once
            from cjmap.positions import all_positions

            self._tables = all_positions(self.text)
        table = self._tables[document] if 0 <= document < len(self._tables) else {}
        while loc not in table and loc:
            loc, key = loc[:-1], False
        kl, kc, vl, vc = table.get(loc, (1, 1, 1, 1))
        return (kl, kc) if key else (vl, vc)

    def _line_column(self, index: int) -> tuple[int, int]:
        if self._lines is None:
            from cjmap.positions import bom_shift, line_starts

            # libyaml's offsets, lines and columns do not count a byte-order mark at the start
            self._lines = line_starts(self.text[bom_shift(self.text) :])
        line = bisect_right(self._lines, index)
        return line, index - self._lines[line - 1] + 1

    def ignored_on(self, line: int) -> frozenset[str]:
        """Rule names and codes suppressed on `line` by `# cjmap: ignore[...]` ("*" for all)."""
        return self.ignores().get(line, frozenset())

    def ignores(self) -> dict[int, frozenset[str]]:
        """Every line's `# cjmap: ignore[...]` comment: comments only, never text inside a value."""
        if self._ignores is None:
            from cjmap.positions import scan_ignores

            self._ignores = scan_ignores(self.text)
        return self._ignores


def looks_like_map(head: bytes) -> bool:
    """Does this YAML declare a cjmap kind, spelt exactly? (`cjmap fmt` formats those only.)"""
    return any(m.group(1).decode() in KINDS for m in _KIND_VALUE.finditer(head))


def might_be_map(head: bytes) -> bool:
    """Does this YAML declare a kind that is, or is close to, a cjmap kind?"""
    return any(is_map_kind(m.group(1).decode()) for m in _KIND_VALUE.finditer(head))


def is_map_kind(kind: object) -> bool:
    """A cjmap kind, or close enough to one to be a mistake: `Journey`, `jouney`, `personas`."""
    if not isinstance(kind, str) or not kind:
        return False
    if kind in KINDS:
        return True
    import difflib

    return bool(difflib.get_close_matches(kind.lower(), KINDS, n=1, cutoff=0.8))


def read_source(path: Path, display: str, *, explicit: bool, max_bytes: int = MAX_FILE_BYTES) -> Source | None:
    """Read and compose one file. Returns None when discovery should skip it (not a map).

    OSError propagates: the caller turns it into an I/O error.
    """
    raw = read_raw(path, display, explicit=explicit, max_bytes=max_bytes)
    return load_bytes(raw, display, explicit=explicit) if isinstance(raw, bytes) else raw


def read_raw(path: Path, display: str, *, explicit: bool, max_bytes: int = MAX_FILE_BYTES) -> bytes | Source | None:
    """The bytes of one file; a Source holding the problem when it may not be read; None when
    discovery should skip it (a file over the limit that does not look like a map).

    Only regular files are read: a FIFO, a device or a socket (or a link to one) is a problem, as
    is a file over `max_bytes`, which is checked while reading too (a file may grow, and some
    report no size). OSError propagates: the caller turns it into an I/O error.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        return _refused(display, f"file is {_file_type(info.st_mode)}, not a regular file; it was not read")
    if info.st_size > max_bytes:
        if not explicit and not might_be_map(_head(path, 65536)):
            return None
        return _too_big(display, info.st_size, max_bytes)
    raw = _read_regular(path, max_bytes + 1)
    if raw is None:
        return _refused(display, "file is not a regular file; it was not read")
    if len(raw) > max_bytes:
        return _too_big(display, len(raw), max_bytes)
    return raw


def _read_regular(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of `path`, or None when what was opened is not a regular file (it
    was swapped since it was checked): opened without blocking, so a FIFO cannot hang the run."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with open(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return handle.read(limit)


def _head(path: Path, size: int) -> bytes:
    return _read_regular(path, size) or b""


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _refused(display: str, message: str) -> Source:
    source = Source(display)
    source.problem(1, 1, "invalid-file", message, _NOT_READ)
    return source


def _too_big(display: str, size: int, max_bytes: int) -> Source:
    source = Source(display)
    source.problem(
        1,
        1,
        "invalid-file",
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit; it was not read",
        "split it into smaller files, or raise max_file_size in cjmap.toml",
    )
    return source


def load_bytes(raw: bytes, display: str, *, explicit: bool) -> Source | None:
    """Decode and compose file contents (from disk or from git). None: not a map, skipped.

    A file found in a folder is a map when a document's `kind` is, or is close to, a cjmap kind
    (or, when it does not parse, when its text says so); a file that cannot be decoded is always
    reported, since nobody can tell what it holds.
    """
    source = Source(display)
    text = _decode(raw, source)
    if text is None:
        return source
    if not explicit and not _KIND_KEY.search(raw):
        return None
    source.text = text
    compose(source)
    if explicit or any(_is_map(doc.data) for doc in source.documents):
        return source
    return source if source.problems and might_be_map(raw) else None


def _is_map(data: Any) -> bool:
    return isinstance(data, dict) and is_map_kind(data.get("kind"))


def compose(source: Source) -> None:
    """Parse `source.text` into documents, recording syntax problems on the source."""
    from cjmap.composer import compose_text

    composed = compose_text(source.text, source.path)
    source.problems.extend(composed.problems)
    offset = len(source.documents)
    source.documents.extend(
        Document(source, offset + n, data, marks) for n, (data, marks) in enumerate(composed.documents)
    )


def _decode(raw: bytes, source: Source) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        source.problem(1, 1, "invalid-file", "file is UTF-16; cjmap reads UTF-8", "save the file as UTF-8")
        return None
    from cjmap.positions import byte_position

    if b"\x00" in raw:
        line, column = byte_position(raw, raw.index(b"\x00"))
        source.problem(line, column, "invalid-file", "file is binary (it contains NUL bytes), not YAML text")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(raw, error.start)
        source.problem(
            line,
            column,
            "invalid-file",
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8",
        )
        return None
