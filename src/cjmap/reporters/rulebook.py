"""Each rule's documentation, from its docstring, as the outputs that link to it need it.

A rule's docstring is plain text: paragraphs, then examples indented by four spaces after a line
ending in `:` ("Failing:", "Passing:"). SARIF's `help` takes it as text and as Markdown; the
README's "Rules" section is the same Markdown under one heading per rule, whose GitHub anchor is
the rule's `helpUri`.
"""

from __future__ import annotations

import textwrap
from importlib import metadata
from types import ModuleType

from cjmap.rules import RULES

README_HEADING = "### Rules"


def text(rule: ModuleType) -> str:
    """The docstring, dedented."""
    return textwrap.dedent(rule.__doc__ or "").strip()


def summary(rule: ModuleType) -> str:
    """The docstring's first paragraph, on one line."""
    return " ".join(text(rule).split("\n\n")[0].split())


def markdown(rule: ModuleType) -> str:
    """The docstring as Markdown: the examples become fenced YAML blocks under bold labels."""
    blocks: list[str] = []
    for block in text(rule).split("\n\n"):
        if block.startswith("    "):
            code = textwrap.dedent(block)
            if blocks and blocks[-1].startswith("```yaml\n"):  # a blank line inside one example
                blocks[-1] = blocks[-1].removesuffix("\n```") + f"\n\n{code}\n```"
            else:
                blocks.append(f"```yaml\n{code}\n```")
        elif block.endswith(":") and "\n" not in block:
            blocks.append(f"**{block}**")
        else:
            blocks.append(block)
    return "\n\n".join(blocks)


def anchor(rule: ModuleType) -> str:
    """The rule's anchor in README.md: GitHub's slug of its heading `CJM106 unknown-channel`."""
    return f"{rule.CODE.lower()}-{rule.NAME}"


def readme_section() -> str:
    """The README's rules section: one heading per rule with its Markdown documentation."""
    parts = [
        README_HEADING,
        "Every rule as `cjmap rules` prints it; SARIF reports link each finding here.",
    ]
    for rule in RULES:
        parts += [f"#### {rule.CODE} {rule.NAME}", f"Default: {rule.SEVERITY}.", markdown(rule)]
    return "\n\n".join(parts) + "\n"


def repository_url() -> str | None:
    """The `Repository` entry of cjmap's `[project.urls]`, when the installed metadata has one."""
    try:
        entries = metadata.metadata("cjmap").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository" and url.strip():
            return url.strip().rstrip("/")
    return None
