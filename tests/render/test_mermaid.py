from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmap.importers import mermaid as importer
from cjmap.importers.scale import emotion_from_score
from cjmap.layout import dump
from cjmap.render import mermaid
from tests.importers.mermaid_parser import MermaidParser
from tests.render.conftest import GOLDEN


@pytest.fixture(scope="module")
def mermaid_js() -> Iterator[MermaidParser]:
    parser = MermaidParser()
    yield parser
    parser.close()


NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
HOSTILE = ["Section review", "Title page", "journey", "accDescr { x", "AccTitle: y", "title", "%% note", "a;b", "#1;"]


def test_mermaid_golden(laptop, golden) -> None:
    golden(GOLDEN / "buy-a-laptop.mmd", mermaid.render(laptop, laptop.analyses["buy-a-laptop"], "mermaid").decode())


@given(st.integers(-20, 20), st.integers(4, 40))
def test_scores_survive_the_trip_through_any_scale_of_five_or_more_values(low: int, span: int) -> None:
    scale = (low, low + span)
    assert [mermaid.score(emotion_from_score(s, scale), scale) for s in range(1, 6)] == [1, 2, 3, 4, 5]


def test_small_scales_keep_emotions_and_share_scores() -> None:
    assert [emotion_from_score(s, (-1, 2)) for s in range(1, 6)] == [-1, 0, 1, 1, 2]
    assert [mermaid.score(v, (-1, 2)) for v in (-1, 0, 1, 2)] == [1, 2, 4, 5]  # halves round up
    assert [mermaid.score(v, (-1, 1)) for v in (-1, 0, 1)] == [1, 3, 5]


def test_only_personas_with_an_emotion_are_actors(laptop) -> None:
    text = mermaid.to_mermaid(laptop.analyses["buy-a-laptop"], laptop, (-2, 2))
    assert "      Product page and spec sheet: 2: Ana Costa\n      Product page and spec sheet: 4: Marcus Reed" in text
    assert "      Cart and delivery options: 1: Ana Costa, Marcus Reed" in text


def _journey(tmp_path: Path, title: str, stage: str, touchpoint: str, persona: str) -> str:
    touchpoints = [
        {"id": "t", "name": touchpoint, "channel": "web", "emotion": {"p": 2}},
        {"id": "u", "name": "only Quinn", "channel": "web", "personas": ["q"], "emotion": -1},
        {"id": "v", "name": "nobody", "channel": "web"},
    ]
    documents = [
        {"kind": "persona", "id": "p", "name": persona},
        {"kind": "persona", "id": "q", "name": "Quinn"},
        {"kind": "journey", "id": "j", "title": title, "personas": ["p", "q"]}
        | {"stages": [{"id": "s", "name": stage, "touchpoints": touchpoints}]},
    ]
    (tmp_path / "m.yaml").write_text(dump(documents), encoding="utf-8")
    context = _context(tmp_path)
    return mermaid.to_mermaid(context.analyses["j"], context, (-2, 2))


def _context(folder: Path):
    from cjmap.analysis import analyse_workspace
    from cjmap.config import load_config
    from cjmap.render import RenderContext
    from cjmap.workspace import open_workspace

    workspace = open_workspace([folder], load_config(targets=[folder]))
    return RenderContext(workspace, analyse_workspace(workspace))


def test_personas_who_do_not_take_a_touchpoint_are_not_invented(tmp_path: Path) -> None:
    text = _journey(tmp_path, "T", "S", "Pay", "Ana")
    assert "      Pay: 5: Ana\n      only Quinn: 2: Quinn\n      nobody: 3\n" in text


@pytest.mark.parametrize("name", HOSTILE)
def test_keywords_and_syntax_in_names_parse_and_read_back(tmp_path: Path, name: str, mermaid_js) -> None:
    text = _journey(tmp_path, name, name, name, name)
    read = mermaid_js.read(text)
    assert read["ok"] and read["title"] == name, (text, read)
    assert read["sections"][0]["name"] == name and read["sections"][0]["tasks"][0] == [name, 5, [name]]
    diagram = importer.read(text, markdown=False).diagrams[0][1]
    assert diagram.title == name and diagram.sections[0].tasks[0].name == name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=NAMES, stage=NAMES, touchpoint=NAMES, persona=NAMES)
def test_any_names_parse_and_read_back_the_same_in_mermaid(
    tmp_path_factory, mermaid_js, title, stage, touchpoint, persona
) -> None:
    text = _journey(tmp_path_factory.mktemp("m"), title, stage, touchpoint, persona)
    read = mermaid_js.read(text)
    assert read["ok"], (text, read)
    assert read["title"] == title and read["sections"][0]["name"] == stage, (text, read)
    assert read["sections"][0]["tasks"][0] == [touchpoint, 5, [persona]], (text, read)
    diagram = importer.read(text, markdown=False).diagrams[0][1]
    assert (diagram.title, diagram.sections[0].name, diagram.sections[0].tasks[0].name) == (title, stage, touchpoint)
    assert diagram.sections[0].tasks[0].actors == [persona]
