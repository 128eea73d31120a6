"""`cjmap import csv|xlsx|survey|mermaid` and `cjmap export csv|xlsx`.

Every import is planned first (importers.plan): new files laid out by `layout.dump`, edits of
existing files through `layout.edit` and its proof. The caller hears how the input was read and
the semantic diff of what will change (the same as `cjmap diff`) before anything is written; with
`dry_run` nothing is. When an input row is bad, nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.config import Config
from cjmap.diff import Diff
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS, CjmapError, PathError
from cjmap.importers import mermaid, spreadsheet, survey, xlsx
from cjmap.importers._common import Ids, PersonaBook, read_text
from cjmap.importers.merge import JourneyMerge, Options
from cjmap.importers.plan import Plan, check, new_errors, preview
from cjmap.importers.sheet import Table, read_csv
from cjmap.model import ID_PATTERN, Journey
from cjmap.output import write_new, write_text
from cjmap.wording import title_from_id
from cjmap.workspace import Workspace, load_workspace, open_workspace


@dataclass
class Imported:
    """The files an import wrote (none on a dry run), notes, and its exit code."""

    paths: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK


@dataclass
class SheetOptions:
    journey: str | None = None
    title: str | None = None
    personas: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # --map HEADER=FIELD
    default_channel: str | None = None
    encoding: str = "utf-8"
    prune: bool = False
    dry_run: bool = False
    out: Path | None = None
    force: bool = False


def identifier(value: str, option: str) -> str:
    """An id given on the command line, or a usage error saying what an id may hold."""
    if not re.fullmatch(ID_PATTERN, value):
        raise CjmapError(f"{option} `{value}` is not an id: lowercase letters, digits, - and _ (e.g. buy-now)")
    return value


def workspace_of(config: Config, out: Path | None = None) -> Workspace:
    """The workspace an import adds to: the configured one, else the folder it writes to (--out,
    or here); empty while the folders do not exist yet."""
    try:
        if config.file is None and out is not None:
            return load_workspace([out], config) if out.exists() else Workspace(config)
        return open_workspace(None, config)
    except PathError:
        return Workspace(config)


def folder(config: Config, out: Path | None, kind: str) -> Path:
    """Where new files of `kind` go: --out, else the workspace's folder for them, else here."""
    return out if out is not None else config.folder(kind)


@dataclass
class Pending:
    """An import worked out and not yet written: how the input was read (`summary`), what it will
    change (`diff`, as `cjmap diff` shows it) and what to tell the user. The CLI reports all this
    first; `write` then writes, unless it is a dry run."""

    plan: Plan
    summary: list[str]
    diff: Diff
    notes: list[str]
    exit_code: int

    def write(self, dry_run: bool, force: bool) -> Imported:
        """Write the plan's files (none on a dry run), each through the writer."""
        result = Imported(notes=list(self.notes), exit_code=self.exit_code)
        if dry_run:
            result.notes.append("dry run: nothing written")
            return result
        result.paths = write_new(self.plan.new, force)
        for path, text in self.plan.texts.items():
            if text != path.read_text(encoding="utf-8-sig"):
                write_text(path, text)
                result.paths.append(path)
        if not result.paths:
            result.notes.append("nothing to change")
        return result


def prepare(plan: Plan, workspace: Workspace, config: Config) -> Pending:
    """Realise the plan and work out what it changes, and what `cjmap validate` will newly report
    after it (a pruned touchpoint an improvement still addresses, an unknown channel...)."""
    if not plan.texts:
        plan.realise()
    notes = [*plan.notes, *plan.problems]
    notes += [f"after the import, validate reports {message}" for message in new_errors(workspace, plan, config)]
    exit_code = EXIT_PROBLEMS if plan.problems else EXIT_OK
    return Pending(plan, list(plan.summary), preview(workspace, plan, config), notes, exit_code)


# --- spreadsheets -----------------------------------------------------------------------------


def import_sheet(path: Path, fmt: str, options: SheetOptions, config: Config) -> Pending:
    """A touchpoint inventory (csv) or a whole journey (xlsx) into a new or an existing journey."""
    workspace = workspace_of(config, options.out)
    if fmt == "csv":
        tables = {"Touchpoints": read_csv(read_text(path, options.encoding), path.name)}
    else:
        tables = xlsx.read(path)
    journey_id = identifier(options.journey or xlsx.journey_id(tables) or "", "--journey")
    book = PersonaBook({e.model.id: e.model.name for e in workspace.personas}, workspace.ids("persona"))
    plan = Plan()
    existing = next((e for e in workspace.journeys if e.model.id == journey_id), None)
    for kind, document, where in xlsx.documents(tables, workspace, book):
        if where is None:
            plan.add(folder(config, options.out, kind) / f"{document['id']}.yaml", kind, document)
        else:
            plan.edit(where, kind, document["id"], xlsx.updater(kind, document))

    def merge(document: dict[str, Any]) -> None:
        plan.summary += _merge(document, tables, options, book, workspace)

    if existing is not None:
        plan.edit(Path(existing.doc.source.path), "journey", journey_id, merge)
        plan.notes.append(f"updating journey `{journey_id}` in {existing.doc.source.path}")
    else:
        title = options.title or xlsx.journey_title(tables) or title_from_id(journey_id)
        journey: dict[str, Any] = {"kind": "journey", "id": journey_id, "title": title, "personas": [], "stages": []}
        merge(journey)
        plan.add(folder(config, options.out, "journey") / f"{journey_id}.yaml", "journey", journey)
    plan.realise()
    for pid, name in book.created.items():
        plan.add(
            folder(config, options.out, "persona") / f"{pid}.yaml",
            "persona",
            {"kind": "persona", "id": pid, "name": name},
        )
        plan.notes.append(f"new persona `{pid}` ({name}): fill in who they are")
    return prepare(plan, workspace, config)


