from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cjmap.render import mermaid
from tests.render.conftest import GOLDEN


def test_mermaid_golden(laptop, golden) -> None:
    golden(GOLDEN / "buy-a-laptop.mmd", mermaid.render(laptop, laptop.analyses["buy-a-laptop"], "mermaid").decode())


def test_scores_map_the_scale_linearly_onto_1_to_5() -> None:
    assert [mermaid.score(v, (-2, 2)) for v in (-2, -1, 0, 1, 2)] == [1, 2, 3, 4, 5]
    assert [mermaid.score(v, (-3, 3)) for v in (-3, 0, 3)] == [1, 3, 5]


def test_personas_who_feel_differently_get_their_own_task(laptop) -> None:
    text = mermaid.to_mermaid(laptop.analyses["buy-a-laptop"], laptop, (-2, 2))
    assert "      Product page and spec sheet: 2: Ana Costa\n      Product page and spec sheet: 4: Marcus Reed" in text
    assert "      Cart and delivery options: 1: Ana Costa, Marcus Reed" in text


def test_what_mermaid_leaves_out_is_noted(laptop) -> None:
    laptop.notes.clear()
    mermaid.render(laptop, laptop.analyses["buy-a-laptop"], "mermaid")
    assert laptop.notes == [mermaid.LEFT_OUT]


@given(st.text(max_size=60))
def test_names_never_carry_mermaid_syntax(name: str) -> None:
    safe = mermaid.text(name)
    assert safe and not set(safe) & set(":;#,%\n\r\t") and safe == safe.strip()
