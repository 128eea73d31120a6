"""The one writer: every file cjmap writes goes through here, whole or not at all.

What it guarantees, for fmt, the imports, init and new, render outputs, `-o` reports and schemas:

- A file is written to a temporary file beside it, flushed to disk, and renamed into place, so
  nobody ever sees half of it. (The folder is not flushed after each rename: that doubled the cost
  of rendering hundreds of files, and a journaling file system keeps the rename or the old file.)
- A symlink is written through: the link stays, its target changes. With `within`, a path that
  resolves outside those folders (through a symlinked folder, or an id such as `../../x`) is
  refused.
- A replaced file keeps its mode, owner and group. When a rename cannot keep them (another
  user's file) or would break hard links, the file is rewritten in place instead.
- A read-only file is left alone with a message.
- With the `Snapshot` taken when cjmap read a file, a file that changed on disk since (an
  editor's save during a long `cjmap fmt`) is not overwritten.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cjmap.errors import CjmapError


class WriteRefused(CjmapError):
    """A file cjmap will not write, and why; nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """A file's bytes as cjmap read them: writing it later checks they are still the same."""

    path: Path
    data: bytes

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        try:
            return cls(path, path.read_bytes())
        except OSError as error:
            raise CjmapError(f"{path}: cannot read: {error.strerror or error}") from error


def write_new(files: dict[Path, str], force: bool, within: Iterable[Path] | None = None) -> list[Path]:
    """Write every file, or none of them when one exists already (unless `force`)."""
    existing = [str(p) for p in files if p.exists() or p.is_symlink()]
    if existing and not force:
        raise CjmapError(f"would overwrite {', '.join(existing)}; nothing written (use --force to replace)")
    roots = list(within) if within is not None else None
    for path in files:
        _target(path, roots)  # every path is checked before the first file is written
    for path, text in files.items():
        write_text(path, text, within=roots)
    return list(files)


def write_text(path: Path, text: str, *, read: Snapshot | None = None, within: Iterable[Path] | None = None) -> None:
    """Write `text` as UTF-8 to `path` (see the module's guarantees)."""
    write_atomic_bytes(path, text.encode("utf-8"), read=read, within=within)


def write_atomic_bytes(
    path: Path, data: bytes, *, read: Snapshot | None = None, within: Iterable[Path] | None = None
) -> None:
    """Write `data` to `path` (see the module's guarantees)."""
    target = _target(path, list(within) if within is not None else None)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise CjmapError(f"{path}: cannot write: {error.strerror or error}") from error
    if info is not None:
        _check_replaceable(path, target, info, read)
    try:
        if info is not None and (info.st_nlink > 1 or not _may_keep_owner(info)):
            _rewrite_in_place(target, data)
        else:
            _replace(target, data, info)
    except OSError as error:
        raise CjmapError(f"{path}: cannot write: {error.strerror or error}") from error


MAP_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = ("cjmap.toml", "pyproject.toml")


def refuse_inputs(output: Path, inputs: Iterable[Path | str]) -> None:
    """A report or export written with `-o` must never replace what it was made from: an input
    file, or a map or configuration file inside an input folder."""
    target = Path(os.path.realpath(output))
    for given in inputs:
        real = Path(os.path.realpath(given))
        inside = real.is_dir() and real in target.parents and _is_input_kind(target)
        if real == target or inside:
            raise WriteRefused(f"{output}: is one of the files being read; choose another file for the output")


def _is_input_kind(path: Path) -> bool:
    return path.suffix in MAP_SUFFIXES or path.name in CONFIG_NAMES


def _target(path: Path, within: list[Path] | None) -> Path:
    """The real file a write to `path` lands in: symlinks followed. With `within`, the folder it is
    named in must really be inside one of those folders (or be one of those files): a symlinked
    file is written through wherever it points, a symlinked folder that leads outside is not."""
    target = Path(os.path.realpath(path))
    if within is not None and not any(_allowed(path, root) for root in within):
        shown = ", ".join(str(root) for root in within)
        raise WriteRefused(f"{path}: resolves to {target}, outside {shown}; nothing written there")
    if target.is_dir():
        raise WriteRefused(f"{path}: is a folder; expected a file")
    return target


def _allowed(path: Path, root: Path) -> bool:
    if os.path.abspath(path) == os.path.abspath(root) or os.path.realpath(path) == os.path.realpath(root):
        return True  # the file given itself
    return _below(Path(os.path.realpath(os.path.dirname(os.path.abspath(path)))), Path(os.path.realpath(root)))


def _below(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _check_replaceable(path: Path, target: Path, info: os.stat_result, read: Snapshot | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(f"{path}: is not a regular file; left as it is")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused(f"{path}: is read-only; left as it is")
    if read is not None and _current(target) != read.data:
        raise WriteRefused(f"{path}: changed while cjmap was working on it; left as it is (run again)")


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


def _may_keep_owner(info: os.stat_result) -> bool:
    """Whether a new file can be given this file's owner and group (ours, or we may chown)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows has no owners to keep
        return True
    if os.geteuid() == 0:
        return True
    return info.st_uid == os.geteuid() and (info.st_gid == os.getegid() or info.st_gid in os.getgroups())


def _replace(target: Path, data: bytes, info: os.stat_result | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode) if info else _new_file_mode())
        if info is not None and hasattr(os, "chown"):
            os.chown(temporary, info.st_uid, info.st_gid)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _rewrite_in_place(target: Path, data: bytes) -> None:
    """Keep the inode (hard links, another user's ownership): the new content is complete before
    the first byte is written, and flushed to disk at once."""
    with open(target, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _new_file_mode() -> int:
    """What a new file gets under the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
