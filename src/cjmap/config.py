"""Workspace configuration: cjmap.toml, or [tool.cjmap] in pyproject.toml, found walking up.

This module keeps what the file says and checks its shape; it knows nothing of the code above it.
Rule names in `[rules]` and `[per-file-ignores]` are checked against the rule registry by the
linter, which raises the same ConfigError for a name it does not know.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.errors import ConfigError
from cjmap.loader import MAX_FILE_BYTES
from cjmap.problem import SEVERITIES, did_you_mean

CHANNELS = (
    "web",
    "mobile-app",
    "email",
    "phone",
    "chat",
    "social",
    "in-store",
    "advertising",
    "referral",
    "mail",
    "event",
    "sales",
    "support",
    "partner",
    "other",
)
RULE_LEVELS = (*SEVERITIES, "off")
# Where `cjmap init`, `cjmap new` and the imports put new files of each kind.
FOLDERS = {"persona": "personas", "journey": "journeys", "evidence": "research"}
_KEYS = (
    "paths",
    "exclude",
    "channels",
    "emotion_scale",
    "stale_after_days",
    "max_file_size",
    "cache_dir",
    "rules",
    "per-file-ignores",
)


@dataclass(frozen=True)
class Config:
    """Settings for one workspace. `root` is where relative paths in it are anchored."""

    root: Path = field(default_factory=Path.cwd)
    file: Path | None = None
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    channels: tuple[str, ...] = CHANNELS
    emotion_scale: tuple[int, int] = (-2, 2)
    stale_after_days: int = 180
    max_file_size: int = MAX_FILE_BYTES
    cache_dir: str | None = None  # where `cjmap validate` keeps its cache, relative to `root`
    rules: dict[str, str] = field(default_factory=dict)  # rule name or code as written -> level
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # glob -> names or codes
    today: dt.date = field(default_factory=lambda: today())

    def targets(self, paths: list[Path] | None) -> list[Path]:
        """The paths given, else the configured `paths`, else the current folder."""
        if paths:
            return paths
        return [self.root / p for p in self.paths] if self.paths else [Path(".")]

    def workspace_paths(self) -> list[Path]:
        """Everything the configuration file covers: its `paths`, else its folder."""
        return [self.root / p for p in self.paths] if self.paths else [self.root]

    def folder(self, kind: str) -> Path:
        """Where a new file of `kind` goes: the conventional folder of a configured workspace when
        its `paths` read it (else the first of `paths`), or the current folder without a file."""
        if self.file is None:
            return Path(".")
        conventional = FOLDERS[kind]
        if not self.paths or conventional in {p.strip("/") for p in self.paths}:
            return self.root / conventional
        return self.root / self.paths[0]


def today() -> dt.date:
    """The current date, or SOURCE_DATE_EPOCH's (seconds since 1970, UTC) for reproducible runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError) as error:
        raise ConfigError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}") from error


def find_config(start: Path) -> Path | None:
    """The nearest cjmap.toml, or pyproject.toml with a [tool.cjmap] table, from `start` up."""
    for folder in (start, *start.parents):
        candidate = folder / "cjmap.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.cjmap" in pyproject.read_bytes():
            return pyproject
    return None


def load_config(path: Path | None = None, targets: list[Path] | None = None) -> Config:
    """Read the configuration file given, else the nearest one walking up from the first target
    (a folder, or a file's folder) or from the current folder; defaults when there is none."""
    if path is not None and not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    path = path or find_config(_start(targets))
    if path is None:
        return Config()
    import tomllib  # only when there is a file to read

    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    table = _tool_table(document) if path.name == "pyproject.toml" else document
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cjmap] must be a table")
    return _build(table, path)


def _tool_table(document: dict[str, Any]) -> Any:
    tool = document.get("tool", {})
    return tool.get("cjmap", {}) if isinstance(tool, dict) else {}


def _start(targets: list[Path] | None) -> Path:
    """The folder to search from: the path as given (a symlink is not followed to its target's
    workspace), made absolute."""
    if not targets:
        return Path.cwd()
    first = Path(os.path.abspath(targets[0]))
    return first if first.is_dir() else first.parent


def _build(table: dict[str, Any], path: Path) -> Config:
    for key in table:
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown setting `{key}`{did_you_mean(key, _KEYS)}")
    scale = table.get("emotion_scale", [-2, 2])
    if not (_is_list(scale, int) and len(scale) == 2 and scale[0] < 0 < scale[1]):
        raise ConfigError(f"{path}: emotion_scale must be two integers [low, high] around 0, e.g. [-2, 2]")
    return Config(
        root=path.parent,
        file=path,
        paths=tuple(_strings(table, "paths", path)),
        exclude=tuple(_strings(table, "exclude", path)),
        channels=CHANNELS + tuple(c for c in _strings(table, "channels", path) if c not in CHANNELS),
        emotion_scale=(scale[0], scale[1]),
        stale_after_days=_positive(table, "stale_after_days", 180, path),
        max_file_size=_positive(table, "max_file_size", MAX_FILE_BYTES, path),
        cache_dir=_text(table, "cache_dir", path),
        rules=_rule_levels(table.get("rules", {}), path),
        per_file_ignores=_ignores(table.get("per-file-ignores", {}), path),
    )


def _is_list(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(isinstance(v, kind) and not isinstance(v, bool) for v in value)


def _strings(table: dict[str, Any], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not _is_list(value, str):
        raise ConfigError(f"{path}: {key} must be a list of strings")
    return value


def _text(table: dict[str, Any], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"{path}: {key} must be a folder name (a non-empty string)")
    return value


def _positive(table: dict[str, Any], key: str, default: int, path: Path) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"{path}: {key} must be a positive integer")
    return value


def _rule_levels(table: Any, path: Path) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [rules] must be a table of rule = level")
    for key, level in table.items():
        if level not in RULE_LEVELS:
            raise ConfigError(f"{path}: rule `{key}` level must be one of {', '.join(RULE_LEVELS)}")
    return dict(table)


def _ignores(table: Any, path: Path) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict) or not all(_is_list(v, str) for v in table.values()):
        raise ConfigError(f"{path}: [per-file-ignores] must map glob patterns to lists of rules")
    return {glob: tuple(names) for glob, names in table.items()}
