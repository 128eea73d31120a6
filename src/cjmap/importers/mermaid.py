"""`cjmap import mermaid`: Mermaid `journey` diagrams (alone or inside Markdown) into cjmap.

Sections become stages, tasks touchpoints, actors personas, scores 1..5 emotions on the
workspace scale. Ids come from names and are made unique; comments (`%%`) are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cjmap.errors import CjmapError
from cjmap.importers._common import Ids, slug

_FENCE = re.compile(r"^```\s*mermaid\s*\n(.*?)^```", re.M | re.S)
_TASK = re.compile(r"^(?P<name>[^:]+):\s*(?P<score>[^:]*?)\s*(?::(?P<actors>.*))?$")


@dataclass
class Diagram:
    title: str = ""
    description: str = ""
    sections: list[tuple[str, list[tuple[str, int, list[str]]]]] = field(default_factory=list)


def diagrams(text: str) -> list[tuple[int, str]]:
    """(first line, source) of every journey diagram: the text itself, or each fenced block."""
    blocks = [(text[: m.start(1)].count("\n") + 1, m.group(1)) for m in _FENCE.finditer(text)]
    found = [(line, body) for line, body in (blocks or [(1, text)]) if _first_word(body) == "journey"]
    if not found:
        raise CjmapError("no Mermaid `journey` diagram found")
    return found


def _first_word(body: str) -> str:
    for line in body.splitlines():
        if line.strip() and not line.strip().startswith("%%"):
            return line.split()[0]
    return ""


def parse(body: str, first_line: int = 1) -> Diagram:
    diagram = Diagram()
    lines = iter(enumerate(body.splitlines(), first_line))
    for number, raw in lines:
        line = raw.strip()
        if not line or line.startswith("%%") or line == "journey":
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "title":
            diagram.title = rest.strip()
        elif keyword.startswith("accTitle"):
            diagram.title = diagram.title or line.split(":", 1)[1].strip()
        elif keyword.startswith("accDescr"):
            diagram.description = _description(line, lines)
        elif keyword == "section":
            diagram.sections.append((rest.strip(), []))
        else:
            if not diagram.sections:  # tasks before any section
                diagram.sections.append(("Journey", []))
            diagram.sections[-1][1].append(_task(line, number))
    if not any(tasks for _, tasks in diagram.sections):
        raise CjmapError(f"line {first_line}: the journey diagram has no tasks")
    return diagram


def _description(line: str, lines: Any) -> str:
    if ":" in line:
        return line.split(":", 1)[1].strip()
    parts = [line.split("{", 1)[1]] if "{" in line else []
    for _, raw in lines:
        if "}" in raw:
            parts.append(raw.split("}", 1)[0])
            break
        parts.append(raw)
    return " ".join(p.strip() for p in parts if p.strip())


def _task(line: str, number: int) -> tuple[str, int, list[str]]:
    match = _TASK.match(line)
    if not match:
        raise CjmapError(f"line {number}: `{line}` is not a task (name: score: actors)")
    try:
        score = int(match.group("score"))
    except ValueError:
        raise CjmapError(f"line {number}: score `{match.group('score')}` is not a whole number 1..5") from None
    if not 1 <= score <= 5:
        raise CjmapError(f"line {number}: score {score} is outside Mermaid's 1..5")
    actors = [a.strip() for a in (match.group("actors") or "").split(",") if a.strip()]
    return match.group("name").strip(), score, actors


def emotion(score: int, scale: tuple[int, int]) -> int:
    """Mermaid's 1..5 mapped linearly onto the workspace scale (1 -> low, 3 -> 0, 5 -> high)."""
    low, high = scale
    return round(low + (score - 1) * (high - low) / 4)


def to_documents(
    diagram: Diagram,
    journey_id: str | None,
    scale: tuple[int, int],
    channel: str = "other",
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The journey and the personas for its actors."""
    people: dict[str, str] = {}  # actor name -> persona id
    persona_ids, stage_ids, touchpoint_ids = Ids(), Ids(), Ids()
    for _, tasks in diagram.sections:
        for _, _, actors in tasks:
            for actor in actors:
                if actor not in people:
                    people[actor] = persona_ids.take(actor, "persona")
    if not people:
        people["Customer"] = "customer"
    stages = []
    for section, tasks in diagram.sections:
        touchpoints = []
        for name, score, actors in tasks:
            value = emotion(score, scale)
            who = [people[a] for a in actors] or list(people.values())
            feeling: Any = value if len(who) == len(people) else {p: value for p in who}
            touchpoints.append(
                {"id": touchpoint_ids.take(name, "touchpoint"), "name": name, "channel": channel, "emotion": feeling}
            )
        stages.append({"id": stage_ids.take(section, "stage"), "name": section, "touchpoints": touchpoints})
    title = diagram.title or "Imported journey"
    journey: dict[str, Any] = {"kind": "journey", "id": journey_id or slug(title, "journey"), "title": title}
    if diagram.description:
        journey["scenario"] = diagram.description
    journey |= {"personas": list(people.values()), "stages": stages}
    personas = [{"kind": "persona", "id": pid, "name": name} for name, pid in people.items()]
    return journey, personas
