"""Comments: where they belong, and which ones a text holds.

ruamel.yaml hangs the full-line comments above a key on the end of whatever came before it (the
previous key, or the last key of a nested block). Reordering keys would then carry a comment away
from the key it was written above. `reattach` first gives every full-line comment to the key or
list item that follows it in the text (re-indented like it), so it moves with that key; comments
at the very end of a document stay at its end. Comments inside a flow list (`[a, # note` ...)
cannot be written in flow style, so such a list is written in block style, one item per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

MAPPING_INDENT, SEQUENCE_OFFSET = 2, 2  # as layout's YAML() is set up: indent(mapping=2, sequence=4, offset=2)


@dataclass(frozen=True)
class Slot:
    """A key of a mapping or an item of a list, with the column it is written at."""

    container: Any
    key: Any
    indent: int
    target: bool  # may comments be written above it (not the first key of a list item's mapping)
    in_flow: bool = False  # inside a `[...]` or `{...}` written on one line

    @property
    def trailing(self) -> int:
        """Where ruamel keeps the comments after it: index 2 for mapping keys, 0 for list items."""
        return 2 if isinstance(self.container, CommentedMap) else 0


def reattach(document: Any) -> list[str]:
    """Move full-line comments to the key or item below them; returns the lines that end the
    document (for `restore_end` after reordering)."""
    slots = list(_slots(document, 0, first_key_of_item=False))
    for slot in slots:  # comments the parser already placed above a key or item: indent them like it
        entry = slot.container.ca.items.get(slot.key)
        if entry and entry[1]:
            entry[1] = _retext(entry[1], slot.indent)
    end: list[str] = []
    for position, slot in enumerate(slots):
        lines = _take_full_lines(slot)
        if not lines:
            continue
        following = next((s for s in slots[position + 1 :] if s.target), None)
        if following is None:
            end = lines
        else:
            entry = following.container.ca.items.setdefault(following.key, [None, None, None, None])
            entry[1] = _tokens(lines, following.indent) + (entry[1] or [])
    return end


def restore_end(document: Any, lines: list[str]) -> None:
    """After reordering: comments above a key that is now the first of a list item's mapping go
    above the item's dash; the comments that ended the document go after whatever is last now."""
    slots = list(_slots(document, 0, first_key_of_item=False))
    for slot in slots:
        if isinstance(slot.container, CommentedSeq) and isinstance(item := slot.container[slot.key], CommentedMap):
            _hoist(item, slot)
    if not lines or not any(not slot.in_flow for slot in slots):
        return
    # A comment cannot end a line inside `[...]` or `{...}`: the last key or item outside them.
    last = [slot for slot in slots if not slot.in_flow][-1]
    entry = last.container.ca.items.setdefault(last.key, [None, None, None, None])
    token = entry[last.trailing]
    head = token.value.rstrip("\n") if token is not None else ""
    entry[last.trailing] = CommentToken(head + "\n" + "".join(f"{line}\n" for line in lines), CommentMark(0))


def _hoist(item: CommentedMap, slot: Slot) -> None:
    first = next(iter(item), None)
    entry = item.ca.items.get(first) if first is not None else None
    if not entry or not entry[1]:
        return
    above = slot.container.ca.items.setdefault(slot.key, [None, None, None, None])
    above[1] = (above[1] or []) + _retext(entry[1], slot.indent)
    entry[1] = None


def _slots(node: Any, indent: int, first_key_of_item: bool, in_flow: bool = False) -> Any:
    if isinstance(node, CommentedMap):
        _block_if_commented(node)
        flow = in_flow or bool(node.fa.flow_style())
        for n, key in enumerate(list(node)):
            yield Slot(node, key, indent, not (first_key_of_item and n == 0), flow)
            yield from _slots(node[key], indent + MAPPING_INDENT, False, flow)
    elif isinstance(node, CommentedSeq):
        _block_if_commented(node)
        flow = in_flow or bool(node.fa.flow_style())
        for n, item in enumerate(node):
            yield Slot(node, n, indent, True, flow)
            yield from _slots(item, indent + SEQUENCE_OFFSET, True, flow)


def _block_if_commented(node: CommentedMap | CommentedSeq) -> None:
    """A flow collection that holds comments is written in block style; a comment written on the
    line of the item before it (`[a, # about a`) becomes that item's end-of-line comment."""
    if not node.fa.flow_style() or not any(any(part for part in e if part) for e in node.ca.items.values()):
        return
    node.fa.set_block_style()
    keys = list(node) if isinstance(node, CommentedMap) else list(range(len(node)))
    trailing = 2 if isinstance(node, CommentedMap) else 0
    for previous, key in zip(keys, keys[1:], strict=False):
        entry = node.ca.items.get(key)
        tokens = entry[1] if entry else None
        if not tokens or tokens[0].start_mark.line != _line(node, previous):
            continue
        before = node.ca.items.setdefault(previous, [None, None, None, None])
        if before[trailing] is None:
            before[trailing] = CommentToken(str(tokens[0].value).strip() + "\n", CommentMark(0))
            entry[1] = tokens[1:] or None


def _line(node: CommentedMap | CommentedSeq, key: Any) -> int:
    line: int = node.lc.key(key)[0] if isinstance(node, CommentedMap) else node.lc.item(key)[0]
    return line


def _take_full_lines(slot: Slot) -> list[str]:
    """Cut the full-line comments (and blank lines) off the comment after `slot`, keeping its
    end-of-line comment in place."""
    entry = slot.container.ca.items.get(slot.key)
    token = entry[slot.trailing] if entry else None
    if token is None or not isinstance(token.value, str):
        return []
    head, _, rest = token.value.partition("\n")
    lines = [line.rstrip() for line in rest.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    entry[slot.trailing] = CommentToken(head + "\n", token.start_mark, None) if head.strip() else None
    return lines


def _tokens(lines: list[str], indent: int) -> list[CommentToken]:
    stripped = [line.strip() for line in lines]
    return [CommentToken(f"{line}\n" if line else "\n", CommentMark(indent if line else 0)) for line in stripped]


def _retext(tokens: list[Any], indent: int) -> list[CommentToken]:
    lines = [line.strip() for token in tokens for line in str(token.value).rstrip("\n").split("\n")]
    return _tokens(lines, indent)


def comments(text: str) -> list[str]:
    """Every comment's text: `#` outside the spans of YAML tokens (so never inside a scalar)."""
    import yaml

    covered = bytearray(len(text) + 1)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for token in yaml.scan(text, Loader=loader):
        start, end = token.start_mark.index, token.end_mark.index
        covered[start:end] = b"\x01" * (end - start)
    found, at = [], text.find("#")
    while at != -1:
        if not covered[at] and (at == 0 or text[at - 1] in " \t\n"):
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            found.append(text[at:end].strip())
            at = text.find("#", end)
        else:
            at = text.find("#", at + 1)
    return sorted(found)
