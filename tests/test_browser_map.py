"""The HTML map in a real headless Chromium: the wall, the laptop and the phone.

Every example (and the every-field workspace, a 12-touchpoint and a 150-touchpoint journey) is
rendered once for the module; each test opens the pages it needs. axe-core (`make browser` fetches
it from the npm registry into .cache/, like Mermaid's parser) checks every example at 1440 and 390
px. Without chromium or axe the tests fail rather than skip, so CI cannot pass silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjmap.commands import render
from cjmap.config import load_config
from tests.conftest import ROOT
from tests.render.test_every_field import FOLDER as EVERY_FIELD
from tests.render.test_every_field import PLACEHOLDER, expected
from tests.test_browser import CHROMIUM_ARGS, chromium_path

AXE_JS = ROOT / ".cache" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']});
  return result.violations.map(v => `${v.impact} ${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3)}`);
}"""
LAPTOP, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}
EIGHT_POINTS_PX = 8 / 72 * 96
EXAMPLES = ["laptop", "bank", "every-field"]


def wide_journey(folder: Path, touchpoints: int, per_stage: int, personas: int) -> Path:
    """A journey of long-winded touchpoints, `per_stage` to a stage, every lane filled."""
    folder.mkdir(parents=True)
    ids = [f"p{n}" for n in range(personas)]
    lines = ["kind: journey", "id: wide", "title: A wide journey", f"personas: [{', '.join(ids)}]", "stages:"]
    for t in range(touchpoints):
        if t % per_stage == 0:
            lines += [
                f"  - id: s{t}",
                f"    name: Stage number {t // per_stage} of the wide journey",
                "    touchpoints:",
            ]
        emotions = ", ".join(f"{p}: {(t + n) % 5 - 2}" for n, p in enumerate(ids))
        lines += [
            f"      - id: t{t}",
            f"        name: Touchpoint {t} where customers compare delivery options",
            "        channel: web",
            "        owner: e-commerce-team",
            "        actions: [Reads the whole comparison table twice, Asks a colleague]",
            "        thoughts: Is this really the cheapest option for next-day delivery?",
            f"        emotion: {{{emotions}}}",
            "        pain_points: [{text: The delivery cost appears only at the very end, severity: high}]",
            "        opportunities: [Show the delivery cost on the product page]",
            "        frontstage: [Chat agent explains the delivery options]",
            "        backstage: [Rates looked up for the postcode]",
        ]
    lines += [f"---\nkind: persona\nid: {p}\nname: Persona {p.upper()} Example" for p in ids]
    (folder / "wide.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Journey name -> its rendered page."""
    base = tmp_path_factory.mktemp("maps")
    sources = {
        "laptop": (ROOT / "examples" / "laptop-online", "buy-a-laptop"),
        "bank": (ROOT / "examples" / "bank-account", "open-an-account"),
        "every-field": (EVERY_FIELD, "restock-clinic"),
        "twelve": (wide_journey(base / "twelve-src", 12, 3, 2), "wide"),
        "wide": (wide_journey(base / "wide-src", 150, 10, 3), "wide"),
    }
    pages = {}
    for name, (folder, journey) in sources.items():
        result = render.run([folder], load_config(targets=[folder]), ["html"], base / name, None, True, 60.0)
        assert not result.blocked, result.report.problems
        pages[name] = base / name / f"{journey}.html"
    folder = sources["wide"][0]  # the same journey as a poster: one stage per A2 sheet
    render.run(
        [folder], load_config(targets=[folder]), ["html"], base / "poster", None, True, 60.0, paper="A2", poster=True
    )
    pages["poster"] = base / "poster" / "wide.html"
    return pages


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def open_page(browser: Any, path: Path, viewport: dict[str, int], fragment: str = "") -> Any:
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri() + fragment)
    page.errors = errors
    return page


def box(page: Any, selector: str) -> dict[str, float]:
    return page.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().toJSON()")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1440", "390"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_axe_core_finds_no_violation(browser, maps, name: str, viewport: dict[str, int]) -> None:
    assert AXE_JS.is_file(), "no .cache/axe.min.js: `make browser` fetches axe-core from the npm registry"
    for path in [maps[name], *([maps[name].parent / "index.html"] if name != "every-field" else [])]:
        page = open_page(browser, path, viewport)
        page.add_script_tag(path=str(AXE_JS))
        assert page.evaluate(AXE_RUN) == [], path.name
        assert page.errors == []
        page.close()


