"""Find map files under the paths a user gives."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cjmap.errors import PathError

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Candidate:
    """A file to read; `explicit` when the user named it (then it must be a map)."""

    path: Path
    display: str
    explicit: bool
    inode: tuple[int, int] = (0, 0)


def discover(
    paths: list[Path],
    exclude: tuple[str, ...] = (),
    seen: set[tuple[int, int]] | None = None,
) -> list[Candidate]:
    """Files named directly and YAML files found walking folders, each file once (and none of
    those already in `seen`, which is updated)."""
    seen = set() if seen is None else seen
    found: list[Candidate] = []
    for given in paths:
        if not given.exists():
            raise PathError(f"{given}: no such file or directory")
        candidates = [Candidate(given, str(given), True)] if not given.is_dir() else _walk(given, exclude)
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


def _walk(root: Path, exclude: tuple[str, ...]) -> Iterator[Candidate]:
    """Walk `root` in sorted order, skipping hidden folders, excluded globs and symlink loops."""
    visited: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
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
            display = os.path.normpath(entry.path)
            if _excluded(display, exclude) or entry.name.startswith("."):
                continue
            if _is_dir(entry):
                subfolders.append(Path(entry.path))
            elif entry.name.endswith(SUFFIXES):
                yield Candidate(Path(entry.path), display, False)
        stack.extend(reversed(subfolders))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _excluded(display: str, exclude: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(display, pattern) for pattern in exclude)
