"""The one layout of map files, and its read-back proof.

Everything that writes map YAML goes through here: `cjmap fmt`, every import (new files and edits
of existing ones) and `cjmap init`/`new`. ruamel.yaml's round-trip mode keeps every comment and
value; cjmap orders keys as the format's documentation does, indents by two spaces, quotes only
where YAML needs it and puts one blank line between stages. Before anything is written, the text
is read back with cjmap's own loader and must give the expected data and keep every comment
(`prove`), or a LayoutError says why and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cjmap.errors import EXIT_OK, EXIT_PROBLEMS, CjmapError
from cjmap.loader import KINDS as MAP_KINDS
from cjmap.loader import Source, compose

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
        "personas",
        "description",
        "actions",
        "thoughts",
        "emotion",
        "pain_points",
        "opportunities",
        "frontstage",
        "backstage",
        "support",
        "physical_evidence",
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


class LayoutError(CjmapError):
    """The text cannot be laid out, or the result would not read back as it must."""


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


def comments(text: str) -> list[str]:
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


def read_data(text: str, display: str = "text") -> list[Any]:
    """The plain data of every document, as cjmap's loader reads it; a LayoutError if it cannot."""
    source = Source(display, text)
    compose(source)
    if source.problems:
        first = source.problems[0]
        raise LayoutError(f"not valid YAML, left as it is: {display}:{first.line}:{first.column}: {first.message}")
    return [d.data for d in source.documents]


def prove(original: str, laid_out: str, expected: list[Any], display: str = "text") -> None:
    """`laid_out` must read back as `expected` and keep every comment of `original`."""
    import yaml

    try:
        same = read_data(laid_out, display) == expected and comments(laid_out) == comments(original)
    except (LayoutError, yaml.YAMLError):
        same = False
    if not same:
        raise LayoutError(
            "the new layout would change its data or drop a comment; nothing written (please report this)"
        )


def holds_map(documents: list[Any]) -> bool:
    """Whether any document is a persona, journey or evidence."""
    return any(isinstance(d, dict) and d.get("kind") in MAP_KINDS for d in documents)


def relayout(text: str, display: str = "text") -> str:
    """`text` (LF line ends) in the canonical layout, proved to mean the same."""
    before = read_data(text, display)
    try:
        comments(text)
        laid_out = format_text(text)
    except CjmapError:
        raise
    except Exception as error:  # ruamel.yaml raises many types; none may lose the user's file
        raise LayoutError(f"ruamel.yaml could not format it, left as it is: {error}") from error
    prove(text, laid_out, before, display)
    return laid_out


def edit(text: str, change: Callable[[list[Any]], None], display: str = "text") -> str:
    """`text` with `change` applied to its round-trip documents, laid out, and proved: the result
    reads back as the changed documents and keeps every comment."""
    yaml = _yaml()
    try:
        documents = list(yaml.load_all(text))
    except Exception as error:
        raise LayoutError(f"ruamel.yaml could not read it, left as it is: {error}") from error
    change(documents)
    buffer = io.StringIO()
    yaml.explicit_start = text.lstrip().startswith("---")
    yaml.dump_all(documents, buffer)
    laid_out = format_text(buffer.getvalue())
    prove(text, laid_out, [plain(d) for d in documents], display)
    return laid_out


def dump(documents: list[dict[str, Any]], header: str | None = None) -> str:
    """New map text for `documents` in the canonical layout (with a first comment line `header`),
    proved to read back as the same data."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump_all(documents, buffer)
    text = format_text(buffer.getvalue())
    if header:
        text = f"# {header}\n{text}"
    if read_data(text, "generated") != [plain(d) for d in documents]:
        raise LayoutError("generated YAML does not read back as the data it was made from (please report this)")
    return text


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'-]*")
_SPECIAL = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(text: str) -> str:
    """`text` as a YAML scalar for templates: plain when that reads back as the same text, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    import json

    plain_text = _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL and not text.endswith(" ")
    return text if plain_text else json.dumps(text, ensure_ascii=False)


def check_laid_out(text: str, display: str = "text") -> None:
    """Text cjmap made from a template must read back cleanly and already be in the layout."""
    read_data(text, display)
    if format_text(text) != text:
        raise LayoutError(f"{display}: the template is not in cjmap's layout (please report this)")


def plain(value: Any) -> Any:
    """What cjmap's loader reads back for `value`: plain dicts and lists, dates as ISO text."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@dataclass
class Outcome:
    """What happened to one file: changed (with its diff), unchanged, or refused and why."""

    path: str
    changed: bool = False
    diff: str = ""
    refused: str | None = None


@dataclass
class FmtResult:
    outcomes: list[Outcome] = field(default_factory=list)
    write: bool = True
    check: bool = False

    @property
    def changed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.changed]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.refused]

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.refused or (self.check and self.changed) else EXIT_OK


def format_bytes(raw: bytes, display: str) -> tuple[Outcome | None, bytes | None]:
    """Format one file's bytes; the new bytes when they change and are proved safe, else None.
    A byte-order mark and CRLF line ends are kept. No outcome at all for YAML that holds no map
    document: it is not cjmap's to lay out."""
    outcome = Outcome(display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        outcome.refused = "not UTF-8, left as it is"
        return outcome, None
    crlf = "\r\n" in text
    source_text = text.replace("\r\n", "\n")
    try:
        if not holds_map(read_data(source_text, display)):
            return None, None
        laid_out = relayout(source_text, display)
    except LayoutError as error:
        outcome.refused = str(error)
        return outcome, None
    if laid_out == source_text:
        return outcome, None
    outcome.changed = True
    outcome.diff = _unified(source_text, laid_out, display)
    final = laid_out.replace("\n", "\r\n") if crlf else laid_out
    return outcome, (b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + final.encode("utf-8")


def _unified(before: str, after: str, display: str) -> str:
    name = display.lstrip("/")
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{name}", f"b/{name}")
    return "".join(lines)
