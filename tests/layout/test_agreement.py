"""The layout keeps every word where it was and writes YAML that every reader agrees on."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cjmap.layout import LayoutError, dump, edit, relayout, scalar
from cjmap.layout.agree import float_text
from cjmap.loader import Source, compose


def cjmap_reads(text: str) -> list[object]:
    source = Source("t.yaml", text)
    compose(source)
    assert not source.problems, source.problems
    return [d.data for d in source.documents]


def every_reader(text: str) -> list[list[object]]:
    """What PyYAML (pure, YAML 1.1), libyaml and ruamel.yaml (pure and C, YAML 1.2) read."""
    found = [list(yaml.load_all(text, Loader=yaml.SafeLoader)), list(yaml.load_all(text, Loader=yaml.CSafeLoader))]
    found += [list(YAML(typ="safe", pure=pure).load_all(text)) for pure in (True, False)]
    return found


PERSONA = "kind: persona\nid: a\nname: A\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("# header comment\n---\n" + PERSONA, "# header comment\n---\n"),
        ("%YAML 1.2\n---\n" + PERSONA, "%YAML 1.2\n---\n"),
        (PERSONA + "---\n# about the second\n" + PERSONA.replace("id: a", "id: b"), "---\n# about the second\n"),
        (PERSONA + "goals: [a, # why a\n  b]\n", "  - a # why a\n  - b\n"),
        (PERSONA + "summary: &s |\n  one\n\n  three\nquote: *s\n", "summary: &s |\n  one\n\n  three\n"),
    ],
)
def test_files_fmt_refused_before_are_laid_out_keeping_every_word(text: str, kept: str) -> None:
    laid_out = relayout(text)
    assert kept in laid_out
    assert cjmap_reads(laid_out) == cjmap_reads(text)


def test_an_anchored_block_scalar_inside_stages_keeps_its_blank_line() -> None:
    text = (
        "kind: journey\nid: j\ntitle: T\npersonas: [p]\nstages:\n  - id: s\n    name: S\n"
        "    description: &d |\n      first\n\n      second\n  - id: t\n    name: T\n    description: *d\n"
    )
    laid_out = relayout(text)
    assert "      first\n\n      second\n" in laid_out and cjmap_reads(laid_out) == cjmap_reads(text)


def test_a_comment_above_a_key_that_moves_moves_with_it() -> None:
    text = (
        "kind: journey\ntitle: T\n# the id links point here\nid: j\npersonas: [p]\nstages:\n"
        "  - name: S\n    # keep this id\n    id: s\n    touchpoints:\n      - channel: web\n"
        "        # shown on the map\n        name: Tea\n        id: t\n"
    )
    laid_out = relayout(text)
    assert "# the id links point here\nid: j\n" in laid_out
    assert "  # keep this id\n  - id: s\n" in laid_out
    assert "        # shown on the map\n        name: Tea\n" in laid_out


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "OFF", "1:30", "0o17", ".iNf", "1_000", "~", "="])
def test_strings_other_readers_would_read_differently_keep_their_quotes(word: str) -> None:
    text = PERSONA + f'role: "{word}"\ngoals: ["{word}"]\n'
    laid_out = relayout(text)
    for reading in every_reader(laid_out):
        assert reading[0]["role"] == word and reading[0]["goals"] == [word]


@pytest.mark.parametrize("item", ["Why is it so slow?", "a:b", "x #y", "a,b", "[x]", "&x", "*x", "!x"])
def test_flow_list_items_every_parser_accepts(item: str) -> None:
    laid_out = relayout(PERSONA + f"goals: [{yaml.safe_dump(item, default_style=chr(34)).strip()}]\n")
    for reading in every_reader(laid_out):
        assert reading[0]["goals"] == [item]


@pytest.mark.parametrize("value", [0.35, 1e20, 1.5e-7, 1000.0, -2.5e300, 3.0])
def test_floats_are_written_so_that_yaml_1_1_reads_a_float(value: float) -> None:
    text = float_text(value)
    assert yaml.safe_load(text) == value and cjmap_reads(text) == [value]


def test_numbers_in_forms_only_yaml_1_2_reads_become_decimal() -> None:
    laid_out = relayout(PERSONA + "attributes: {a: 0o17, b: 0x1F, c: 1e3}\n")
    for reading in every_reader(laid_out):
        assert reading[0]["attributes"] == {"a": 15, "b": 31, "c": 1000.0}


def test_an_edit_touches_only_the_document_it_changes(tmp_path: Path) -> None:
    text = (
        "# header\n---\n" + PERSONA + "goals: [x]   # one\n---\n" + PERSONA.replace("id: a", "id: b") + 'role: "on"\n'
    )

    def rename(documents: list) -> None:  # type: ignore[type-arg]
        for document in documents:
            if document["id"] == "a":
                document["name"] = "Ana"

    changed = edit(text, rename)
    assert changed.startswith("# header\n---\n") and "name: Ana" in changed and "# one" in changed
    assert cjmap_reads(changed)[1] == cjmap_reads(text)[1]


def test_an_edit_that_would_drop_a_comment_is_refused() -> None:
    def drop_goals(documents: list) -> None:  # type: ignore[type-arg]
        del documents[0]["goals"]

    with pytest.raises(LayoutError, match="drop a comment"):
        edit(PERSONA + "goals:   # the reasons\n  - x\n", drop_goals)


yaml_words = st.sampled_from(
    ["yes", "No", "on", "OFF", "y", "n", "1:30", "12:30:45", "0o17", "0x1F", "1_000", ".inf", ".NaN", "~", "null", "=",
     "<<", "2026-01-01", "2026-01-01 10:00:00", "true", "1e3", "+1", "-", "?", ":", "#", "@x", "`x", "%x"]
)  # fmt: skip
tricky_text = st.text(
    st.sampled_from(list("ab :?#,[]{}&*!|>'\"%@`-.0123456789\\é🙂\t\x85\x7f\u2028\x01\n")), min_size=1, max_size=12
)
strings = yaml_words | tricky_text | st.tuples(yaml_words, tricky_text).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(role=strings, goals=st.lists(strings, max_size=3), key=strings)
def test_any_string_is_written_so_that_every_reader_reads_it_back(role: str, goals: list[str], key: str) -> None:
    document = {"kind": "persona", "id": "a", "name": "A", "role": role, "goals": goals, "attributes": {key: role}}
    text = dump([document])
    for reading in [cjmap_reads(text), *every_reader(text)]:
        assert reading == [document]
    assert relayout(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20) | strings)
def test_template_values_are_plain_only_when_every_reader_agrees(text: str) -> None:
    written = scalar(text)
    for document in (f"k: {written}\n", f"[{written}]\n"):
        expected = {"k": text} if document.startswith("k") else [text]
        for reading in [cjmap_reads(document), *every_reader(document)]:
            assert reading == [expected]


@pytest.mark.parametrize("text", ["2026-03-01T10:00:00Z", "2026-03-01 10:00:00", "2026-03-01t10:00:00.5+01:00"])
def test_a_date_with_a_time_is_text_to_cjmap_and_written_so_that_every_reader_agrees(text: str) -> None:
    laid_out = relayout(PERSONA + f"role: {text}\n")
    for reading in [cjmap_reads(laid_out), *every_reader(laid_out)]:
        assert reading[0]["role"] == text
    assert relayout(PERSONA + "role: 2026-03-01\n").endswith("role: 2026-03-01\n")  # a plain date stays plain


def test_an_edit_leaves_the_documents_it_does_not_change_byte_for_byte() -> None:
    other = 'kind: persona\nid: b\nname:    B\ngoals: ["yes"]   # kept as written\n'
    text = PERSONA + "---\n" + other

    def rename(documents: list) -> None:  # type: ignore[type-arg]
        documents[0]["name"] = "Ana"

    assert edit(text, rename).endswith("---\n" + other)
