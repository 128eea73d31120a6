"""The pull-request comment (`cjmap diff --format markdown`) as GitHub renders it, with cmark-gfm:
user text stays text. No new blocks, images, links, mentions, table cells or closing tags."""

from __future__ import annotations

import html
import io
import re

from hypothesis import example, given, settings

from cjmap.diff import Change, Diff
from cjmap.reporters.diff.markdown import report
from tests.consumers import gfm, mentions
from tests.hostile import PIECES, hostile_text

BLANK_LINE_TITLE = "Buy\n\n# Evil heading ![x](https://evil.example/x.png) **bold** @octocat"


def comment(title: str, text: str) -> str:
    changes = [
        Change("workspace", "persona", "ana", "changed", "name", text, text + "!"),
        Change("buy", "touchpoint", "site", "changed", "name", text, "plain"),
        Change("buy", "pain-point", "site", "added", new=text, detail="high"),
        Change("buy", "emotion", "site", "worsened", "ana", 1, -1, detail="ana"),
    ]
    out = io.StringIO()
    report(Diff(changes, {"buy": title}), out)
    return out.getvalue()


def structure(rendered: str) -> dict[str, int]:
    tags = re.findall(r"<(/?[a-z0-9]+)", rendered)
    return {tag: tags.count(tag) for tag in sorted(set(tags))}


EXPECTED = structure(gfm(comment("Buy a bike", "Site")))


@settings(max_examples=60, deadline=None)
@given(title=hostile_text, text=hostile_text)
@example(title=BLANK_LINE_TITLE, text="".join(PIECES))
def test_user_text_stays_text_in_the_rendered_comment(title: str, text: str) -> None:
    rendered = gfm(comment(title, text))
    assert structure(rendered) == EXPECTED, rendered  # the same elements as with plain text
    assert mentions(rendered) == []
    (summary,) = re.findall(r"<summary>(.*?)</summary>", rendered.split("<details>")[2], flags=re.S)
    assert "\n" not in summary and "<" not in summary


def test_the_renderer_catches_the_old_escaping() -> None:
    """cjmap's summary before: HTML-escaped only, so a blank line ended the HTML block."""
    title = html.escape(BLANK_LINE_TITLE)
    rendered = gfm(f"<details><summary>{title}: 1 change(s)</summary>\n\n- x\n\n</details>\n")
    assert "<h1>" in rendered or "<p>" in rendered.split("<summary>")[1].split("</details>")[0]
    assert mentions(rendered) == ["octocat"]


def test_visible_text_survives() -> None:
    rendered = gfm(comment(BLANK_LINE_TITLE, "50% | a <b> & c"))
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u200b", "")
    assert "Buy\\n\\n# Evil heading ![x](https://evil.example/x.png) **bold** @octocat (buy)" in text
    assert '"50% | a <b> & c"' in text
