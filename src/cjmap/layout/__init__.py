"""The one layout of map files, and its read-back proof.

Everything that writes map YAML goes through here: `cjmap fmt` (`relayout`, `format_bytes`), every
import (`dump` for new files, `edit` for changes to existing ones) and `cjmap init`/`new`
(`scalar`, `check_laid_out`). ruamel.yaml's round-trip mode keeps every comment and value; cjmap
orders keys as the format's documentation does (comments move with the key they were written
above), indents by two spaces, quotes where any YAML 1.1 or 1.2 reader needs it (agree.py) and
puts one blank line between stages. Each document of a file is laid out on its own, so comments
and directives before a `---` stay where they are.

Before anything is written the text is read back (`prove`): with cjmap's loader it must give the
expected data and keep every comment, and PyYAML (YAML 1.1, pure Python and libyaml) and
ruamel.yaml (YAML 1.2) must read the same data. Otherwise a LayoutError says why and nothing is
written.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable
from typing import Any

from cjmap.errors import CjmapError
from cjmap.layout.agree import double_quoted, install, normalise, plain_agrees, readings
from cjmap.layout.comments import comments, reattach, restore_end
from cjmap.layout.files import FmtResult, Outcome
from cjmap.layout.order import KINDS, ORDER, order_document, space_stages
from cjmap.loader import Source, compose

__all__ = [
    "ORDER",
    "FmtResult",
    "LayoutError",
    "Outcome",
    "check_laid_out",
    "comments",
    "dump",
    "edit",
    "format_bytes",
    "format_text",
    "holds_map",
    "plain",
    "prove",
    "read_data",
    "relayout",
    "scalar",
]
_MARKER = re.compile(r"^(?:---|\.\.\.)(?=\s|$)")


class LayoutError(CjmapError):
    """The text cannot be laid out, or the result would not read back as it must."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, flow style and block scalars are kept
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a team's text
    yaml.allow_unicode = True
    yaml.preserve_quotes = False
    install(yaml)
    return yaml


def split_documents(text: str) -> list[tuple[str, str]]:
    """(marker line, body) per document: the first marker is empty; a marker is a `---` or `...`
    line (which YAML only allows at column 0, so no scalar is ever cut)."""
    parts: list[tuple[str, str]] = []
    marker, body = "", list[str]()
    for line in text.splitlines(keepends=True):
        if _MARKER.match(line):
            parts.append((marker, "".join(body)))
            marker, body = line, []
        else:
            body.append(line)
    parts.append((marker, "".join(body)))
    return parts


def _has_data(body: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith(("#", "%")) for line in body.splitlines())


def format_text(text: str) -> str:
    """The canonical layout of one file's text (LF line ends; the caller restores CRLF)."""
    return "".join(marker + (_format_document(body) if _has_data(body) else body) for marker, body in _split(text))


def _split(text: str) -> list[tuple[str, str]]:
    parts = split_documents(text)
    if any(marker.strip() not in ("---", "...") and not marker[3:].lstrip().startswith("#") for marker, _ in parts[1:]):
        return [("", text)]  # something follows a `---` on its line: lay the file out as one stream
    return parts


def _format_document(body: str) -> str:
    yaml = _yaml()
    return _dump_laid_out(yaml, list(yaml.load_all(body)))


def _dump_laid_out(yaml: Any, documents: list[Any]) -> str:
    for document in documents:
        end = reattach(document)
        order_document(document)
        restore_end(document, end)
    buffer = io.StringIO()
    yaml.dump_all(documents, buffer)
    return space_stages(buffer.getvalue())


def read_data(text: str, display: str = "text") -> list[Any]:
    """The plain data of every document, as cjmap's loader reads it; a LayoutError if it cannot."""
    source = Source(display, text)
    compose(source)
    if source.problems:
        first = source.problems[0]
        raise LayoutError(f"not valid YAML, left as it is: {display}:{first.line}:{first.column}: {first.message}")
    return [d.data for d in source.documents]


def prove(original: str, laid_out: str, expected: list[Any], display: str = "text") -> None:
    """`laid_out` must read back as `expected` in cjmap and in every other reader, and keep every
    comment of `original`."""
    try:
        same = read_data(laid_out, display) == expected and comments(laid_out) == comments(original)
        agreed = all(reading == normalise(expected) for reading in readings(laid_out))
    except Exception:  # any reader refusing the text is a failed proof, whatever it raises
        same = agreed = False
    if not same:
        raise LayoutError(
            "the new layout would change its data or drop a comment; nothing written (please report this)"
        )
    if not agreed:
        raise LayoutError("YAML 1.1 and 1.2 readers would read the new layout differently; nothing written")


def holds_map(documents: list[Any]) -> bool:
    """Whether any document is a persona, journey or evidence."""
    return any(isinstance(d, dict) and d.get("kind") in KINDS for d in documents)


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
    """`text` with `change` applied to its round-trip documents (all of them, in order, edited in
    place), laid out, and proved: the result reads back as the changed documents and keeps every
    comment. Only the documents the change touched are laid out again; the others, and comments,
    directives and empty documents around them, stay byte for byte as they were."""
    yaml = _yaml()
    try:
        parts = [
            (marker, body, list(yaml.load_all(body)) if _has_data(body) else None) for marker, body in _split(text)
        ]
        before = [[plain(d) for d in documents] if documents is not None else None for _, _, documents in parts]
        change([document for _, _, documents in parts for document in documents or []])
        pieces, expected = [], []
        for (marker, body, documents), was in zip(parts, before, strict=True):
            now = [plain(d) for d in documents] if documents is not None else []
            if documents is None or now == was:
                pieces.append(marker + body)
                expected += read_data(marker + body, display)
            else:
                expected += now
                pieces.append(marker + _dump_laid_out(yaml, documents))
    except CjmapError:
        raise
    except Exception as error:  # ruamel.yaml raises many types; none may lose the user's file
        raise LayoutError(f"ruamel.yaml could not read it, left as it is: {error}") from error
    laid_out = "".join(pieces)
    prove(text, laid_out, expected, display)
    return laid_out


def dump(documents: list[dict[str, Any]], header: str | None = None) -> str:
    """New map text for `documents` in the canonical layout (with a first comment line `header`),
    proved to read back as the same data."""
    yaml = _yaml()
    buffer = io.StringIO()
    yaml.dump_all(documents, buffer)
    text = format_text(buffer.getvalue())
    if header:
        text = f"# {header}\n{text}"
    prove(text, text, [plain(d) for d in documents], "generated")
    return text


def plain(value: Any) -> Any:
    """What cjmap's loader reads back for `value`: plain dicts and lists, dates as ISO text."""
    return normalise(value)


def scalar(text: str) -> str:
    """`text` as a YAML scalar for templates: plain when every reader reads it back as the same
    text, in a mapping value or a flow list, else double-quoted."""
    plain_text = plain_agrees(text, flow=True) and all(
        _reads_back(template.format(text), value) for template, value in (("k: {}\n", {"k": text}), ("[{}]\n", [text]))
    )
    return text if plain_text else double_quoted(text)


def _reads_back(text: str, value: Any) -> bool:
    try:
        return read_data(text) == [value] and all(reading == [value] for reading in readings(text))
    except Exception:  # a reader that refuses it: not plain
        return False


def check_laid_out(text: str, display: str = "text") -> None:
    """Text cjmap made from a template must read back cleanly and already be in the layout."""
    read_data(text, display)
    if format_text(text) != text:
        raise LayoutError(f"{display}: the template is not in cjmap's layout (please report this)")


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
