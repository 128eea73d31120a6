"""`cjmap rules`: the rule book, taken from each rule module's docstring."""

from __future__ import annotations

import textwrap
from types import ModuleType

from cjmap.config import Config
from cjmap.errors import CjmapError
from cjmap.linter import RuleSettings
from cjmap.problem import did_you_mean
from cjmap.rules import RULES, RULES_BY_KEY


def run(config: Config, name: str | None = None) -> str:
    """Every rule (or the one called `name`), with severities as configured in this workspace."""
    if name is not None and name not in RULES_BY_KEY:
        raise CjmapError(f"no rule called `{name}`{did_you_mean(name, RULES_BY_KEY)}")
    settings = RuleSettings.of(config)
    chosen = [RULES_BY_KEY[name]] if name else list(RULES)
    return "\n".join(_describe(rule, settings) for rule in chosen)


def _describe(rule: ModuleType, settings: RuleSettings) -> str:
    severity = settings.level(rule)
    configured = f" (default {rule.SEVERITY})" if severity != rule.SEVERITY else ""
    body = textwrap.indent(textwrap.dedent(rule.__doc__ or "").strip(), "    ")
    return f"{rule.CODE} {rule.NAME} [{severity}{configured}]\n{body}\n"
