"""Fatal user errors: one family, mapped to exit codes in one place (the CLI)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CjmapError(Exception):
    """An error the user can fix (bad path, bad configuration, unreadable file): exit code 2."""

    exit_code = EXIT_USAGE


class ConfigError(CjmapError):
    """The workspace configuration (cjmap.toml or [tool.cjmap]) is invalid."""


class PathError(CjmapError):
    """A path given on the command line does not exist or cannot be read."""
