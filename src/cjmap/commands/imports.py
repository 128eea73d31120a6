"""`cjmap import csv|survey|mermaid` and `cjmap export csv`: read, convert, write through the layout.

New map files come from `layout.dump`, edits of existing ones from `layout.edit`, both proved to
read back as intended; when any input row or line is bad, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cjmap import layout
from cjmap.config import Config
from cjmap.errors import CjmapError
from cjmap.importers import mermaid, spreadsheet, survey
from cjmap.importers._common import read_text
from cjmap.output import write_new, write_text
from cjmap.schema import editor_header
from cjmap.wording import title_from_id
from cjmap.workspace import Workspace, open_workspace


@dataclass
class Written:
    """The files an import wrote, and notes for the user (columns mapped, rows skipped...)."""

    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _workspace(config: Config) -> Workspace | None:
    return open_workspace(None, config) if config.file else None


def _folder(config: Config, out: Path | None, kind: str) -> Path:
    """Where new files of `kind` go: --out, else the workspace's folder for them, else here."""
    return out if out is not None else config.folder(kind)


def _map_file(kind: str, document: dict[str, object]) -> str:
    return layout.dump([document], editor_header(kind))


def import_csv(
    path: Path,
    journey_id: str,
    title: str | None,
    persona: str | None,
    out: Path | None,
    force: bool,
    config: Config,
    announce: Callable[[str], None] = lambda line: None,
) -> Written:
    """`announce` hears how columns were understood, before anything is written."""
    workspace = _workspace(config)
    chosen = persona or (workspace.personas[0].model.id if workspace and workspace.personas else "customer")
    try:
        imported = spreadsheet.import_csv(read_text(path), journey_id, title or title_from_id(journey_id), chosen)
    except CjmapError as error:
        raise CjmapError(f"{path}: {error}") from None
    for header, name in imported.mapping.items():
        announce(f"column `{header}` -> {name}")
    result = Written()
    if not persona and not (workspace and workspace.personas):
        result.notes.append(f"the journey follows persona `{chosen}`: add it, or import again with --persona")
    target = _folder(config, out, "journey") / f"{journey_id}.yaml"
    result.paths = write_new({target: _map_file("journey", imported.journey)}, force)
    return result


def export_csv(paths: list[Path] | None, journey_id: str, config: Config) -> str:
    return spreadsheet.export_csv(open_workspace(paths, config).journey(journey_id).model)


def import_mermaid(path: Path, journey_id: str | None, out: Path | None, force: bool, config: Config) -> Written:
    text = read_text(path)
    workspace = _workspace(config)
    known = {e.model.id for e in workspace.personas} if workspace else set()
    files: dict[Path, str] = {}
    result = Written(notes=["Mermaid has no channels: touchpoints get channel `other`; set the real ones"])
    found = mermaid.diagrams(text)
    for index, (line, body) in enumerate(found):
        try:
            diagram = mermaid.parse(body, line)
        except CjmapError as error:
            raise CjmapError(f"{path}: {error}") from None
        wanted = journey_id if journey_id and len(found) == 1 else (f"{journey_id}-{index + 1}" if journey_id else None)
        journey, personas = mermaid.to_documents(diagram, wanted, config.emotion_scale)
        files[_folder(config, out, "journey") / f"{journey['id']}.yaml"] = _map_file("journey", journey)
        for persona in personas:
            if persona["id"] not in known:
                files[_folder(config, out, "persona") / f"{persona['id']}.yaml"] = _map_file("persona", persona)
                known.add(persona["id"])
    result.paths = write_new(files, force)
    return result


def import_survey(
    path: Path,
    journey_id: str,
    touchpoint_column: str,
    score_column: str,
    emotion: bool,
    survey_scale: tuple[float, float],
    metric: str,
    evidence_id: str | None,
    force: bool,
    config: Config,
) -> Written:
    workspace = open_workspace(None, config)
    entry = workspace.journey(journey_id)
    names = {}
    for stage in entry.model.stages:
        for tp in stage.touchpoints:
            names[tp.name.lower()] = tp.id
            names[tp.id.lower()] = tp.id
    found = survey.aggregate(read_text(path), touchpoint_column, score_column, names)
    if not found.scores:
        raise CjmapError(f"{path}: no response names a touchpoint of `{journey_id}`")
    evidence = survey.evidence_document(path, evidence_id, found.responses, config.today)
    if evidence["id"] in {e.model.id for e in workspace.evidence} and not force:
        raise CjmapError(f"evidence `{evidence['id']}` exists already; pass --evidence-id or --force")
    journey_path = Path(entry.doc.source.path)
    emotion_from = (survey_scale, config.emotion_scale) if emotion else None
    try:
        updated = layout.edit(
            read_text(journey_path),
            lambda documents: survey.apply(documents, journey_id, found, evidence["id"], metric, emotion_from),
            str(journey_path),
        )
    except layout.LayoutError as error:
        raise CjmapError(f"{journey_path}: {error}") from None
    evidence_path = _folder(config, None, "evidence") / f"{evidence['id']}.yaml"
    result = Written()
    result.paths = write_new({evidence_path: _map_file("evidence", evidence)}, force)
    write_text(journey_path, updated)
    result.paths.append(journey_path)
    result.notes.append(f"{found.responses} responses; {len(found.scores)} touchpoints updated")
    result.notes += [
        f"unknown touchpoint `{name}` ({n} responses) not on `{journey_id}`" for name, n in found.unknown.items()
    ]
    result.notes += [f"line {line}: no numeric score, skipped" for line in found.skipped]
    return result
