"""Text bound for a terminal or a CI log: escaped so user text cannot drive either, coloured only
where wanted.

`printable` is the one escaping function for every line cjmap prints (reports, notes, refusals,
errors, stats tables), and the first step of the other text destinations (annotations, JUnit XML,
Markdown). User text from a map must never:

- drive the terminal: C0 and C1 controls (ESC starts clear-screen, OSC 8 links, colours), DEL;
- hide or reorder what is shown: bidi embeddings, overrides and isolates, zero-width and other
  invisible format characters, line and paragraph separators;
- break the output's structure: newlines and carriage returns (a new line in a CI log can be a
  workflow command), lone surrogates (from file names that are not UTF-8, which would stop the
  run when encoded) and non-characters (not allowed in XML);
- become a CI workflow command: GitHub's runner reads `::name ...::` at the start of a (trimmed)
  line and its older `##[name]` form anywhere in a line.

Each such character is shown as a visible escape (`\\x1b`, `\\u202e`), and `::` and `##[` as
`:\\x3a` and `#\\x23[`. Zero-width joiners (U+200C, U+200D) are kept: emoji and several scripts
need them.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

# Unicode categories Cc, Cf (but U+200C/U+200D), Cs, Zl, Zp and the non-characters, as of Unicode
# 15.1; a test checks this class against `unicodedata` so a newer Python cannot widen the gap.
UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]|::|##\\["
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "::": ":\\x3a", "##[": "#\\x23["}


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if found in _NAMED:
        return _NAMED[found]
    code = ord(found)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(value: str) -> str:
    """`value` as one inert line of text: see the module docstring for what is escaped."""
    return UNSAFE.sub(_escape, value)


def printable_lines(text: str) -> str:
    """Each line of `text` made printable, the line breaks kept (for diffs and multi-line notes)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def use_colour(out: TextIO) -> bool:
    """Colour for terminals, never when NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(out, "isatty") and out.isatty())