def test_the_index_leads_to_the_map(browser, maps) -> None:
    page = open_page(browser, maps["laptop"].parent / "index.html", LAPTOP)
    page.click("text=Buying a laptop online")
    assert page.url.endswith("buy-a-laptop.html") and page.locator("article.tp").count() == 17
    assert page.errors == []
    page.close()


def test_axe_core_does_find_violations(browser) -> None:
    page = browser.new_page()
    page.set_content('<html><body><div style="overflow:auto;height:20px"><p>x</p><p>y</p><p>z</p></div></body></html>')
    page.add_script_tag(path=str(AXE_JS))
    assert any("scrollable-region-focusable" in v for v in page.evaluate(AXE_RUN))
    page.close()


def test_headers_and_lane_labels_stay_after_scrolling(browser, maps) -> None:
    page = open_page(browser, maps["wide"], LAPTOP)
    page.evaluate("() => { const w = document.querySelector('#map'); w.scrollIntoView(); w.scrollTo(9000, 400); }")
    wrap = box(page, "#map")
    scrolled = page.evaluate(
        "() => [document.querySelector('#map').scrollLeft, document.querySelector('#map').scrollTop]"
    )
    assert scrolled[0] >= 9000 and scrolled[1] >= 300
    label = box(page, ".map > .lanes")
    stage_height = box(page, ".map > .lanes > .corner")["height"]

    def under(x: float, y: float) -> str:
        return page.evaluate(f"() => document.elementFromPoint({x}, {y}).closest('.stage-h, .head, .lanes')?.className")

    assert abs(label["left"] - wrap["left"]) <= 2  # the lane labels stay at the left edge
    assert under(wrap["left"] + 20, wrap["top"] + 300) == "lanes"
    assert under(wrap["left"] + label["width"] + 60, wrap["top"] + 5) == "stage-h"
    assert under(wrap["left"] + label["width"] + 60, wrap["top"] + stage_height + 10) == "cell head"
    page.close()


def test_twelve_touchpoints_fit_a_laptop_screen_and_the_map_comes_first(browser, maps) -> None:
    page = open_page(browser, maps["twelve"], LAPTOP)
    fit = page.evaluate(
        "() => { const w = document.querySelector('#map');"
        " return [w.scrollWidth, w.clientWidth, document.documentElement.scrollWidth]; }"
    )
    assert fit[0] <= fit[1] and fit[2] <= LAPTOP["width"], fit
    assert page.locator("article.tp").count() == 12
    assert box(page, "#map")["top"] < 600 and box(page, "#tp-t0")["top"] < LAPTOP["height"]
    assert page.locator("details.persona[open]").count() == 0  # persona cards fold
    page.close()


def test_branches_are_drawn_as_alternatives(browser, maps) -> None:
    page = open_page(browser, maps["laptop"], LAPTOP)
    visible = "(css) => [...document.querySelectorAll(`svg.curve g.${css} circle`)].filter(c => c.getBoundingClientRect().width > 0)"
    assert page.evaluate(f"(css) => ({visible})(css).length", "p0") == 16  # Ana skips the phone order
    assert page.evaluate(f"(css) => ({visible})(css).length", "p1") == 15  # Marcus the referral and the payment
    assert page.locator("#tp-phone-order svg.curve g.p0 circle").count() == 0
    assert page.locator("#tp-payment svg.curve g.p1 circle").count() == 0
    page.close()
    page = open_page(browser, maps["bank"], LAPTOP)
    dash = page.evaluate(
        "() => getComputedStyle(document.querySelector('#tp-phone-line svg.curve line.jump')).strokeDasharray"
    )
    assert dash.replace("px", "").replace(",", " ").split() == ["1", "4"]  # the way straight to the app, dotted
    page.close()


