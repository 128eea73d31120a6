"""Markdown for pull-request comments and job summaries.

Starts with a hidden marker so a workflow can find and update its own comment, keeps under
GitHub's 65,536-character limit by dropping details (never the summary) when it must, and
escapes user text (cjmap.reporters.markdown) so that it stays text inside the comment: no new
blocks, images, links, mentions, table cells or closing tags. The tests render the comment with
cmark-gfm, GitHub's renderer, and check its structure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.diff import SIGNS, describe, grouped, verdict
from cjmap.reporters.markdown import escape, escape_html

if TYPE_CHECKING:
    from cjmap.diff import Change, Diff

MARKER = "<!-- cjmap-diff -->"
LIMIT = 65_536


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
    title = "Workspace" if scope == "workspace" else f"{escape_html(diff.titles.get(scope, scope))} ({scope})"
    worse = sum(c.kind == "worsened" for c in changes)
    flag = f", {worse} emotion(s) worsened" if worse else ""
    lines = [f"<details><summary>{title}: {len(changes)} change(s){flag}</summary>", ""]
    lines += [f"- `{SIGNS.get(c.kind, '~')}` {escape(describe(c))}" for c in changes]
    return "\n".join([*lines, "", "</details>", ""])
