"""Mermaid import, checked against Mermaid itself: the corpus's sidecars hold what Mermaid's own
parser and journey db read (tests/importers/corpus/README.md), and exports of imported diagrams
are read back by Mermaid (npm mermaid in jsdom, tests/importers/mermaid_db.mjs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from cjmap.importers import mermaid
from cjmap.importers.mermaid_syntax import score

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".mmd") and p.name != "README.md")


def read_like_mermaid(path: Path) -> list[dict[str, object]]:
    text = path.read_bytes().decode("utf-8")
    found = mermaid.read(text, path.suffix == ".md")
    diagrams: list[dict[str, object]] = []
    for block, diagram in found.diagrams:
        sections = [
            {"name": s.name, "tasks": [[t.name, score(t), t.actors] for t in s.tasks]} for s in diagram.sections
        ]
        diagrams.append(
            {"line": block.line, "valid": True, "title": diagram.title, "accTitle": diagram.acc_title}
            | {"accDescr": diagram.acc_descr, "sections": sections}
        )
    diagrams += [{"line": b.line, "valid": False, "error_line": e.line} for b, e in found.errors]
    return sorted(diagrams, key=lambda d: d["line"])  # type: ignore[arg-type, return-value]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_reads_as_mermaid_reads_it(path: Path) -> None:
    expected = json.loads((CORPUS / (path.stem + ".expected.json")).read_text("utf-8"))
    for diagram in expected["diagrams"]:
        diagram.pop("error", None)
    assert read_like_mermaid(path) == expected["diagrams"]


def test_corpus_imports_and_round_trips_through_mermaid(run_cli, tmp_path: Path, monkeypatch, mermaid_js) -> None:
    """Every journey of every file imports; rendered back to Mermaid, Mermaid reads the sections,
    tasks, scores and actors of the original."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cjmap.toml").write_text("", "utf-8")
    expected = []
    for path in FILES:
        sidecar = json.loads((CORPUS / (path.stem + ".expected.json")).read_text("utf-8"))
        good = [d for d in sidecar["diagrams"] if d["valid"]]
        expected += good
        result = run_cli("import", "mermaid", str(path), expect=1 if len(good) < len(sidecar["diagrams"]) else 0)
        assert result.stdout.count("+ journey ") == len(good), result
    assert " error " not in run_cli("validate", expect=0).stdout
    run_cli("render", "--format", "mermaid", "--out", "out", "--force", expect=0)
    rendered = {}
    for file in sorted((tmp_path / "out").glob("*.mmd")):
        read = mermaid_js.read(file.read_text("utf-8"))
        assert read["ok"], (file.name, read)
        rendered[file.name] = read["sections"]
    for diagram in expected:
        assert diagram["sections"] in rendered.values(), diagram
    assert len(rendered) == len(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("journey\n  section A\n    Task: 0: Me\n", "line 3: score 0 is outside 1..5"),
        ("journey\n  section A\n    Task: X: Me\n", "line 3: score `X` is not a number from 1 to 5"),
        ("journey\n  section A\n    Task: 2.5: Me\n", "line 3: score 2.5 is not a whole number"),
        ("journey\n  section A\n    Step 1: Log in: 5: Me\n", "line 3: task name contains `:`"),
        ("journey\n  accTitle My title\n  section A\n    T: 3: Me\n", "line 2: `accTitle My title` needs a colon"),
        ("journey\n  title a; b\n", "line 2: `;` is not allowed here"),
        ("journey\n  section A: B\n    T: 3: Me\n", "line 2: `: B` without a task name"),
        ("journey\n  accDescr {\n   no end\n", "line 2: `accDescr {` has no closing `}`"),
        ("journey\n  title Empty\n", "the journey has no sections or tasks"),
    ],
)
def test_bad_diagrams_are_reported_with_their_line(text: str, message: str) -> None:
    found = mermaid.read(text, markdown=False)
    assert not found.diagrams and len(found.errors) == 1
    assert message in str(found.errors[0][1])
    in_markdown = mermaid.read(f"# Doc\n\n```mermaid\n{text}```\n", markdown=True)  # lines of the file
    assert in_markdown.errors[0][1].line == found.errors[0][1].line + 3


def test_a_bad_diagram_is_reported_and_the_others_import(run_cli, tmp_path: Path) -> None:
    result = run_cli("import", "mermaid", str(CORPUS / "support-journeys.md"), "--out", str(tmp_path / "o"), expect=1)
    assert "support-journeys.md:56: diagram not imported: `: tier 2` without a task name" in result.stderr
    names = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert "getting-help-with-a-broken-order.yaml" in names and "getting-help-with-a-broken-order-2.yaml" in names
    assert "self-service-returns.yaml" in names


def test_non_latin_names_give_readable_ids_and_personas_match_by_name(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "o"
    run_cli("import", "mermaid", str(CORPUS / "korean-signup.md"), "--out", str(out), expect=0)
    journey = yaml.safe_load((out / "mobail-aeb-hoewongaib-yeojeong.yaml").read_text("utf-8"))
    assert [s["id"] for s in journey["stages"]] == ["aeb-seolchi", "bonin-injeung", "gaib-wanlyo"]
    assert journey["personas"] == ["singyu-gogaeg", "tongsinsa", "maketingtim"]
    shutil.copy(CORPUS / "multilingual-research.md", tmp_path / "m.md")
    result = run_cli("import", "mermaid", str(tmp_path / "m.md"), "--out", str(out), expect=0)
    assert "+ persona singyu-gogaeg" not in result.stdout  # the same people: matched, not re-created
    again = run_cli("import", "mermaid", str(CORPUS / "korean-signup.md"), "--out", str(out), expect=2)
    assert "exists already" in again.stderr  # never overwrites a journey without --force


def test_a_persona_with_the_same_slug_but_another_name_is_not_reused(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "ana-b.yaml").write_text("kind: persona\nid: ana-b\nname: Ana Bell\n", "utf-8")
    (tmp_path / "d.mmd").write_text("journey\n  title T\n  section S\n    Pay: 4: Ana B, Ana Bell\n", "utf-8")
    run_cli("import", "mermaid", str(tmp_path / "d.mmd"), "--out", str(out), expect=0)
    assert yaml.safe_load((out / "t.yaml").read_text("utf-8"))["personas"] == ["ana-b-2", "ana-b"]
