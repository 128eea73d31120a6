from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmap.cli import app

ROOT = Path(__file__).resolve().parent.parent
TODAY_EPOCH = "1795392000"  # 2026-11-23, so stale-review does not depend on the day tests run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare text with a golden file; `pytest --update-golden` rewrites it instead."""

    def check(path: Path, actual: str) -> None:
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.is_file(), f"{path} missing: run pytest --update-golden once and review it"
        assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs (pytest --update-golden to accept)"

    return check


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    # Each test starts with an empty validate cache of its own, outside the files it checks.
    monkeypatch.setenv("CJMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache") / ".cjmap_cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run cjmap in-process; the output goes into assertion messages through repr()."""

    def run(*args: str, expect: int | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        outcome = Result(result.exit_code, result.stdout, result.stderr)
        if expect is not None:
            assert result.exit_code == expect, repr(outcome)
        return outcome

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write files under tmp_path: write("a.yaml", "kind: ...") returns the path."""

    def write_file(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write_file
