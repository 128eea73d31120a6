"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

What GitHub needs beyond the schema (checked in the tests by Microsoft's SARIF multitool with
its GitHub rules): every rule has `help` (text and Markdown: what it catches, a failing and a
passing example); every result has a location whose URI is relative to the repository root
(`%SRCROOT%` in `originalUriBaseIds`); and `partialFingerprints`, so a new upload of the same
findings updates the alerts instead of adding duplicates.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from cjmap import __version__
from cjmap.reporters import rulebook
from cjmap.reporters.jsondoc import dump
from cjmap.rules import RULES

if TYPE_CHECKING:
    from types import ModuleType

    from cjmap.linter import Report
    from cjmap.problem import Problem

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"
_NUMBERS = re.compile(r"\d+")
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def report(result: Report, out: TextIO) -> None:
    root = source_root(Path.cwd())
    index = {rule.NAME: i for i, rule in enumerate(RULES)}
    seen: Counter[str] = Counter()
    run: dict[str, Any] = {
        "tool": {"driver": _driver(rulebook.repository_url())},
        "originalUriBaseIds": {ROOT_ID: {"uri": _file_uri(str(root)) + "/"}},
        # cjmap counts columns in characters, not in SARIF's default UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": [_result(p, index[p.rule], root, seen) for p in result.problems],
    }
    dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, out)


def source_root(cwd: Path) -> Path:
    """The top of the git repository around `cwd` (a `.git` folder, or the `.git` file of a
    worktree or submodule), else `cwd`. Looked up on disk: a report needs no git process."""
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def _driver(repository: str | None) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "cjmap", "version": __version__, "semanticVersion": __version__}
    if repository:  # no invented address: only the one the package's metadata declares
        driver["informationUri"] = repository
    driver["rules"] = [_rule(rule, repository) for rule in RULES]
    return driver


def _rule(rule: ModuleType, repository: str | None) -> dict[str, Any]:
    described: dict[str, Any] = {
        "id": rule.CODE,
        "name": rule.NAME,
        "shortDescription": {"text": rulebook.summary(rule)},
        "fullDescription": {"text": rulebook.text(rule)},
        "help": {"text": rulebook.text(rule), "markdown": rulebook.markdown(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.SEVERITY]},
    }
    if repository:
        described["helpUri"] = f"{repository}#{rulebook.anchor(rule)}"
    return described


def _result(p: Problem, rule_index: int, root: Path, seen: Counter[str]) -> dict[str, Any]:
    artifact = _artifact(p.path, root)
    # The message without its numbers: "reviewed 212 days ago" must not become a new alert
    # tomorrow, nor "first defined at x.yaml:11" when lines move.
    stable = _NUMBERS.sub("#", p.message)
    key = hashlib.sha256("\0".join((p.code, artifact["uri"], stable)).encode("utf-8", "surrogatepass")).hexdigest()
    seen[key] += 1
    return {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[p.severity],
        "message": {"text": p.text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": p.line, "startColumn": p.column},
                }
            }
        ],
        # The finding's rule, file and message, not its line: stable when lines move. The count
        # tells identical findings in one file apart, as GitHub's own fingerprints do.
        "partialFingerprints": {"primaryLocationLineHash": f"{key[:16]}:{seen[key]}"},
    }


def _artifact(path: str, root: Path) -> dict[str, str]:
    """A path as shown to users, as a URI relative to the repository root when it is below it,
    else as an absolute file URI; percent-encoded (also bytes of names that are not UTF-8)."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive (Windows)
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": _file_uri(absolute)}
    return {"uri": _quote(relative), "uriBaseId": ROOT_ID}


def _quote(path: str) -> str:
    return quote(os.fsencode(path).replace(os.sep.encode(), b"/"), safe="/")


def _file_uri(absolute: str) -> str:
    quoted = _quote(absolute)
    return "file://" + quoted if quoted.startswith("/") else "file:///" + quoted
