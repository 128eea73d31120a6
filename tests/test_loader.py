from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.composer import MAX_DEPTH, positions
from cjmap.loader import Source, compose, read_source
from cjmap.scalars import resolve_plain


def load(text: str) -> Source:
    source = Source("t.yaml", text)
    compose(source)
    return source


def rules_at(source: Source) -> list[tuple[str, int, int]]:
    return [(p.rule, p.line, p.column) for p in source.problems]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", 1),
        ("-3", -3),
        ("+2", 2),
        ("0x1f", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("yes", "yes"),
        ("on", "on"),
        ("2026-01-01", "2026-01-01"),
        ("web", "web"),
        ("-", "-"),
        ("1.2.3", "1.2.3"),
        ("0xzz", "0xzz"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == value


def test_composes_documents_into_plain_data() -> None:
    source = load('kind: persona\nid: ana\nage: 30\nquote: "42"\ngoals: [a, b]\n---\nkind: evidence\n')
    assert [d.data for d in source.documents] == [
        {"kind": "persona", "id": "ana", "age": 30, "quote": "42", "goals": ["a", "b"]},
        {"kind": "evidence"},
    ]
    assert source.problems == []


def test_locates_keys_and_values_of_nested_nodes() -> None:
    source = load("a: 1\nstages:\n  - id: x\n    touchpoints:\n      - {id: y, emotion: -1}\n")
    assert source.locate(0, ("stages", 0, "touchpoints", 0, "emotion")) == (5, 26)
    assert source.locate(0, ("stages", 0, "touchpoints", 0, "emotion"), key=True) == (5, 17)
    assert source.locate(0, ("stages", 0, "missing")) == (3, 5)  # nearest ancestor


def test_locates_in_the_right_document() -> None:
    source = load("kind: persona\nid: a\n---\nkind: persona\nid: b\n")
    assert source.locate(1, ("id",)) == (5, 5)


def test_aliases_share_data_without_copying() -> None:
    source = load("a: &x [1, 2]\nb: *x\n")
    data = source.documents[0].data
    assert data["b"] == [1, 2] and data["a"] is data["b"]


def test_alias_bomb_stops_at_the_budget() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous, name = chr(96 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    source = load("\n".join(lines) + "\n")
    assert rules_at(source) == [("yaml-syntax", 6, 36)]
    assert "alias" in source.problems[0].hint


def test_recursive_alias_is_a_syntax_problem() -> None:
    assert rules_at(load("a: &r [*r]\n")) == [("yaml-syntax", 1, 8)]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_deep_nesting_is_refused_without_recursion(depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    text = "a: " + opener * depth + "x" + closer * depth + "\n" if opener != "- " else "- " * depth + "x\n"
    source = load(text)
    assert [(p.rule, p.message) for p in source.problems] == [
        ("yaml-syntax", f"nesting deeper than {MAX_DEPTH} levels")
    ]


@pytest.mark.parametrize(
    "wording", ["exceeded maximum nesting depth (while increasing flow level)", "too deeply nested"]
)
def test_the_parsers_own_nesting_limit_reads_as_cjmaps(monkeypatch: pytest.MonkeyPatch, wording: str) -> None:
    """Whatever libyaml build is installed, and whichever limit it has, users see one message."""
    import yaml

    from cjmap import composer

    class Refusing:
        def __init__(self, text: str) -> None:
            mark = yaml.Mark("t.yaml", 0, 2, 7, None, None)
            raise yaml.MarkedYAMLError(problem=wording, problem_mark=mark)

    monkeypatch.setattr(composer, "Parser", Refusing)
    assert rules_at(load("a: [[[[]]]]\n")) == [("yaml-syntax", 3, 8)]
    assert load("a: [[[[]]]]\n").problems[0].message == f"nesting deeper than {MAX_DEPTH} levels"


def test_duplicate_keys_are_reported_where_they_repeat() -> None:
    assert rules_at(load("kind: persona\nid: a\nid: b\n")) == [("duplicate-key", 3, 1)]


def test_syntax_error_has_position_and_tab_hint() -> None:
    source = load("kind: persona\nid: a\n\tname: x\n")
    assert rules_at(source) == [("yaml-syntax", 3, 1)]
    assert "tab" in source.problems[0].hint


def test_control_characters_are_reported_at_their_position() -> None:
    assert rules_at(load("a: 1\nb: x\x07\n")) == [("yaml-syntax", 2, 5)]


def test_unknown_tags_are_reported() -> None:
    source = load("a: !python/object x\n")
    assert rules_at(source) == [("yaml-syntax", 1, 4)]


def test_complex_keys_are_refused() -> None:
    assert [p.rule for p in load("? [a, b]\n: c\n").problems] == ["yaml-syntax"]


@pytest.mark.parametrize(
    ("raw", "message", "where"),
    [
        (b"kind: persona\nname: Jos\xe9\n", "not valid UTF-8", (2, 10)),
        (b"\xff\xfek\x00i\x00", "UTF-16", (1, 1)),
        (b"kind: persona\n\x00\x01\x02", "binary", (2, 1)),
    ],
)
def test_undecodable_files_are_invalid(tmp_path: Path, raw: bytes, message: str, where: tuple[int, int]) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    source = read_source(path, "x.yaml", explicit=True)
    assert source is not None
    assert [(p.rule, p.line, p.column) for p in source.problems] == [("invalid-file", *where)]
    assert message in source.problems[0].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: persona\nid: a\n")
    source = read_source(path, "bom.yaml", explicit=True)
    assert source is not None and source.problems == []
    assert source.documents[0].data == {"kind": "persona", "id": "a"}
    assert source.locate(0, ("id",)) == (2, 5)


def test_oversized_files_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.write(b"kind: journey\n")
        handle.truncate(50_000_000)
    source = read_source(path, "big.yaml", explicit=True)
    assert source is not None and source.text == ""
    assert [p.rule for p in source.problems] == ["invalid-file"]
    assert "50.0 MB" in source.problems[0].message
    assert read_source(tmp_path / "big.yaml", "big.yaml", explicit=False) is not None  # it declares a kind


def test_discovery_skips_yaml_that_is_not_a_map(tmp_path: Path) -> None:
    path = tmp_path / "ci.yaml"
    path.write_text("on: push\njobs: {}\n")
    assert read_source(path, "ci.yaml", explicit=False) is None
    assert read_source(path, "ci.yaml", explicit=True) is not None


def test_inline_ignores_are_read_per_line() -> None:
    source = load("a: 1  # cjmap: ignore[missing-emotion, CJM208]\nb: 2 # cjmap: ignore\nc: 3\n")
    assert source.ignored_on(1) == {"missing-emotion", "CJM208"}
    assert source.ignored_on(2) == {"*"}
    assert source.ignored_on(3) == frozenset()


yaml_text = st.text(
    alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#,? \n\t0123456789.~") + ["\u00e9", "\ufeff"]), max_size=200
)


@settings(max_examples=400, deadline=None)
@given(yaml_text)
def test_any_text_gives_data_or_problems_never_an_exception(text: str) -> None:
    source = load(text)
    for problem in source.problems:
        assert problem.line >= 1 and problem.column >= 1
    for document in source.documents:
        positions(text, document.index)  # never raises either


# Text both libyaml (YAML 1.1) and ruamel.yaml (1.2) agree on; exotic line breaks such as U+0085
# and flow keys starting with ":" are read differently by the two specs.
words = st.from_regex(r"[A-Za-z0-9 \u00e9\u4e2d][A-Za-z0-9 :#'\".,\u00e9\u4e2d-]{0,19}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words,
        lambda children: st.lists(children, max_size=4) | st.dictionaries(words, children, max_size=4),
        max_leaves=30,
    )
)
def test_composes_what_a_yaml_1_2_dumper_writes(value: object) -> None:
    import io

    from ruamel.yaml import YAML

    buffer = io.StringIO()
    dumper = YAML(typ="safe", pure=True)
    dumper.width = 4096  # ruamel folds long flow keys over lines, which YAML forbids for implicit keys
    dumper.dump({"root": value}, buffer)
    source = load(buffer.getvalue())
    assert source.problems == []
    assert source.documents[0].data == {"root": value}
