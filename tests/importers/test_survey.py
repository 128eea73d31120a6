from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cjmap.importers.scale import rescale

from ..conftest import ROOT

LONG = """respondent,Touchpoint,Score
1,Cart and delivery options,1
1,cart,2
2,Tracking page and carrier texts,4
3,A kiosk we do not have,3
4,cart,not sure
5,cart,nan
"""
WIDE = """respondent,segment,Q1 cart,Product page and spec sheet,Comments
1,Students,2,4,meh
2,Freelancers,4,5,
3,Students,1,,
4,Freelancers,inf,3,
"""
ANSWERS = {"--journey": "buy-a-laptop", "--title": "Checkout survey, wave 1", "--date": "2026-11-01"}


def _args(**extra: str) -> list[str]:
    return [x for k, v in {**ANSWERS, **extra}.items() for x in (k, v)]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "laptop-online", folder)
    (tmp_path / "long.csv").write_text(LONG, "utf-8")
    (tmp_path / "wide.csv").write_text(WIDE, "utf-8")
    monkeypatch.chdir(folder)
    return folder


def test_scores_map_onto_the_emotion_scale() -> None:
    assert [rescale(v, (1, 5), (-2, 2)) for v in (1, 2, 3, 4, 5)] == [-2, -1, 0, 1, 2]
    assert [rescale(v, (1, 5), (-2, 2)) for v in (1.5, 2.5, 3.5)] == [-1, 0, 1]  # halves round up
    assert rescale(9, (1, 5), (-2, 2)) == 2


def test_long_survey_counts_ratings_and_respondents(run_cli, workspace: Path, golden) -> None:
    result = run_cli(
        "import",
        "survey",
        "../long.csv",
        "--touchpoint-column",
        "touchpoint",
        "--score-column",
        "score",
        "--respondent-column",
        "respondent",
        *_args(),
        expect=0,
    )
    assert "3 ratings of 2 touchpoints from 2 respondents" in result.stderr  # 3, 4 and 5 gave none we can use
    assert "unknown touchpoint `A kiosk we do not have` (1 ratings)" in result.stderr
    assert "row 6: score `not sure` is not a number from 1 to 5, skipped" in result.stderr
    assert "row 7: score `nan`" in result.stderr
    assert "cart: metric survey_score nothing → 1.5" in result.stdout  # the preview, as cjmap diff prints it
    journey = (workspace / "journeys" / "buy-a-laptop.yaml").read_text("utf-8")
    golden(Path(__file__).parent / "golden" / "buy-a-laptop-after-survey.yaml", journey)
    evidence = (workspace / "research" / "checkout-survey-wave-1.yaml").read_text("utf-8")
    assert (
        "title: Checkout survey, wave 1" in evidence and "date: 2026-11-01" in evidence and "sample_size: 2" in evidence
    )
    assert " error " not in run_cli("validate", expect=0).stdout


def test_wide_survey_with_segments_gives_per_persona_figures(run_cli, workspace: Path) -> None:
    args = ["import", "survey", "../wide.csv", "--respondent-column", "respondent", "--map", "Q1 cart=cart", *_args()]
    refused = run_cli(*args, "--emotion", expect=2)
    assert "touchpoint `product-page` has per-persona emotions (ana -1, marcus 1)" in refused.stderr
    segments = ["--segment-column", "segment", "--segment", "Students=ana", "--segment", "Freelancers=Marcus Reed"]
    result = run_cli(*args, *segments, "--emotion", expect=0)
    assert "column `Comments` ignored" in result.stderr and "column `Q1 cart` -> touchpoint cart" in result.stderr
    assert "emotion of marcus -2 → +1 (improved by 3)" in result.stdout
    assert "sample_size: 4" in (workspace / "research" / "checkout-survey-wave-1.yaml").read_text("utf-8")
    figures = json.loads(run_cli("stats", "--format", "json", expect=0).stdout)["journeys"][0]["metrics"]
    cart = next(f for f in figures if f["touchpoint"] == "cart")["figures"]
    assert {"metric": "survey_score.ana", "value": 1.5, "n": 2} in cart
    assert "cart: drop_off 0.31; survey_score 2.33 (n 3)" in run_cli("stats", expect=0).stdout


def test_a_second_wave_adds_its_evidence_and_updates_the_figures(run_cli, workspace: Path, tmp_path: Path) -> None:
    long = ["import", "survey", "../long.csv", "--touchpoint-column", "touchpoint", "--score-column", "score"]
    run_cli(*long, *_args(), expect=0)
    assert "exists already" in run_cli(*long, *_args(), expect=2).stderr
    (tmp_path / "wave2.csv").write_text("Touchpoint,Score\ncart,5\ncart,4\n", "utf-8")
    wave2 = run_cli(
        "import",
        "survey",
        "../wave2.csv",
        "--touchpoint-column",
        "touchpoint",
        "--score-column",
        "score",
        *_args(**{"--title": "Checkout survey, wave 2"}),
        expect=0,
    )
    assert "+ evidence checkout-survey-wave-2 added" in wave2.stdout
    assert "cart: metric survey_score 1.5 → 4.5" in wave2.stdout
    assert "no --respondent-column: the sample size (respondents) is not recorded" in wave2.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--survey-min", "3", "--survey-max", "3"], "--survey-min 3 must be below --survey-max 3"),
        (["--evidence-id", "Wave 1"], "--evidence-id `Wave 1` is not an id"),
        (["--date", "1 Nov"], "--date `1 Nov` is not a date"),
        (["--touchpoint-column", "touchpoint"], "needs both --touchpoint-column and --score-column"),
        (["--map", "Q9=nowhere"], "no column names a touchpoint"),
    ],
)
def test_usage_errors(run_cli, workspace: Path, extra: list[str], message: str) -> None:
    assert message in run_cli("import", "survey", "../long.csv", *_args(), *extra, expect=2).stderr


