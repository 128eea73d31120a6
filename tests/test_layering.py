"""Data flows one way: loader -> model -> linter/rules -> reporters | cli. Core modules never
import the CLI or the reporters, and only the CLI imports typer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cjmap"
CORE = [
    "problem",
    "errors",
    "loader",
    "config",
    "discovery",
    "model",
    "schema_errors",
    "workspace",
    "linter",
    "schema",
    "rules",
]
OUTER = ("cjmap.cli", "cjmap.reporters", "cjmap.output", "typer", "click", "rich")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("module", CORE)
def test_core_does_not_import_outer_layers(module: str) -> None:
    files = sorted((PACKAGE / module).rglob("*.py")) if (PACKAGE / module).is_dir() else [PACKAGE / f"{module}.py"]
    for path in files:
        bad = {name for name in imports(path) if name.startswith(OUTER)}
        assert not bad, f"{path.name} imports {bad}"


def test_loader_does_not_need_pydantic() -> None:
    assert not {name for name in imports(PACKAGE / "loader.py") if name.startswith("pydantic")}
