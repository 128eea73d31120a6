"""The one discovery rule: which files cjmap reads, on disk and in git alike.

A file is read when its name ends in .yaml or .yml, no folder on its way is hidden (starts with
`.`), and no `exclude` glob matches its path relative to the workspace root (or one of that
path's folders). "On its way" is below the folder being walked, or below the workspace root for a
file named on the command line or read from git: a folder given is never hidden by its own name,
while `.github/workflows/ci.yml` named by a pre-commit hook is. The rule is the same for folders
walked, files named on the command line, files read from a git revision and files `cjmap fmt`
touches, and it does not depend on the current folder.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from cjmap.errors import PathError

if TYPE_CHECKING:
    from cjmap.config import Config

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Candidate:
    """A file to read; `explicit` when the user named it (then it must be a map). `display` is
    the path every output shows (`display_path`)."""

    path: Path
    display: str
    explicit: bool
    inode: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Selection:
    """The discovery rule for one workspace: its root and its `exclude` globs."""

    root: Path
    exclude: tuple[str, ...] = ()

    @classmethod
    def of(cls, config: Config) -> Selection:
        return cls(config.root, config.exclude)

    def relative(self, path: Path | str, base: Path | None = None) -> str:
        """`path` relative to the workspace root when below it, else to `base` (the folder a walk
        started from), else its name; always with `/`. Lexical: the file need not exist."""
        absolute = os.path.abspath(path)
        for anchor in (self.root, base):
            if anchor is None:
                continue
            relative = os.path.relpath(absolute, os.path.abspath(anchor))
            if not relative.startswith(".." + os.sep) and relative != "..":
                return PurePosixPath(Path(relative)).as_posix()
        return Path(absolute).name

    def skips(self, path: Path | str, walked_from: Path | None = None) -> bool:
        """Whether the rule leaves this path out: hidden on its way, or excluded."""
        way = _relative_to(path, walked_from) if walked_from is not None else self.relative(path)
        if any(part.startswith(".") and part not in (".", "..") for part in way.split("/")):
            return True
        parts = self.relative(path, walked_from).split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        return any(fnmatch.fnmatchcase(prefix, pattern) for pattern in self.patterns for prefix in prefixes)

    @property
    def patterns(self) -> tuple[str, ...]:
        return tuple(pattern.removeprefix("./").rstrip("/") for pattern in self.exclude)


def _relative_to(path: Path | str, folder: Path) -> str:
    return PurePosixPath(Path(os.path.relpath(os.path.abspath(path), os.path.abspath(folder)))).as_posix()


def display_path(path: Path | str) -> str:
    """The path shown to users: relative to the current folder when the file is below it (as ruff
    and yamllint show paths), else as given. Lexical: symlinks are shown, not resolved."""
    given = os.path.normpath(path)
    try:
        relative = os.path.relpath(os.path.abspath(given), os.getcwd())
    except (OSError, ValueError):  # the current folder is gone; another drive on Windows
        return given
    below = relative != os.pardir and not relative.startswith(os.pardir + os.sep)
    return relative if below else given


def is_yaml(name: str) -> bool:
    return name.endswith(SUFFIXES)


def discover(
    paths: list[Path],
    selection: Selection,
    seen: set[tuple[int, int]] | None = None,
) -> list[Candidate]:
    """Files named directly and YAML files found walking folders, each file once (and none of
    those already in `seen`, which is updated), all passed through the discovery rule."""
    seen = set() if seen is None else seen
    found: list[Candidate] = []
    for given in paths:
        if not given.exists():
            raise PathError(f"{given}: no such file or directory")
        if given.is_dir():
            candidates: Iterator[Candidate] | list[Candidate] = _walk(given, selection)
        else:
            candidates = [] if selection.skips(given) else [Candidate(given, display_path(given), True)]
        for candidate in candidates:
            try:
                info = candidate.path.stat()
            except OSError:
                continue  # broken symlink found while walking
            inode = (info.st_dev, info.st_ino)
            if inode not in seen:
                seen.add(inode)
                found.append(Candidate(candidate.path, candidate.display, candidate.explicit, inode))
    return found


def _walk(root: Path, selection: Selection) -> Iterator[Candidate]:
    """Walk `root` in sorted order, applying the discovery rule and skipping symlink loops.

    The rule is applied as `Selection.skips` would, one name at a time: a folder is only entered
    when it passed, so each entry needs its own name checked (hidden) and its relative path
    matched (exclude), with no path arithmetic per file (this loop runs for every file of a
    workspace, warm runs included)."""
    visited: set[tuple[int, int]] = set()
    patterns = selection.patterns
    start = selection.relative(root, root)
    parts = [] if start == "." else start.split("/")
    if any(fnmatch.fnmatchcase("/".join(parts[: n + 1]), p) for p in patterns for n in range(len(parts))):
        return  # the folder given is excluded itself
    stack = [(root, "" if start == "." else start + "/")]
    while stack:
        folder, prefix = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in visited:
                continue
            visited.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            relative = prefix + entry.name
            if entry.name.startswith(".") or any(fnmatch.fnmatchcase(relative, p) for p in patterns):
                continue
            if _is_dir(entry):
                subfolders.append((Path(entry.path), relative + "/"))
            elif is_yaml(entry.name):
                yield Candidate(Path(entry.path), display_path(entry.path), False)
        stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
