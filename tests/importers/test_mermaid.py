from __future__ import annotations

from pathlib import Path

import pytest

from cjmap.errors import CjmapError
from cjmap.importers import mermaid
from cjmap.layout import dump
from cjmap.render.mermaid import score

GOLDEN = Path(__file__).parent / "golden"
MARKDOWN = """# Journeys

```mermaid
journey
    title My working day: part #1
    accTitle: Working day
    accDescr {
      A day at the office,
      from coffee to home.
    }
    %% a comment
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Make tea: 4: Cat
```

```mermaid
flowchart LR
  a --> b
```

```mermaid
journey
  title Weekend
  section Saturday
    Sleep in: 5: Me
```
"""


def test_markdown_blocks_become_journeys_and_personas(golden) -> None:
    found = mermaid.diagrams(MARKDOWN)
    assert [line for line, _ in found] == [4, 27]
    journey, personas = mermaid.to_documents(mermaid.parse(found[0][1], found[0][0]), None, (-2, 2))
    golden(GOLDEN / "my-working-day.yaml", dump([journey, *personas]))
    assert (
        journey["id"] == "my-working-day-part-1" and journey["scenario"] == "A day at the office, from coffee to home."
    )
    ids = [tp["id"] for stage in journey["stages"] for tp in stage["touchpoints"]]
    assert ids == ["make-tea", "go-upstairs", "do-work", "go-downstairs", "make-tea-2"]  # same name, two sections
    assert journey["stages"][0]["touchpoints"][2]["emotion"] == -2  # both personas: a single value
    assert journey["stages"][1]["touchpoints"][1]["emotion"] == {"cat": 1}


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_scores_round_trip_with_the_mermaid_renderer(value: int) -> None:
    assert score(mermaid.emotion(value, (-2, 2)), (-2, 2)) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("journey\n  section A\n    Task: high: Me\n", "line 3: score `high`"),
        ("journey\n  section A\n    Task: 9: Me\n", "outside Mermaid's 1..5"),
        ("journey\n  title Empty\n", "has no tasks"),
        ("flowchart LR\n  a --> b\n", "no Mermaid `journey` diagram"),
    ],
)
def test_bad_diagrams_are_refused_with_a_line(text: str, message: str) -> None:
    with pytest.raises(CjmapError, match=None) as error:
        for line, body in mermaid.diagrams(text):
            mermaid.parse(body, line)
    assert message in str(error.value)


def test_cli_writes_journeys_and_personas(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    out = tmp_path / "ws"
    result = run_cli("import", "mermaid", str(source), "--out", str(out), expect=0)
    assert sorted(p.name for p in out.iterdir()) == [
        "cat.yaml",
        "me.yaml",
        "my-working-day-part-1.yaml",
        "weekend.yaml",
    ]
    assert "channel `other`" in result.stderr
    assert " error " not in run_cli("validate", str(out), expect=0).stdout
