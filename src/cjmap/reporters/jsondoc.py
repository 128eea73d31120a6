"""JSON documents for tools, also safe to print in a terminal or a CI log.

Non-ASCII text stays readable, but the characters `printable` escapes for terminals (controls,
invisible and bidi characters, lone surrogates) and the CI-log command markers `::` and `##[`
are written as JSON `\\u` escapes: the document means exactly the same to a JSON reader. JSON is
strict: it has no NaN or infinities, so such a number (which validation reports) is written as
the string "nan", "inf" or "-inf" rather than as a bare `NaN` other readers refuse.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, TextIO

from cjmap.reporters.terminal import UNSAFE


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if found == "\n":  # json.dumps escapes every control character inside strings: this is layout
        return found
    if len(found) > 1:  # `::` or `##[`: escape the second character
        return f"{found[0]}\\u{ord(found[1]):04x}{found[2:]}"
    encoded = found.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(encoded[i : i + 2], 'big'):04x}" for i in range(0, len(encoded), 2))


def dumps(document: Any) -> str:
    """`document` as indented JSON text, ending with a newline."""
    try:
        text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a NaN or an infinity somewhere: rare, so only then walk the document
        text = json.dumps(_finite(document), indent=2, ensure_ascii=False, allow_nan=False)
    return UNSAFE.sub(_escape, text) + "\n"


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def dump(document: Any, out: TextIO) -> None:
    """Write `dumps(document)` to `out`."""
    out.write(dumps(document))
