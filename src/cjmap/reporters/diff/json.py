"""A stable JSON shape for other tools.

{"version": 1,
 "changes": [{"scope", "item", "id", "kind", "field"?, "old"?, "new"?, "detail"?}],
 "summary": {"changes": n, "improved": n, "worsened": n, "by_kind": {"touchpoint added": n}}}
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from cjmap.diff import Diff


def report(diff: Diff, out: TextIO) -> None:
    document = {
        "version": 1,
        "changes": [c.to_dict() for c in diff.changes],
        "summary": {
            "changes": len(diff.changes),
            "improved": diff.improved,
            "worsened": diff.worsened,
            "by_kind": diff.counts(),
        },
    }
    json.dump(document, out, indent=2, ensure_ascii=False, allow_nan=False)
    out.write("\n")
