"""Mermaid's `journey` grammar, read the way Mermaid 11 reads it.

A port of Mermaid's preprocessing (line ends, front matter, `%%{...}%%` directives, `%%` comment
lines, entity codes such as `#58;`) and of its jison lexer and grammar (journey.jison): keywords
in any case, the first lexer rule that matches wins, `#` starts a comment, `;` is an error outside
accessibility text. Line numbers stay those of the text given, so errors point at the user's file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cjmap.errors import CjmapError


class DiagramError(CjmapError):
    """A diagram Mermaid would refuse, or whose scores cjmap cannot use; `line` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class Task:
    name: str
    score_text: str
    actors: list[str]
    line: int
    rest: list[str] = field(default_factory=list)  # the fields after the score, as Mermaid split them


@dataclass
class Section:
    name: str | None  # None: tasks written before any `section`
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Diagram:
    title: str | None = None
    acc_title: str | None = None
    acc_descr: str | None = None
    sections: list[Section] = field(default_factory=list)


_FRONT_MATTER = re.compile(r"^-{3}\s*\n(.*?)\n-{3}\s*\n+", re.S)
_DIRECTIVE = re.compile(r"%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?", re.I)
_COMMENT_LINE = re.compile(r"^\s*%%(?!{)[^\n]+\n?", re.M)
_TAG = re.compile(r"<(\w+)([^>]*)>")
_QUIRKS = (re.compile(r"style.*:\S*#.*;"), re.compile(r"classDef.*:\S*#.*;"))
_ENTITY = re.compile(r"#(\w+);", re.A)
_PLACEHOLDER = re.compile("\ue000(\\w+)\ue001", re.A)
_JOURNEY = re.compile(r"^\s*journey")
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("", re.compile(r"%(?!\{)[^\n]*")),
    ("", re.compile(r"[^}]%%[^\n]*")),
    ("NEWLINE", re.compile(r"\n+")),
    ("", re.compile(r"\s+")),
    ("", re.compile(r"#[^\n]*")),
    ("journey", re.compile(r"journey\b", re.I | re.A)),
    ("title", re.compile(r"title\s[^#\n;]+", re.I)),
    ("acc_title", re.compile(r"accTitle\s*:\s*", re.I)),
    ("acc_descr", re.compile(r"accDescr\s*:\s*", re.I)),
    ("acc_descr_multiline", re.compile(r"accDescr\s*\{\s*", re.I)),
    ("section", re.compile(r"section\s[^#:\n;]+", re.I)),
    ("taskName", re.compile(r"[^#:\n;]+")),
    ("taskData", re.compile(r":[^#\n;]+")),
    (":", re.compile(r":")),
    ("INVALID", re.compile(r".", re.S)),
]


def _blank(match: re.Match[str]) -> str:
    """Removed text leaves its line ends behind, so later lines keep their numbers."""
    return "\n" * match.group(0).count("\n")


def preprocess(text: str) -> tuple[str, str | None]:
    """The text Mermaid's lexer sees (same line numbers) and the front matter's title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAG.sub(lambda m: "<" + m.group(1) + re.sub(r'="([^"]*)"', r"='\1'", m.group(2)) + ">", text)
    title = None
    match = _FRONT_MATTER.match(text)
    if match:
        title = _front_matter_title(match.group(1))
        text = _blank(match) + text[match.end() :]
    text = _COMMENT_LINE.sub(_blank, _DIRECTIVE.sub(_blank, text))
    return text, title


def _front_matter_title(body: str) -> str | None:
    import yaml

    try:  # BaseLoader reads every scalar as text, as Mermaid's title.toString() shows it
        data = yaml.load(body, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DiagramError(2 + (mark.line if mark else 0), f"the front matter is not valid YAML: {error}") from None
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) and title else None


def is_journey(text: str) -> bool:
    """Mermaid's detector: after front matter, directives and comments, `journey` (lowercase) first."""
    try:
        return bool(_JOURNEY.match(preprocess(text)[0]))
    except DiagramError:
        return bool(_JOURNEY.match(_FRONT_MATTER.sub("", text)))


def _encode_entities(text: str) -> str:
    for quirk in _QUIRKS:  # Mermaid drops the `;` of what looks like a style statement
        text = quirk.sub(lambda m: m.group(0)[:-1], text)
    return _ENTITY.sub(lambda m: f"\ue000{m.group(1)}\ue001", text)


