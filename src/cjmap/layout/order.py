"""The canonical key order of map documents, and one blank line between stages."""

from __future__ import annotations

import re
from typing import Any

ORDER: dict[str, tuple[str, ...]] = {
    "journey": (
        "kind",
        "id",
        "title",
        "scenario",
        "owner",
        "state",
        "reviewed",
        "objectives",
        "tags",
        "personas",
        "evidence",
        "stages",
        "improvements",
    ),
    "persona": (
        "kind",
        "id",
        "name",
        "role",
        "age",
        "summary",
        "quote",
        "goals",
        "needs",
        "frustrations",
        "motivations",
        "attributes",
        "evidence",
    ),
    "evidence": ("kind", "id", "title", "type", "date", "sample_size", "url", "summary"),
    "stage": ("id", "name", "goal", "description", "metrics", "evidence", "touchpoints"),
    "touchpoint": (
        "id",
        "name",
        "channel",
        "scope",
        "device",
        "owner",
        "personas",
        "description",
        "actions",
        "thoughts",
        "emotion",
        "pain_points",
        "opportunities",
        "frontstage",
        "backstage",
        "support",
        "physical_evidence",
        "critical",
        "metrics",
        "evidence",
        "next",
    ),
    "improvement": ("id", "title", "owner", "status", "due", "description", "addresses"),
    "note": ("text", "severity"),
}
KINDS = ("journey", "persona", "evidence")
_STAGE_ITEM = re.compile(r"^  - ")
# A line that opens a block scalar (`|`, `>`), after a key or a dash, anchors and tags allowed.
_BLOCK_SCALAR = re.compile(r"^\s*(?:- )?(?:[^#'\"]*:\s+)?(?:[&!]\S*\s+)*[|>][-+0-9]*\s*(?:#.*)?$")


def order_document(document: Any) -> None:
    """Put the keys of a map document and of its parts in the format's order."""
    if not isinstance(document, dict):
        return
    kind = document.get("kind")
    if kind not in KINDS:
        return
    _order(document, ORDER[kind])
    if kind != "journey":
        return
    for stage in _mappings(document.get("stages")):
        _order(stage, ORDER["stage"])
        for touchpoint in _mappings(stage.get("touchpoints")):
            _order(touchpoint, ORDER["touchpoint"])
            for key in ("pain_points", "opportunities"):
                for note in _mappings(touchpoint.get(key)):
                    _order(note, ORDER["note"])
    for improvement in _mappings(document.get("improvements")):
        _order(improvement, ORDER["improvement"])


def _mappings(value: Any) -> list[Any]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _order(mapping: Any, order: tuple[str, ...]) -> None:
    """Move keys into `order`; keys cjmap does not know keep their place after the known ones."""
    if not hasattr(mapping, "move_to_end"):
        return
    for key in [k for k in order if k in mapping] + [k for k in list(mapping) if k not in order]:
        mapping.move_to_end(key)


def space_stages(text: str) -> str:
    """Inside the top-level `stages:` block, exactly one blank line before every stage after
    the first and none elsewhere (blank lines travel with the comments that reordering moves).
    Lines of block scalars (`|`, `>`) are never touched."""
    out: list[str] = []
    in_stages, seen, scalar_parent = False, 0, -1
    ending = "\n" if text.endswith("\n") else ""
    for line in text.removesuffix("\n").split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if scalar_parent >= 0 and (not line.strip() or indent > scalar_parent):
            out.append(line)
            continue
        scalar_parent = indent if _BLOCK_SCALAR.match(line) else -1
        if line and not line[0].isspace() and not line.startswith(("#", "- ")):
            in_stages, seen = line.startswith("stages:"), 0
        elif in_stages and not line.strip():
            continue
        elif in_stages and _STAGE_ITEM.match(line):
            seen += 1
            if seen > 1:  # the blank line goes above comments that introduce this stage
                at = len(out)
                while at and out[at - 1].lstrip().startswith("#") and not out[at - 1].startswith("   "):
                    at -= 1
                out.insert(at, "")
        out.append(line)
    return "\n".join(out) + ending
