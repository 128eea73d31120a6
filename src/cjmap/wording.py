"""Small pieces of wording shared by every output: signed numbers, titles from ids, plurals."""

from __future__ import annotations


def signed(value: int) -> str:
    """+1, 0, -2: the sign always shown except for zero."""
    return f"{value:+d}" if value else "0"


def title_from_id(identifier: str) -> str:
    """A readable title for an id: `buy-a_laptop` -> `Buy a laptop`."""
    return identifier.replace("-", " ").replace("_", " ").strip().capitalize() or identifier


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 file`, `2 files` (or the plural given)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
