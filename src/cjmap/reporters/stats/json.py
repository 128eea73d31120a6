"""The figures of `cjmap stats` as one JSON object (the shape `stats.workspace_stats` documents)."""

from __future__ import annotations

from typing import Any, TextIO

from cjmap.reporters.jsondoc import dump


def report(figures: dict[str, Any], out: TextIO) -> None:
    dump(figures, out)
