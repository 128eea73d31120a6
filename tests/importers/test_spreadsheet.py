from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cjmap.importers import cells
from cjmap.importers.columns import EVIDENCE, IMPROVEMENT, JOURNEY, PERSONA, STAGE, STRUCTURE, TOUCHPOINT
from cjmap.model import MODELS, Improvement, Stage, Touchpoint

from ..conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
INVENTORY = """Phase,Touch point,Channel,Scope,Team,Doing,Thinking,Feeling,Pain points,Opportunities,Customer thoughts
Awareness,Poster at the station,advertising,peripheral,marketing,Sees the poster,Looks nice,1,,,Hmm
Awareness,"Friend's tip, at lunch",referral,Peripheral,,Asks a friend,,2,,,

Purchase,Web shop,web,external,e-commerce,Compares; Orders,Where is shipping?,-1,Shipping cost late [high]; Slow search,Show cost early,
Purchase,Web shop,web,external,e-commerce,Pays,,ana:0; ben:-2,,,
"""


def test_every_field_of_the_format_has_a_column() -> None:
    """A field added to a model and forgotten here fails: columns come from the models."""
    tables = {"Touchpoint": TOUCHPOINT, "Stage": STAGE, "Improvement": IMPROVEMENT}
    tables |= {"Persona": PERSONA, "Evidence": EVIDENCE, "Journey": JOURNEY}
    models = {m.__name__: m for m in (*MODELS.values(), Touchpoint, Stage, Improvement)}
    for name, columns in tables.items():
        fields = set(models[name].model_fields) - STRUCTURE
        assert {c.field for c in columns} == fields, name


@given(st.text())
def test_text_cells_read_back_unchanged(text: str) -> None:
    cell = cells.neutralise(cells.write_text(text))
    assert cells.read_text(cells.restore(cell)) == text
    assert not cell.startswith(cells.FORMULA_START)


@given(st.lists(st.text()))
def test_list_cells_read_back_unchanged(items: list[str]) -> None:
    cell = cells.neutralise(cells.write_items(items))
    assert cells.read_items(cells.restore(cell)) == items


@given(st.text(), st.sampled_from(["low", "medium", "high"]))
def test_notes_keep_their_text_and_severity(text: str, severity: str) -> None:
    written = cells.write_note(text, severity)
    assert cells.read_note(written) == {"text": text, "severity": severity}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 call us", "'+1 call us"),
        ("-rf", "'-rf"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("'=already", "''=already"),
        ("-2", "-2"),
        ("'quoted", "'quoted"),
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(text: str, written: str) -> None:
    assert cells.neutralise(text) == written and cells.restore(written) == text


def _workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "laptop-online", folder)
    return folder


