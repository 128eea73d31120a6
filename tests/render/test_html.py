from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from cjmap.render import html
from tests.render.conftest import GOLDEN, context_for

EVIL = "<script>alert(1)</script>"


class Page(HTMLParser):
    """Collects what the structural checks need from a rendered page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in wanted.items())]


def test_html_golden(laptop, golden) -> None:
    golden(GOLDEN / "buy-a-laptop.html", html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode())


def test_every_touchpoint_has_a_column_and_one_point_per_persona(laptop) -> None:
    analysis = laptop.analyses["buy-a-laptop"]
    page = Page(html.render(laptop, analysis, "html").decode())
    columns = {a["id"] for a in page.find("th") if (a.get("id") or "").startswith("tp-")}
    assert columns == {f"tp-{step.touchpoint.id}" for step in analysis.steps}
    for persona in ("ana", "marcus"):
        points = page.find("g", class_="point", **{"data-persona": persona})
        assert len(points) == len(analysis.steps)  # every touchpoint has an emotion for each persona


def test_page_is_self_contained_and_accessible(bank) -> None:
    text = html.render(bank, bank.analyses["open-an-account"], "html").decode()
    page = Page(text)
    assert page.find("html", lang="en") and page.scripts == 0
    assert "http" not in "".join(a.get("src") or "" for _, a in page.tags)  # nothing fetched
    assert page.find("svg", role="img") and '<title id="curve-title">' in text and '<desc id="curve-desc">' in text
    assert "@page { size: A3 landscape" in text
    assert "Address rejected" not in text and "Proof of address rejected" in text
    assert "⚠ hand-off gap" in text  # app -> branch, and the emotion drops


def test_one_line_when_personas_agree(bank) -> None:
    page = Page(html.render(bank, bank.analyses["open-an-account"], "html").decode())
    assert {a["data-persona"] for a in page.find("g", class_="point")} == {"all"}


def test_every_user_string_is_escaped(tmp_path: Path) -> None:
    (tmp_path / "maps.yaml").write_text(
        f"""kind: persona
id: evil
name: "{EVIL}"
role: "{EVIL}"
attributes: {{"{EVIL}": "{EVIL}"}}
---
kind: evidence
id: ev
title: "{EVIL}"
type: survey
url: "javascript:alert(1)"
---
kind: journey
id: j
title: "{EVIL}"
scenario: "{EVIL}"
personas: [evil]
evidence: [ev]
objectives: ["{EVIL}"]
stages:
  - id: s
    name: "{EVIL}"
    touchpoints:
      - id: t
        name: "{EVIL}"
        channel: web
        actions: ["{EVIL}"]
        thoughts: "{EVIL}"
        emotion: -1
        pain_points: ["{EVIL}"]
        opportunities: ["{EVIL}"]
        backstage: "{EVIL}"
        owner: "{EVIL}"
improvements:
  - id: i
    title: "{EVIL}"
    owner: "{EVIL}"
    addresses: [t]
""",
        encoding="utf-8",
    )
    context = context_for(tmp_path)
    for text in (html.render(context, context.analyses["j"], "html").decode(), html.index(context).decode()):
        assert EVIL not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert Page(text).scripts == 0
        assert 'href="javascript:' not in text


def test_index_links_every_journey_and_persona(laptop) -> None:
    page = Page(html.index(laptop).decode())
    assert {a["href"] for a in page.find("a")} == {"buy-a-laptop.html"}
