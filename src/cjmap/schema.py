"""JSON Schemas generated from the models, for editors and other validators."""

from __future__ import annotations

import json
from typing import Any

from cjmap.model import MODELS

DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
# Where map files written by cjmap point editors (yaml-language-server) for completion and checks,
# relative to a file in one of the workspace's folders.
EDITOR_SCHEMAS = "../schemas/draft-07"


def editor_header(kind: str) -> str:
    """The first comment line of a map file cjmap writes, pointing editors at its schema."""
    return f"yaml-language-server: $schema={EDITOR_SCHEMAS}/{kind}.schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema: one per kind (draft 2020-12), and draft-07 copies under draft-07/."""
    files: dict[str, dict[str, Any]] = {}
    for kind, model in MODELS.items():
        schema = {"$schema": DRAFT_2020, **model.model_json_schema()}
        schema["title"] = f"cjmap {kind} (format version 1)"
        files[f"{kind}.schema.json"] = schema
        files[f"draft-07/{kind}.schema.json"] = to_draft_07(schema)
    return files


def to_draft_07(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema for draft-07 tools: `$defs` become `definitions`."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/').replace('"$defs":', '"definitions":')
    converted = json.loads(text)
    converted["$schema"] = DRAFT_07
    return converted


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
