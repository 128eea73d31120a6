"""Run the rules over a workspace and stamp, filter and sort what they find."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import cast

from cjmap.config import Config
from cjmap.problem import Problem, Severity
from cjmap.rules import RULES, RULES_BY_KEY
from cjmap.workspace import Workspace, load_workspace, paused_gc


@dataclass(frozen=True)
class Report:
    """The outcome of `cjmap validate`: every problem, and the files that were read."""

    problems: list[Problem]
    paths: list[str]

    @property
    def files(self) -> int:
        return len(self.paths)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


def level(rule: ModuleType, config: Config) -> str:
    """The rule's severity in this workspace: the configured one, else its default."""
    return config.rules.get(rule.NAME, rule.SEVERITY)


def lint(workspace: Workspace) -> list[Problem]:
    """Loader and schema problems plus every enabled rule's findings, stamped and sorted."""
    config = workspace.config
    found = list(workspace.problems)
    for rule in RULES:
        if level(rule, config) != "off" and hasattr(rule, "check"):
            found.extend(replace(p, rule=rule.NAME) for p in rule.check(workspace))
    stamped = (stamp(p, config) for p in found if p.path not in workspace.context)
    return sorted(p for p in stamped if p is not None and not _suppressed(p, workspace))


def validate(paths: list[Path] | None, config: Config) -> Report:
    """Load, check and lint everything under `paths` (default: the configured ones).

    When paths are given inside a configured workspace, the rest of the workspace is loaded as
    context so that references to personas and evidence in other files resolve.
    """
    return check(paths, config)[1]


def check(paths: list[Path] | None, config: Config) -> tuple[Workspace, Report]:
    """The loaded workspace and its report, for commands that go on to use the models."""
    context = config.workspace_paths() if paths and config.file else None
    with paused_gc():
        workspace = load_workspace(config.targets(paths), config, context)
        report = Report(lint(workspace), [p for p in workspace.sources if p not in workspace.context])
    return workspace, report


def stamp(problem: Problem, config: Config) -> Problem | None:
    """The problem with its rule's code and configured severity; None when the rule is off."""
    rule = RULES_BY_KEY[problem.rule]
    severity = level(rule, config)
    return None if severity == "off" else replace(problem, code=rule.CODE, severity=cast(Severity, severity))


def _suppressed(problem: Problem, workspace: Workspace) -> bool:
    for pattern, rules in workspace.config.per_file_ignores.items():
        if problem.rule in rules and _matches(problem.path, pattern, workspace.config):
            return True
    source = workspace.sources.get(problem.path)
    names = source.ignored_on(problem.line) if source else frozenset()
    return bool(names & {"*", problem.rule, problem.code})


def _matches(path: str, pattern: str, config: Config) -> bool:
    if fnmatch.fnmatch(path, pattern):
        return True
    try:
        relative = Path(path).resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return False
    return fnmatch.fnmatch(relative, pattern)
