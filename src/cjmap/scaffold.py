"""`cjmap init` and `cjmap new`: start a workspace, or add one skeleton file, from templates/init."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmap import templating
from cjmap.config import Config
from cjmap.errors import CjmapError
from cjmap.model import ID_PATTERN
from cjmap.output import write_new
from cjmap.schema import render as render_schema
from cjmap.schema import schemas

if TYPE_CHECKING:
    import jinja2

CLASSIC_STAGES = ("awareness", "consideration", "decision", "delivery", "use", "monitoring", "loyalty", "advocacy")
FOLDERS = {"persona": "personas", "journey": "journeys", "evidence": "research"}
SCHEMAS = "../schemas/draft-07"


@cache
def environment() -> jinja2.Environment:
    env = templating.environment("templates/init", autoescape=False)  # YAML, quoted by the `yaml` filter
    env.filters["yaml"] = yaml_scalar
    return env


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'-]*")
_SPECIAL = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that reads back as the same text, else quoted (a JSON
    string is a valid YAML double-quoted scalar)."""
    plain = _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL and not text.endswith(" ")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _template(template: str, **values: Any) -> str:
    return environment().get_template(template).render(schema=SCHEMAS, **values)


def _check_id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN.strip("^$"), value):
        raise CjmapError(
            f"`{value}` is not a valid id: lowercase letters, digits, - and _, starting with a letter or digit"
        )
    return value


def _title(identifier: str) -> str:
    return identifier.replace("-", " ").replace("_", " ").capitalize()


def init_files(stages: list[str], today: str) -> dict[str, str]:
    """Relative path -> content of a new workspace."""
    chosen = [{"id": _check_id(s), "name": _title(s)} for s in stages]
    files = {
        "cjmap.toml": _template("cjmap.toml.j2"),
        "personas/primary-customer.yaml": _template(
            "persona.yaml.j2", id="primary-customer", name="Primary customer", evidence="first-interviews"
        ),
        "research/first-interviews.yaml": _template(
            "evidence.yaml.j2", id="first-interviews", title="First customer interviews", today=today
        ),
        "journeys/first-journey.yaml": _template(
            "journey.yaml.j2",
            id="first-journey",
            title="First journey",
            stages=chosen,
            persona="primary-customer",
            evidence="first-interviews",
            today=today,
        ),
        ".github/workflows/journey-maps.yml": _template("workflow.yml.j2"),
        ".pre-commit-config.yaml": _template("pre-commit-config.yaml.j2"),
    }
    files |= {f"schemas/{name}": render_schema(schema) for name, schema in schemas().items() if "draft-07" in name}
    return files


def new_file(kind: str, identifier: str, config: Config) -> Path:
    """Write one skeleton file where the workspace keeps that kind; refuses to overwrite.

    A new journey follows the workspace's first persona and cites its first evidence."""
    from cjmap.linter import check

    _check_id(identifier)
    title, today = _title(identifier), config.today.isoformat()
    if kind == "persona":
        content = _template("persona.yaml.j2", id=identifier, name=title, evidence="")
    elif kind == "evidence":
        content = _template("evidence.yaml.j2", id=identifier, title=title, today=today)
    else:
        workspace = check(None, config)[0] if config.file else None
        persona = workspace.personas[0].model.id if workspace and workspace.personas else "primary-customer"
        evidence = workspace.evidence[0].model.id if workspace and workspace.evidence else ""
        stages = [{"id": s, "name": _title(s)} for s in CLASSIC_STAGES]
        content = _template(
            "journey.yaml.j2",
            id=identifier,
            title=title,
            today=today,
            persona=persona,
            evidence=evidence,
            stages=stages,
        )
    path = config.root / FOLDERS[kind] / f"{identifier}.yaml"
    write_new({path: content}, force=False)
    return path
