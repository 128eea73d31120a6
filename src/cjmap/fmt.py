"""`cjmap fmt`: canonical layout for map files, proved harmless before anything is written.

ruamel.yaml's round-trip mode keeps every comment and value; cjmap orders keys as the format's
documentation does, indents by two spaces, quotes only where YAML needs it and puts one blank
line between stages. Before writing, the output is read back with cjmap's own loader and must
give the same data and keep every comment, or nothing is written.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.discovery import discover
from cjmap.errors import CjmapError
from cjmap.loader import Source, compose, looks_like_map
from cjmap.output import write_atomic_bytes

ORDER: dict[str, tuple[str, ...]] = {
    "journey": (
        "kind",
        "id",
        "title",
        "scenario",
        "owner",
        "state",
        "reviewed",
        "objectives",
        "tags",
        "personas",
        "evidence",
        "stages",
        "improvements",
    ),
    "persona": (
        "kind",
        "id",
        "name",
        "role",
        "age",
        "summary",
        "quote",
        "goals",
        "needs",
        "frustrations",
        "motivations",
        "attributes",
        "evidence",
    ),
    "evidence": ("kind", "id", "title", "type", "date", "sample_size", "url", "summary"),
    "stage": ("id", "name", "goal", "description", "metrics", "evidence", "touchpoints"),
    "touchpoint": (
        "id",
        "name",
        "channel",
        "scope",
        "device",
        "owner",
        "description",
        "actions",
        "thoughts",
        "emotion",
        "pain_points",
        "opportunities",
        "backstage",
        "critical",
        "metrics",
        "evidence",
        "next",
    ),
    "improvement": ("id", "title", "owner", "status", "due", "description", "addresses"),
    "note": ("text", "severity"),
}
_STAGE_ITEM = re.compile(r"^  - ")
_BLOCK_SCALAR = re.compile(r"^\s*(?:- )?(?:[^#'\"]*:\s+)?[|>][-+0-9]*\s*(?:#.*)?$")


@dataclass
class Outcome:
    path: str
    changed: bool = False
    diff: str = ""
    refused: str | None = None


@dataclass
class FmtReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def changed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.changed]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.refused]


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, flow style and block scalars are kept
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a team's text
    yaml.allow_unicode = True
    yaml.preserve_quotes = False
    return yaml


def format_text(text: str) -> str:
    """The canonical layout of one file's text (LF line ends; the caller restores CRLF)."""
    yaml = _yaml()
    documents = list(yaml.load_all(text))
    for document in documents:
        _order_document(document)
    buffer = io.StringIO()
    explicit = text.lstrip().startswith("---")
    yaml.explicit_start = explicit
    yaml.dump_all(documents, buffer)
    return _space_stages(buffer.getvalue())


def _order_document(document: Any) -> None:
    if not isinstance(document, dict):
        return
    kind = document.get("kind")
    if kind not in ("journey", "persona", "evidence"):
        return
    _order(document, ORDER[kind])
    if kind != "journey":
        return
    for stage in _mappings(document.get("stages")):
        _order(stage, ORDER["stage"])
        for touchpoint in _mappings(stage.get("touchpoints")):
            _order(touchpoint, ORDER["touchpoint"])
            for key in ("pain_points", "opportunities"):
                for note in _mappings(touchpoint.get(key)):
                    _order(note, ORDER["note"])
    for improvement in _mappings(document.get("improvements")):
        _order(improvement, ORDER["improvement"])


def _mappings(value: Any) -> list[Any]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _order(mapping: Any, order: tuple[str, ...]) -> None:
    """Move keys into `order`; keys cjmap does not know keep their place after the known ones."""
    if not hasattr(mapping, "move_to_end"):
        return
    for key in [k for k in order if k in mapping] + [k for k in list(mapping) if k not in order]:
        mapping.move_to_end(key)


