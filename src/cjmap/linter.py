"""Run the rules over a workspace and stamp, filter and sort what they find.

Rules come in two scopes. `check(workspace)` looks at one file at a time (its documents against
the format and the configuration); `check_index(index)` looks across files, at the ids each file
declares and refers to (`cjmap.facts`). `validate` takes files one by one: what a file alone
gives (its problems, facts and ignore comments) is a `FileResult`, which a `ResultStore` (the
cache) may keep by the file's content, and the cross-file rules then run on every file's facts.
Nothing but facts is kept between files, so memory stays flat however many files there are.

The linter is also where rule names meet the configuration: `[rules]` and `[per-file-ignores]`
are checked against the rule registry here, so config.py never imports the rules.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Protocol, cast

from cjmap.config import Config
from cjmap.discovery import Candidate, Selection
from cjmap.errors import ConfigError, PathError
from cjmap.facts import Facts, Index, index_of
from cjmap.loader import Source, load_bytes, read_raw
from cjmap.problem import Problem, Severity, did_you_mean
from cjmap.rules import RULES, RULES_BY_KEY
from cjmap.workspace import Workspace, paused_gc, plan

Ignores = dict[int, frozenset[str]]  # line -> rule names and codes ("*": all)


@dataclass(frozen=True)
class Report:
    """The outcome of `cjmap validate`: every problem, the files that were read, and the YAML
    files found walking folders that were skipped because they hold no map. With `strict`,
    warnings fail the run as errors do (and reporters say so: JUnit counts them)."""

    problems: list[Problem]
    paths: list[str]
    skipped: list[str] = field(default_factory=list)
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

    def enabled(self, scope: str) -> list[ModuleType]:
        """The rules that are not off and have a check of `scope` (`check` or `check_index`)."""
        return [rule for rule in RULES if hasattr(rule, scope) and self.level(rule) != "off"]

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


@dataclass
class FileResult:
    """What one file alone gives: its problems (loader, schema and single-file rules, not yet
    stamped), its cross-file facts and its ignore comments. `is_map` is False for YAML found
    walking a folder that holds no map."""

    is_map: bool
    problems: list[Problem] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    ignores: Ignores = field(default_factory=dict)


class ResultStore(Protocol):
    """Keeps `FileResult`s by a key made of a file's content (the cache)."""

    def get(self, key: str, path: str) -> FileResult | None: ...

    def put(self, key: str, result: FileResult) -> None: ...


def file_problems(workspace: Workspace, settings: RuleSettings) -> list[Problem]:
    """Loader and schema problems plus the single-file rules' findings, named but not stamped."""
    found = list(workspace.problems)
    for rule in settings.enabled("check"):
        found.extend(replace(p, rule=rule.NAME) for p in rule.check(workspace))
    return found


def index_problems(index: Index, settings: RuleSettings) -> list[Problem]:
    """The cross-file rules' findings, named but not stamped."""
    return [replace(p, rule=rule.NAME) for rule in settings.enabled("check_index") for p in rule.check_index(index)]


def lint(workspace: Workspace) -> Report:
    """Loader and schema problems plus every enabled rule's findings, stamped and sorted."""
    settings = RuleSettings.of(workspace.config)
    with paused_gc():
        found = file_problems(workspace, settings) + index_problems(index_of(workspace), settings)
        ignores = {path: source.ignores() for path, source in workspace.sources.items()}
        kept = _finish(found, workspace.context, ignores, settings, workspace.config)
    return Report(kept, workspace.checked)


def validate(paths: list[Path] | None, config: Config, store: ResultStore | None = None) -> Report:
    """Load, check and lint everything under `paths` (default: the configured ones), one file at
    a time, taking what `store` kept for files whose content it has seen."""
    settings = RuleSettings.of(config)
    candidates, context = plan(paths, config)
    results: dict[str, FileResult] = {}
    skipped: list[str] = []
    with paused_gc():
        for candidate in candidates:
            result = _check(candidate, config, settings, store)
            if result.is_map:
                results[candidate.display] = result
            elif not candidate.explicit:
                skipped.append(candidate.display)
        found = [p for result in results.values() for p in result.problems]
        found += index_problems(Index([(path, r.facts) for path, r in results.items()]), settings)
        ignores = {path: result.ignores for path, result in results.items()}
        kept = _finish(found, context, ignores, settings, config)
    return Report(kept, [path for path in results if path not in context], skipped)


def _check(candidate: Candidate, config: Config, settings: RuleSettings, store: ResultStore | None) -> FileResult:
    try:
        raw = read_raw(candidate.path, candidate.display, explicit=candidate.explicit, max_bytes=config.max_file_size)
    except OSError as error:
        raise PathError(f"{candidate.display}: cannot read: {error.strerror or error}") from error
    if not isinstance(raw, bytes):
        return check_source(raw, candidate.explicit, config, settings)
    key = f"{hashlib.blake2b(raw, digest_size=20).hexdigest()}{'n' if candidate.explicit else 'w'}"
    result = store.get(key, candidate.display) if store is not None else None
    if result is None:
        source = load_bytes(raw, candidate.display, explicit=candidate.explicit)
        result = check_source(source, candidate.explicit, config, settings)
        if store is not None:
            store.put(key, result)
    return result


def check_source(source: Source | None, explicit: bool, config: Config, settings: RuleSettings) -> FileResult:
    """Everything one file alone gives (None: the file holds no map)."""
    if source is None:
        return FileResult(is_map=False)
    workspace = Workspace(config)
    workspace.add(source, explicit)
    result = FileResult(True, file_problems(workspace, settings), index_of(workspace).files[0][1], source.ignores())
    source.documents.clear()  # documents point back to their source: free them now, the collector is paused
    return result


def _finish(
    found: Iterable[Problem],
    context: set[str],
    ignores: dict[str, Ignores],
    settings: RuleSettings,
    config: Config,
) -> list[Problem]:
    """Stamped, without context files, rules that are off and suppressed findings, sorted."""
    selection = Selection.of(config)
    stamped = (settings.stamp(p) for p in found if p.path not in context)
    return sorted(
        p for p in stamped if p is not None and not _suppressed(p, ignores.get(p.path, {}), settings, selection)
    )


def _suppressed(problem: Problem, ignores: Ignores, settings: RuleSettings, selection: Selection) -> bool:
    for pattern, rules in settings.ignores.items():
        if problem.rule in rules and _matches(problem.path, pattern, selection):
            return True
    return bool(ignores.get(problem.line, frozenset()) & {"*", problem.rule, problem.code})


def _matches(path: str, pattern: str, selection: Selection) -> bool:
    """Per-file-ignore globs match the path relative to the workspace root, or as shown."""
    relative = selection.relative(path)
    return fnmatch.fnmatch(relative, pattern.removeprefix("./")) or fnmatch.fnmatch(path, pattern)
