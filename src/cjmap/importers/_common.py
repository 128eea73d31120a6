"""Shared by the importers: ids from names, YAML text from data, safe writes."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

from cjmap.errors import CjmapError
from cjmap.fmt import format_text
from cjmap.loader import Source, compose


def slug(text: str, fallback: str = "item") -> str:
    """An id from a name: lowercase ASCII letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return cleaned or fallback


class Ids:
    """Hands out ids unique within one scope: `checkout`, then `checkout-2`..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, name: str, fallback: str = "item") -> str:
        base = slug(name, fallback)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def to_yaml(documents: list[dict[str, Any]], schema: str | None = None) -> str:
    """Canonically laid-out YAML for new files, checked to read back as the same data."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump_all(documents, buffer)
    text = format_text(buffer.getvalue())
    if schema:
        text = f"# yaml-language-server: $schema={schema}\n{text}"
    source = Source("generated", text)
    compose(source)
    if source.problems or [d.data for d in source.documents] != _plain(documents):
        raise CjmapError("generated YAML does not read back as the imported data (please report this)")
    return text


def read_text(path: Path) -> str:
    """A text file's content, with a clear error when it is not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CjmapError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CjmapError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[error.start]:02x}); save or export it as UTF-8"
        ) from None


def _plain(value: Any) -> Any:
    """What cjmap's loader reads back for `value`: dates as ISO text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value
