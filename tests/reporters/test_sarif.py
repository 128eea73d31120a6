"""SARIF as GitHub code scanning takes it: valid against the OASIS schema, clean under Microsoft's
SARIF multitool with GitHub's rules, URIs relative to the repository root, stable fingerprints,
and a help entry (with a README anchor that exists) for every rule."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cjmap.reporters import rulebook
from tests.conftest import ROOT
from tests.consumers import multitool_results, sarif_schema_errors

EXAMPLES = ROOT / "examples"
REPOSITORY = "https://example.invalid/cjmap"  # stands in for a [project.urls] Repository entry


def sarif(run_cli, *args: str) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(run_cli("validate", "-f", "sarif", *args).stdout)


def problem_count(run_cli, *args: str) -> int:  # type: ignore[no-untyped-def]
    """How many problems the same run reports in cjmap's own JSON."""
    return len(json.loads(run_cli("validate", "-f", "json", *args).stdout)["problems"])


def runs_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "invalid", repo / "maps" / "odd name, #1")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    cwd = repo / cwd
    cwd.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(cwd)
    return repo


@pytest.mark.parametrize("with_repository", [True, False])
def test_schema_and_github_rules_pass(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_repository: bool
) -> None:
    monkeypatch.setattr(rulebook, "repository_url", lambda: REPOSITORY if with_repository else None)
    runs_from(tmp_path, monkeypatch, Path("."))
    document = sarif(run_cli)
    assert len(document["runs"][0]["results"]) == problem_count(run_cli) > 20
    assert sarif_schema_errors(document) == []
    path = tmp_path / "cjmap.sarif"
    path.write_text(json.dumps(document), encoding="utf-8")
    found = [r for r in multitool_results(path, tmp_path) if r.get("level", "warning") in ("error", "warning")]
    # Without a repository address cjmap gives no informationUri rather than an invented one;
    # the multitool's SARIF rules advise one (a warning GitHub does not act on).
    allowed = set() if with_repository else {"SARIF2005"}
    assert [r["ruleId"] for r in found if r["ruleId"] not in allowed] == [], found


def test_the_multitool_catches_what_github_refuses(tmp_path: Path) -> None:
    """The validator is live: a rule without `help` is GH2012, as cjmap's SARIF had before."""
    from io import StringIO

    from cjmap.linter import Report
    from cjmap.reporters.validate.sarif import report

    out = StringIO()
    report(Report([], []), out)
    broken = json.loads(out.getvalue())
    del broken["runs"][0]["tool"]["driver"]["rules"][0]["help"]
    path = tmp_path / "broken.sarif"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert "GH2012" in {r["ruleId"] for r in multitool_results(path, tmp_path)}


@pytest.mark.parametrize("cwd", [".", "maps", "maps/odd name, #1"])
def test_uris_are_relative_to_the_repository_root_wherever_cjmap_runs(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: str
) -> None:
    repo = runs_from(tmp_path, monkeypatch, Path(cwd))
    document = sarif(run_cli, str(repo / "maps"))
    run = document["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.as_uri() + "/"}}
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {loc["uriBaseId"] for loc in locations} == {"%SRCROOT%"}
    assert "maps/odd%20name%2C%20%231/CJM106-unknown-channel.yaml" in {loc["uri"] for loc in locations}


def test_fingerprints_hold_when_lines_move(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = runs_from(tmp_path, monkeypatch, Path("."))

    def fingerprints() -> list[str]:
        return sorted(r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif(run_cli)["runs"][0]["results"])

    before = fingerprints()
    for path in (repo / "maps").rglob("*.yaml"):
        path.write_bytes(b"# moved down\n\n" + path.read_bytes())
    after = fingerprints()
    assert before == after and len(set(before)) == len(before) == problem_count(run_cli)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ["SOURCE_DATE_EPOCH"]) + 86_400))
    assert fingerprints() == before  # "reviewed N days ago" grows by one: the same alert


def test_every_rule_has_help_with_examples_and_an_anchor_in_the_readme(monkeypatch: pytest.MonkeyPatch) -> None:
    from io import StringIO

    from cjmap.linter import Report
    from cjmap.reporters.validate.sarif import report

    monkeypatch.setattr(rulebook, "repository_url", lambda: REPOSITORY)
    out = StringIO()
    report(Report([], []), out)
    driver = json.loads(out.getvalue())["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == REPOSITORY
    anchors = readme_anchors()
    for rule in driver["rules"]:
        assert rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
        assert re.search(r"\b(Failing|Passing)\b", rule["help"]["text"]), rule["id"]
        assert len(rule["fullDescription"]["text"]) <= 1024 and len(rule["shortDescription"]["text"]) <= 1024
        url, _, anchor = rule["helpUri"].partition("#")
        assert url == REPOSITORY and anchor in anchors, rule["helpUri"]


def test_no_information_uri_is_invented() -> None:
    assert rulebook.repository_url() is None  # pyproject.toml declares no [project.urls] yet


def test_readme_rules_section_is_the_rule_docstrings() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index(rulebook.README_HEADING + "\n")
    end = readme.index("\n### ", start + 1)
    assert readme[start:end] == rulebook.readme_section(), "README's rules section is out of date: paste in "
    "`python -c 'from cjmap.reporters.rulebook import readme_section; print(readme_section())'`"


def readme_anchors() -> set[str]:
    """GitHub's anchors of README.md's headings: lowercase, punctuation but `-` and `_` dropped,
    spaces as `-`."""
    headings = re.findall(r"^#{1,6} (.+)$", (ROOT / "README.md").read_text("utf-8"), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}
