"""Shared by the importers: ids from names, persona look-up, and reading text files with a clear error."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from cjmap.errors import CjmapError


def slug(text: str, fallback: str = "item") -> str:
    """An id from a name in any script: `신규 고객` -> `singyu-gogaeg`, `Доставка` -> `dostavka`.

    anyascii transliterates (ISC licence, a table per script, no dictionary), so ids are
    readable and the same on every machine; names with nothing to transliterate (emoji only)
    get `fallback`."""
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return cleaned or fallback


class Ids:
    """Hands out ids unique within one scope: `checkout`, then `checkout-2`..."""

    def __init__(self, used: Iterable[str] = ()) -> None:
        self.used: set[str] = set(used)

    def take(self, name: str, fallback: str = "item") -> str:
        base = slug(name, fallback)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def same_name(a: str, b: str) -> bool:
    """Names a person would call the same: case and runs of spaces aside."""
    return _name_key(a) == _name_key(b)


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


class PersonaBook:
    """Persona ids for names met in imported material: an existing persona whose id or name
    matches, else a new persona with an id no other persona of the workspace has."""

    def __init__(self, existing: dict[str, str], taken: Iterable[str] = ()) -> None:
        self.by_key = {_name_key(name): pid for pid, name in existing.items()}
        self.ids = {pid for pid in existing}
        self._new_ids = Ids({*existing, *taken})
        self.created: dict[str, str] = {}  # new id -> name

    def find(self, name: str) -> str | None:
        """The id of an existing (or already created) persona called `name`, or with id `name`."""
        return name if name in self.ids else self.by_key.get(_name_key(name))

    def register(self, pid: str, name: str) -> None:
        """A persona the import itself brings (a workbook's Personas sheet)."""
        self.by_key.setdefault(_name_key(name), pid)
        self.ids.add(pid)
        self._new_ids.used.add(pid)

    def id_for(self, name: str) -> str:
        found = self.find(name)
        if found is not None:
            return found
        new = self._new_ids.take(name, "persona")
        self.created[new] = name
        self.by_key[_name_key(name)] = new
        self.ids.add(new)
        return new


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """A text file's content, with a clear error naming --encoding when it does not decode."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise CjmapError(f"unknown encoding `{encoding}` (try utf-8, cp1252 or latin-1)") from None
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CjmapError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        text = raw.decode("utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CjmapError(
            f"{path}:{line}: not {encoding} (byte 0x{raw[error.start]:02x}); pass --encoding with the file's "
            "encoding (Excel on Windows often saves cp1252), or save it as UTF-8"
        ) from None
    return text
