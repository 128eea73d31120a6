from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cjmap.loader import read_source
from cjmap.schema import render, schemas
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schemas_match_the_models(name: str) -> None:
    committed = ROOT / "schemas" / name
    assert committed.is_file(), f"run `make schema` to write {name}"
    assert committed.read_text(encoding="utf-8") == render(schemas()[name]), (
        f"schemas/{name} is out of date with the models: run `make schema`"
    )


@pytest.mark.parametrize("name", sorted(schemas()))
def test_schemas_are_valid_json_schema(name: str) -> None:
    schema = schemas()[name]
    jsonschema.validators.validator_for(schema).check_schema(schema)


def _example_documents() -> list[tuple[str, dict]]:
    documents = []
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        source = read_source(path, path.name, explicit=True)
        if path.parent.name != "invalid" and source is not None:
            documents += [(f"{path.name}:{d.data['id']}", d.data) for d in source.documents]
    return documents


@pytest.mark.parametrize(("label", "document"), _example_documents(), ids=[d[0] for d in _example_documents()])
def test_examples_satisfy_the_draft_07_schemas(label: str, document: dict) -> None:
    schema = schemas()[f"draft-07/{document['kind']}.schema.json"]
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def test_schema_command_writes_the_files(run_cli, tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path), expect=0)
    assert "journey.schema.json" in result.stdout
    written = json.loads((tmp_path / "draft-07" / "journey.schema.json").read_text("utf-8"))
    assert written["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "definitions" in written and "$defs" not in json.dumps(written)
