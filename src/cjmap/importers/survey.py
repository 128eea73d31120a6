"""`cjmap import survey`: ratings per touchpoint into metrics (and emotions), with the survey as
an evidence entry linked from every touchpoint it measured.

Two shapes: long (one row per rating: a touchpoint column and a score column) and wide (one row
per respondent, one column per touchpoint or question, as survey tools export). A segment column
mapped to personas gives per-persona figures. Respondents are counted as respondents (a
respondent-id column, or the rows of a wide export) and ratings as ratings. Metrics are
`<metric>` (the mean) and `<metric>_n` (ratings), and `<metric>.<persona>` per segment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmap.config import Config
from cjmap.errors import CjmapError
from cjmap.importers._common import same_name, slug
from cjmap.importers.scale import rescale
from cjmap.importers.sheet import Table, cell
from cjmap.model import ID_PATTERN, Journey
from cjmap.wording import plural
from cjmap.workspace import Workspace

Key = tuple[str, str | None]  # touchpoint id, persona id (None: everyone)


@dataclass
class SurveyOptions:
    journey: str
    title: str
    evidence_id: str | None = None
    date: str | None = None
    touchpoint_column: str | None = None
    score_column: str | None = None
    respondent_column: str | None = None
    segment_column: str | None = None
    segments: dict[str, str] = field(default_factory=dict)  # segment value -> persona id or name
    columns: dict[str, str] = field(default_factory=dict)  # wide: header -> touchpoint id or name
    scale: tuple[float, float] = (1, 5)
    metric: str = "survey_score"
    emotion: bool = False
    force: bool = False
    encoding: str = "utf-8"
    emotion_scale: tuple[int, int] = (-2, 2)


@dataclass
class Found:
    scores: dict[Key, list[float]] = field(default_factory=dict)
    respondents: int | None = None
    ratings: int = 0
    segmented: bool = False
    summary: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def touchpoints(self) -> set[str]:
        return {tp for tp, _ in self.scores}


def _header(table: Table, wanted: str, option: str) -> int:
    for index, header in enumerate(table.headers):
        if header.strip().lower() == wanted.strip().lower():
            return index
    raise CjmapError(f"{option} `{wanted}`: no such column; found {', '.join(table.headers) or 'none'}")


def _touchpoint_finder(journey: Journey) -> Any:
    touchpoints = [tp for stage in journey.stages for tp in stage.touchpoints]

    def find(text: str) -> str | None:
        for tp in touchpoints:
            if text.strip() == tp.id or same_name(text, tp.name):
                return tp.id
        return None

    return find


def check(options: SurveyOptions) -> None:
    """Usage errors before the file is read."""
    low, high = options.scale
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        raise CjmapError(f"--survey-min {low:g} must be below --survey-max {high:g} (both finite)")
    if options.evidence_id is not None and not _is_id(options.evidence_id):
        raise CjmapError(f"--evidence-id `{options.evidence_id}` is not an id: lowercase letters, digits, - and _")
    if options.date is not None:
        try:
            import datetime as dt

            dt.date.fromisoformat(options.date)
        except ValueError:
            raise CjmapError(f"--date `{options.date}` is not a date such as 2026-03-31") from None
    if (options.touchpoint_column is None) != (options.score_column is None):
        raise CjmapError("a long survey needs both --touchpoint-column and --score-column (a wide one neither)")


def _is_id(value: str) -> bool:
    import re

    return bool(re.fullmatch(ID_PATTERN, value))


def aggregate(table: Table, journey: Journey, personas: dict[str, str], options: SurveyOptions) -> Found:
    """Ratings per touchpoint (and segment); what each column was read as; what was skipped."""
    check(options)
    find = _touchpoint_finder(journey)
    found = Found(segmented=options.segment_column is not None)
    respondent = _header(table, options.respondent_column, "--respondent-column") if options.respondent_column else None
    segment = _header(table, options.segment_column, "--segment-column") if options.segment_column else None
    segment_of = _segments(options, personas)
    rated = _rated_columns(table, options, find, found, {respondent, segment})
    seen: set[str] = set()
    unknown: dict[str, int] = {}
    unmapped: dict[str, int] = {}
    for line, row in table.rows:
        who = cell(row, segment).strip() if segment is not None else ""
        persona = segment_of(who) if segment is not None else None
        if segment is not None and persona is None and who:
            unmapped[who] = unmapped.get(who, 0) + 1
        got = 0
        for index, tp in _ratings(row, rated, options, find, unknown):
            score = _score(cell(row, index), options, line, found)
            if score is None:
                continue
            got += 1
            for key in dict.fromkeys([(tp, None), (tp, persona)]):  # everyone first, then the segment
                found.scores.setdefault(key, []).append(score)
        found.ratings += got
        if respondent is not None and cell(row, respondent).strip() and got:
            seen.add(cell(row, respondent).strip())
        elif respondent is None and options.touchpoint_column is None and got:
            seen.add(f"row {line}")
    found.respondents = len(seen) if (respondent is not None or options.touchpoint_column is None) else None
    found.notes += [
        f"unknown touchpoint `{name}` ({n} ratings) is not on `{journey.id}`" for name, n in unknown.items()
    ]
    found.notes += [
        f"segment `{v}` ({plural(n, 'row')}) has no persona: --segment `{v}=PERSONA`" for v, n in unmapped.items()
    ]
    if found.respondents is None:
        found.notes.append("no --respondent-column: the sample size (respondents) is not recorded")
    if not found.scores:
        raise CjmapError(f"{table.name}: no rating names a touchpoint of `{journey.id}`")
    found.notes.append(
        f"{found.ratings} ratings of {len(found.touchpoints)} touchpoints"
        + (f" from {found.respondents} respondents" if found.respondents is not None else "")
    )
    return found


def _segments(options: SurveyOptions, personas: dict[str, str]) -> Any:
    def persona(name: str) -> str | None:
        return next((pid for pid, n in personas.items() if name.strip() == pid or same_name(name, n)), None)

    mapped = {}
    for value, target in options.segments.items():
        pid = persona(target)
        if pid is None:
            raise CjmapError(f"--segment {value}={target}: no persona `{target}` in the workspace")
        mapped[value.strip().casefold()] = pid
    return lambda value: mapped.get(value.strip().casefold()) or (persona(value) if value else None)


def _rated_columns(
    table: Table, options: SurveyOptions, find: Any, found: Found, skip: set[int | None]
) -> dict[int, str | None]:
    """Columns holding ratings: index -> touchpoint (None in the long shape: the row names it)."""
    if options.touchpoint_column is not None and options.score_column is not None:
        tp_column = _header(table, options.touchpoint_column, "--touchpoint-column")
        score_column = _header(table, options.score_column, "--score-column")
        where = f"touchpoint in `{table.headers[tp_column]}`, score in `{table.headers[score_column]}`"
        found.summary.append(f"{table.name}: long shape, {where}")
        return {score_column: None, -1 - tp_column: None}
    wanted = {k.strip().casefold(): v for k, v in options.columns.items()}
    rated: dict[int, str | None] = {}
    for index, header in enumerate(table.headers):
        target = wanted.get(header.strip().casefold(), header)
        tp = find(target) if index not in skip else None
        if tp is None and header.strip().casefold() in wanted:
            raise CjmapError(f"--map {header}={target}: no touchpoint `{target}` on `{options.journey}`")
        rated[index] = tp
        role = (
            f"-> touchpoint {tp}"
            if tp
            else ("used" if index in skip else "ignored (no touchpoint of that name; --map maps it)")
        )
        found.summary.append(f"{table.name}: column `{header}` {role}")
    if not any(rated.values()):
        raise CjmapError(f"{table.name}: no column names a touchpoint of `{options.journey}` (--map HEADER=TOUCHPOINT)")
    return {i: tp for i, tp in rated.items() if tp}


def _ratings(
    row: list[str], rated: dict[int, str | None], options: SurveyOptions, find: Any, unknown: dict[str, int]
) -> list[tuple[int, str]]:
    if options.touchpoint_column is None:
        return [(i, tp) for i, tp in rated.items() if tp and cell(row, i).strip()]
    score_index = next(i for i in rated if i >= 0)
    name = cell(row, -1 - next(i for i in rated if i < 0)).strip()
    tp = find(name) if name else None
    if tp is None and name:
        unknown[name] = unknown.get(name, 0) + 1
    return [(score_index, tp)] if tp else []


def _score(text: str, options: SurveyOptions, line: int, found: Found) -> float | None:
    low, high = options.scale
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not low <= value <= high:
        found.notes.append(f"row {line}: score `{text.strip()}` is not a number from {low:g} to {high:g}, skipped")
        return None
    return value


def refuse_flattening(journey: Journey, found: Found, options: SurveyOptions) -> None:
    """--emotion without segments must not replace per-persona emotions with one number unsaid."""
    if not options.emotion or found.segmented or options.force:
        return
    for stage in journey.stages:
        for tp in stage.touchpoints:
            if tp.id in found.touchpoints and isinstance(tp.emotion, dict) and len(set(tp.emotion.values())) > 1:
                felt = ", ".join(f"{p} {v}" for p, v in tp.emotion.items())
                raise CjmapError(
                    f"touchpoint `{tp.id}` has per-persona emotions ({felt}); without --segment-column, --emotion "
                    "would give everyone one number. Pass --segment-column (and --segment VALUE=PERSONA), "
                    "or --force to replace them"
                )


def apply(journey: Any, found: Found, options: SurveyOptions, evidence_id: str) -> None:
    """Set the figures (and emotions) of the measured touchpoints of one journey document."""
    personas = [p for p in journey.get("personas") or [] if isinstance(p, str)]
    for stage in journey.get("stages") or []:
        for touchpoint in stage.get("touchpoints") or []:
            keys = {k: v for k, v in found.scores.items() if k[0] == touchpoint.get("id")}
            if keys:
                _update(touchpoint, keys, options, evidence_id, personas)


def _update(
    touchpoint: Any, keys: dict[Key, list[float]], options: SurveyOptions, evidence_id: str, personas: list[str]
) -> None:
    metrics = touchpoint.setdefault("metrics", {})
    _forget_earlier_wave(metrics, options.metric)
    emotions: dict[str | None, int] = {}
    for (_, persona), scores in keys.items():
        mean = round(sum(scores) / len(scores), 2)
        suffix = f".{persona}" if persona else ""
        metrics[f"{options.metric}{suffix}"] = mean
        metrics[f"{options.metric}_n{suffix}"] = len(scores)
        emotions[persona] = rescale(mean, options.scale, options.emotion_scale)
    if options.emotion:
        _set_emotion(touchpoint, emotions, personas)
    evidence = touchpoint.setdefault("evidence", [])
    if evidence_id not in evidence:
        evidence.append(evidence_id)


def _forget_earlier_wave(metrics: Any, metric: str) -> None:
    """A new wave replaces every figure of its metric, per persona too: none of an earlier wave's
    may stay beside the new ones as if they were measured together."""
    for name in [n for n in metrics if isinstance(n, str)]:
        if name in (metric, f"{metric}_n") or name.startswith((f"{metric}.", f"{metric}_n.")):
            del metrics[name]


def _set_emotion(touchpoint: Any, emotions: dict[str | None, int], personas: list[str]) -> None:
    """Per-persona scores set those personas' emotions and keep the others' (a single number
    applying to everyone becomes one per persona first); only personas who take the touchpoint
    get one. Without segments, the one score is everyone's."""
    takers = touchpoint.get("personas")
    takes = [p for p in personas if takers is None or p in takers]
    per_persona = {p: v for p, v in emotions.items() if p is not None and p in takes}
    if not per_persona:
        if None in emotions:
            touchpoint["emotion"] = emotions[None]
        return
    old = touchpoint.get("emotion")
    if isinstance(old, dict):
        base = dict(old)
    elif isinstance(old, int) and not isinstance(old, bool):
        base = dict.fromkeys(takes, old)
    else:
        base = {}
    touchpoint["emotion"] = base | per_persona


def evidence_document(options: SurveyOptions, found: Found) -> dict[str, Any]:
    document: dict[str, Any] = {
        "kind": "evidence",
        "id": options.evidence_id or slug(options.title, "survey"),
        "title": options.title,
        "type": "survey",
    }
    if options.date:
        import datetime as dt

        document["date"] = dt.date.fromisoformat(options.date)
    if found.respondents is not None:
        document["sample_size"] = found.respondents
    document["summary"] = f"{found.ratings} ratings of {len(found.touchpoints)} touchpoints"
    return document


def evidence_folder(workspace: Workspace, config: Config) -> Path:
    """Beside the workspace's evidence files, else its evidence folder: always where it reads maps."""
    if workspace.evidence:
        return Path(workspace.evidence[0].doc.source.path).parent
    return config.folder("evidence")