def test_evidence_lands_where_the_workspace_reads_maps(run_cli, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "small"
    (folder / "personas").mkdir(parents=True)
    (folder / "journeys").mkdir()
    (folder / "cjmap.toml").write_text('paths = ["personas", "journeys"]\n', "utf-8")
    (folder / "personas" / "ana.yaml").write_text("kind: persona\nid: ana\nname: Ana\n", "utf-8")
    (folder / "journeys" / "buy-a-laptop.yaml").write_text(
        "kind: journey\nid: buy-a-laptop\ntitle: T\npersonas: [ana]\nstages:\n  - id: s\n    name: S\n"
        "    touchpoints:\n      - {id: cart, name: Cart, channel: web}\n",
        "utf-8",
    )
    (tmp_path / "long.csv").write_text(LONG, "utf-8")
    monkeypatch.chdir(folder)
    long = ["import", "survey", "../long.csv", "--touchpoint-column", "touchpoint", "--score-column", "score"]
    result = run_cli(*long, *_args(), expect=0)
    assert "personas/checkout-survey-wave-1.yaml" in result.stdout
    assert "unknown-reference" not in run_cli("validate", expect=0).stdout


def test_a_journey_file_ending_in_a_document_marker(run_cli, workspace: Path) -> None:
    journey = workspace / "journeys" / "buy-a-laptop.yaml"
    journey.write_text(journey.read_text("utf-8") + "---\n", "utf-8")
    long = ["import", "survey", "../long.csv", "--touchpoint-column", "touchpoint", "--score-column", "score"]
    result = run_cli(*long, *_args())
    assert result.exit_code in (0, 2) and "Traceback" not in result.stderr
    if result.exit_code == 0:
        assert "survey_score: 1.5" in journey.read_text("utf-8")


def test_only_the_named_journey_is_edited(run_cli, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    text = """# two journeys in one file
kind: persona
id: ana
name: Ana
---
kind: journey
id: one
title: One
personas: [ana]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: cart, name: Cart, channel: web}  # the one measured
---
kind: journey
id: two
title: Two
personas: [ana]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: cart, name: Cart, channel: web}
"""
    (folder / "maps.yaml").write_text(text, "utf-8")
    (folder / "cjmap.toml").write_text("", "utf-8")
    (tmp_path / "s.csv").write_text("Cart\n4\n5\n", "utf-8")
    monkeypatch.chdir(folder)
    run_cli("import", "survey", "../s.csv", "--journey", "one", "--title", "S1", expect=0)
    after = (folder / "maps.yaml").read_text("utf-8")
    assert after.count("survey_score: 4.5") == 1 and "# the one measured" in after and "# two journeys" in after
    assert after.split("id: two")[1] == text.split("id: two")[1]


def test_segments_set_their_personas_emotions_and_keep_the_others(run_cli, workspace: Path, tmp_path: Path) -> None:
    """A survey of students only says nothing of how freelancers feel; nobody who does not take a
    touchpoint gets an emotion there."""
    (tmp_path / "students.csv").write_text(
        "segment,Unboxing and first start,Payment and instalments\nStudent,1,5\nStudent,1,5\n", "utf-8"
    )
    segments = ["--segment-column", "segment", "--segment", "Student=ana"]
    run_cli("import", "survey", "../students.csv", *segments, "--emotion", *_args(), expect=0)
    touchpoints = _touchpoints(workspace)
    assert touchpoints["unboxing"].emotion == {"ana": -2, "marcus": 2}
    assert touchpoints["payment"].emotions(["ana", "marcus"]) == {"ana": 2}


def test_a_new_wave_replaces_every_figure_of_the_last_one(run_cli, workspace: Path, tmp_path: Path) -> None:
    args = ["import", "survey", "../wide.csv", "--respondent-column", "respondent", "--map", "Q1 cart=cart"]
    segments = ["--segment-column", "segment", "--segment", "Students=ana", "--segment", "Freelancers=marcus"]
    run_cli(*args, *segments, *_args(), expect=0)
    (tmp_path / "wave2.csv").write_text("Touchpoint,Score\ncart,5\ncart,4\n", "utf-8")
    wave2 = ["import", "survey", "../wave2.csv", "--touchpoint-column", "touchpoint", "--score-column", "score"]
    run_cli(*wave2, *_args(**{"--title": "Checkout survey, wave 2"}), expect=0)
    assert _touchpoints(workspace)["cart"].metrics == {"drop_off": 0.31, "survey_score": 4.5, "survey_score_n": 2}
    assert "survey_score.ana" in str(_touchpoints(workspace)["product-page"].metrics)  # not measured again: kept


def _touchpoints(workspace: Path) -> dict[str, Any]:
    from cjmap.config import load_config
    from cjmap.workspace import open_workspace

    journey = open_workspace(None, load_config(targets=[workspace])).journey("buy-a-laptop").model
    return {tp.id: tp for stage in journey.stages for tp in stage.touchpoints}
