from __future__ import annotations

import shutil
from pathlib import Path

from cjmap.importers.survey import to_emotion

from ..conftest import ROOT

SURVEY = """respondent,Touchpoint,Score
1,Cart and delivery options,1
2,cart,2
3,Tracking page and carrier texts,4
4,A kiosk we do not have,3
5,cart,not sure
"""


def test_scores_map_onto_the_emotion_scale() -> None:
    assert [to_emotion(v, (1, 5), (-2, 2)) for v in (1, 2, 3, 4, 5)] == [-2, -1, 0, 1, 2]
    assert [to_emotion(v, (1, 5), (-2, 2)) for v in (1.5, 2.5, 3.5)] == [-1, 0, 1]  # halves round up
    assert to_emotion(9, (1, 5), (-2, 2)) == 2


def test_survey_becomes_metrics_emotions_and_evidence(run_cli, tmp_path: Path, monkeypatch, golden) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "laptop-online", workspace)
    (tmp_path / "exit-survey.csv").write_text(SURVEY, encoding="utf-8")
    journey = workspace / "journeys" / "buy-a-laptop.yaml"
    before = journey.read_text("utf-8")
    monkeypatch.chdir(workspace)
    result = run_cli(
        "import",
        "survey",
        str(tmp_path / "exit-survey.csv"),
        "--journey",
        "buy-a-laptop",
        "--touchpoint-column",
        "touchpoint",
        "--score-column",
        "score",
        "--emotion",
        expect=0,
    )
    assert "4 responses; 2 touchpoints updated" in result.stderr
    assert "unknown touchpoint `A kiosk we do not have` (1 responses)" in result.stderr
    assert "line 6: no numeric score, skipped" in result.stderr
    after = journey.read_text("utf-8")
    golden(Path(__file__).parent / "golden" / "buy-a-laptop-after-survey.yaml", after)
    assert after.count("survey_score:") == 2 and "survey_score: 1.5" in after and "survey_score_n: 2" in after
    assert after.count("survey-exit-survey") == 2
    assert "# yaml-language-server" in after and before.splitlines()[0] == after.splitlines()[0]
    evidence = (workspace / "research" / "survey-exit-survey.yaml").read_text("utf-8")
    assert "type: survey" in evidence and "sample_size: 4" in evidence
    assert " error " not in run_cli("validate", expect=0).stdout
    diff = run_cli("diff", str(ROOT / "examples" / "laptop-online"), str(workspace), expect=0).stdout
    assert "cart: emotion of ana -2 → -1 (improved by 1)" in diff.replace("touchpoint ", "")
