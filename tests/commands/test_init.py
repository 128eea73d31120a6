from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden" / "init"
EXPECTED_FILES = [
    ".github/workflows/journey-maps.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "cjmap.toml",
    "journeys/first-journey.yaml",
    "personas/primary-customer.yaml",
    "research/first-interviews.yaml",
    "schemas/draft-07/evidence.schema.json",
    "schemas/draft-07/journey.schema.json",
    "schemas/draft-07/persona.schema.json",
]


def files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_init_golden(run_cli, tmp_path: Path, golden) -> None:
    run_cli("init", str(tmp_path), expect=0)
    assert files(tmp_path) == EXPECTED_FILES
    for name in (
        "cjmap.toml",
        "journeys/first-journey.yaml",
        "personas/primary-customer.yaml",
        "research/first-interviews.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/journey-maps.yml",
        ".gitignore",
    ):
        golden(GOLDEN / name, (tmp_path / name).read_text("utf-8"))
    assert (tmp_path / "schemas/draft-07/journey.schema.json").read_text("utf-8") == (
        ROOT / "schemas/draft-07/journey.schema.json"
    ).read_text("utf-8")


def test_init_validates_renders_and_is_already_formatted(run_cli, tmp_path: Path, monkeypatch) -> None:
    run_cli("init", str(tmp_path), "--stages", "inquiry,comparison,purchase,installation,loyalty", expect=0)
    monkeypatch.chdir(tmp_path)
    report = run_cli("validate", expect=0).stdout
    assert " error " not in report and report.count("CJM202") == 4  # the empty stages a fresh map has
    run_cli("render", "--format", "html", "--format", "mermaid", expect=0)
    assert (tmp_path / "out" / "first-journey.html").is_file()
    assert run_cli("fmt", "--check", expect=0).stdout.strip() == "0 of 3 files would change"
    assert "name: Installation" in (tmp_path / "journeys/first-journey.yaml").read_text("utf-8")


def test_init_refuses_to_overwrite(run_cli, tmp_path: Path) -> None:
    (tmp_path / "cjmap.toml").write_text("# mine\n")
    result = run_cli("init", str(tmp_path), expect=2)
    assert f"would overwrite {tmp_path / 'cjmap.toml'}" in result.stderr and files(tmp_path) == ["cjmap.toml"]
    assert (tmp_path / "cjmap.toml").read_text() == "# mine\n"
    run_cli("init", str(tmp_path), "--force", expect=0)
    assert files(tmp_path) == EXPECTED_FILES


def test_force_never_replaces_the_shared_set_up_files(run_cli, tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = run_cli("init", str(tmp_path), "--force", expect=0)
    assert (tmp_path / ".gitignore").read_text() == "node_modules/\n"
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "/.pre-commit-config.yaml exists and was left alone; merge this into it by hand:\n" in result.stderr
    assert "\n    /out/\n" in result.stderr and "\n          - id: cjmap-validate\n" in result.stderr


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ("Buy Stuff", "is not a valid id"),
        (",,,", "--stages names no stage"),
        ("a,b,a", "--stages names `a` more than once"),
        (" , ", "--stages names no stage"),
    ],
)
def test_init_refuses_bad_stages_before_writing_anything(run_cli, tmp_path: Path, stages: str, message: str) -> None:
    assert message in run_cli("init", str(tmp_path / "ws"), "--stages", stages, expect=2).stderr
    assert files(tmp_path) == []


def test_a_failed_init_leaves_no_partial_workspace(run_cli, tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "journeys").write_text("a file where a folder goes")
    result = run_cli("init", str(tmp_path / "ws"), expect=2)
    assert "cannot write" in result.stderr and "nothing was kept" in result.stderr
    assert files(tmp_path) == ["ws/journeys"]
    assert sorted(p.name for p in (tmp_path / "ws").iterdir()) == ["journeys"]  # no empty folders left


def test_a_failed_forced_init_puts_replaced_files_back(run_cli, tmp_path: Path) -> None:
    (tmp_path / "cjmap.toml").write_text("# mine\n")
    (tmp_path / "journeys").write_text("a file where a folder goes")
    run_cli("init", str(tmp_path), "--force", expect=2)
    assert (tmp_path / "cjmap.toml").read_text() == "# mine\n" and files(tmp_path) == ["cjmap.toml", "journeys"]


def test_init_in_a_subfolder_of_a_repository_sets_up_ci_at_its_root(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    result = run_cli("init", "docs/cx", expect=0)
    assert files(tmp_path / "docs" / "cx") == [f for f in EXPECTED_FILES if not f.startswith((".github", ".pre"))]
    workflow = (tmp_path / ".github/workflows/journey-maps.yml").read_text("utf-8")
    steps = [step.get("run") for step in yaml.safe_load(workflow)["jobs"]["validate"]["steps"]]
    assert "cjmap validate docs/cx" in steps and "cjmap render docs/cx --format html --out journey-maps" in steps
    hooks = (tmp_path / ".pre-commit-config.yaml").read_text("utf-8")
    assert "args: [docs/cx]" in hooks and 'files: "^docs/cx/(personas|journeys|research)/' in hooks
    assert "wrote .github/workflows/journey-maps.yml" in result.stdout
    assert result.stdout.endswith("Next: cd docs/cx && cjmap validate && cjmap render\n")
    second = run_cli("init", "docs/other", expect=0)
    assert "merge this into it by hand" in second.stderr and "args: [docs/other]" in second.stderr
    assert hooks == (tmp_path / ".pre-commit-config.yaml").read_text("utf-8")


def test_next_step_never_says_cd_dot(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", expect=0).stdout.endswith("Next: cjmap validate && cjmap render\n")
    assert run_cli("init", str(tmp_path / "x y"), expect=0).stdout.endswith(
        f"Next: cd '{tmp_path / 'x y'}' && cjmap validate && cjmap render\n"
    )


def test_new_adds_skeletons_in_the_right_place(run_cli, tmp_path: Path, monkeypatch) -> None:
    run_cli("init", str(tmp_path), expect=0)
    monkeypatch.chdir(tmp_path)
    run_cli("new", "persona", "second-customer", expect=0)
    run_cli("new", "evidence", "usability-test", expect=0)
    run_cli("new", "journey", "returns", expect=0)
    assert (tmp_path / "personas/second-customer.yaml").is_file() and (
        tmp_path / "research/usability-test.yaml"
    ).is_file()
    assert "personas: [primary-customer]" in (tmp_path / "journeys/returns.yaml").read_text("utf-8")
    assert " error " not in run_cli("validate", expect=0).stdout
    assert "would overwrite" in run_cli("new", "journey", "returns", expect=2).stderr
    assert "not a valid id" in run_cli("new", "persona", "Bad Id", expect=2).stderr
