"""Shared by the importers: ids from names, and reading text files with a clear error."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from cjmap.errors import CjmapError


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
