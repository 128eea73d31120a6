"""One JSON object: `problems` (each with path, line, column, code, rule, severity, message,
hint) and `summary` counts. The shape is stable; `version` changes if it ever must."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cjmap.linter import Report


def report(result: Report, out: TextIO) -> None:
    document = {
        "version": 1,
        "problems": [p.to_dict() for p in result.problems],
        "summary": {
            "files": result.files,
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "info": result.count("info"),
        },
    }
    json.dump(document, out, indent=2, ensure_ascii=False, allow_nan=False)
    out.write("\n")
