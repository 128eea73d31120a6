"""`cjmap diff`: work out what to compare (paths, git revisions, git's external-diff call),
load both sides, refuse broken ones with their problems, and diff them.

As git's external diff (`--git-driver`), each file's output starts with a header naming it, as
`git diff` does, and a file that does not load as a map gets a one-line note and a plain
unified diff instead of stopping the whole `git diff`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from cjmap.config import Config
from cjmap.diff import Diff, diff_workspaces
from cjmap.discovery import Selection
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS, CjmapError
from cjmap.gitsource import is_revision, merge_base, read_revision, repository
from cjmap.linter import RuleSettings
from cjmap.loader import load_bytes
from cjmap.problem import Problem
from cjmap.workspace import Shared, Workspace, load_workspace, workspace_from_sources

STRUCTURAL = ("invalid-file", "yaml-syntax", "duplicate-key", "schema")


@dataclass(frozen=True)
class DiffResult:
    """A semantic diff, or (for git's call on a file that holds no maps or does not load) a
    plain unified diff; as git's external diff, with the file's header first."""

    diff: Diff
    plain: str | None = None
    header: str = ""
    inputs: tuple[Path, ...] = ()  # what was read from disk: an output must never replace it

    def exit_code(self, exit_code: bool, fail_on: str | None) -> int:
        """1 with --exit-code when anything changed, or with --fail-on when such changes exist."""
        failing = (exit_code and self.diff.has("any")) or (fail_on is not None and self.diff.has(fail_on))
        return EXIT_PROBLEMS if failing else EXIT_OK

    def warnings(self, fail_on: str | None) -> list[str]:
        """Why --fail-on worsened fails although no emotion is reported worse, if it does."""
        if fail_on != "worsened" or not self.diff.undecided:
            return []
        return [
            f"--fail-on worsened: {c.scope}: cannot tell which {c.item}s were renamed ({c.detail}), "
            "so a worse emotion could hide among them"
            for c in self.diff.undecided
        ]


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a path, or a git revision with path filters."""

    label: str
    path: Path | None = None
    revision: str | None = None


class BrokenInput(CjmapError):
    """A side does not load: its problems say where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the files compared")
        self.problems = problems


def plan(args: list[str], cwd: Path) -> tuple[Side, Side, list[str]]:
    """Two existing paths; or one or two revisions (also A..B and A...B) then path filters."""
    if len(args) == 2 and all(Path(a).exists() for a in args):
        return Side(args[0], path=Path(args[0])), Side(args[1], path=Path(args[1])), []
    if not args:
        raise CjmapError("give two files or folders (cjmap diff OLD NEW) or git revisions (cjmap diff main)")
    root = repository(cwd)
    revisions: list[str] = []
    filters: list[str] = []
    for arg in args:
        is_path = Path(arg).exists()
        is_range = ".." in arg and not is_path
        if not filters and len(revisions) < 2 and not (revisions and is_path) and (is_range or is_revision(arg, root)):
            revisions += _range(arg, root) if is_range else [arg]
        elif revisions and is_path:
            filters.append(arg)
        else:
            raise CjmapError(f"`{arg}` is neither a file nor a git revision known here")
    if not revisions or len(revisions) > 2:
        raise CjmapError("give one or two git revisions, e.g. cjmap diff main, cjmap diff main HEAD or main..HEAD")
    for revision in revisions:
        if not is_revision(revision, root):
            raise CjmapError(f"unknown git revision `{revision}`")
    relative = [os.path.relpath(Path(f).resolve(), root) for f in filters]
    old = Side(revisions[0], revision=revisions[0])
    new = Side(revisions[1], revision=revisions[1]) if len(revisions) == 2 else Side("working tree", path=root)
    return old, new, relative


def _range(arg: str, root: Path) -> list[str]:
    if "..." in arg:
        a, b = arg.split("...", 1)
        return [merge_base(a or "HEAD", b or "HEAD", root), b or "HEAD"]
    a, b = arg.split("..", 1)
    return [a or "HEAD", b or "HEAD"]


def load_side(side: Side, filters: list[str], config: Config, cwd: Path, shared: Shared | None = None) -> Workspace:
    if side.revision is not None:
        root = repository(cwd)
        sources = read_revision(side.revision, root, filters, Selection.of(config), config.max_file_size)
        workspace = workspace_from_sources([(s, False) for s in sources], config, models_only=True)
    else:
        assert side.path is not None
        targets = [side.path / f for f in filters] if filters else [side.path]
        workspace = load_workspace(targets, config, models_only=True, shared=shared)
    _refuse_broken(workspace, config)
    return workspace


def _structural(workspace: Workspace, config: Config) -> list[Problem]:
    """The problems that keep a workspace from being compared, stamped with their codes."""
    settings = RuleSettings.of(config)
    stamped = (settings.stamp(p) for p in workspace.problems if p.rule in STRUCTURAL)
    return [p for p in stamped if p is not None]


def _refuse_broken(workspace: Workspace, config: Config) -> None:
    broken = _structural(workspace, config)
    if broken:
        raise BrokenInput(broken)


def diff_sides(args: list[str], config: Config, cwd: Path) -> DiffResult:
    old, new, filters = plan(args, cwd)
    shared: Shared = {}  # the files both sides hold byte for byte are read once
    found = diff_workspaces(load_side(old, filters, config, cwd, shared), load_side(new, filters, config, cwd, shared))
    on_disk = [side.path for side in (old, new) if side.path is not None]
    if old.revision is not None:  # the maps in git belong to the working tree around them
        on_disk.append(repository(cwd))
    return DiffResult(found, inputs=tuple(on_disk))


def run(args: list[str], config: Config, git_driver: bool = False) -> DiffResult:
    """Compare two folders, files or git revisions, or run as git's external diff."""
    if git_driver:
        return diff_git_driver(args, config)
    return diff_sides(args, config, Path.cwd())


def diff_git_driver(args: list[str], config: Config) -> DiffResult:
    """git's external diff call: `path old-file old-hex old-mode new-file new-hex new-mode`, or
    for a renamed or copied file `old-path old-file old-hex old-mode new-file new-hex new-mode
    new-path message` (git's `diff.c`; the message holds "rename from/to" and similarity)."""
    if len(args) not in (7, 9):
        raise CjmapError(f"--git-driver expects the 7 arguments git passes (9 for a renamed file), got {len(args)}")
    old_path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) == 9 else old_path
    header = [f"diff --cjmap a/{old_path} b/{new_path}"]
    header += [line for line in (args[8] if len(args) == 9 else "").splitlines() if not line.startswith("index ")]
    raws = [_read_side(file, config.max_file_size) for file in (old_file, new_file)]
    if None in raws:
        limit = f"{config.max_file_size / 1e6:.1f} MB"
        return DiffResult(Diff([], {}), "", _header(header, f"over the {limit} limit (max_file_size): not compared"))
    sides, problems = [], []
    for label, name, raw in (("a", old_path, raws[0]), ("b", new_path, raws[1])):
        source = load_bytes(raw or b"", f"{label}/{name}", explicit=False)
        side = workspace_from_sources([(source, False)] if source else [], config)
        problems += _structural(side, config)
        sides.append(side)
    plain = _plain_diff(raws[0] or b"", raws[1] or b"", old_path, new_path)
    if problems:
        p = problems[0]
        note = f"does not load as a map ({p.path}:{p.line}:{p.column}: {p.code} {p.message}); plain diff follows"
        return DiffResult(Diff([], {}), plain, _header(header, note))
    if not any(side.sources for side in sides):
        return DiffResult(Diff([], {}), plain, _header(header))
    return DiffResult(diff_workspaces(sides[0], sides[1]), None, _header(header))


def _header(lines: list[str], note: str | None = None) -> str:
    return "".join(f"{line}\n" for line in [*lines, *([f"note: {note}"] if note else [])])


def _read_side(file: str, max_bytes: int) -> bytes | None:
    """A side's bytes: none for `/dev/null` (added or deleted), None when over the limit."""
    if file == "/dev/null":
        return b""
    try:
        if Path(file).stat().st_size > max_bytes:
            return None
        return Path(file).read_bytes()
    except OSError as error:
        raise CjmapError(f"{file}: cannot read: {error.strerror or error}") from error


def _plain_diff(old: bytes, new: bytes, old_path: str, new_path: str) -> str:
    lines = [raw.decode("utf-8", "replace").splitlines(keepends=True) for raw in (old, new)]
    return "".join(difflib.unified_diff(lines[0], lines[1], f"a/{old_path}", f"b/{new_path}"))
