"""`cjmap init` and `cjmap new`: start a workspace, or add one skeleton file, from templates/init.

Map files from the templates are checked by the layout module: each must already be in the
canonical layout and read back without a problem, or nothing is written.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from cjmap import layout, templating
from cjmap.config import FOLDERS, Config
from cjmap.errors import CjmapError
from cjmap.gitsource import repository
from cjmap.model import ID_PATTERN
from cjmap.output import write_atomic_bytes, write_new
from cjmap.schema import EDITOR_SCHEMAS, schemas
from cjmap.schema import render as render_schema
from cjmap.wording import title_from_id
from cjmap.workspace import open_workspace

if TYPE_CHECKING:
    import jinja2

CLASSIC_STAGES = ("awareness", "consideration", "decision", "delivery", "use", "monitoring", "loyalty", "advocacy")


@dataclass
class Created:
    """The files `cjmap init` wrote, the command to run next, and for files it would not
    overwrite (CI and pre-commit set-up, .gitignore) what to add to them."""

    paths: list[Path] = field(default_factory=list)
    next_step: str = ""
    snippets: dict[Path, str] = field(default_factory=dict)


@cache
def environment() -> jinja2.Environment:
    env = templating.environment("templates/init", autoescape=False)  # YAML, quoted by the `yaml` filter
    env.filters["yaml"] = layout.scalar
    return env


def _template(template: str, **values: Any) -> str:
    text = environment().get_template(template).render(schema=EDITOR_SCHEMAS, **values)
    if template.endswith(".yaml.j2") and template != "pre-commit-config.yaml.j2":
        layout.check_laid_out(text, template.removesuffix(".j2"))
    return text


def _check_id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN.strip("^$"), value):
        raise CjmapError(
            f"`{value}` is not a valid id: lowercase letters, digits, - and _, starting with a letter or digit"
        )
    return value


def init(folder: Path, stages: str | None, force: bool, today: str) -> Created:
    """Write a new workspace into `folder`: all its files, or none (unless `force`, files that
    exist already stop it). The CI workflow and pre-commit configuration go to the root of the
    git repository around `folder`, where GitHub and pre-commit read them, and, like the
    .gitignore, are never overwritten: when one exists, `snippets` says what to add to it."""
    chosen = stage_ids(stages)
    if folder.exists() and not folder.is_dir():
        raise CjmapError(f"{folder} is a file, not a folder; nothing written")
    root = repository_root(folder)
    inside = _relative(folder, root) if root else ""
    files = {folder / name: text for name, text in init_files(chosen, today).items()}
    shared = {folder / ".gitignore": _template("gitignore.j2")} | setup_files(root or folder, inside)
    snippets = {path: text for path, text in shared.items() if path.exists() or path.is_symlink()}
    files |= {path: text for path, text in shared.items() if path not in snippets}
    here = os.path.abspath(folder) == os.getcwd()
    next_step = (
        "cjmap validate && cjmap render" if here else f"cd {shlex.quote(str(folder))} && cjmap validate && cjmap render"
    )
    return Created(write_all_or_nothing(files, force), next_step, snippets)


def stage_ids(stages: str | None) -> list[str]:
    """The stage ids of `--stages` (comma-separated), checked before anything is written."""
    if stages is None:
        return list(CLASSIC_STAGES)
    chosen = [_check_id(s.strip()) for s in stages.split(",") if s.strip()]
    if not chosen:
        raise CjmapError("--stages names no stage: give comma-separated ids, e.g. --stages discover,buy,use")
    twice = sorted({s for s in chosen if chosen.count(s) > 1})
    if twice:
        raise CjmapError(f"--stages names {', '.join(f'`{s}`' for s in twice)} more than once; stage ids are unique")
    return chosen


def repository_root(folder: Path) -> Path | None:
    """The top of the git repository around `folder` (which may not exist yet), if any."""
    existing = Path(os.path.abspath(folder))
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    try:
        return repository(existing)
    except CjmapError:
        return None


def _relative(folder: Path, root: Path) -> str:
    relative = os.path.relpath(os.path.realpath(folder), os.path.realpath(root))
    return "" if relative == "." else PurePosixPath(Path(relative)).as_posix()


def setup_files(root: Path, inside: str) -> dict[Path, str]:
    """The CI workflow and the pre-commit configuration, for a workspace at `inside` (a path
    relative to `root`, "" for the root itself)."""
    prefix = re.escape(f"{inside}/") if inside else ""
    values = {
        "folder": inside,
        "shell_folder": f" {shlex.quote(inside)}" if inside else "",
        "map_files": f"^{prefix}({'|'.join(FOLDERS.values())})/.*\\.ya?ml$",
    }
    return {
        root / ".github/workflows/journey-maps.yml": _template("workflow.yml.j2", **values),
        root / ".pre-commit-config.yaml": _template("pre-commit-config.yaml.j2", **values),
    }


def write_all_or_nothing(files: dict[Path, str], force: bool) -> list[Path]:
    """`write_new`, and when a write fails part-way, the files and folders it made are removed
    and files it replaced are put back: a failed init leaves no partial workspace."""
    before = {path: path.read_bytes() if path.is_file() else None for path in files}
    folders = sorted({p for path in files for p in path.parents if not p.exists()}, key=lambda p: -len(p.parts))
    try:
        return write_new(files, force)
    except CjmapError as error:
        undone = False
        for path, old in before.items():
            if old is not None and path.read_bytes() != old:
                write_atomic_bytes(path, old)
                undone = True
            elif old is None and path.is_file():
                path.unlink()
                undone = True
        for made in folders:
            with contextlib.suppress(OSError):
                made.rmdir()
        raise CjmapError(f"{error}; nothing was kept" if undone else str(error)) from None


def init_files(stages: list[str], today: str) -> dict[str, str]:
    """Relative path -> content of a new workspace's own files."""
    chosen = [{"id": s, "name": title_from_id(s)} for s in stages]
    files = {
        "cjmap.toml": _template("cjmap.toml.j2"),
        "personas/primary-customer.yaml": _template(
            "persona.yaml.j2", id="primary-customer", name="Primary customer", evidence="first-interviews"
        ),
        "research/first-interviews.yaml": _template(
            "evidence.yaml.j2", id="first-interviews", title="First customer interviews", today=today
        ),
        "journeys/first-journey.yaml": _template(
            "journey.yaml.j2",
            id="first-journey",
            title="First journey",
            stages=chosen,
            persona="primary-customer",
            evidence="first-interviews",
            today=today,
        ),
    }
    files |= {f"schemas/{name}": render_schema(schema) for name, schema in schemas().items() if "draft-07" in name}
    return files


def new_file(kind: str, identifier: str, config: Config) -> Path:
    """Write one skeleton file where the workspace keeps that kind; refuses to overwrite.

    A new journey follows the workspace's first persona and cites its first evidence."""
    _check_id(identifier)
    title, today = title_from_id(identifier), config.today.isoformat()
    if kind == "persona":
        content = _template("persona.yaml.j2", id=identifier, name=title, evidence="")
    elif kind == "evidence":
        content = _template("evidence.yaml.j2", id=identifier, title=title, today=today)
    else:
        workspace = open_workspace(None, config) if config.file else None
        persona = workspace.personas[0].model.id if workspace and workspace.personas else "primary-customer"
        evidence = workspace.evidence[0].model.id if workspace and workspace.evidence else ""
        stages = [{"id": s, "name": title_from_id(s)} for s in CLASSIC_STAGES]
        content = _template(
            "journey.yaml.j2",
            id=identifier,
            title=title,
            today=today,
            persona=persona,
            evidence=evidence,
            stages=stages,
        )
    path = config.folder(kind) / f"{identifier}.yaml"
    write_new({path: content}, force=False)
    return path