def test_a_persona_can_be_shown_alone(browser, maps) -> None:
    page = open_page(browser, maps["laptop"], LAPTOP)

    def shown(css: str) -> int:
        return page.evaluate(
            f"() => [...document.querySelectorAll('svg.curve g.{css} circle, svg.overview path.{css}')]"
            ".filter(e => e.getBoundingClientRect().width > 0).length"
        )

    assert (shown("p0"), shown("p1")) == (17, 16)
    page.uncheck("#show-p1")
    assert (shown("p0"), shown("p1")) == (17, 0)
    page.check("#show-p1")
    page.uncheck("#show-p0")
    assert (shown("p0"), shown("p1")) == (0, 16)
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1440", "390"])
def test_every_field_appears(browser, maps, viewport: dict[str, int]) -> None:
    page = open_page(browser, maps["every-field"], viewport)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    text = " ".join(
        page.evaluate("() => document.body.innerText").split()
    ).lower()  # as shown: some labels are capitals
    html = page.content()
    missing = [
        f"{m}.{f}: {item}"
        for m, f, item in expected()
        if (item[5:] not in html if item.startswith("attr:") else item.lower() not in text)
    ]
    assert missing == []
    assert all(item.lower() in text for item in PLACEHOLDER)
    page.close()


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of a PDF Chromium wrote, in points."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


PAPER_POINTS = {"A3": (1190.55, 841.89), "A2": (1683.78, 1190.55)}  # landscape


@pytest.mark.parametrize(("name", "paper"), [("wide", "A3"), ("laptop", "A3"), ("poster", "A2")])
def test_print_splits_by_stage_with_text_of_8_points_or_more(browser, maps, name: str, paper: str) -> None:
    page = open_page(browser, maps[name], LAPTOP)
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => { let least = [99, '']; for (const e of document.querySelectorAll('body *')) {
          const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
          const r = e.getBoundingClientRect();
          if (!own || r.width === 0 || e.closest('.sr, .lane-name')) continue;
          const size = parseFloat(getComputedStyle(e).fontSize);
          if (size < least[0]) least = [size, e.tagName + '.' + e.className.baseVal ?? e.className]; }
          return least; }"""
    )
    assert smallest[0] >= EIGHT_POINTS_PX - 0.01, smallest
    sheets = page.evaluate("() => [...document.querySelectorAll('.sheet')].map(s => s.getBoundingClientRect().width)")
    wide, high = PAPER_POINTS[paper]
    assert sheets and max(sheets) <= (wide / 72 * 25.4 - 20) / 25.4 * 96  # the paper less its margins
    assert page.evaluate("() => getComputedStyle(document.querySelector('.stage-h')).printColorAdjust") == "exact"
    sizes = pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    assert sizes and all(abs(w - wide) < 1 and abs(h - high) < 1 for w, h in sizes)
    assert len(sizes) >= len(sheets)  # a page, at least, for each sheet of columns
    if name == "poster":
        assert len(sheets) == page.locator("section.stage").count() == 15  # one stage a sheet
    page.close()


@pytest.mark.parametrize("name", [*EXAMPLES, "wide"])
def test_nothing_overflows_a_phone(browser, maps, name: str) -> None:
    page = open_page(browser, maps[name], PHONE)
    overflowing = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')].filter(e => {
          const r = e.getBoundingClientRect(); return r.width > 1 && !e.closest('.skip, .sr') && (r.right > width + 0.5 || r.left < -0.5)
            && !e.closest('svg.curve'); }).map(e => e.tagName + '.' + e.className).slice(0, 5)""",
        PHONE["width"],
    )
    assert overflowing == [] and page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    cards = page.evaluate("() => [...document.querySelectorAll('article.tp')].map(a => getComputedStyle(a).display)")
    assert cards and set(cards) == {"block"}  # one card per touchpoint
    assert page.locator("article.tp svg.curve").first.is_visible()  # with its piece of the curve
    page.close()


def test_a_link_to_a_column_lands_on_it_highlighted(browser, maps) -> None:
    page = open_page(browser, maps["wide"], LAPTOP, "#tp-t120")
    target, wrap, label = box(page, "#tp-t120"), box(page, "#map"), box(page, ".map > .lanes")
    assert label["right"] - 1 <= target["left"] and target["right"] <= wrap["right"] + 1  # in view, not under labels
    assert page.evaluate("() => getComputedStyle(document.querySelector('#tp-t120')).outlineStyle") == "solid"
    page.click(".stagebar a[href='#stage-s20']")
    stage = box(page, "#stage-s20")
    assert label["right"] - 1 <= stage["left"] < wrap["right"]
    page.close()
