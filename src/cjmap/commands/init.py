"""`cjmap init` and `cjmap new`: start a workspace, or add one skeleton file, from templates/init.

Map files from the templates are checked by the layout module: each must already be in the
canonical layout and read back without a problem, or nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmap import layout, templating
from cjmap.config import Config
from cjmap.errors import CjmapError
from cjmap.model import ID_PATTERN
from cjmap.output import write_new
from cjmap.schema import EDITOR_SCHEMAS, schemas
from cjmap.schema import render as render_schema
from cjmap.wording import title_from_id
from cjmap.workspace import open_workspace

if TYPE_CHECKING:
    import jinja2

CLASSIC_STAGES = ("awareness", "consideration", "decision", "delivery", "use", "monitoring", "loyalty", "advocacy")


@dataclass
class Created:
    """The files `cjmap init` wrote, and the command to run next."""

    paths: list[Path] = field(default_factory=list)
    next_step: str = ""


@cache
def environment() -> jinja2.Environment:
    env = templating.environment("templates/init", autoescape=False)  # YAML, quoted by the `yaml` filter
    env.filters["yaml"] = layout.scalar
    return env


def _template(template: str, **values: Any) -> str:
    text = environment().get_template(template).render(schema=EDITOR_SCHEMAS, **values)
    if template.endswith(".yaml.j2") and template != "pre-commit-config.yaml.j2":
        layout.check_laid_out(text, template.removesuffix(".j2"))
    return text


def _check_id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN.strip("^$"), value):
        raise CjmapError(
            f"`{value}` is not a valid id: lowercase letters, digits, - and _, starting with a letter or digit"
        )
    return value


def init(folder: Path, stages: str | None, force: bool, today: str) -> Created:
    """Write a new workspace into `folder`: all its files, or none when one exists (unless `force`)."""
    chosen = [s.strip() for s in stages.split(",") if s.strip()] if stages else list(CLASSIC_STAGES)
    files = init_files(chosen, today)
    written = write_new({folder / name: text for name, text in files.items()}, force)
    return Created(written, f"cd {folder} && cjmap validate && cjmap render")


def init_files(stages: list[str], today: str) -> dict[str, str]:
    """Relative path -> content of a new workspace."""
    chosen = [{"id": _check_id(s), "name": title_from_id(s)} for s in stages]
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
    _check_id(identifier)
    title, today = title_from_id(identifier), config.today.isoformat()
    if kind == "persona":
        content = _template("persona.yaml.j2", id=identifier, name=title, evidence="")
    elif kind == "evidence":
        content = _template("evidence.yaml.j2", id=identifier, title=title, today=today)
    else:
        workspace = open_workspace(None, config) if config.file else None
        persona = workspace.personas[0].model.id if workspace and workspace.personas else "primary-customer"
        evidence = workspace.evidence[0].model.id if workspace and workspace.evidence else ""
        stages = [{"id": s, "name": title_from_id(s)} for s in CLASSIC_STAGES]
        content = _template(
            "journey.yaml.j2",
            id=identifier,
            title=title,
            today=today,
            persona=persona,
            evidence=evidence,
            stages=stages,
        )
    path = config.folder(kind) / f"{identifier}.yaml"
    write_new({path: content}, force=False)
    return path
