"""The figures of `cjmap stats` as one JSON object (the shape `stats.workspace_stats` documents)."""

from __future__ import annotations

import json
from typing import Any, TextIO


def report(figures: dict[str, Any], out: TextIO) -> None:
    json.dump(figures, out, indent=2, ensure_ascii=False, allow_nan=False)
    out.write("\n")
