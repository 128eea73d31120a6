"""`cjmap import mermaid`: Mermaid `journey` diagrams (alone, or in Markdown) into cjmap.

Sections become stages, tasks touchpoints, actors personas, scores 1..5 emotions on the
workspace scale. Markdown is read with CommonMark's fence rules (markdown-it-py), so a ```mermaid
block shown inside another code block is an example, not a diagram. Each diagram is read with
Mermaid's own grammar (mermaid_syntax); one that Mermaid or cjmap cannot use is reported by its
line and the others still import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjmap.importers._common import Ids, PersonaBook
from cjmap.importers.mermaid_syntax import Diagram, DiagramError, Task, is_journey, parse, score
from cjmap.importers.scale import emotion_from_score

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mkd")


@dataclass(frozen=True)
class Block:
    """A Mermaid diagram's text and the line of the file where it starts."""

    line: int
    text: str


@dataclass
class Found:
    """The journey diagrams of a file, read; and those that could not be, with why."""

    diagrams: list[tuple[Block, Diagram]] = field(default_factory=list)
    errors: list[tuple[Block, DiagramError]] = field(default_factory=list)
    other: int = 0  # Mermaid blocks of other diagram types (flowcharts...), left alone


def blocks(text: str, markdown: bool) -> list[Block]:
    """Every ```mermaid / ~~~mermaid fence of a Markdown text (wherever CommonMark sees one),
    else the whole text as one diagram."""
    if not markdown:
        return [Block(1, text)]
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "fence" and token.info.split()[:1] == ["mermaid"] and token.map:
            found.append(Block(token.map[0] + 2, token.content))
    return found


def read(text: str, markdown: bool) -> Found:
    found = Found()
    for block in blocks(text, markdown):
        if not is_journey(block.text):
            found.other += 1
            continue
        try:
            diagram = parse(block.text)
            for section in diagram.sections:
                for task in section.tasks:
                    score(task)
        except DiagramError as error:
            found.errors.append((block, DiagramError(block.line + error.line - 1, str(error).split(": ", 1)[1])))
            continue
        if not diagram.sections:
            found.errors.append((block, DiagramError(block.line, "the journey has no sections or tasks")))
            continue
        found.diagrams.append((block, diagram))
    return found


def _merged(tasks: list[Task]) -> list[list[Task]]:
    """Consecutive tasks of one name with different actors are one touchpoint felt differently
    (how cjmap's own export writes per-persona emotions)."""
    groups: list[list[Task]] = []
    for task in tasks:
        previous = groups[-1] if groups else []
        seen = {a for t in previous for a in t.actors}
        if previous and previous[0].name == task.name and task.actors and seen and not seen & set(task.actors):
            previous.append(task)
        else:
            groups.append([task])
    return groups


def to_journey(
    diagram: Diagram, journey_id: str, title: str, scale: tuple[int, int], book: PersonaBook, channel: str
) -> dict[str, Any]:
    """The journey document; actors are looked up (or created) in `book` by name."""
    actors = [a for s in diagram.sections for t in s.tasks for a in t.actors]
    people = {actor: book.id_for(actor) for actor in actors}
    personas = list(dict.fromkeys(people.values())) or [book.id_for("Customer")]
    stage_ids, touchpoint_ids = Ids(), Ids()
    stages = []
    for section in diagram.sections:
        touchpoints = []
        for group in _merged(section.tasks):
            feeling = {people[a]: emotion_from_score(score(t), scale) for t in group for a in t.actors}
            values = set(feeling.values())
            emotion: Any = feeling
            if not feeling:
                emotion = emotion_from_score(score(group[0]), scale)
            elif len(values) == 1 and list(feeling) == personas:  # everyone, in the journey's order
                emotion = values.pop()
            name = group[0].name
            tp_id = touchpoint_ids.take(name, "touchpoint")
            touchpoints.append({"id": tp_id, "name": name, "channel": channel, "emotion": emotion})
        name = section.name or ""
        stages.append({"id": stage_ids.take(name, "start"), "name": name, "touchpoints": touchpoints})
    journey: dict[str, Any] = {"kind": "journey", "id": journey_id, "title": title}
    if diagram.acc_descr:
        journey["scenario"] = diagram.acc_descr
    return journey | {"personas": personas, "stages": stages}


def title_of(diagram: Diagram, fallback: str) -> str:
    """The title Mermaid shows (a `title` line wins over the front matter), else the
    accessibility title, else `fallback`."""
    for candidate in (diagram.title, diagram.acc_title):
        if candidate:
            return candidate
    return fallback
