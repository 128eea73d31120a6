"""What an import will write, worked out before anything is written: new files (laid out by
`layout.dump`), edits of existing ones (through `layout.edit` and its proof, touching only the
documents they name), and the semantic diff of it all against the workspace as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cjmap import layout
from cjmap.config import Config
from cjmap.diff import Diff, diff_workspaces
from cjmap.errors import CjmapError
from cjmap.loader import load_bytes
from cjmap.schema import editor_header
from cjmap.workspace import Workspace, workspace_from_sources

Edit = Callable[[dict[str, Any]], None]


@dataclass
class Plan:
    """New files, edits per existing file, and what to tell the user."""

    new: dict[Path, str] = field(default_factory=dict)
    edits: dict[Path, list[tuple[str, str, Edit]]] = field(default_factory=dict)  # (kind, id, edit)
    texts: dict[Path, str] = field(default_factory=dict)  # edited files' new text, once realised
    notes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # how the input was read: shown before writing
    problems: list[str] = field(default_factory=list)  # inputs left out (bad diagrams): exit 1

    def add(self, path: Path, kind: str, document: dict[str, Any]) -> None:
        """A new map file holding one document."""
        self.new[path] = layout.dump([document], editor_header(kind))

    def edit(self, path: Path, kind: str, identifier: str, change: Edit) -> None:
        """A change of the document `kind`/`identifier` in the existing file `path`."""
        self.edits.setdefault(path, []).append((kind, identifier, change))

    def realise(self) -> None:
        """Apply the edits to the files' text, laid out and proved; a CjmapError says why not."""
        for path, changes in self.edits.items():
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise CjmapError(f"{path}: cannot read: {error}") from error
            ending = "\r\n" if "\r\n" in text else "\n"
            try:
                laid_out = layout.edit(text.replace("\r\n", "\n"), _applier(changes, path), str(path))
            except layout.LayoutError as error:
                raise CjmapError(f"{path}: {error}; nothing written") from None
            self.texts[path] = laid_out.replace("\n", ending)

    def files(self) -> dict[Path, str]:
        return {**self.new, **self.texts}


def _applier(changes: list[tuple[str, str, Edit]], path: Path) -> Callable[[list[Any]], None]:
    def apply(documents: list[Any]) -> None:
        for kind, identifier, change in changes:
            found = [d for d in documents if isinstance(d, dict) and (d.get("kind"), d.get("id")) == (kind, identifier)]
            if len(found) != 1:
                raise CjmapError(f"{path}: expected one {kind} `{identifier}`, found {len(found)}; nothing written")
            change(found[0])

    return apply


def preview(workspace: Workspace, plan: Plan, config: Config) -> Diff:
    """The semantic diff between the workspace and the workspace as the plan leaves it."""
    return diff_workspaces(workspace, after(workspace, plan, config))


def new_errors(workspace: Workspace, plan: Plan, config: Config) -> list[str]:
    """The errors `cjmap validate` would report after the import and does not report now (a
    pruned touchpoint an improvement still addresses, a persona or evidence id nobody defines)."""
    from cjmap.linter import lint

    def errors(found: Workspace) -> set[tuple[str, str]]:
        return {
            (p.code, f"{p.path}:{p.line}: {p.code} {p.message}") for p in lint(found).problems if p.severity == "error"
        }

    known = {message.split(": ", 1)[1] for _, message in errors(workspace)}
    return sorted(m for _, m in errors(after(workspace, plan, config)) if m.split(": ", 1)[1] not in known)


def after(workspace: Workspace, plan: Plan, config: Config) -> Workspace:
    """The workspace as the plan leaves it, read from the texts it would write."""
    files = plan.files()
    replaced = {str(p) for p in files} | {str(p.resolve()) for p in files}
    sources = [(s, False) for key, s in workspace.sources.items() if key not in replaced]
    sources = [(s, False) for s, _ in sources if str(Path(s.path).resolve()) not in replaced]
    for path, text in files.items():
        source = load_bytes(text.encode("utf-8"), str(path), explicit=True)
        if source is not None:
            if source.problems:
                first = source.problems[0]
                raise CjmapError(f"{path}:{first.line}: the import would write a broken file: {first.message}")
            sources.append((source, False))
    return workspace_from_sources(sources, config)


def check(model: type[BaseModel], document: dict[str, Any], what: str) -> None:
    """The document must be valid for its model, or a CjmapError lists where it is not."""
    try:
        model.model_validate(layout.plain(document))
    except ValidationError as error:
        where = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:10]]
        raise CjmapError(f"{what} would not be valid; nothing written:\n  " + "\n  ".join(where)) from None
