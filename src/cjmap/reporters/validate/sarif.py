"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from cjmap import __version__
from cjmap.rules import RULES

if TYPE_CHECKING:
    from cjmap.linter import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def report(result: Report, out: TextIO) -> None:
    index = {rule.NAME: i for i, rule in enumerate(RULES)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cjmap",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/cjmap/",
                        "rules": [_rule(rule) for rule in RULES],
                    }
                },
                "results": [_result(p, index[p.rule]) for p in result.problems],
            }
        ],
    }
    json.dump(document, out, indent=2, ensure_ascii=False, allow_nan=False)
    out.write("\n")


def _rule(rule: Any) -> dict[str, Any]:
    doc = (rule.__doc__ or "").strip()
    return {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": doc.split("\n\n")[0].replace("\n", " ")},
        "fullDescription": {"text": doc},
        "defaultConfiguration": {"level": _LEVEL[rule.SEVERITY]},
    }


def _result(p: Any, rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[p.severity],
        "message": {"text": p.text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": p.path.replace("\\", "/")},
                    "region": {"startLine": p.line, "startColumn": p.column},
                }
            }
        ],
    }
