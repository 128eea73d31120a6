"""User text inside GitHub Markdown (pull-request comments, job summaries): it stays text.

GitHub renders Markdown with cmark-gfm, keeps raw HTML (then sanitises it) and afterwards links
`@name` mentions in the text. So user text must not start a block (a blank line ends an HTML
block such as `<details>`), nor become an image, a link, emphasis, a table cell break (`|`) or a
closing tag, nor ping anybody. Both functions first make the text `printable` (one line, no
controls or invisible characters), then escape it for where it lands.
"""

from __future__ import annotations

import html
import re

from cjmap.reporters.terminal import printable

# The ASCII punctuation that can start Markdown syntax, all of which CommonMark lets a backslash
# escape; `:` too, so that `https://...` is not made a link.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$&:])")
# GitHub links `@name` after rendering, on the decoded text (an HTML entity would not stop it); a
# zero-width space after the `@` does, and does not show.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def escape(text: str) -> str:
    """User text for Markdown inline content (list items, table cells, paragraphs)."""
    escaped = _MARKDOWN.sub(r"\\\1", printable(text))
    return _MENTION.sub("@\u200b", escaped.replace("<", "&lt;").replace(">", "&gt;"))


def escape_html(text: str) -> str:
    """User text inside an HTML block (`<summary>`), where GitHub reads HTML, not Markdown."""
    return _MENTION.sub("@\u200b", html.escape(printable(text), quote=True))