def test_import_creates_a_journey_with_the_mapping_shown(run_cli, tmp_path: Path, monkeypatch) -> None:
    folder = _workspace(tmp_path)
    (tmp_path / "inventory.csv").write_text(INVENTORY, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = run_cli(
        "import", "csv", str(tmp_path / "inventory.csv"), "--journey", "from-sheet", "--persona", "ana", expect=0
    )
    assert "column `Phase` -> stage" in result.stderr and "column `Feeling` -> emotion" in result.stderr
    assert "column `Customer thoughts` ignored" in result.stderr
    assert "+ journey from-sheet" in result.stdout and "journeys/from-sheet.yaml\n" in result.stdout
    assert "+ persona ben added" in result.stdout and "personas/ben.yaml\n" in result.stdout  # never dangling
    text = (folder / "journeys" / "from-sheet.yaml").read_text("utf-8")
    assert "id: web-shop-2" in text and yaml.safe_load(text)["stages"][1]["touchpoints"][1]["emotion"] == {
        "ana": 0,
        "ben": -2,
    }
    assert yaml.safe_load(text)["personas"] == ["ana", "ben"]
    assert " error " not in run_cli("validate", expect=0).stdout


def test_map_default_channel_and_separators(run_cli, tmp_path: Path, monkeypatch) -> None:
    folder = _workspace(tmp_path)
    sheet = tmp_path / "eu.csv"
    sheet.write_bytes('Stage;Touchpoint;Customer thoughts\nAwareness;Poster;"Café, big; bold"\n'.encode("cp1252"))
    monkeypatch.chdir(folder)
    args = ["import", "csv", str(sheet), "--journey", "eu", "--persona", "Ana Costa"]
    assert "--encoding" in run_cli(*args, expect=2).stderr
    assert (
        "without channel (add a channel column or pass --default-channel)"
        in run_cli(*args, "--encoding", "cp1252", expect=2).stderr
    )
    done = run_cli(
        *args, "--encoding", "cp1252", "--default-channel", "in-store", "--map", "Customer thoughts=thoughts", expect=0
    )
    assert "column `Customer thoughts` -> thoughts" in done.stderr
    text = (folder / "journeys" / "eu.yaml").read_text("utf-8")
    touchpoint = yaml.safe_load(text)["stages"][0]["touchpoints"][0]
    assert touchpoint["channel"] == "in-store" and touchpoint["thoughts"] == ["Café, big", "bold"]
    assert yaml.safe_load(text)["personas"] == ["ana"]  # matched by name


def test_tab_separated_and_repeated_personas(run_cli, tmp_path: Path, monkeypatch) -> None:
    folder = _workspace(tmp_path)
    sheet = tmp_path / "tabs.tsv"
    sheet.write_text("stage\ttouchpoint\tchannel\nA\tB\tweb\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    run_cli(
        "import",
        "csv",
        str(sheet),
        "--journey",
        "t",
        "--persona",
        "ana",
        "--persona",
        "marcus",
        "--persona",
        "Zoe",
        expect=0,
    )
    text = (folder / "journeys" / "t.yaml").read_text("utf-8")
    assert yaml.safe_load(text)["personas"] == ["ana", "marcus", "zoe"] and (folder / "personas" / "zoe.yaml").is_file()


def test_import_updates_an_existing_journey_with_a_preview(run_cli, tmp_path: Path, monkeypatch) -> None:
    folder = _workspace(tmp_path)
    journey = folder / "journeys" / "buy-a-laptop.yaml"
    journey.write_text(journey.read_text("utf-8").replace("stages:\n", "# the stages, in order\nstages:\n"), "utf-8")
    sheet = tmp_path / "edit.csv"
    sheet.write_text(
        "id,touchpoint,channel,stage,emotion: ana\ncart,Cart and delivery options,web,Decision,-1\nkiosk,Kiosk,in-store,Decision,\n",
        "utf-8",
    )
    monkeypatch.chdir(folder)
    before = journey.read_text("utf-8")
    dry = run_cli("import", "csv", str(sheet), "--journey", "buy-a-laptop", "--dry-run", expect=0)
    assert "touchpoint kiosk added" in dry.stdout and "emotion of ana -2 → -1 (improved by 1)" in dry.stdout
    assert "dry run: nothing written" in dry.stderr and journey.read_text("utf-8") == before
    run_cli("import", "csv", str(sheet), "--journey", "buy-a-laptop", expect=0)
    after = journey.read_text("utf-8")
    assert "# the stages, in order" in after and "id: kiosk" in after
    assert after.count("  - id: ") == before.count("  - id: ") + 1  # nothing pruned
    diff = run_cli("diff", str(ROOT / "examples" / "laptop-online"), str(folder), expect=0).stdout
    assert diff.count("\n  ") == 2, diff  # exactly the two changes the sheet makes
    pruned = run_cli("import", "csv", str(sheet), "--journey", "buy-a-laptop", "--prune", expect=0)
    assert "touchpoint social-ad removed" in pruned.stdout and "touchpoint cart removed" not in pruned.stdout
    # said before anything is written: improvements still address touchpoints the prune removed
    assert "after the import, validate reports journeys/buy-a-laptop.yaml" in pruned.stderr
    assert "CJM105 unknown touchpoint `product-page`" in pruned.stderr


@pytest.mark.parametrize(
    ("cells_row", "message"),
    [
        ("A,B,web,lots", "row 2: emotion `lots` is not a number"),
        ("A,B,web,Ana:x", "row 2: emotion of Ana `x` is not a number"),
        ("A,,web,1", "row 2: new touchpoint without touchpoint"),
    ],
)
def test_bad_cells_are_row_errors_and_nothing_is_written(run_cli, tmp_path: Path, cells_row: str, message: str) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(f"Stage,Touchpoint,Channel,Emotion\n{cells_row}\n", "utf-8")
    result = run_cli("import", "csv", str(sheet), "--journey", "j", "--out", str(tmp_path / "o"), expect=2)
    assert message in result.stderr and "nothing imported" in result.stderr
    assert not (tmp_path / "o").exists()


def test_bad_ids_are_usage_errors(run_cli, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Stage,Touchpoint,Channel,Emotion\nA,B,web,Ana:1\n", "utf-8")
    assert (
        "--journey `Buy Now` is not an id"
        in run_cli("import", "csv", str(sheet), "--journey", "Buy Now", expect=2).stderr
    )
    done = run_cli(
        "import", "csv", str(sheet), "--journey", "j", "--persona", "Ana B", "--out", str(tmp_path / "o"), expect=0
    )
    assert "new persona `ana-b` (Ana B)" in done.stderr and (tmp_path / "o" / "ana.yaml").is_file()


def test_csv_export_escapes_what_import_reads_as_structure(run_cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "m.yaml").write_text(
        """kind: persona
id: p
name: P
---
kind: journey
id: j
title: J
personas: [p]
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: "Two\\rlines"
        channel: "=cmd|' /C calc'!A0"
        actions: ["Pay; then leave", "@once"]
        pain_points: ["Ends in [low]", {text: "-x", severity: high}]
""",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    run_cli("export", "csv", "--journey", "j", "-o", "j.csv", expect=0)
    text = (tmp_path / "j.csv").read_bytes().decode("utf-8")
    assert ",'=cmd|" in text and ",Pay;; then leave; @once," in text and "Ends in [low] [medium]; '-x" not in text
    assert '"Two\rlines"' in text and text.endswith("\r\n")
    assert run_cli("import", "csv", "j.csv", "--journey", "j", expect=0).stdout.startswith("No semantic changes.")
