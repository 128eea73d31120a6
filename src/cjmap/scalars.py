"""What a YAML scalar means: the YAML 1.2 core schema, tags that must match their values, and
numbers every later step can compute with.

Plain scalars resolve as the 1.2 core schema says (`yes` and `on` are text, `0o17` is 15, `.inf`
is infinity but `.iNf` is text). A core tag must fit its value (`!!int abc` and `!!map [a]` are
problems); other tags are not supported. An integer beyond what a float holds (about 1.8e308) is
reported and kept as text: Python cannot even convert one of more than 4,300 digits, and the
renderers and `stats` turn numbers into floats and text.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any, cast

from cjmap.problem import Problem

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
WORDS: dict[str, bool | None] = {**dict.fromkeys(_NULLS - {""}), **_BOOLS}  # plain words that are not text
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    **{sign + spelling: float(sign + "inf") for sign in ("", "+", "-") for spelling in (".inf", ".Inf", ".INF")},
    **{spelling: math.nan for spelling in (".nan", ".NaN", ".NAN")},
}
NUMERIC_START = frozenset("0123456789+-.")  # plain scalars that may be numbers start so
_CORE = "tag:yaml.org,2002:"
_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    _CORE + "int": (int, "an integer"),
    _CORE + "float": ((int, float), "a number"),
    _CORE + "bool": (bool, "true or false"),
    _CORE + "null": (type(None), "null"),
}
_COLLECTIONS = {_CORE + "map": "mapping", _CORE + "seq": "list"}
_MAX_INT = int(sys.float_info.max)  # about 1.8e308
_MAX_DIGITS = len(str(_MAX_INT))


class TooLong(Exception):
    """An integer larger than a float can hold."""


def resolve_plain(value: str) -> Any:
    """Resolve an untagged plain scalar with the YAML 1.2 core schema. TooLong for an integer
    Python could not write back in decimal."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] in NUMERIC_START:
        if _INT.fullmatch(value):
            if len(value.lstrip("+-0")) > _MAX_DIGITS:
                raise TooLong
            return _checked(int(value))
        if _FLOAT.fullmatch(value):
            return float(value)
        if value.startswith(("0x", "0o")):
            try:
                number = int(value, 0)  # linear for these bases, whatever the length
            except ValueError:
                return value
            return _checked(number)
    return _SPECIAL_FLOATS.get(value, value)


def _checked(number: int) -> int:
    if -_MAX_INT <= number <= _MAX_INT:
        return number
    raise TooLong


def short(text: str) -> str:
    """`text` cut to fit in a message."""
    return text if len(text) <= 40 else text[:37] + "..."


def tag_name(tag: str) -> str:
    """`!!int` for the core schema's tags, the tag as written otherwise."""
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


class Scalars:
    """Resolves scalar events of one file and records the problems they have as `Problem`s."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path, self.problems = path, problems

    def problem(self, event: Any, rule: str, message: str, hint: str | None = None) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, rule, message, hint=hint))

    def plain(self, text: str, event: Any) -> Any:
        """An untagged plain scalar's value; a too-long integer is reported and kept as text."""
        try:
            return resolve_plain(text)
        except TooLong:
            self.problem(
                event,
                "yaml-syntax",
                f"number `{short(text)}` is too large: cjmap reads numbers up to about 1.8e308",
                "cjmap reads it as text; quote it if text is what you mean",
            )
            return text

    def value(self, event: Any) -> Any:
        """Any scalar event's value: quoted and block scalars are text, tags must fit."""
        tag, text = event.tag, event.value
        if tag is None or tag == "!":
            if event.style or not event.implicit[0]:
                return text
            return self.plain(text, event) if text else None
        if tag == _CORE + "str":
            return text
        value = self.plain(text, event) if text else None
        expected = _TYPES.get(tag)
        if expected is None:
            self.tag_problem(event, f"`{short(text)}`")
            return value
        types, wanted = expected
        if not isinstance(value, types) or (isinstance(value, bool) and types is not bool):
            self._mismatch(event, f"`{short(text)}`", wanted)
            return text
        return float(cast(float, value)) if tag == _CORE + "float" else value

    def tag_problem(self, event: Any, what: str) -> None:
        """A collection or scalar tagged with a tag that does not fit it, or that cjmap does not read."""
        tag = event.tag
        if tag in _COLLECTIONS or tag in _TYPES or tag == _CORE + "str":
            wanted = _COLLECTIONS.get(tag) or _TYPES.get(tag, ("", "text"))[1]
            self._mismatch(event, what, wanted)
            return
        self.problem(
            event, "yaml-syntax", f"unsupported YAML tag `{tag}`", "cjmap reads plain YAML data; remove the tag"
        )

    def _mismatch(self, event: Any, what: str, wanted: str) -> None:
        self.problem(
            event,
            "yaml-syntax",
            f"{what} is tagged `{tag_name(event.tag)}` but is not {_article(wanted)}",
            "remove the tag, or write a value that fits it",
        )


def _article(wanted: str) -> str:
    return wanted if wanted.startswith(("a ", "an ", "true", "null", "text")) else f"a {wanted}"
