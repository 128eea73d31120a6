from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

GOLDEN = Path(__file__).parent / "golden" / "init"
EXPECTED_FILES = [
    ".github/workflows/journey-maps.yml",
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


def test_init_rejects_bad_stage_ids(run_cli, tmp_path: Path) -> None:
    assert "is not a valid id" in run_cli("init", str(tmp_path), "--stages", "Buy Stuff", expect=2).stderr
    assert files(tmp_path) == []


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
