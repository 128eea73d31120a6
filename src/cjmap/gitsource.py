"""Read map files straight from git objects: no checkout, no change to the working tree or index."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cjmap.discovery import Selection, is_yaml
from cjmap.errors import CjmapError
from cjmap.loader import Source, load_bytes


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run git; a failure becomes a CjmapError with git's own message."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise CjmapError("git is not installed; compare two folders instead: cjmap diff OLD NEW") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CjmapError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return done.stdout


def repository(cwd: Path) -> Path:
    """The top folder of the git repository around `cwd`."""
    try:
        return Path(git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    except CjmapError:
        raise CjmapError(f"{cwd} is not inside a git repository; compare two folders with cjmap diff OLD NEW") from None


def is_revision(name: str, cwd: Path) -> bool:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], cwd=cwd, capture_output=True, check=False
    )
    return done.returncode == 0


def merge_base(a: str, b: str, cwd: Path) -> str:
    return git(["merge-base", a, b], cwd).decode().strip()


def read_revision(revision: str, root: Path, filters: list[str], selection: Selection) -> list[Source]:
    """Every map file of `revision` under `filters` (paths relative to `root`) that the discovery
    rule keeps, composed."""
    listing = git(["ls-tree", "-r", "-z", "--name-only", revision, "--", *filters], root)
    names = [
        n
        for n in listing.decode("utf-8", "surrogateescape").split("\0")
        if is_yaml(n) and not selection.skips(root / n)
    ]
    if not names:
        return []
    request = "".join(f"{revision}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    output = git(["cat-file", "--batch"], root, request)
    sources, offset = [], 0
    for name in names:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        blob = output[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        source = load_bytes(blob, f"{revision}:{name}", explicit=False)
        if source is not None:
            sources.append(source)
    return sources
