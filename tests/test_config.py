from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cjmap.config import CHANNELS, find_config, load_config, today
from cjmap.errors import ConfigError
from cjmap.linter import RuleSettings


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(targets=[tmp_path])
    assert config.file is None and config.emotion_scale == (-2, 2) and config.channels == CHANNELS


def test_pyproject_tool_table_is_found_walking_up(write, tmp_path: Path) -> None:
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.cjmap]\nstale_after_days = 30\nchannels = ["kiosk"]\n')
    nested = write("a/b/p.yaml", "").parent
    assert find_config(nested) == tmp_path / "pyproject.toml"
    config = load_config(targets=[nested])
    assert config.stale_after_days == 30 and "kiosk" in config.channels and "web" in config.channels


def test_cjmap_toml_wins_in_the_same_folder(write, tmp_path: Path) -> None:
    write("pyproject.toml", "[tool.cjmap]\nstale_after_days = 30\n")
    write("cjmap.toml", "stale_after_days = 7\n")
    assert load_config(targets=[tmp_path]).stale_after_days == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paths = 'maps'", "paths must be a list of strings"),
        ("emotion_scale = [0, 5]", "emotion_scale must be two integers"),
        ("stale_after_days = -1", "stale_after_days must be a positive integer"),
        ("cache_dir = 3", "cache_dir must be a folder name (a non-empty string)"),
        ("cache_dir = ' '", "cache_dir must be a folder name (a non-empty string)"),
        (
            "[rules]\nmissing-emotoin = 'off'",
            "unknown rule `missing-emotoin` in [rules] (did you mean `missing-emotion`?)",
        ),
        ("[rules]\nmissing-emotion = 'loud'", "level must be one of error, warning, info, off"),
        ("[per-file-ignores]\n'x/*' = ['nope']", "unknown rule `nope`"),
        ("paths = [", "invalid TOML"),
    ],
)
def test_invalid_settings_are_config_errors(write, tmp_path: Path, text: str, message: str) -> None:
    """The file's shape is checked when it is read; rule names when the linter meets them."""
    write("cjmap.toml", text + "\n")
    with pytest.raises(ConfigError, match=None) as error:
        RuleSettings.of(load_config(targets=[tmp_path]))
    assert message in str(error.value) and "cjmap.toml" in str(error.value)


def test_an_unknown_rule_name_stops_validate_with_a_configuration_error(write, tmp_path: Path, run_cli) -> None:
    write("cjmap.toml", "[rules]\nmissing-emotoin = 'off'\n")
    write("p.yaml", "kind: persona\nid: p\nname: P\n")
    result = run_cli("validate", str(tmp_path), expect=2)
    assert "unknown rule `missing-emotoin` in [rules] (did you mean `missing-emotion`?)" in result.stderr


def test_explicit_config_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")


def test_rule_levels_accept_codes_and_names(write, tmp_path: Path) -> None:
    write("cjmap.toml", "[rules]\nCJM203 = 'off'\nstale-review = 'error'\n")
    assert RuleSettings.of(load_config(targets=[tmp_path])).levels == {
        "missing-emotion": "off",
        "stale-review": "error",
    }


def test_today_honours_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert today() == dt.date(1970, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        today()


def test_cache_dir_is_relative_to_the_configuration_file(write, tmp_path: Path) -> None:
    from cjmap.cache import folder_of

    write("cjmap.toml", 'cache_dir = "build/cache"\n')
    assert load_config(targets=[tmp_path]).cache_dir == "build/cache"
    assert folder_of(load_config(targets=[tmp_path])) == Path(os.environ["CJMAP_CACHE_DIR"])


@pytest.mark.parametrize("tool", ['tool = "x"', "tool = 1", "[tool]\ncjmap = 3", "[tool]\ncjmap = []"])
def test_odd_tool_tables_in_pyproject_are_configuration_errors_or_ignored(
    run_cli, write, tmp_path: Path, tool: str
) -> None:
    write("pyproject.toml", tool + "\n# [tool.cjmap] mentioned so the file is read\n")
    write("p.yaml", "kind: persona\nid: p\nname: P\n")
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code in (0, 2) and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert "pyproject.toml" in result.stderr


def test_a_map_named_through_a_symlink_uses_the_configuration_where_it_is_named(run_cli, write, tmp_path: Path) -> None:
    """Configuration is found from the path as given, not from the link's target."""
    write("elsewhere/cjmap.toml", "[rules]\nschema = 'off'\n")
    write("elsewhere/p.yaml", "kind: persona\nid: Not An Id\nname: P\n")
    write("here/cjmap.toml", "stale_after_days = 10\n")
    (tmp_path / "here" / "p.yaml").symlink_to(tmp_path / "elsewhere" / "p.yaml")
    assert "CJM103" in run_cli("validate", str(tmp_path / "here" / "p.yaml"), expect=1).stdout
    run_cli("validate", str(tmp_path / "elsewhere" / "p.yaml"), expect=0)
