"""Data flows one way: loader -> model -> workspace -> linter/rules -> reporters | renderers | diff,
with commands above the core and the CLI above the commands.

Every module belongs to a layer; it may import its own layer and the layers below, never one above.
The tests read imports from the source (function-level imports included), so a lazy import cannot
hide a cycle either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cjmap"
# Lowest first. A module is in the layer of its longest matching prefix.
LAYERS: list[tuple[str, ...]] = [
    ("cjmap", "cjmap.errors", "cjmap.problem", "cjmap.wording"),
    ("cjmap.scalars",),
    ("cjmap.loader", "cjmap.composer", "cjmap.positions"),
    ("cjmap.config",),
    ("cjmap.discovery", "cjmap.model", "cjmap.templating"),
    ("cjmap.gitsource", "cjmap.schema_errors", "cjmap.workspace", "cjmap.schema"),
    ("cjmap.facts",),
    ("cjmap.analysis",),
    ("cjmap.rules",),
    ("cjmap.linter", "cjmap.diff", "cjmap.matching", "cjmap.layout", "cjmap.stats", "cjmap.importers"),
    ("cjmap.render", "cjmap.reporters"),
    ("cjmap.output",),
    ("cjmap.cache",),
    ("cjmap.commands",),
    ("cjmap.cli", "cjmap.__main__"),
]
RANK = {prefix: rank for rank, layer in enumerate(LAYERS) for prefix in layer}
CORE_RANK = RANK["cjmap.importers"]  # everything up to here is the core
OUTER = ("cjmap.commands", "cjmap.cli", "cjmap.reporters", "cjmap.render", "cjmap.output")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def rank(module: str) -> int:
    # The package itself ("cjmap") is a layer of its own, not a prefix every module would match.
    candidates = [p for p in RANK if module == p or (p != "cjmap" and module.startswith(p + "."))]
    assert candidates, f"{module} is in no layer: add it to LAYERS"
    return RANK[max(candidates, key=len)]


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(
                f"{node.module}.{alias.name}" for alias in node.names if f"{node.module}.{alias.name}" in MODULES
            )
    return found


def cjmap_imports(module: str) -> set[str]:
    return {name for name in imports(MODULES[module]) if name in MODULES and name != module}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_its_own(module: str) -> None:
    above = {name for name in cjmap_imports(module) if rank(name) > rank(module)}
    assert not above, f"{module} (layer {rank(module)}) imports {sorted(above)} from layers above it"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if rank(m) <= CORE_RANK))
def test_core_never_imports_a_command_renderer_reporter_or_the_writer(module: str) -> None:
    bad = {name for name in cjmap_imports(module) if name.startswith(OUTER)}
    assert not bad, f"{module} imports {sorted(bad)}"


def test_config_imports_nothing_above_it() -> None:
    assert cjmap_imports("cjmap.config") <= {"cjmap.errors", "cjmap.problem", "cjmap.loader"}


def test_there_is_no_import_cycle() -> None:
    graph = {module: cjmap_imports(module) for module in MODULES}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for name in sorted(graph[module]):
            if state.get(name) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(name) :], name]))
            if name not in state:
                visit(name, [*trail, name])
        state[module] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [module])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("cjmap.cli")))
def test_only_the_cli_uses_typer(module: str) -> None:
    assert not {name for name in imports(MODULES[module]) if name.startswith(("typer", "click"))}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("cjmap.commands")))
def test_commands_return_results_and_never_print(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "print", f"{module} prints"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "sys":
            assert node.attr not in ("stdout", "stderr"), f"{module} writes to sys.{node.attr}"


@pytest.mark.parametrize("module", ["loader", "composer", "positions", "scalars"])
def test_loader_does_not_need_pydantic(module: str) -> None:
    assert not {name for name in imports(PACKAGE / f"{module}.py") if name.startswith("pydantic")}
