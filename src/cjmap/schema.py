"""JSON Schemas generated from the models, for editors and other validators."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cjmap.model import MODELS

DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


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


def write_schemas(out: Path) -> list[Path]:
    """Write every schema under `out`, replacing each file atomically; returns the paths."""
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(render(schema), encoding="utf-8")
        temporary.replace(path)
        written.append(path)
    return written
