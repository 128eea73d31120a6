"""The journey file format, version 1, as pydantic models.

Models check types, required fields and unknown keys. Everything that needs the workspace
(references, channel vocabulary, the emotion scale, practice checks) is a lint rule instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    """A date from ISO text. A failure says what was expected (a noun phrase), for the message
    "`due` must be <expected>; got ..." (schema_errors)."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("a date on the calendar") from None
    raise ValueError("an ISO date such as 2026-03-31")


def _finite(value: Any) -> Any:
    """Infinity and NaN (YAML's `.inf`, `.nan`) measure nothing, and JSON cannot hold them.
    (Errors read after "must be", as schema_errors words them.)"""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a finite number (not .inf or .nan)")
    return value


def _all_finite(value: Any) -> Any:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("free of .inf and .nan values")
        stack.extend(item.values() if isinstance(item, dict) else item if isinstance(item, list) else ())
    return value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _as_item(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


Id = Annotated[str, Field(pattern=ID_PATTERN)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Lines = Annotated[list[str], BeforeValidator(_as_list, json_schema_input_type=str | list[str])]
Number = Annotated[int | float, AfterValidator(_finite)]
Metrics = dict[str, Number]
Emotion = int | dict[Id, int]
Severity = Literal["low", "medium", "high"]


class Base(BaseModel):
    # strict: YAML already gives typed values, so "1" must not become 1 nor true become 1
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, strict=True)


class Note(Base):
    """A pain point or an opportunity: plain text, or text with a severity."""

    text: str
    severity: Severity = "medium"


Notes = list[Annotated[Note, BeforeValidator(_as_item, json_schema_input_type=str | Note)]]


class Touchpoint(Base):
    """One moment where the customer meets the brand (or hears of it)."""

    id: Id
    name: str
    channel: str
    scope: Literal["peripheral", "external", "internal"] | None = None
    device: str | None = None
    owner: str | None = None
    # Who goes through this touchpoint (persona ids of the journey); everyone when absent.
    personas: list[Id] | None = None
    description: str | None = None
    actions: Lines = Field(default_factory=list)
    thoughts: Lines = Field(default_factory=list)
    emotion: Emotion | None = None
    pain_points: Notes = Field(default_factory=list)
    opportunities: Notes = Field(default_factory=list)
    # Service blueprint lanes: what employees do in sight of the customer, behind the line of
    # visibility, the support processes and systems behind them, and what the customer sees or holds.
    frontstage: Lines = Field(default_factory=list)
    backstage: Lines = Field(default_factory=list)
    support: Lines = Field(default_factory=list)
    physical_evidence: Lines = Field(default_factory=list)
    critical: bool = False
    metrics: Metrics = Field(default_factory=dict)
    evidence: list[Id] = Field(default_factory=list)
    next: list[Id] | None = None

    def takes(self, persona: str) -> bool:
        """Whether `persona` goes through this touchpoint."""
        return self.personas is None or persona in self.personas

    def emotions(self, personas: list[str]) -> dict[str, int]:
        """Emotion per persona who takes this touchpoint; a single number applies to each of them."""
        if self.emotion is None:
            return {}
        if isinstance(self.emotion, int):
            return {p: self.emotion for p in personas if self.takes(p)}
        return dict(self.emotion)


class Stage(Base):
    """A phase of the journey (awareness, consideration, decision...)."""

    id: Id
    name: str
    goal: str | None = None
    description: str | None = None
    metrics: Metrics = Field(default_factory=dict)
    evidence: list[Id] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)


class Improvement(Base):
    """An opportunity the company commits to act on."""

    id: Id
    title: str
    owner: str | None = None
    status: Literal["idea", "planned", "in-progress", "done"] = "idea"
    due: Date | None = None
    description: str | None = None
    addresses: list[Id] = Field(default_factory=list)


class Journey(Base):
    """A journey map: one scenario, walked by one or more personas, stage by stage."""

    kind: Literal["journey"]
    id: Id
    title: str
    personas: Annotated[list[Id], Field(min_length=1)]
    stages: Annotated[list[Stage], Field(min_length=1)]
    scenario: str | None = None
    owner: str | None = None
    state: Literal["as-is", "to-be"] | None = None
    reviewed: Date | None = None
    objectives: Lines = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    evidence: list[Id] = Field(default_factory=list)
    improvements: list[Improvement] = Field(default_factory=list)


class Persona(Base):
    """A customer archetype built from research."""

    kind: Literal["persona"]
    id: Id
    name: str
    role: str | None = None
    summary: str | None = None
    age: int | str | None = None
    quote: str | None = None
    goals: Lines = Field(default_factory=list)
    needs: Lines = Field(default_factory=list)
    frustrations: Lines = Field(default_factory=list)
    motivations: Lines = Field(default_factory=list)
    attributes: Annotated[dict[str, Any], AfterValidator(_all_finite)] = Field(default_factory=dict)
    evidence: list[Id] = Field(default_factory=list)


class Evidence(Base):
    """Research a map rests on: a survey, interviews, analytics, support logs..."""

    kind: Literal["evidence"]
    id: Id
    title: str
    type: Literal["survey", "interview", "analytics", "support", "review", "observation", "other"]
    date: Date | None = None
    sample_size: Annotated[int, Field(ge=0)] | None = None
    url: str | None = None
    summary: str | None = None


MODELS: dict[str, type[Base]] = {"journey": Journey, "persona": Persona, "evidence": Evidence}
