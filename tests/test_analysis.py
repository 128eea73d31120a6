"""The shared analysis: each persona's path, hand-offs, the funnel. Properties over generated journeys
(branches, loops, touchpoints some personas skip) and a few worked cases."""

from __future__ import annotations

from hypothesis import given, settings

from cjmap.analysis import JourneyAnalysis, analyse
from cjmap.config import Config
from cjmap.model import Journey
from tests.journeys import journeys


def _analyse(journey: Journey) -> JourneyAnalysis:
    return analyse(journey, Config())


def _through_skipped(analysis: JourneyAnalysis, persona: str, source: int, target: int) -> bool:
    """Whether the path leads from `source` to `target` through touchpoints `persona` skips only."""
    following: dict[int, list[int]] = {}
    for a, b in analysis.edges:
        following.setdefault(a.index, []).append(b.index)
    seen, todo = set(), list(following.get(source, []))
    while todo:
        current = todo.pop()
        if current == target:
            return True
        if current not in seen and not analysis.steps[current].touchpoint.takes(persona):
            seen.add(current)
            todo += following.get(current, [])
    return False


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_a_persona_path_only_joins_touchpoints_they_take(journey: Journey) -> None:
    analysis = _analyse(journey)
    paths = {
        p: [(a.index, b.index) for a, b in analysis.paths.get(p, analysis.paths.get("all", []))]
        for p in journey.personas
    }
    for persona, edges in paths.items():
        for a, b in edges:
            assert analysis.steps[a].touchpoint.takes(persona) and analysis.steps[b].touchpoint.takes(persona)
            assert _through_skipped(analysis, persona, a, b)


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_handoffs_are_made_by_someone_and_drops_count_only_them(journey: Journey) -> None:
    analysis = _analyse(journey)
    for handoff in analysis.handoffs:
        assert handoff.personas and handoff.changes and handoff.emotion_drop >= 0
        before = handoff.source.touchpoint.emotions(journey.personas)
        after = handoff.target.touchpoint.emotions(journey.personas)
        drops = [before[p] - after[p] for p in handoff.personas if p in before and p in after]
        assert handoff.emotion_drop == max([0, *drops])
    assert [h.emotion_drop for h in analysis.gaps] == sorted((h.emotion_drop for h in analysis.gaps), reverse=True)


@settings(max_examples=100, deadline=None)
@given(journeys())
def test_without_personas_on_touchpoints_every_path_is_the_journey_path(journey: Journey) -> None:
    plain = journey.model_copy(
        update={
            "stages": [
                s.model_copy(update={"touchpoints": [t.model_copy(update={"personas": None}) for t in s.touchpoints]})
                for s in journey.stages
            ]
        }
    )
    analysis = _analyse(plain)
    assert all(edges == analysis.edges for edges in analysis.paths.values())


def test_a_split_gives_each_persona_their_own_way() -> None:
    journey = Journey.model_validate(
        {
            "kind": "journey",
            "id": "j",
            "title": "J",
            "personas": ["ana", "ben"],
            "stages": [
                {
                    "id": "s",
                    "name": "S",
                    "touchpoints": [
                        {"id": "search", "name": "Search", "channel": "web", "next": ["book", "call"], "emotion": 0},
                        {
                            "id": "book",
                            "name": "Book",
                            "channel": "web",
                            "personas": ["ana"],
                            "next": ["done"],
                            "emotion": 1,
                        },
                        {"id": "call", "name": "Call", "channel": "phone", "personas": ["ben"], "emotion": -1},
                        {"id": "done", "name": "Done", "channel": "email", "emotion": 2},
                    ],
                }
            ],
        }
    )
    analysis = _analyse(journey)
    ids = {p: [(a.touchpoint.id, b.touchpoint.id) for a, b in e] for p, e in analysis.paths.items()}
    assert ids == {"ana": [("search", "book"), ("book", "done")], "ben": [("search", "call"), ("call", "done")]}
    handoffs = {(h.source.touchpoint.id, h.target.touchpoint.id): h.personas for h in analysis.handoffs}
    assert handoffs == {("search", "call"): ("ben",), ("call", "done"): ("ben",), ("book", "done"): ("ana",)}
    assert analysis.curves == {"ana": [0, 1, None, 2], "ben": [0, None, -1, 2]}


def test_the_funnel_counts_who_remains() -> None:
    stages = [
        {"id": "a", "name": "A", "metrics": {"reach": 1000}},
        {"id": "b", "name": "B", "metrics": {"conversion": 0.5}},
        {"id": "c", "name": "C"},
        {"id": "d", "name": "D", "metrics": {"drop_off": 0.2}},
        {"id": "e", "name": "E"},
    ]
    journey = Journey.model_validate({"kind": "journey", "id": "j", "title": "J", "personas": ["p"], "stages": stages})
    rows = _analyse(journey).funnel
    assert [r.remaining for r in rows] == [1.0, 0.5, 0.5, 0.4, None]
    assert [r.customers for r in rows] == [1000, 500, 500, 400, None]
