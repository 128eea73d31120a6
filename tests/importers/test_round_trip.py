"""Export then import changes nothing: `cjmap diff` says "No semantic changes." for every example
and for generated journeys, through CSV (into the same journey) and xlsx (into a new workspace)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cjmap.layout import dump
from cjmap.schema import editor_header

from ..conftest import ROOT
from .strategies import workspace

EXAMPLES = {"laptop-online": ["buy-a-laptop"], "bank-account": ["open-an-account"]}
SAME = "No semantic changes."


def round_trip_csv(run_cli, folder: Path, journey: str) -> None:
    sheet = folder.parent / f"{journey}.csv"
    with contextlib.chdir(folder):
        run_cli("export", "csv", "--journey", journey, "-o", str(sheet), expect=0)
        result = run_cli("import", "csv", str(sheet), "--journey", journey, expect=0)
    assert result.stdout.startswith(SAME), result


def round_trip_xlsx(run_cli, folder: Path, journey: str, fresh: Path) -> None:
    workbook = fresh.parent / f"{journey}.xlsx"
    fresh.mkdir()
    if (folder / "cjmap.toml").exists():
        shutil.copy(folder / "cjmap.toml", fresh / "cjmap.toml")
    with contextlib.chdir(folder):
        run_cli("export", "xlsx", "--journey", journey, "-o", str(workbook), expect=0)
    with contextlib.chdir(fresh):
        run_cli("import", "xlsx", str(workbook), expect=0)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_examples_round_trip_through_csv_and_xlsx(run_cli, tmp_path: Path, example: str) -> None:
    original = ROOT / "examples" / example
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    for journey in EXAMPLES[example]:
        round_trip_csv(run_cli, copy, journey)
        round_trip_xlsx(run_cli, original, journey, tmp_path / f"fresh-{journey}")
        assert run_cli("diff", str(original), str(tmp_path / f"fresh-{journey}"), expect=0).stdout == SAME + "\n"
    assert run_cli("diff", str(original), str(copy), expect=0).stdout == SAME + "\n"
    assert (copy / "cjmap.toml").read_text() == (original / "cjmap.toml").read_text()
    for journey in EXAMPLES[example]:  # and a workbook into the workspace it came from
        workbook = tmp_path / f"{journey}.xlsx"
        with contextlib.chdir(copy):
            run_cli("export", "xlsx", "--journey", journey, "-o", str(workbook), expect=0)
            assert run_cli("import", "xlsx", str(workbook), expect=0).stdout.startswith(SAME)
    for path in original.rglob("*.yaml"):  # nothing changed, so no file was rewritten either
        assert (copy / path.relative_to(original)).read_bytes() == path.read_bytes(), path


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(documents=workspace())
def test_generated_journeys_round_trip(run_cli, documents) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "ws"
        folder.mkdir()
        for document in documents:
            (folder / f"{document['kind']}-{document['id']}.yaml").write_text(
                dump([document], editor_header(document["kind"])), encoding="utf-8"
            )
        (folder / "cjmap.toml").write_text("", encoding="utf-8")
        before = Path(temporary) / "before"
        shutil.copytree(folder, before)
        round_trip_csv(run_cli, folder, "generated")
        assert run_cli("diff", str(before), str(folder), expect=0).stdout == SAME + "\n"
        round_trip_xlsx(run_cli, before, "generated", Path(temporary) / "fresh")
        assert run_cli("diff", str(before), str(Path(temporary) / "fresh"), expect=0).stdout == SAME + "\n"
