"""What each file declares and refers to across files: all that the cross-file rules need.

A file's facts are the ids its valid documents declare (with where they are written), the ids of
its documents that failed validation, and the persona and evidence ids it refers to. They are
taken from a file once, while it is loaded, and are plain values, so `cjmap validate` can keep
them (with the file's own problems) in its cache and run the cross-file rules on every run
without reading a file that did not change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cjmap.loader import Document, Loc

if TYPE_CHECKING:
    from cjmap.workspace import Workspace

# (kind, id, line, column): an id as written in a file
Mention = tuple[str, str, int, int]


@dataclass
class Facts:
    """The cross-file facts of one file (or of several, for a workspace loaded whole)."""

    declared: list[Mention] = field(default_factory=list)  # ids of valid documents, in file order
    broken: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) of documents that failed
    references: list[Mention] = field(default_factory=list)  # persona and evidence ids referred to


@dataclass
class Index:
    """The facts of every file read, by the path shown to users, in reading order."""

    files: list[tuple[str, Facts]] = field(default_factory=list)

    def declared(self, kind: str) -> Iterator[tuple[str, Mention]]:
        """Every valid document's id of `kind`, with its file's path."""
        for path, facts in self.files:
            for mention in facts.declared:
                if mention[0] == kind:
                    yield path, mention

    def references(self, kind: str) -> Iterator[tuple[str, Mention]]:
        """Every reference to an id of `kind`, with its file's path."""
        for path, facts in self.files:
            for mention in facts.references:
                if mention[0] == kind:
                    yield path, mention

    def ids(self, kind: str) -> set[str]:
        """Ids of that kind, including those of documents that failed validation."""
        declared = {mention[1] for _, mention in self.declared(kind)}
        return declared | {i for _, facts in self.files for k, i in facts.broken if k == kind}


def index_of(workspace: Workspace) -> Index:
    """The facts of a workspace loaded whole, one entry per file."""
    by_path: dict[str, Facts] = {path: Facts() for path in workspace.sources}
    for kind in ("persona", "evidence", "journey"):
        for entry in workspace.entries(kind):
            _collect(by_path[entry.doc.source.path], kind, entry.doc, entry.model)
    for path, kind, identifier in workspace.broken:
        by_path[path].broken.append((kind, identifier))
    return Index(list(by_path.items()))


def _collect(facts: Facts, kind: str, doc: Document, model: Any) -> None:
    facts.declared.append(_mention(doc, ("id",), kind, model.id))
    for loc, ref_kind, ids in _references(kind, model):
        facts.references.extend(_mention(doc, (*loc, i), ref_kind, item) for i, item in enumerate(ids))


def _references(kind: str, model: Any) -> Iterator[tuple[Loc, str, list[str]]]:
    if kind == "evidence":
        return
    yield ("evidence",), "evidence", model.evidence
    if kind != "journey":
        return
    yield ("personas",), "persona", model.personas
    for s, stage in enumerate(model.stages):
        yield ("stages", s, "evidence"), "evidence", stage.evidence
        for t, touchpoint in enumerate(stage.touchpoints):
            yield ("stages", s, "touchpoints", t, "evidence"), "evidence", touchpoint.evidence


def _mention(doc: Document, loc: Loc, kind: str, identifier: str) -> Mention:
    line, column = doc.source.locate(doc.index, loc)
    return (kind, identifier, line, column)
