"""The one terminal escaping function: nothing from a map drives a terminal or a CI log."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cjmap.reporters.terminal import UNSAFE, printable, printable_lines
from tests.hostile import hostile_text, inert_problems

HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def hidden(ch: str) -> bool:
    code = ord(ch)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    joiner = code in (0x200C, 0x200D)
    return (unicodedata.category(ch) in HIDDEN_CATEGORIES or noncharacter) and not joiner


def test_every_control_invisible_and_bidi_character_is_escaped() -> None:
    """Against this Python's Unicode database, so a newer one cannot open a gap."""
    missed = [hex(code) for code in range(sys.maxunicode + 1) if hidden(chr(code)) and not UNSAFE.fullmatch(chr(code))]
    assert missed == []


def test_escapes_are_visible_and_plain_text_is_kept() -> None:
    assert printable("a\x1b[2Jb\u202ec\n\td\udcff\U000e0041") == "a\\x1b[2Jb\\u202ec\\n\\td\\udcff\\U000e0041"
    assert printable("::warning x::y ##[error]") == ":\\x3awarning x:\\x3ay #\\x23[error]"
    assert printable("Zoë 漢字 👨\u200d👩\u200d👧 a:b #1") == "Zoë 漢字 👨\u200d👩\u200d👧 a:b #1"
    assert printable_lines("a\n::b\x85\nc") == "a\n:\\x3ab\\x85\nc"


@given(hostile_text)
def test_printable_text_is_one_inert_line(text: str) -> None:
    shown = printable(text)
    assert "\n" not in shown and inert_problems(shown) == [] and inert_problems("  " + shown) == []
    assert all(not hidden(ch) for ch in shown)


@given(st.text())
def test_any_text_at_the_start_of_a_line_is_inert(text: str) -> None:
    assert inert_problems(printable(text) + "\n" + printable_lines(text)) == []
