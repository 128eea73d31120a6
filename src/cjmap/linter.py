"""Run the rules over a workspace and stamp, filter and sort what they find.

The linter is where rule names meet the configuration: `[rules]` and `[per-file-ignores]` are
checked against the rule registry here, so config.py never imports the rules.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import cast

from cjmap.config import Config
from cjmap.discovery import Selection
from cjmap.errors import ConfigError
from cjmap.problem import Problem, Severity, did_you_mean
from cjmap.rules import RULES, RULES_BY_KEY
from cjmap.workspace import Workspace, open_workspace, paused_gc


@dataclass(frozen=True)
class Report:
    """The outcome of `cjmap validate`: every problem, and the files that were read. With
    `strict`, warnings fail the run as errors do (and reporters say so: JUnit counts them)."""

    problems: list[Problem]
    paths: list[str]
    strict: bool = False

    def fails(self, problem: Problem) -> bool:
        """Whether this problem makes the run fail."""
        return problem.severity == "error" or (self.strict and problem.severity == "warning")

    @property
    def files(self) -> int:
        return len(self.paths)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


@dataclass(frozen=True)
class RuleSettings:
    """The configuration's rule levels and per-file ignores, by rule name, checked against the
    registry (a name or code cjmap does not know is a configuration error)."""

    levels: dict[str, str]
    ignores: dict[str, frozenset[str]]

    @classmethod
    def of(cls, config: Config) -> RuleSettings:
        where = config.file or Path("cjmap.toml")
        levels = {_rule(key, where, "[rules]").NAME: level for key, level in config.rules.items()}
        ignores = {
            glob: frozenset(_rule(name, where, "[per-file-ignores]").NAME for name in names)
            for glob, names in config.per_file_ignores.items()
        }
        return cls(levels, ignores)

    def level(self, rule: ModuleType) -> str:
        """The rule's severity in this workspace: the configured one, else its default."""
        return self.levels.get(rule.NAME, rule.SEVERITY)

    def stamp(self, problem: Problem) -> Problem | None:
        """The problem with its rule's code and configured severity; None when the rule is off."""
        rule = RULES_BY_KEY[problem.rule]
        severity = self.level(rule)
        return None if severity == "off" else replace(problem, code=rule.CODE, severity=cast(Severity, severity))


def _rule(key: str, where: Path, table: str) -> ModuleType:
    rule = RULES_BY_KEY.get(key)
    if rule is None:
        raise ConfigError(f"{where}: unknown rule `{key}` in {table}{did_you_mean(key, RULES_BY_KEY)}")
    return rule


def lint(workspace: Workspace) -> Report:
    """Loader and schema problems plus every enabled rule's findings, stamped and sorted."""
    settings = RuleSettings.of(workspace.config)
    with paused_gc():
        found = list(workspace.problems)
        for rule in RULES:
            if settings.level(rule) != "off" and hasattr(rule, "check"):
                found.extend(replace(p, rule=rule.NAME) for p in rule.check(workspace))
        stamped = (settings.stamp(p) for p in found if p.path not in workspace.context)
        kept = sorted(p for p in stamped if p is not None and not _suppressed(p, workspace, settings))
    return Report(kept, workspace.checked)


def validate(paths: list[Path] | None, config: Config) -> Report:
    """Load, check and lint everything under `paths` (default: the configured ones)."""
    return lint(open_workspace(paths, config))


def _suppressed(problem: Problem, workspace: Workspace, settings: RuleSettings) -> bool:
    for pattern, rules in settings.ignores.items():
        if problem.rule in rules and _matches(problem.path, pattern, workspace.config):
            return True
    source = workspace.sources.get(problem.path)
    names = source.ignored_on(problem.line) if source else frozenset()
    return bool(names & {"*", problem.rule, problem.code})


def _matches(path: str, pattern: str, config: Config) -> bool:
    """Per-file-ignore globs match the path relative to the workspace root, or as shown."""
    relative = Selection.of(config).relative(path)
    return fnmatch.fnmatch(relative, pattern.removeprefix("./")) or fnmatch.fnmatch(path, pattern)
