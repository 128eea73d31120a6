from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.errors import CjmapError
from cjmap.importers.spreadsheet import export_csv, import_csv, map_headers
from cjmap.model import Journey

GOLDEN = Path(__file__).parent / "golden"
INVENTORY = """Phase,Touch point,Channel,Scope,Team,Doing,Thinking,Feeling,Pain points,Opportunities
Awareness,Poster at the station,advertising,peripheral,marketing,Sees the poster,Looks nice,1,,
Awareness,"Friend's tip, at lunch",referral,Peripheral,,Asks a friend,,2,,

Purchase,Web shop,web,external,e-commerce,Compares; Orders,Where is shipping?,-1,Shipping cost late [high]; Slow search,Show cost early
Purchase,Web shop,web,external,e-commerce,Pays,,ana:0; ben:-2,,
"""


def test_headers_match_synonyms_case_insensitively() -> None:
    assert map_headers(["PHASE", "touch_point", " Medium ", "pain-points", "Team", "whatever"]) == {
        "PHASE": "stage",
        "touch_point": "touchpoint",
        " Medium ": "channel",
        "pain-points": "pain_points",
        "Team": "owner",
    }


def test_import_golden(golden) -> None:
    from cjmap.layout import dump

    imported = import_csv(INVENTORY, "from-sheet", "From a sheet", "ana")
    golden(GOLDEN / "from-sheet.yaml", dump([imported.journey]))
    tps = [tp for stage in imported.journey["stages"] for tp in stage["touchpoints"]]
    assert [tp["id"] for tp in tps] == ["poster-at-the-station", "friend-s-tip-at-lunch", "web-shop", "web-shop-2"]
    assert tps[3]["emotion"] == {"ana": 0, "ben": -2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Stage;Touchpoint;Channel\nA;B;web\n", "separated by `;`"),
        ("Stage,Touchpoint\nA,B\n", "missing column(s) channel"),
        ("", "the file is empty"),
        ("Stage,Touchpoint,Channel\n,,\n\n", "every row is blank"),
        (
            "Stage,Touchpoint,Channel,Emotion\nA,B,web,1\nA,,web,1\nA,C,web,lots\nA,D,web,1,extra\n",
            "row 3: no touchpoint\n  row 4: emotion",
        ),
        ("Stage,Touchpoint,Channel,Scope\nA,B,web,everywhere\n", "row 2: scope `everywhere`"),
    ],
)
def test_malformed_csv_is_reported_by_row_and_nothing_made(text: str, message: str) -> None:
    with pytest.raises(CjmapError) as error:
        import_csv(text, "j", "J", "ana")
    assert message in str(error.value)


def test_import_export_import_round_trip() -> None:
    first = Journey.model_validate(import_csv(INVENTORY, "j", "J", "ana").journey)
    exported = export_csv(first)
    second = Journey.model_validate(import_csv(exported, "j", "J", "ana").journey)
    assert second == first
    assert export_csv(second) == exported


def test_cli_import_shows_the_mapping_and_refuses_to_overwrite(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "inventory.csv"
    source.write_text(INVENTORY, encoding="utf-8")
    out = tmp_path / "journeys"
    result = run_cli("import", "csv", str(source), "--journey", "from-sheet", "--out", str(out), expect=0)
    assert "column `Phase` -> stage" in result.stderr and f"wrote {out / 'from-sheet.yaml'}" in result.stdout
    assert (
        "would overwrite"
        in run_cli("import", "csv", str(source), "--journey", "from-sheet", "--out", str(out), expect=2).stderr
    )
    run_cli("import", "csv", str(source), "--journey", "from-sheet", "--out", str(out), "--force", expect=0)


def test_cli_non_utf8_and_bad_rows_write_nothing(run_cli, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Stage,Touchpoint,Channel\nCafé,Entrée,in-store\n".encode("latin-1"))
    assert (
        "latin.csv:2: not UTF-8 (byte 0xe9)"
        in run_cli("import", "csv", str(latin), "--journey", "j", "--out", str(tmp_path / "o"), expect=2).stderr
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("Stage,Touchpoint,Channel\nA,B,web\nA,,web\n")
    assert (
        "row 3: no touchpoint"
        in run_cli("import", "csv", str(bad), "--journey", "j", "--out", str(tmp_path / "o"), expect=2).stderr
    )
    assert not (tmp_path / "o").exists()


def test_cli_export(run_cli) -> None:
    from ..conftest import ROOT

    text = run_cli(
        "export", "csv", str(ROOT / "examples" / "laptop-online"), "--journey", "buy-a-laptop", expect=0
    ).stdout
    assert text.splitlines()[0].startswith("stage id,stage,id,touchpoint,channel")
    assert "cart,Cart and delivery options,web,external,laptop,e-commerce" in text
    assert "Shipping cost appears only at the cart [high]" in text
