"""`cjmap diff`: work out what to compare (paths, git revisions, git's external-diff call),
load both sides, refuse broken ones with their problems, and diff them."""

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
from cjmap.workspace import Workspace, load_workspace, workspace_from_sources

STRUCTURAL = ("invalid-file", "yaml-syntax", "duplicate-key", "schema")


@dataclass(frozen=True)
class DiffResult:
    """A semantic diff, or (for git's call on YAML that holds no maps) a plain unified diff."""

    diff: Diff
    plain: str | None = None

    def exit_code(self, exit_code: bool, fail_on: str | None) -> int:
        """1 with --exit-code when anything changed, or with --fail-on when such changes exist."""
        failing = (exit_code and self.diff.has("any")) or (fail_on is not None and self.diff.has(fail_on))
        return EXIT_PROBLEMS if failing else EXIT_OK


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


def load_side(side: Side, filters: list[str], config: Config, cwd: Path) -> Workspace:
    if side.revision is not None:
        root = repository(cwd)
        sources = read_revision(side.revision, root, filters, Selection.of(config))
        workspace = workspace_from_sources([(s, False) for s in sources], config)
    else:
        assert side.path is not None
        targets = [side.path / f for f in filters] if filters else [side.path]
        workspace = load_workspace(targets, config)
    _refuse_broken(workspace, config)
    return workspace


def _refuse_broken(workspace: Workspace, config: Config) -> None:
    settings = RuleSettings.of(config)
    broken = [settings.stamp(p) for p in workspace.problems if p.rule in STRUCTURAL]
    if broken:
        raise BrokenInput([p for p in broken if p is not None])


def diff_sides(args: list[str], config: Config, cwd: Path) -> Diff:
    old, new, filters = plan(args, cwd)
    return diff_workspaces(load_side(old, filters, config, cwd), load_side(new, filters, config, cwd))


def run(args: list[str], config: Config, git_driver: bool = False) -> DiffResult:
    """Compare two folders, files or git revisions, or run as git's external diff."""
    found = diff_git_driver(args, config) if git_driver else diff_sides(args, config, Path.cwd())
    if found is None:
        return DiffResult(Diff([], {}), _plain_diff(args))
    return DiffResult(found)


def _plain_diff(args: list[str]) -> str:
    lines = [
        (Path(f).read_text("utf-8", "replace") if f != "/dev/null" else "").splitlines(keepends=True)
        for f in (args[1], args[4])
    ]
    return "".join(difflib.unified_diff(lines[0], lines[1], f"a/{args[0]}", f"b/{args[0]}"))


def diff_git_driver(args: list[str], config: Config) -> Diff | None:
    """git's external diff call: path old-file old-hex old-mode new-file new-hex new-mode.

    Returns None when neither side holds map documents (the caller shows a plain diff)."""
    if len(args) != 7:
        raise CjmapError(f"--git-driver expects the 7 arguments git passes, got {len(args)}")
    path, old_file, new_file = args[0], args[1], args[4]
    sides = []
    for label, file in (("a", old_file), ("b", new_file)):
        raw = b"" if file == "/dev/null" else Path(file).read_bytes()
        source = load_bytes(raw, f"{label}/{path}", explicit=False)
        sides.append(workspace_from_sources([(source, False)] if source else [], config))
    for side in sides:
        _refuse_broken(side, config)
    if not any(side.sources for side in sides):
        return None
    return diff_workspaces(sides[0], sides[1])
