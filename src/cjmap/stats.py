"""`cjmap stats`: the questions a journey map answers, from the same analysis the HTML map uses."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cjmap.analysis import JourneyAnalysis, Step, analyse_workspace
from cjmap.workspace import Workspace


def _emotions(steps: list[Step], personas: list[str]) -> list[int]:
    return [v for step in steps for v in step.touchpoint.emotions(personas).values()]


def _summary(steps: list[Step], personas: list[str]) -> dict[str, Any]:
    emotions = _emotions(steps, personas)
    pains = Counter(p.severity for step in steps for p in step.touchpoint.pain_points)
    return {
        "touchpoints": len(steps),
        "mean_emotion": round(sum(emotions) / len(emotions), 2) if emotions else None,
        "lowest_emotion": min(emotions) if emotions else None,
        "pain_points": {s: pains.get(s, 0) for s in ("high", "medium", "low")},
        "channels": dict(Counter(step.touchpoint.channel for step in steps).most_common()),
        "scopes": dict(Counter(step.touchpoint.scope or "external" for step in steps).most_common()),
        "critical": [step.touchpoint.id for step in steps if step.touchpoint.critical],
    }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _per_persona(analysis: JourneyAnalysis) -> dict[str, dict[str, Any]]:
    """What each persona goes through: the touchpoints they take and how they feel there."""
    figures = {}
    for persona in analysis.journey.personas:
        taken = [step for step in analysis.steps if step.touchpoint.takes(persona)]
        emotions = [v for step in taken if (v := step.touchpoint.emotions([persona]).get(persona)) is not None]
        figures[persona] = {
            "touchpoints": len(taken),
            "mean_emotion": round(sum(emotions) / len(emotions), 2) if emotions else None,
            "lowest_emotion": min(emotions) if emotions else None,
        }
    return figures


BLUEPRINT_LANES = ("physical_evidence", "frontstage", "backstage", "support")


def _blueprint(steps: list[Step]) -> dict[str, Any]:
    """How much of the service blueprint the map fills: touchpoints per lane, and frontstage actions
    with nothing behind them (no backstage, no support)."""
    counts: dict[str, Any] = {lane: sum(bool(getattr(s.touchpoint, lane)) for s in steps) for lane in BLUEPRINT_LANES}
    counts["unsupported_frontstage"] = [
        s.touchpoint.id
        for s in steps
        if s.touchpoint.frontstage and not (s.touchpoint.backstage or s.touchpoint.support)
    ]
    return counts


def journey_stats(analysis: JourneyAnalysis) -> dict[str, Any]:
    journey = analysis.journey
    stages = [
        {"id": stage.id, "name": stage.name, **_summary(steps, journey.personas)}
        for stage, steps in zip(journey.stages, analysis.by_stage, strict=True)
    ]
    drops = [(f.stage.id, f.drop_off) for f in analysis.funnel if f.drop_off is not None]
    largest = max(drops, key=lambda pair: pair[1], default=None)
    return {
        "id": journey.id,
        "title": journey.title,
        **_summary(analysis.steps, journey.personas),
        "stages": stages,
        "largest_drop_off": {"stage": largest[0], "drop_off": largest[1]} if largest else None,
        "handoffs": [
            {
                "from": h.source.touchpoint.id,
                "to": h.target.touchpoint.id,
                "changes": list(h.changes),
                "emotion_drop": h.emotion_drop,
                "personas": list(h.personas),
            }
            for h in analysis.handoffs
        ],
        "personas": _per_persona(analysis),
        "funnel": [
            {"stage": f.stage.id, "conversion": f.conversion, "remaining": _round(f.remaining, 4)}
            for f in analysis.funnel
        ],
        "blueprint": _blueprint(analysis.steps),
        "evidence_coverage": round(analysis.coverage, 3) if analysis.coverage is not None else None,
        "improvements": analysis.improvements_by_status,
        "metrics": touchpoint_metrics(analysis),
        "reviewed": journey.reviewed.isoformat() if journey.reviewed else None,
        "days_since_review": analysis.days_since_review,
        "stale": analysis.stale,
    }


def workspace_stats(workspace: Workspace) -> dict[str, Any]:
    """Per-journey figures, and the journeys ordered from the stalest (never reviewed first)."""
    journeys = [journey_stats(a) for a in analyse_workspace(workspace).values()]
    stalest = sorted(journeys, key=lambda j: (j["days_since_review"] is not None, -(j["days_since_review"] or 0)))
    return {
        "version": 1,
        "journeys": journeys,
        "personas": len(workspace.personas),
        "evidence": len(workspace.evidence),
        "stalest": [
            {"id": j["id"], "reviewed": j["reviewed"], "days_since_review": j["days_since_review"]} for j in stalest
        ],
    }


def touchpoint_metrics(analysis: JourneyAnalysis) -> list[dict[str, Any]]:
    """The measured touchpoints: each metric with its number of ratings where one is recorded
    (`survey_score` and `survey_score_n`, as `cjmap import survey` writes them; also per persona,
    `survey_score.ana` and `survey_score_n.ana`)."""
    found = []
    for step in analysis.steps:
        metrics = step.touchpoint.metrics
        if not metrics:
            continue
        figures = []
        for name, value in metrics.items():
            base, _, persona = name.partition(".")
            if base.endswith("_n") and base[:-2] + (f".{persona}" if persona else "") in metrics:
                continue
            count = metrics.get(f"{base}_n" + (f".{persona}" if persona else ""))
            figures.append({"metric": name, "value": value, "n": count})
        found.append({"touchpoint": step.touchpoint.id, "name": step.touchpoint.name, "figures": figures})
    return found
