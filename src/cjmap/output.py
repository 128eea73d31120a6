"""The one writer: every file cjmap writes goes through here, whole or not at all.

A file is written to a temporary file beside it and renamed into place, so nobody ever sees half of
it, and a replaced file keeps its permissions.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cjmap.errors import CjmapError


def write_new(files: dict[Path, str], force: bool) -> list[Path]:
    """Write every file, or none of them when one exists already (unless `force`)."""
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise CjmapError(f"would overwrite {', '.join(existing)}; nothing written (use --force to replace)")
    for path, text in files.items():
        write_text(path, text)
    return list(files)


def write_text(path: Path, text: str) -> None:
    """Write `text` as UTF-8 to `path`, atomically."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, _mode(path))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        raise CjmapError(f"{path}: cannot write: {error.strerror or error}") from error


def _mode(path: Path) -> int:
    """The permissions a replaced file keeps, or what a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
