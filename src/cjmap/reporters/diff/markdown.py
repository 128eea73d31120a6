"""Markdown for pull-request comments and job summaries.

Starts with a hidden marker so a workflow can find and update its own comment, keeps under
GitHub's 65,536-character limit by dropping details (never the summary) when it must, and
escapes user text so a touchpoint name cannot inject Markdown or HTML.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.diff import SIGNS, describe, grouped, verdict

if TYPE_CHECKING:
    from cjmap.diff import Change, Diff

MARKER = "<!-- cjmap-diff -->"
LIMIT = 65_536
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")


def escape(text: str) -> str:
    """Text that renders literally in GitHub Markdown, HTML included."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False).replace("\n", " "))


def report(diff: Diff, out: TextIO, limit: int = LIMIT) -> None:
    head = [MARKER, f"**Journey maps:** {verdict(diff)}", ""]
    if diff.changes:
        head += ["| change | count |", "|---|---:|"]
        head += [f"| {escape(kind)} | {count} |" for kind, count in diff.counts().items()]
        head.append("")
    sections = [_section(scope, changes, diff) for scope, changes in grouped(diff).items()]
    body, kept = "\n".join(head), 0
    for section in sections:
        if len(body) + len(section) + 200 > limit:
            break
        body += "\n" + section
        kept += 1
    if kept < len(sections):
        left = sum(len(changes) for changes in list(grouped(diff).values())[kept:])
        body += f"\n_{len(sections) - kept} more section(s) with {left} change(s) left out to stay under GitHub's "
        body += "comment limit; run `cjmap diff` locally or see the job log for all of them._\n"
    out.write(body)


def _section(scope: str, changes: list[Change], diff: Diff) -> str:
    # Inside <summary> GitHub reads HTML, not Markdown: escape for HTML only.
    title = "Workspace" if scope == "workspace" else f"{html.escape(diff.titles.get(scope, scope))} ({scope})"
    worse = sum(c.kind == "worsened" for c in changes)
    flag = f", {worse} emotion(s) worsened" if worse else ""
    lines = [f"<details><summary>{title}: {len(changes)} change(s){flag}</summary>", ""]
    lines += [f"- `{SIGNS.get(c.kind, '~')}` {escape(describe(c))}" for c in changes]
    return "\n".join([*lines, "", "</details>", ""])
