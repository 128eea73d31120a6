"""Read map files straight from git objects: no checkout, no change to the working tree or index."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from cjmap.discovery import Selection, is_yaml
from cjmap.errors import CjmapError
from cjmap.loader import MAX_FILE_BYTES, Source, load_bytes, looks_like_map


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
    """The commit where `a` and `b` diverged; a shallow clone says how to fetch the history."""
    done = subprocess.run(["git", "merge-base", a, b], cwd=cwd, capture_output=True, check=False)
    if done.returncode == 0:
        return done.stdout.decode().strip()
    if git(["rev-parse", "--is-shallow-repository"], cwd).strip() == b"true":
        raise CjmapError(
            f"cannot find where {a} and {b} diverge: this clone is shallow (it lacks older history); "
            "fetch it with `git fetch --unshallow`, or with `fetch-depth: 0` on actions/checkout"
        )
    message = done.stderr.decode("utf-8", "replace").strip()
    raise CjmapError(f"git merge-base failed: {message}" if message else f"{a} and {b} have no common history")


@dataclass(frozen=True)
class Blob:
    """A file of a revision: its path in the repository, object id and size in bytes."""

    name: str
    oid: str
    size: int


def read_revision(
    revision: str, root: Path, filters: list[str], selection: Selection, max_bytes: int = MAX_FILE_BYTES
) -> list[Source]:
    """Every map file of `revision` under `filters` (paths relative to `root`) that the discovery
    rule keeps, composed. Files over `max_bytes` are reported, not read, as on disk."""
    blobs = list_blobs(revision, root, filters, selection)
    contents = dict(zip((b.oid for b in blobs if b.size <= max_bytes), _contents(blobs, root, max_bytes), strict=True))
    sources = [
        load_bytes(contents[b.oid], f"{revision}:{b.name}", explicit=False)
        if b.oid in contents
        else _oversize(revision, b, root, max_bytes)
        for b in blobs
    ]
    return [source for source in sources if source is not None]


def list_blobs(revision: str, root: Path, filters: list[str], selection: Selection) -> list[Blob]:
    """The YAML files of `revision` the discovery rule keeps. Only regular files: submodules
    (commits) and symlinks are left out whatever their name; names may hold any byte but NUL."""
    listing = git(["ls-tree", "-r", "-z", "--long", revision, "--", *filters], root)
    blobs = []
    for record in listing.split(b"\0"):
        meta, _, raw_name = record.partition(b"\t")
        fields = meta.split()
        if len(fields) != 4 or fields[1] != b"blob" or fields[0] not in (b"100644", b"100755"):
            continue
        name = raw_name.decode("utf-8", "surrogateescape")
        if is_yaml(name) and not selection.skips(root / name):
            blobs.append(Blob(name, fields[2].decode("ascii"), int(fields[3])))
    return blobs


def _contents(blobs: list[Blob], root: Path, max_bytes: int) -> list[bytes]:
    """The contents of the blobs up to `max_bytes`, in one `git cat-file --batch` call (asked for
    by object id, so that no file name needs to fit on a line)."""
    blobs = [b for b in blobs if b.size <= max_bytes]
    if not blobs:
        return []
    output = git(["cat-file", "--batch"], root, "".join(f"{b.oid}\n" for b in blobs).encode("ascii"))
    contents, offset = [], 0
    for blob in blobs:
        header_end = output.index(b"\n", offset)
        start = header_end + 1
        contents.append(output[start : start + blob.size])
        offset = start + blob.size + 1
    return contents


def _oversize(revision: str, blob: Blob, root: Path, max_bytes: int) -> Source | None:
    """A file over the size limit: reported when its start declares a map, else skipped."""
    with subprocess.Popen(["git", "cat-file", "blob", blob.oid], cwd=root, stdout=subprocess.PIPE) as reader:
        assert reader.stdout is not None
        head = reader.stdout.read(65536)
        reader.kill()
    if not looks_like_map(head):
        return None
    source = Source(f"{revision}:{blob.name}")
    source.problem(
        1,
        1,
        "invalid-file",
        f"file is {blob.size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit; it was not read",
        "split it into smaller files, or raise max_file_size in cjmap.toml",
    )
    return source
