"""Load a workspace: discover files, compose YAML, validate documents against the models."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cjmap.config import Config
from cjmap.discovery import Candidate, Selection, discover
from cjmap.errors import CjmapError, PathError
from cjmap.loader import KINDS, Document, Loc, Source, is_map_kind, read_source
from cjmap.problem import Problem, did_you_mean, suggest

if TYPE_CHECKING:  # the models are imported when a document is validated: a warm validate has none
    from pydantic import BaseModel

    from cjmap.model import Evidence, Journey, Persona, Stage, Touchpoint

T = TypeVar("T", bound="BaseModel")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A validated model and the document it came from."""

    doc: Document
    model: T

    def at(self, loc: Loc, message: str, hint: str | None = None, *, key: bool = False) -> Problem:
        """A finding at `loc` inside this entry's document (rule name stamped by the linter)."""
        return self.doc.at(loc, message, hint, key=key)


@dataclass
class Workspace:
    """Everything that was loaded, valid or not, for rules, reporters, renderers and diff."""

    config: Config
    sources: dict[str, Source] = field(default_factory=dict)  # by the path shown to users
    personas: list[Entry[Persona]] = field(default_factory=list)
    evidence: list[Entry[Evidence]] = field(default_factory=list)
    journeys: list[Entry[Journey]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # ids declared by documents that failed validation: references to them are not reported again
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, id)
    # files loaded only to resolve references: their own problems are not reported
    context: set[str] = field(default_factory=set)
    # results computed once from the models and shared (analysis.analyses)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def add(self, source: Source, explicit: bool) -> None:
        """Add a file that was read, validating its documents (`explicit`: named by the user, so
        every document in it must be a map)."""
        _add_source(self, source, explicit)

    def entries(self, kind: str) -> list[Entry[Any]]:
        """The valid documents of one kind: persona, evidence or journey."""
        by_kind: dict[str, list[Entry[Any]]] = {
            "persona": self.personas,
            "evidence": self.evidence,
            "journey": self.journeys,
        }  # type: ignore[dict-item]
        return by_kind[kind]

    def ids(self, kind: str) -> set[str]:
        """Ids of that kind, including those of documents that failed validation."""
        return {e.model.id for e in self.entries(kind)} | {i for _, k, i in self.broken if k == kind}

    def journey(self, journey_id: str) -> Entry[Journey]:
        """The journey with this id, or a CjmapError that names the closest one."""
        for entry in self.journeys:
            if entry.model.id == journey_id:
                return entry
        known = [e.model.id for e in self.journeys]
        raise CjmapError(f"no journey `{journey_id}` in the workspace{did_you_mean(journey_id, known)}")

    @property
    def checked(self) -> list[str]:
        """The files read for checking (not those read only as context), as shown to users."""
        return [path for path in self.sources if path not in self.context]

    def touchpoints(self) -> Iterator[tuple[Entry[Journey], int, Stage, int, Touchpoint]]:
        """Every touchpoint with its journey, stage index, stage and index in the stage."""
        for journey in self.journeys:
            for s, stage in enumerate(journey.model.stages):
                for t, touchpoint in enumerate(stage.touchpoints):
                    yield journey, s, stage, t, touchpoint


def open_workspace(paths: list[Path] | None, config: Config) -> Workspace:
    """The one way commands open a workspace: the files under `paths` (default: the configured
    ones), validated into models. When paths are given inside a configured workspace, the rest
    of it is loaded as context so that references to personas and evidence in other files
    resolve; problems in context files are not reported."""
    candidates, context = plan(paths, config)
    return _load(candidates, context, config)


def load_workspace(
    paths: list[Path],
    config: Config,
    context: list[Path] | None = None,
    *,
    models_only: bool = False,
    shared: Shared | None = None,
) -> Workspace:
    """Read every map file under `paths` and validate its documents.

    Files under `context` (and not under `paths`) are loaded too, so that references from the
    files checked resolve, but are marked as context: problems in them are not reported. With
    `models_only`, each file's text and plain data are let go once its models and problems are
    made, and with `shared` a file whose bytes were loaded before takes those models (both for
    `cjmap diff`, which compares the models of two workspaces that are mostly the same files).
    """
    candidates, extra = _discover(paths, context or [], config)
    return _load(candidates, extra, config, models_only, shared)


Shared = dict[bytes, list[tuple[str, "Entry[Any]"]]]  # content digest -> (kind, entry) of a clean file


def plan(paths: list[Path] | None, config: Config) -> tuple[list[Candidate], set[str]]:
    """The files `open_workspace` reads, and (by the path shown) those read only as context."""
    context = config.workspace_paths() if paths and config.file else []
    return _discover(config.targets(paths), context, config)


def _discover(paths: list[Path], context: list[Path], config: Config) -> tuple[list[Candidate], set[str]]:
    seen: set[tuple[int, int]] = set()
    selection = Selection.of(config)
    candidates = [_printable(c) for c in discover(paths, selection, seen)]
    extra = [_printable(c) for c in discover(context, selection, seen)]
    return candidates + extra, {c.display for c in extra}


