"""The validate cache: what each file alone gave, kept by the file's content, for warm runs.

As ruff and mypy do, `cjmap validate` keeps per-file results in a folder beside the workspace
root, `.cjmap_cache/` (or `cache_dir` in cjmap.toml, or $CJMAP_CACHE_DIR), which holds its own
`.gitignore` so git never sees it. A file whose bytes did not change is not read as YAML again:
its problems, cross-file facts and ignore comments come from here, and the cross-file rules run
on every run.

`results.json` is one header line, then the entries. The header names the format and its
version, a fingerprint of cjmap's code and of every setting that changes a file's results (the
emotion scale, channels, rules turned off, today's date...), and a checksum of the entries. A
cache that does not check out (corrupt, written by another version, another configuration or
another tool) is ignored, and so is any entry that is not exactly the plain data cjmap writes:
the run is cold, never wrong. Nothing is unpickled; entries are JSON checked field by field.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

from cjmap import __version__
from cjmap.config import Config
from cjmap.errors import CjmapError
from cjmap.facts import Facts
from cjmap.linter import FileResult, RuleSettings
from cjmap.output import write_atomic_bytes, write_text
from cjmap.problem import Problem
from cjmap.rules import RULES

FORMAT, VERSION = "cjmap-cache", 1
RESULTS = "results.json"
ENVIRONMENT = "CJMAP_CACHE_DIR"
_KINDS = frozenset(("persona", "evidence", "journey"))
_RULE_NAMES = frozenset(rule.NAME for rule in RULES)


def folder_of(config: Config) -> Path:
    """Where the cache lives: $CJMAP_CACHE_DIR, else `cache_dir` (relative to the configuration
    file), else `.cjmap_cache` in the workspace root (the current folder without a cjmap.toml)."""
    chosen = os.environ.get(ENVIRONMENT) or config.cache_dir
    return config.root / chosen if chosen else config.root / ".cjmap_cache"


class Cache:
    """`FileResult`s by content key, read from and written to one folder (see the module doc)."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder, self.fingerprint = folder, fingerprint
        self._stored: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._changed = False

    @classmethod
    def open(cls, config: Config) -> Cache:
        """The cache of this workspace and configuration, with what it holds (maybe nothing)."""
        cache = cls(folder_of(config), fingerprint(config))
        cache._stored = cache._read()
        return cache

    def get(self, key: str, path: str) -> FileResult | None:
        """The result kept for `key`, as the file at `path`; None if absent or not well formed."""
        entry = self._stored.get(key)
        result = _result(entry, path) if entry is not None else None
        if result is not None:
            self._used[key] = entry
        return result

    def put(self, key: str, result: FileResult) -> None:
        self._used[key] = _entry(result)
        self._changed = True

    def save(self) -> None:
        """Write what this run used (and, within bounds, what earlier runs kept) when anything is
        new. A cache that cannot be written is left alone: it only ever saves time."""
        if not self._changed:
            return
        entries = dict(self._used)
        older = {k: v for k, v in self._stored.items() if k not in entries}
        if len(entries) + len(older) <= 2 * len(entries) + 256:  # runs on part of a workspace
            entries.update(older)
        body = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
        header = {"format": FORMAT, "version": VERSION, "fingerprint": self.fingerprint, "sha256": _digest(body)}
        try:
            if not (self.folder / ".gitignore").is_file():
                write_text(self.folder / ".gitignore", "# Written by cjmap: its cache is never committed.\n*\n")
            write_atomic_bytes(self.folder / RESULTS, json.dumps(header).encode("utf-8") + b"\n" + body)
        except (CjmapError, OSError):
            pass

    def _read(self) -> dict[str, Any]:
        try:
            raw = (self.folder / RESULTS).read_bytes()
        except OSError:
            return {}
        head, _, body = raw.partition(b"\n")
        try:
            header = json.loads(head)
            expected = {"format": FORMAT, "version": VERSION, "fingerprint": self.fingerprint, "sha256": _digest(body)}
            if header != expected:
                return {}
            entries = json.loads(body)
        except (ValueError, RecursionError):
            return {}
        return entries if isinstance(entries, dict) else {}


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def fingerprint(config: Config) -> str:
    """What a file's results depend on besides its bytes: cjmap's code (its version, and each
    source file's size and time, so an edited checkout never reads stale results), the libraries
    that word messages, and the settings the single-file checks read."""
    settings = RuleSettings.of(config)
    parts = [
        FORMAT,
        str(VERSION),
        __version__,
        _code_stamp(),
        sys.version,
        _library_stamp(),
        repr(sorted(rule.NAME for rule in RULES if settings.level(rule) == "off")),
        repr((config.channels, config.emotion_scale, config.stale_after_days, config.today.isoformat())),
        repr((config.max_file_size, sys.get_int_max_str_digits())),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _library_stamp() -> str:
    """The installed parser and validator, by their files (found, not imported: a warm run does
    not need PyYAML at all)."""
    stamp = []
    for name in ("yaml", "pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            info = os.stat(spec.origin)
            stamp.append(f"{name}:{spec.origin}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamp)


def _code_stamp() -> str:
    package = Path(__file__).parent
    stamp = []
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".j2")):
                info = os.stat(os.path.join(folder, name))
                stamp.append(f"{os.path.relpath(folder, package)}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamp)


# ---------------------------------------------------------------------------------------------
# Entries: [is map, problems, declared, broken, references, ignores], plain JSON


def _entry(result: FileResult) -> list[Any]:
    facts = result.facts
    return [
        result.is_map,
        [[p.line, p.column, p.rule, p.message, p.hint] for p in result.problems],
        [list(m) for m in facts.declared],
        [list(b) for b in facts.broken],
        [list(m) for m in facts.references],
        [[line, sorted(names)] for line, names in result.ignores.items()],
    ]


def _result(entry: Any, path: str) -> FileResult | None:
    """The entry as the results of the file at `path`, or None unless every field is as written."""
    if not (isinstance(entry, list) and len(entry) == 6 and isinstance(entry[0], bool)):
        return None
    is_map, problems, declared, broken, references, ignores = entry
    if not (
        _all(problems, _is_problem)
        and _all(declared, _is_mention)
        and _all(references, _is_mention)
        and _all(broken, _is_broken)
        and _all(ignores, _is_ignore)
    ):
        return None
    return FileResult(
        is_map,
        [Problem(path, line, column, rule, message, hint=hint) for line, column, rule, message, hint in problems],
        Facts([tuple(m) for m in declared], [tuple(b) for b in broken], [tuple(m) for m in references]),
        {line: frozenset(names) for line, names in ignores},
    )


def _all(items: Any, check: Any) -> bool:
    return isinstance(items, list) and all(isinstance(item, list) and check(item) for item in items)


def _position(line: Any, column: Any) -> bool:
    return type(line) is int and type(column) is int and line >= 1 and column >= 1


def _is_problem(item: list[Any]) -> bool:
    return (
        len(item) == 5
        and _position(item[0], item[1])
        and isinstance(item[2], str)
        and item[2] in _RULE_NAMES
        and isinstance(item[3], str)
        and (item[4] is None or isinstance(item[4], str))
    )


def _is_kind(value: Any) -> bool:
    return isinstance(value, str) and value in _KINDS


def _is_mention(item: list[Any]) -> bool:
    return len(item) == 4 and _is_kind(item[0]) and isinstance(item[1], str) and _position(item[2], item[3])


def _is_broken(item: list[Any]) -> bool:
    return len(item) == 2 and _is_kind(item[0]) and isinstance(item[1], str)


def _is_ignore(item: list[Any]) -> bool:
    return (
        len(item) == 2
        and type(item[0]) is int
        and isinstance(item[1], list)
        and all(isinstance(name, str) for name in item[1])
    )
