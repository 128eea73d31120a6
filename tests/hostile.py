"""Hostile user text, and the check that none of it acts on a terminal or a CI log.

The pieces are what a map, a file name or a CSV header could carry to drive whatever shows
cjmap's output: new lines that start GitHub workflow commands (`::warning ...`, the older
`##[error]`), C0 and C1 controls (clear screen, OSC 8 links, CSI), bidi overrides and isolates,
rich markup and emoji codes, Markdown and HTML that would escape a pull-request comment.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from cjmap.reporters.terminal import UNSAFE

PIECES = [
    "\n",
    "\r\n",
    "\n\n",
    "::warning file=README.md,line=1::pwned",
    "\n::error::injected",
    "::stop-commands::x",
    "##[error]old form",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\x85",
    "\x07\x08\x01",
    "\u202e\u2066",
    "\u200b\ufeff",
    "\u2028",
    "\ufffe",
    "[/]",
    "[bold red]x[/bold red]",
    ":bomb:",
    "|",
    "@octocat",
    "</details>",
    "</summary>",
    "# Heading",
    "![img](https://evil.example/i.png)",
    "[link](https://evil.example)",
    "https://evil.example",
    "<script>x</script>",
    "*emph* _u_ `code`",
    "&amp;",
    "%0A%25",
    "ok text",
    "é 漢字 👨‍👩‍👧",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=["Cs"]), max_size=4)),
    min_size=1,
    max_size=6,
).map("".join)

# Our own annotations, exactly: a level, properties with no raw `:` or `,`, and the message.
ANNOTATION = re.compile(r"::(error|warning|notice) (file=[^:,]*,line=\d+,col=\d+,)?title=[^:,]*::.*")


def inert_problems(output: str, annotations: bool = False) -> list[str]:
    """Why `output` (text printed to a terminal or a CI log) is not inert: a character that
    drives a terminal or hides text, a workflow command that is not one of cjmap's own
    annotations (allowed only when `annotations`), or the old `##[` command form. The zero-width
    space Markdown output puts after an `@` (so that GitHub mentions nobody) is cjmap's own."""
    output = output.replace("@\u200b", "@")
    found = [f"character {ch!r}" for ch in {m.group() for m in UNSAFE.finditer(output)} - {"\n", "::"}]
    if "##[" in output:
        found.append("`##[` command")
    for line in output.split("\n"):
        trimmed = line.strip()
        if trimmed.startswith("::") and not (annotations and ANNOTATION.fullmatch(trimmed)):
            found.append(f"workflow command: {trimmed[:80]!r}")
    return found