def _load(
    candidates: list[Candidate],
    context: set[str],
    config: Config,
    models_only: bool = False,
    shared: Shared | None = None,
) -> Workspace:
    workspace = Workspace(config, context=context)
    with paused_gc():
        # One process: reading half the files in a second one was measured and dropped. On this
        # project's 2-vCPU machines each half ran 1.7x slower side by side (docs/benchmarks.md).
        for candidate in candidates:
            if shared is None:
                source = read_candidate(candidate, config)
            else:
                source = _read_shared(workspace, candidate, config, shared)
            if source is None:
                continue
            if shared is None:
                workspace.add(source, candidate.explicit)
            if models_only:
                _release(source)
    return workspace


def _read_shared(workspace: Workspace, candidate: Candidate, config: Config, shared: Shared) -> Source | None:
    """Add one file to `workspace`: the models of a clean file with the same bytes loaded before,
    else the file read and validated (and, when clean, offered to the next workspace)."""
    import hashlib

    from cjmap.loader import load_bytes, read_raw

    try:
        raw = read_raw(candidate.path, candidate.display, explicit=candidate.explicit, max_bytes=config.max_file_size)
    except OSError as error:
        raise PathError(f"{candidate.display}: cannot read: {error.strerror or error}") from error
    if not isinstance(raw, bytes):
        if raw is not None:
            workspace.add(raw, candidate.explicit)
        return raw
    key = hashlib.blake2b(raw, digest_size=20).digest()
    if key in shared:
        workspace.sources[candidate.display] = Source(candidate.display)
        for kind, entry in shared[key]:
            workspace.entries(kind).append(entry)
        return None
    source = load_bytes(raw, candidate.display, explicit=candidate.explicit)
    if source is not None:
        before = {kind: len(workspace.entries(kind)) for kind in KINDS}
        problems = len(workspace.problems)
        workspace.add(source, candidate.explicit)
        if len(workspace.problems) == problems:
            shared[key] = [(kind, e) for kind in KINDS for e in workspace.entries(kind)[before[kind] :]]
    return source


def _release(source: Source) -> None:
    """Let go of what only positions and rules read: the text, the plain data and the marks."""
    source.text = ""
    for document in source.documents:
        document.data, document.marks = None, None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading and linting allocate millions of objects and
    almost no cycles, and each full collection would scan them all (docs/benchmarks.md). What was
    made meanwhile lives until the command ends, so it is frozen out of later collections too:
    without that, loading a second workspace (`cjmap diff`) scanned the first one again and again
    (5,000 journeys: 20 s and 860 MB)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def workspace_from_sources(
    sources: list[tuple[Source, bool]], config: Config, *, models_only: bool = False
) -> Workspace:
    """A workspace from sources read elsewhere (git objects), each with whether it was named."""
    workspace = Workspace(config)
    with paused_gc():
        for source, explicit in sources:
            workspace.add(source, explicit)
            if models_only:
                _release(source)
    return workspace


def read_candidate(candidate: Candidate, config: Config) -> Source | None:
    """Read one discovered file (None: not a map); an I/O error is a PathError (exit 2)."""
    try:
        path, display, explicit = candidate.path, candidate.display, candidate.explicit
        return read_source(path, display, explicit=explicit, max_bytes=config.max_file_size)
    except OSError as error:
        raise PathError(f"{candidate.display}: cannot read: {error.strerror or error}") from error


def _printable(candidate: Candidate) -> Candidate:
    """The candidate with a path users can read, print and write to a report: bytes of a file name
    that are not UTF-8 are shown as `\\xNN`."""
    display = candidate.display
    try:
        display.encode("utf-8")
        return candidate
    except UnicodeEncodeError:
        try:
            display = display.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            display = display.encode("utf-8", "backslashreplace").decode("utf-8")
    return replace(candidate, display=display)


def _add_source(workspace: Workspace, source: Source, explicit: bool) -> None:
    workspace.sources[source.path] = source
    workspace.problems.extend(source.problems)
    if explicit and not source.documents and not source.problems:
        source.problem(1, 1, "schema", "file has no YAML documents; expected a persona, journey or evidence")
        workspace.problems.append(source.problems[-1])
    for doc in source.documents:
        _add_document(workspace, doc, explicit)


def _add_document(workspace: Workspace, doc: Document, explicit: bool) -> None:
    data: Any = doc.data
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in KINDS:
        # A kind close to cjmap's (`Journey`, `jouney`) is a map with a mistake, wherever it is.
        if explicit or is_map_kind(kind):
            workspace.problems.append(_kind_problem(doc, kind))
        return
    from pydantic import ValidationError

    from cjmap.model import MODELS

    model = MODELS[kind]
    try:
        entry = Entry(doc, model.model_validate(data))
    except ValidationError as error:
        from cjmap.schema_errors import schema_problems

        workspace.problems.extend(schema_problems(doc, error, model))
        if isinstance(data.get("id"), str):
            workspace.broken.append((doc.source.path, kind, data["id"]))
        return
    workspace.entries(kind).append(entry)


def _kind_problem(doc: Document, kind: object) -> Problem:
    if kind is None:
        return doc.at((), "document has no `kind`; expected persona, journey or evidence", rule="schema")
    return doc.at(
        ("kind",), f"unknown kind `{kind}`; expected persona, journey or evidence", suggest(kind, KINDS), rule="schema"
    )
