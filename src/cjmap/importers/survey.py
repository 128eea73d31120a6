"""`cjmap import survey`: survey responses aggregated per touchpoint into metrics (and emotions),
with an evidence entry for the survey linked from every touchpoint it measured.

The journey file is edited through cjmap.layout (round trip and proof), so its comments stay.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.errors import CjmapError
from cjmap.importers._common import slug


@dataclass
class Aggregate:
    scores: dict[str, list[float]] = field(default_factory=dict)  # touchpoint id -> scores
    unknown: dict[str, int] = field(default_factory=dict)  # value in the survey -> responses
    skipped: list[int] = field(default_factory=list)  # rows without a usable score
    responses: int = 0


def aggregate(text: str, touchpoint_column: str, score_column: str, names: dict[str, str]) -> Aggregate:
    """Scores per touchpoint; `names` maps lowercase touchpoint ids and names to ids."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = {h.strip().lower(): h for h in reader.fieldnames or []}
    for wanted in (touchpoint_column, score_column):
        if wanted.strip().lower() not in headers:
            raise CjmapError(f"no column `{wanted}`; found {', '.join(reader.fieldnames or []) or 'none'}")
    tp_header, score_header = headers[touchpoint_column.strip().lower()], headers[score_column.strip().lower()]
    result = Aggregate()
    for row in reader:
        value = (row.get(tp_header) or "").strip()
        if not value and not any((v or "").strip() for v in row.values()):
            continue
        try:
            score = float((row.get(score_header) or "").strip())
        except ValueError:
            result.skipped.append(reader.line_num)
            continue
        result.responses += 1
        tp = names.get(value.lower())
        if tp is None:
            result.unknown[value] = result.unknown.get(value, 0) + 1
        else:
            result.scores.setdefault(tp, []).append(score)
    return result


def to_emotion(mean: float, survey_scale: tuple[float, float], scale: tuple[int, int]) -> int:
    """A mean score mapped linearly from the survey's scale onto the workspace's emotion scale."""
    (lo, hi), (low, high) = survey_scale, scale
    position = (min(max(mean, lo), hi) - lo) / (hi - lo)
    return math.floor(low + position * (high - low) + 0.5)  # halves round up, the same way every time


def apply(
    documents: list[Any],
    journey_id: str,
    found: Aggregate,
    evidence_id: str,
    metric: str,
    emotion_from: tuple[tuple[float, float], tuple[int, int]] | None,
) -> None:
    """Add metrics, emotions and the evidence link to the measured touchpoints of the journey
    `journey_id` (ruamel.yaml round-trip documents, edited in place so comments stay); other
    documents in the same file are left alone."""
    for document in documents:
        if not isinstance(document, dict) or (document.get("kind"), document.get("id")) != ("journey", journey_id):
            continue
        for stage in document.get("stages") or []:
            for touchpoint in stage.get("touchpoints") or []:
                scores = found.scores.get(touchpoint.get("id"))
                if scores:
                    _update(touchpoint, scores, evidence_id, metric, emotion_from)


def _update(
    touchpoint: Any,
    scores: list[float],
    evidence_id: str,
    metric: str,
    emotion_from: tuple[tuple[float, float], tuple[int, int]] | None,
) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    mean = round(sum(scores) / len(scores), 2)
    metrics = touchpoint.setdefault("metrics", CommentedMap())
    metrics[metric] = mean
    metrics[f"{metric}_n"] = len(scores)
    if emotion_from is not None:
        touchpoint["emotion"] = to_emotion(mean, *emotion_from)
    evidence = touchpoint.setdefault("evidence", CommentedSeq())
    if evidence_id not in evidence:
        evidence.append(evidence_id)


def evidence_document(path: Path, evidence_id: str | None, responses: int, today: dt.date) -> dict[str, Any]:
    return {
        "kind": "evidence",
        "id": evidence_id or slug(f"survey-{path.stem}"),
        "title": f"Survey {path.name}",
        "type": "survey",
        "date": today,
        "sample_size": responses,
    }
