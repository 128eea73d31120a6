"""`cjmap import csv|survey|mermaid` and `cjmap export csv`: read, convert, write safely.

Every import writes whole files atomically and refuses to overwrite without `force`; when any
input row or line is bad, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cjmap.config import Config, did_you_mean
from cjmap.errors import CjmapError
from cjmap.importers import mermaid, spreadsheet, survey
from cjmap.importers._common import read_text, to_yaml
from cjmap.linter import check
from cjmap.model import Journey
from cjmap.output import write_atomic, write_new
from cjmap.scaffold import FOLDERS
from cjmap.workspace import Entry, Workspace

SCHEMA = "../schemas/draft-07/{kind}.schema.json"


@dataclass
class Written:
    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _workspace(config: Config) -> Workspace | None:
    return check(None, config)[0] if config.file else None


def _folder(config: Config, out: Path | None, kind: str) -> Path:
    """Where new files of `kind` go: --out, else the workspace's folder for them, else here."""
    if out is not None:
        return out
    return config.root / FOLDERS[kind] if config.file else Path(".")


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
        imported = spreadsheet.import_csv(
            read_text(path), journey_id, title or journey_id.replace("-", " ").capitalize(), chosen
        )
    except CjmapError as error:
        raise CjmapError(f"{path}: {error}") from None
    for header, name in imported.mapping.items():
        announce(f"column `{header}` -> {name}")
    result = Written()
    if not persona and not (workspace and workspace.personas):
        result.notes.append(f"the journey follows persona `{chosen}`: add it, or import again with --persona")
    target = _folder(config, out, "journey") / f"{journey_id}.yaml"
    result.paths = write_new({target: to_yaml([imported.journey], SCHEMA.format(kind="journey"))}, force)
    return result


def export_csv(paths: list[Path] | None, journey_id: str, config: Config) -> str:
    return spreadsheet.export_csv(_journey(check(paths, config)[0], journey_id).model)


def _journey(workspace: Workspace, journey_id: str) -> Entry[Journey]:
    for entry in workspace.journeys:
        if entry.model.id == journey_id:
            return entry
    known = [e.model.id for e in workspace.journeys]
    raise CjmapError(f"no journey `{journey_id}` in the workspace{did_you_mean(journey_id, known)}")


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
        files[_folder(config, out, "journey") / f"{journey['id']}.yaml"] = to_yaml(
            [journey], SCHEMA.format(kind="journey")
        )
        for persona in personas:
            if persona["id"] not in known:
                files[_folder(config, out, "persona") / f"{persona['id']}.yaml"] = to_yaml(
                    [persona], SCHEMA.format(kind="persona")
                )
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
    workspace = check(None, config)[0]
    entry = _journey(workspace, journey_id)
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
    updated = survey.apply(
        journey_path.read_text("utf-8"),
        found,
        evidence["id"],
        metric,
        (survey_scale, config.emotion_scale) if emotion else None,
    )
    _check_readable(updated, journey_path)
    evidence_path = _folder(config, None, "evidence") / f"{evidence['id']}.yaml"
    result = Written()
    result.paths = write_new({evidence_path: to_yaml([evidence], SCHEMA.format(kind="evidence"))}, force)
    write_atomic(journey_path, updated)
    result.paths.append(journey_path)
    result.notes.append(f"{found.responses} responses; {len(found.scores)} touchpoints updated")
    result.notes += [
        f"unknown touchpoint `{name}` ({n} responses) not on `{journey_id}`" for name, n in found.unknown.items()
    ]
    result.notes += [f"line {line}: no numeric score, skipped" for line in found.skipped]
    return result


def _check_readable(text: str, path: Path) -> None:
    """The edited journey must still load and validate, or nothing is written."""
    from cjmap.loader import Source, compose

    source = Source(str(path), text)
    compose(source)
    if source.problems:
        raise CjmapError(f"{path}: the updated file would not load; nothing written (please report this)")
    for document in source.documents:
        if isinstance(document.data, dict) and document.data.get("kind") == "journey":
            Journey.model_validate(document.data)
