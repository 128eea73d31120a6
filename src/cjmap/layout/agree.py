"""YAML that every reader agrees on: YAML 1.1 readers (PyYAML, yamllint, many CI tools), YAML 1.2
readers (ruamel.yaml, cjmap's own loader) and both C and pure-Python parsers.

A string is written plain only when all of them read the plain text back as that same string;
otherwise it keeps, or gets, quotes: `"yes"`, `"on"` and `"1:30"` (booleans and a sexagesimal
number in YAML 1.1), `Why is it so slow?` and `a:b` inside `[...]` (which some parsers reject),
`.iNf`, `0o17`. Numbers are written in the one form all of them read as the same number (decimal
integers; floats with a dot and a signed exponent).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from cjmap.scalars import TooLong, resolve_plain

STR = "tag:yaml.org,2002:str"
_FLOW_UNSAFE = frozenset("?:#,[]{}&*!|>'\"%@`")


def plain_agrees(text: str, flow: bool) -> bool:
    """Whether `text` written plain reads back as this string in every reader (in a flow
    collection when `flow`)."""
    if not text or text != text.strip():
        return False
    if flow and _FLOW_UNSAFE.intersection(text):
        return False
    try:
        if resolve_plain(text) != text:  # YAML 1.2 core, as cjmap reads it
            return False
    except TooLong:  # an integer too long for any reader to agree on: keep it quoted
        return False
    return _yaml11_tag(text) == STR


def _yaml11_tag(text: str) -> str:
    import yaml

    resolver = yaml.resolver.Resolver()
    tag: str = resolver.resolve(yaml.ScalarNode, text, (True, False))
    return tag


def _needs_escape(char: str) -> bool:
    code = ord(char)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
        or 0xD800 <= code <= 0xDFFF
    )


def double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that YAML 1.1 and 1.2 readers read back exactly:
    backslash, quote and every character YAML does not allow unescaped are escaped."""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif _needs_escape(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def float_text(value: float) -> str:
    """A float as every reader reads it: `0.35`, `1.0e+20` (YAML 1.1 needs the dot and the sign)."""
    text = repr(float(value))
    if text in ("inf", "-inf", "nan"):
        return {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}[text]
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        mantissa += ".0"
    if e and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + (f"e{exponent}" if e else "")


_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def install(yaml: Any) -> None:
    """Make a ruamel.yaml round-trip YAML() write only what every reader agrees on."""
    from ruamel.yaml.emitter import Emitter
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.scalarfloat import ScalarFloat
    from ruamel.yaml.scalarint import ScalarInt

    class TextTimestamps(VersionedResolver):  # type: ignore[misc]
        """A date (`2026-03-01`) is a date to every reader; a date with a time is text to cjmap
        and a timestamp to others, so it is read as text here, and then written quoted."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            tag = super().resolve(kind, value, implicit)
            if str(tag).endswith(":timestamp") and isinstance(value, str) and not _DATE.fullmatch(value):
                return super().resolve(kind, value, (False, False))
            return tag

    class AgreeingEmitter(Emitter):  # type: ignore[misc]
        def choose_scalar_style(self) -> Any:
            style = super().choose_scalar_style()
            event = self.event
            if event.style in ("|", ">"):  # block scalars keep their style (folds are marked inside)
                return style
            if event.tag == STR and any(_needs_escape(char) for char in event.value if char not in "\n\t"):
                return '"'  # only double quotes can escape what readers would take as line breaks
            if style == "" and event.tag == STR and not plain_agrees(event.value, bool(self.flow_level)):
                return "'" if self.analysis.allow_single_quoted and not self.analysis.multiline else '"'
            return style

    def represent_float(representer: Any, value: float) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:float", float_text(value))

    def represent_int(representer: Any, value: int) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:int", str(int(value)))

    yaml.Emitter = AgreeingEmitter
    yaml.Resolver = TextTimestamps
    for kind in (float, ScalarFloat):
        yaml.representer.add_representer(kind, represent_float)
    yaml.representer.add_representer(ScalarInt, represent_int)
    for subclass in ScalarInt.__subclasses__():
        yaml.representer.add_representer(subclass, represent_int)


def readings(text: str) -> list[Any]:
    """`text` as other readers read it, each normalised like cjmap's plain data (dates as ISO
    text): PyYAML's pure-Python YAML 1.1 SafeLoader, libyaml through PyYAML, and ruamel.yaml's
    YAML 1.2 safe loader (C when available). A reader that refuses the text gives an exception."""
    import yaml
    from ruamel.yaml import YAML

    found = [list(yaml.load_all(text, Loader=yaml.SafeLoader))]
    if hasattr(yaml, "CSafeLoader"):
        found.append(list(yaml.load_all(text, Loader=yaml.CSafeLoader)))
    found.append(list(YAML(typ="safe").load_all(io.StringIO(text))))
    return [normalise(documents) for documents in found]


def normalise(value: Any) -> Any:
    """Plain dicts and lists, dates as ISO text (cjmap reads dates as text)."""
    if isinstance(value, dict):
        return {normalise(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value  # a datetime stays one: cjmap reads text there, so the readers disagree