def decode(text: str) -> str:
    """Entity codes as the characters Mermaid displays: `#58;` -> `:`, `#amp;` -> `&`."""

    def one(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner.lstrip("+").isdigit():
            code = int(inner.lstrip("+"))
            return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else f"#{inner};"
        named = html.unescape(f"&{inner};")
        return named if named != f"&{inner};" else f"#{inner};"

    return _PLACEHOLDER.sub(one, text)


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, line) of every token, with Mermaid's lexer rules and states."""
    at, line, end = 0, 1, len(text)
    while at < end:
        kind, match = next((k, m) for k, rule in _RULES if (m := rule.match(text, at)))  # the first that matches
        stop = match.end()
        if kind in ("acc_title", "acc_descr"):  # the value runs to the end of the line
            stop = _find(text, "\n", stop, end)
            yield kind, text[match.end() : stop], line
        elif kind == "acc_descr_multiline":  # ... or to the next `}`, across lines
            stop = _find(text, "}", stop, -1)
            if stop == -1:
                raise DiagramError(line, "`accDescr {` has no closing `}`")
            yield kind, text[match.end() : stop], line
            stop += 1
        elif kind:
            yield kind, match.group(0), line
        line += text.count("\n", at, stop)
        at = stop


def _find(text: str, wanted: str, start: int, missing: int) -> int:
    found = text.find(wanted, start)
    return missing if found == -1 else found


def parse(text: str) -> Diagram:
    """The diagram in `text` (a journey, as `is_journey` tells), or the DiagramError Mermaid
    would raise, at the line of the token it stops at."""
    body, front_title = preprocess(text)
    diagram = Diagram(title=front_title)
    stream = tokens(_encode_entities(body))
    first = next((t for t in stream if t[0] != "NEWLINE"), ("EOF", "", 1))  # Mermaid trims the start
    if first[0] != "journey":
        raise DiagramError(first[2], "a journey diagram starts with `journey`")
    pending: tuple[str, int] | None = None  # a task name waiting for its `: score: actors`
    for kind, value, line in stream:
        if pending is not None:
            if kind != "taskData":
                raise DiagramError(pending[1], _no_data(pending[0]))
            diagram_task(diagram, pending[0], value, pending[1])
            pending = None
        elif kind == "taskName":
            pending = (value, line)
        elif kind in _STATEMENTS:
            _STATEMENTS[kind](diagram, value)
        elif kind != "NEWLINE":
            raise DiagramError(line, _unexpected(kind, value))
    if pending is not None:
        raise DiagramError(pending[1], _no_data(pending[0]))
    return diagram


def diagram_task(diagram: Diagram, name: str, data: str, line: int) -> None:
    """Mermaid's addTask: the score up to the next `:`, then actors split on `,` (more fields ignored)."""
    pieces = data[1:].split(":")
    actors = [decode(a.strip()) for a in pieces[1].split(",")] if len(pieces) > 1 else []
    if not diagram.sections:
        diagram.sections.append(Section(None))
    task = Task(decode(name.strip()), pieces[0], [a for a in actors if a], line, pieces[1:])
    diagram.sections[-1].tasks.append(task)


def score(task: Task) -> int:
    """The task's score as a whole number 1..5, or a DiagramError that says what is wrong."""
    text = task.score_text.strip()
    if re.fullmatch(r"\+?\d+", text) and 1 <= int(text) <= 5:
        return int(text)
    if _NUMBER.fullmatch(text):
        kind = "outside 1..5" if float(text).is_integer() else "not a whole number"
        return _refuse(task, f"score {text} is {kind} (Mermaid draws it, but cjmap maps 1..5 onto emotions)")
    if task.rest and _NUMBER.fullmatch(task.rest[0].strip()):
        return _refuse(
            task,
            f"task name contains `:` (Mermaid reads `{task.name}` as the task and `{text}` as its score); "
            "write `#58;` for a colon in a task name",
        )
    return _refuse(task, f"score `{text}` is not a number from 1 to 5")


def _refuse(task: Task, message: str) -> int:
    raise DiagramError(task.line, message)


_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)")


def _no_data(name: str) -> str:
    stripped = name.strip()
    if re.match(r"acc(title|descr)\b", stripped, re.I):
        return f"`{stripped}` needs a colon: `accTitle: text` or `accDescr: text`"
    return f"task `{stripped}` has no `: score: actors` (a `#` starts a comment; write `#35;` for the character)"


def _unexpected(kind: str, value: str) -> str:
    if kind == "journey":
        return "a second `journey` keyword: one diagram per block"
    if kind == "INVALID" and value == ";":
        return "`;` is not allowed here (write `#59;` for the character)"
    if kind in ("taskData", ":"):
        return f"`{value.strip()}` without a task name before it (a section or title cannot contain `:`; write `#58;`)"
    return f"unexpected `{value.strip()}`"


_STATEMENTS = {
    "title": lambda d, v: setattr(d, "title", decode(v[6:].strip())),
    "acc_title": lambda d, v: setattr(d, "acc_title", decode(v.strip())),
    "acc_descr": lambda d, v: setattr(d, "acc_descr", decode(v.strip())),
    "acc_descr_multiline": lambda d, v: setattr(d, "acc_descr", decode(re.sub(r"\n\s+", "\n", v.strip()))),
    "section": lambda d, v: d.sections.append(Section(decode(v[8:].strip()))),
}
