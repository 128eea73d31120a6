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
        self.groups: list[str] = []  # classes of the open <g> elements
        self.points: dict[str, list[str]] = {}  # line class -> touchpoint ids with a point of that line
        self.column = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        self.scripts += tag == "script"
        if tag == "article":
            self.column = found.get("id") or ""
        if tag == "g":
            self.groups.append(found.get("class") or "")
        if tag == "circle" and self.groups and self.column:
            self.points.setdefault(self.groups[-1], []).append(self.column.removeprefix("tp-"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "g":
            self.groups.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag == "g":
            self.groups.pop()

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in wanted.items())]


def test_html_golden(laptop, golden) -> None:
    golden(GOLDEN / "buy-a-laptop.html", html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode())


def test_every_touchpoint_has_a_column_and_each_persona_a_point_where_they_go(laptop) -> None:
    analysis = laptop.analyses["buy-a-laptop"]
    page = Page(html.render(laptop, analysis, "html").decode())
    columns = {a["id"] for a in page.find("article") if (a.get("id") or "").startswith("tp-")}
    assert columns == {f"tp-{step.touchpoint.id}" for step in analysis.steps}
    for css, persona in (("p0", "ana"), ("p1", "marcus")):
        taken = [s.touchpoint.id for s in analysis.steps if s.touchpoint.takes(persona)]
        assert page.points[css] == taken  # one point per touchpoint the persona goes through, in order
    assert "friend-referral" not in page.points["p1"] and "phone-order" not in page.points["p0"]


def test_page_is_self_contained_and_accessible(bank) -> None:
    text = html.render(bank, bank.analyses["open-an-account"], "html").decode()
    page = Page(text)
    assert page.find("html", lang="en") and page.scripts == 0
    assert not page.find("link") and not any(a.get("src") for _, a in page.tags)  # nothing fetched
    assert "url(" not in text and "@import" not in text
    assert page.find("div", class_="grid-wrap", role="region", tabindex="0")  # a focusable, named region
    (overview,) = page.find("svg", role="img")
    assert len(overview["aria-label"] or "") < 150  # a short name; the values are in the emotions table
    assert page.find("a", class_="skip", href="#map")
    assert "@page { size: 420mm 297mm" in text and "print-color-adjust: exact" in text
    assert "Address rejected" not in text and "Proof of address rejected" in text
    assert "◆ hand-off gap" in text  # comparison site -> phone line, and the emotion drops


def test_one_line_when_personas_agree(bank) -> None:
    page = Page(html.render(bank, bank.analyses["open-an-account"], "html").decode())
    assert set(page.points) == {"p0"} and not page.find("input")  # one line, so nothing to filter


def test_a_branch_is_drawn_as_alternatives(bank, laptop) -> None:
    """The comparison site leads to the phone line or straight to the app: the line to the app
    passes the phone line's column dotted, as a jump, not a visit."""
    text = html.render(bank, bank.analyses["open-an-account"], "html").decode()
    phone = text.split('id="tp-phone-line"', 1)[1].split("</article>", 1)[0]
    assert '<line x1="0%" y1="40" x2="100%" y2="40" class="jump"/>' in phone
    laptop_text = html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode()
    payment = laptop_text.split('id="tp-payment"', 1)[1].split("</article>", 1)[0]
    assert 'class="jump"' not in payment  # Marcus passes Ana's payment page where he has no point of his own


def test_persona_filter_is_css_only(laptop) -> None:
    text = html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode()
    page = Page(text)
    assert [a["id"] for a in page.find("input", type="checkbox")] == ["show-p0", "show-p1"]
    assert "body:has(#show-p1:not(:checked)) .p1 { display: none; }" in text and page.scripts == 0


def test_lowest_moments_say_whose_they_are(laptop) -> None:
    text = html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode()
    assert "Cart and delivery options</a> (-2, everyone)" in text
    assert "Tracking page and carrier texts</a> (-2, Marcus Reed)" in text


def test_metrics_are_formatted_and_the_funnel_counts_who_remains(laptop) -> None:
    text = html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode()
    assert "reach <strong>420,000</strong>" in text and "Conversion <strong>38%</strong>" in text
    assert "38% of customers remain (159,600)" in text and "20.5% of customers remain (86,184)" in text
    assert "0.38" not in text


def test_improvements_sit_under_the_touchpoints_they_address(laptop) -> None:
    text = html.render(laptop, laptop.analyses["buy-a-laptop"], "html").decode()
    cart = text.split('id="tp-cart"', 1)[1].split("</article>", 1)[0]
    assert "Show the shipping cost on the product page</a>" in cart and "Owner: e-commerce · due 2026-12-15" in cart
    assert ">in-progress<" in cart


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
        frontstage: "{EVIL}"
        support: "{EVIL}"
        physical_evidence: "{EVIL}"
        description: "{EVIL}"
        owner: "{EVIL}"
        metrics: {{"{EVIL}": 1}}
improvements:
  - id: i
    title: "{EVIL}"
    owner: "{EVIL}"
    description: "{EVIL}"
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
