from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmap.composer import MAX_DEPTH
from cjmap.loader import Source, compose, load_bytes, read_source
from cjmap.positions import positions
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


# ---------------------------------------------------------------------------------------------
# Positions come from the one pass that composes a file


def test_offsets_recorded_while_composing_give_the_positions_of_a_second_pass() -> None:
    text = "kind: journey\nstages:\n  - id: a\n    touchpoints:\n      - {id: x, emotion: {ana: -1}}\n"
    source = load(text)
    table = positions(text, 0)
    assert table  # every node of the document
    for loc, (kl, kc, vl, vc) in table.items():
        assert source.locate(0, loc) == (vl, vc)
        assert source.locate(0, loc, key=True) == (kl, kc)


documents = st.recursive(
    st.none() | st.booleans() | st.integers() | words,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(words, children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(documents, min_size=1, max_size=3), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_positions_from_the_first_pass_equal_a_second_pass_for_any_document(
    values: list[object], newline: str, flow: bool
) -> None:
    """Any data, block or flow style, LF or CRLF, several documents, a byte-order mark: every
    node's key and value positions are those libyaml gives in a pass of its own."""
    import io

    from ruamel.yaml import YAML

    dumper = YAML(typ="safe", pure=True)
    dumper.width, dumper.default_flow_style = 4096, flow
    buffer = io.StringIO()
    dumper.dump_all(values, buffer)
    text = "\ufeff" + buffer.getvalue().replace("\n", newline)
    source = load(text)
    assert source.problems == []
    for index in range(len(values)):
        for loc, (kl, kc, vl, vc) in positions(text, index).items():
            assert source.locate(index, loc) == (vl, vc), loc
            assert source.locate(index, loc, key=True) == (kl, kc), loc


def test_a_file_is_parsed_once_however_many_problems_it_has(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """8,000 empty documents, or 4,000 personas without a name: every problem is located from
    the first pass (it took 65 s and 51 s when each problem parsed its file again)."""
    from cjmap import composer
    from cjmap import positions as second_pass
    from cjmap.config import Config
    from cjmap.linter import validate

    parses = []
    real = composer.Parser
    monkeypatch.setattr(composer, "Parser", lambda text: parses.append(1) or real(text))
    monkeypatch.setattr(second_pass, "Parser", lambda text: parses.append(2) or real(text))
    empty = tmp_path / "empty.yaml"
    empty.write_text("---\n" * 8000)
    personas = tmp_path / "personas.yaml"
    personas.write_text("".join(f"---\nkind: persona\nid: p{n}\n" for n in range(4000)))
    report = validate([empty, personas], Config(root=tmp_path))
    assert len(parses) == 2
    empties = [p.line for p in report.problems if p.path == str(empty)]
    assert empties == list(range(2, 8002))  # each empty document's null, just past its `---`
    missing = [p for p in report.problems if p.path == str(personas) and "missing required field `name`" in p.message]
    assert [p.line for p in missing] == [2 + 3 * n for n in range(4000)]


def test_a_document_with_a_duplicate_key_is_located_by_one_more_pass() -> None:
    source = load("kind: persona\nid: a\nid: b\nstages:\n  - x\n  - y\n")
    assert [p.rule for p in source.problems] == ["duplicate-key"]
    assert source.locate(0, ("stages", 1)) == (6, 5)
    assert source.locate(0, ("id",), key=True) == (2, 1)  # the first one, as written


def test_an_alias_is_located_where_it_is_written() -> None:
    source = load("a: &x [1, 2]\nb: *x\nc: 3\n")
    assert source.locate(0, ("b", 1)) == (2, 4)
    assert source.locate(0, ("c",)) == (3, 4)


# ---------------------------------------------------------------------------------------------
# Scalars: YAML 1.2, tags that must fit, numbers Python can write back


@pytest.mark.parametrize(
    ("text", "value", "message"),
    [
        ("a: .iNf\n", ".iNf", None),
        ("a: .inf\n", float("inf"), None),
        ("a: -.Inf\n", float("-inf"), None),
        ("a: !!int 12\n", 12, None),
        ("a: !!float 1\n", 1.0, None),
        ("a: !!str 12\n", "12", None),
        ("a: !!bool true\n", True, None),
        ("a: !!null\n", None, None),
        ("a: !!int abc\n", "abc", "`abc` is tagged `!!int` but is not an integer"),
        ("a: !!int true\n", "true", "`true` is tagged `!!int` but is not an integer"),
        ("a: !!float x\n", "x", "`x` is tagged `!!float` but is not a number"),
        ("a: !!bool yes\n", "yes", "`yes` is tagged `!!bool` but is not true or false"),
        ("a: !!map [a]\n", ["a"], "a list is tagged `!!map` but is not a mapping"),
        ("a: !!seq {b: 1}\n", {"b": 1}, "a mapping is tagged `!!seq` but is not a list"),
        ("a: !!str {b: 1}\n", {"b": 1}, "a mapping is tagged `!!str` but is not text"),
        ("a: !!seq x\n", "x", "`x` is tagged `!!seq` but is not a list"),
        ("a: !python/object x\n", "x", "unsupported YAML tag `!python/object`"),
    ],
)
def test_tags_must_fit_their_values(text: str, value: object, message: str | None) -> None:
    source = load(text)
    assert source.documents[0].data == {"a": value}
    assert [p.message for p in source.problems] == ([message] if message else [])
    assert all((p.rule, p.line, p.column) == ("yaml-syntax", 1, 4) for p in source.problems)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=400, max_value=20_000), st.sampled_from(["", "-", "+", "0x", "0o"]))
def test_integers_beyond_a_float_are_reported_and_kept_as_text(digits: int, prefix: str) -> None:
    """Beyond about 1.8e308, however long (Python cannot even read one of over 4,300 digits) and
    however written."""
    number = prefix + "7" * digits
    source = load(f"a: {number}\nb: [{number}]\n")
    assert source.documents[0].data == {"a": number, "b": [number]}
    assert [(p.rule, p.line) for p in source.problems] == [("yaml-syntax", 1), ("yaml-syntax", 2)]
    assert "is too large: cjmap reads numbers up to about 1.8e308" in source.problems[0].message


def test_the_largest_integers_a_float_holds_are_numbers() -> None:
    largest = int(sys.float_info.max)
    assert load(f"a: {largest}\nb: -{largest}\n").documents[0].data == {"a": largest, "b": -largest}


# ---------------------------------------------------------------------------------------------
# What is read: regular files only, within the size limit


def test_a_fifo_is_reported_and_never_opened_for_reading(tmp_path: Path) -> None:
    import signal

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    signal.alarm(20)  # a blocking open would hang here: fail instead
    try:
        source = read_source(fifo, "pipe.yaml", explicit=False)
    finally:
        signal.alarm(0)
    assert source is not None
    assert [(p.rule, p.message) for p in source.problems] == [
        ("invalid-file", "file is a named pipe (FIFO), not a regular file; it was not read")
    ]


def test_a_link_to_a_device_is_reported_and_never_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    source = read_source(link, "zero.yaml", explicit=True)
    assert source is not None and source.text == ""
    assert "is a character device, not a regular file" in source.problems[0].message


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux's /proc")
def test_the_size_limit_holds_while_reading(tmp_path: Path) -> None:
    """/proc files report a size of 0: the limit must hold on what is actually read."""
    link = tmp_path / "status.yaml"
    link.symlink_to("/proc/self/status")
    source = read_source(link, "status.yaml", explicit=True, max_bytes=100)
    assert source is not None and source.text == ""
    assert [p.rule for p in source.problems] == ["invalid-file"]
    assert "over the 0.0 MB limit" in source.problems[0].message


# ---------------------------------------------------------------------------------------------
# Which files found in a folder are maps


@pytest.mark.parametrize(
    "head",
    [
        b"kind: journey\n",
        b"kind: Journey\n",
        b"kind: jouney\n",
        b"kind: &k journey\n",
        b"kind: !!str persona\n",
        b'"kind": "evidence"\n',
        b"{kind: personas, id: a}\n",
        b"kind:\n  journey\n",
    ],
)
def test_a_kind_close_to_a_cjmap_kind_makes_a_map(head: bytes) -> None:
    assert load_bytes(head + b"id: x\n", "x.yaml", explicit=False) is not None


@pytest.mark.parametrize(
    "head",
    [b"on: push\n", b"kind: Deployment\n", b"apiVersion: v1\nkind: Service\n", b"kind: Event\n", b"mankind: journey\n"],
)
def test_yaml_of_other_tools_is_not_a_map(head: bytes) -> None:
    assert load_bytes(head + b"id: x\n", "x.yaml", explicit=False) is None


@pytest.mark.parametrize(
    "raw", [b"\xff\xfek\x00i\x00n\x00d\x00", b"kind: persona\x00", b"name: Jos\xe9\n", b"on: [push\n\xe9"]
)
def test_a_yaml_file_that_cannot_be_decoded_is_always_reported(raw: bytes) -> None:
    source = load_bytes(raw, "x.yaml", explicit=False)
    assert source is not None and [p.rule for p in source.problems] == ["invalid-file"]


def test_a_broken_file_is_a_map_when_its_text_says_so() -> None:
    assert load_bytes(b"kind: journey\nid: [x\n", "x.yaml", explicit=False) is not None
    assert load_bytes(b"kind: Deployment\nid: [x\n", "x.yaml", explicit=False) is None


# ---------------------------------------------------------------------------------------------
# Ignore comments are comments


@pytest.mark.parametrize(
    ("text", "ignored"),
    [
        ("a: 1 # cjmap: ignore\n", {1: {"*"}}),
        ('a: "x # cjmap: ignore"\n', {}),
        ("a: 'x # cjmap: ignore[schema]' # cjmap: ignore[CJM105]\n", {1: {"CJM105"}}),
        ("a: |\n  # cjmap: ignore\nb: 2 #cjmap: ignore[x, y]\n", {3: {"x", "y"}}),
        ("a: x#cjmap: ignore\n", {}),
        ("# cjmap: ignore\na: [1, 2] # cjmap: ignore[z]\n", {1: {"*"}, 2: {"z"}}),
    ],
)
def test_only_real_comments_silence_rules(text: str, ignored: dict[int, set[str]]) -> None:
    assert load(text).ignores() == {line: frozenset(names) for line, names in ignored.items()}