def _space_stages(text: str) -> str:
    """Inside the top-level `stages:` block, exactly one blank line before every stage after
    the first and none elsewhere (ruamel keeps blank lines with the key they followed, which
    reordering moves). Lines of block scalars (`|`, `>`) are never touched."""
    out: list[str] = []
    in_stages, seen, scalar_parent = False, 0, -1
    ending = "\n" if text.endswith("\n") else ""
    for line in text.removesuffix("\n").split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if scalar_parent >= 0 and (not line.strip() or indent > scalar_parent):
            out.append(line)
            continue
        scalar_parent = indent if _BLOCK_SCALAR.match(line) else -1
        if line and not line[0].isspace() and not line.startswith(("#", "- ")):
            in_stages, seen = line.startswith("stages:"), 0
        elif in_stages and not line.strip():
            continue
        elif in_stages and _STAGE_ITEM.match(line):
            seen += 1
            if seen > 1:  # the blank line goes above comments that introduce this stage
                at = len(out)
                while at and out[at - 1].lstrip().startswith("#") and not out[at - 1].startswith("   "):
                    at -= 1
                out.insert(at, "")
        out.append(line)
    return "\n".join(out) + ending


def _comments(text: str) -> list[str]:
    """Every comment's text: `#` outside the spans of YAML tokens (so never inside a scalar)."""
    import yaml

    covered = bytearray(len(text) + 1)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for token in yaml.scan(text, Loader=loader):
        start, end = token.start_mark.index, token.end_mark.index
        covered[start:end] = b"\x01" * (end - start)
    found, at = [], text.find("#")
    while at != -1:
        if not covered[at] and (at == 0 or text[at - 1] in " \t\n"):
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            found.append(text[at:end].strip())
            at = text.find("#", end)
        else:
            at = text.find("#", at + 1)
    return sorted(found)


def _data(text: str, path: str) -> list[Any]:
    source = Source(path, text)
    compose(source)
    if source.problems:
        raise CjmapError(f"{path}:{source.problems[0].line}:{source.problems[0].column}: {source.problems[0].message}")
    return [d.data for d in source.documents]


def format_bytes(raw: bytes, display: str) -> tuple[Outcome, bytes | None]:
    """Format one file's bytes; the new bytes when they change and are proved safe, else None."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    outcome = Outcome(display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        outcome.refused = "not UTF-8, left as it is"
        return outcome, None
    crlf = "\r\n" in text
    source_text = text.replace("\r\n", "\n")
    try:
        before = _data(source_text, display)
        _comments(source_text)
        formatted = format_text(source_text)
    except CjmapError as error:
        outcome.refused = f"not valid YAML, left as it is: {error}"
        return outcome, None
    except Exception as error:  # ruamel.yaml raises many types; none may lose the user's file
        outcome.refused = f"ruamel.yaml could not format it, left as it is: {error}"
        return outcome, None
    if not _same(formatted, source_text, before, display):
        outcome.refused = "formatting would change its data or drop a comment; nothing written (please report this)"
        return outcome, None
    if formatted == source_text:
        return outcome, None
    outcome.changed = True
    outcome.diff = "".join(
        difflib.unified_diff(
            source_text.splitlines(keepends=True),
            formatted.splitlines(keepends=True),
            f"a/{display.lstrip('/')}",
            f"b/{display.lstrip('/')}",
        )
    )
    final = formatted.replace("\n", "\r\n") if crlf else formatted
    return outcome, (b"\xef\xbb\xbf" if bom else b"") + final.encode("utf-8")


def _same(formatted: str, original: str, data: list[Any], display: str) -> bool:
    """Whether the formatted text reads back as the same data with the same comments."""
    import yaml

    try:
        return _data(formatted, display) == data and _comments(formatted) == _comments(original)
    except (CjmapError, yaml.YAMLError):
        return False


def format_paths(paths: list[Path], write: bool) -> FmtReport:
    """Format every map file under `paths`; write the changed ones when `write`."""
    report = FmtReport()
    for candidate in discover(paths):
        try:
            raw = candidate.path.read_bytes()
        except OSError as error:
            raise CjmapError(f"{candidate.display}: cannot read: {error.strerror or error}") from error
        if not candidate.explicit and not looks_like_map(raw):
            continue
        outcome, new = format_bytes(raw, candidate.display)
        report.outcomes.append(outcome)
        if write and new is not None:
            write_atomic_bytes(candidate.path, new)
    return report