def _merge(
    document: dict[str, Any], tables: dict[str, Table], options: SheetOptions, book: PersonaBook, workspace: Workspace
) -> list[str]:
    merging = JourneyMerge(document, book, Options(options.prune, options.default_channel))
    merging.add_personas([book.id_for(p) for p in options.personas])
    summary = xlsx.apply(merging, tables, options.columns)
    if "Touchpoints" in tables:
        summary += spreadsheet.apply_touchpoints(merging, tables["Touchpoints"], options.columns).summary
    merging.finish(prune_stages=options.prune and "Stages" in tables)
    if merging.errors:
        raise CjmapError("nothing imported:\n  " + "\n  ".join(merging.errors))
    if not document.get("personas"):
        first = workspace.personas[0].model.id if workspace.personas else book.id_for("Customer")
        merging.add_personas([first])
    check(Journey, document, f"journey `{document.get('id')}`")
    return summary


def export_sheet(paths: list[Path] | None, journey_id: str, fmt: str, config: Config) -> str | bytes:
    """The journey as CSV text (its touchpoints) or an xlsx workbook (all of it)."""
    workspace = open_workspace(paths, config)
    journey = workspace.journey(journey_id).model
    if fmt == "csv":
        return spreadsheet.export_csv(journey)
    return xlsx.write(journey, workspace)


# --- Mermaid ----------------------------------------------------------------------------------


def import_mermaid(path: Path, journey_id: str | None, out: Path | None, force: bool, config: Config) -> Pending:
    """Every journey diagram of a file; a bad one is reported by its line and the rest import."""
    if journey_id is not None:
        identifier(journey_id, "--journey")
    workspace = workspace_of(config, out)
    found = mermaid.read(read_text(path), path.suffix.lower() in mermaid.MARKDOWN_SUFFIXES)
    if not found.diagrams and not found.errors:
        raise CjmapError(f"{path}: no Mermaid `journey` diagram found")
    plan = Plan(notes=["Mermaid has no channels: touchpoints get channel `other`; set the real ones"])
    plan.problems = [
        f"{path}:{error.line}: diagram not imported: {str(error).split(': ', 1)[1]}" for _, error in found.errors
    ]
    book = PersonaBook({e.model.id: e.model.name for e in workspace.personas}, workspace.ids("persona"))
    taken = workspace.ids("journey")
    ids = Ids()
    for index, (block, diagram) in enumerate(found.diagrams):
        title = mermaid.title_of(diagram, f"{path.stem} line {block.line}")
        wanted = journey_id if journey_id and len(found.diagrams) == 1 else None
        new_id = ids.take(wanted or (f"{journey_id}-{index + 1}" if journey_id else title), "journey")
        if new_id in taken and not force:
            raise CjmapError(f"journey `{new_id}` exists already; pass --journey for another id, or --force")
        document = mermaid.to_journey(diagram, new_id, title, config.emotion_scale, book, "other")
        plan.add(folder(config, out, "journey") / f"{new_id}.yaml", "journey", document)
    for pid, name in book.created.items():
        plan.add(
            folder(config, out, "persona") / f"{pid}.yaml", "persona", {"kind": "persona", "id": pid, "name": name}
        )
    return prepare(plan, workspace, config)


# --- surveys ----------------------------------------------------------------------------------


def import_survey(path: Path, options: survey.SurveyOptions, config: Config) -> Pending:
    """Survey ratings into touchpoint metrics (and emotions), with the survey as an evidence entry."""
    survey.check(options)
    options.emotion_scale = config.emotion_scale
    workspace = workspace_of(config)
    entry = workspace.journey(options.journey)
    table = read_csv(read_text(path, options.encoding), path.name)
    personas = {e.model.id: e.model.name for e in workspace.personas}
    found = survey.aggregate(table, entry.model, personas, options)
    survey.refuse_flattening(entry.model, found, options)
    plan = Plan(summary=found.summary, notes=found.notes)
    evidence = survey.evidence_document(options, found)
    existing = next((e for e in workspace.evidence if e.model.id == evidence["id"]), None)
    if existing is not None and not options.force:
        raise CjmapError(
            f"evidence `{evidence['id']}` exists already: give this wave its own --evidence-id (or --title), "
            "or --force to replace it"
        )
    if existing is not None:
        plan.edit(Path(existing.doc.source.path), "evidence", evidence["id"], xlsx.updater("evidence", evidence))
    else:
        plan.add(survey.evidence_folder(workspace, config) / f"{evidence['id']}.yaml", "evidence", evidence)
    plan.edit(
        Path(entry.doc.source.path),
        "journey",
        entry.model.id,
        lambda d: survey.apply(d, found, options, evidence["id"]),
    )
    return prepare(plan, workspace, config)
