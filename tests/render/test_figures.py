"""Numbers on the map read as people read them, survey means with their number of responses."""

from __future__ import annotations

from cjmap.render.figures import metrics, number, percent


def test_survey_means_go_with_their_responses_per_persona_too() -> None:
    values = {"drop_off": 0.31, "survey_score": 4.5, "survey_score_n": 2, "survey_score.ana": 4.0}
    values |= {"survey_score_n.ana": 1, "visits_n": 3}
    assert metrics(values) == [
        ("drop-off", "31%"),
        ("survey score", "4.5 (n = 2)"),
        ("survey score (ana)", "4 (n = 1)"),
        ("visits n", "3"),  # a count with nothing to count is a figure of its own
    ]


def test_numbers_and_shares() -> None:
    assert (number(420000), number(3.14159), percent(0.385), percent(1)) == ("420,000", "3.14", "38.5%", "100%")
    assert number(10**400).startswith("10,000") and percent(10**400).endswith("%")  # no float overflow
