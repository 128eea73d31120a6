"""`cjmap stats`: the figures of every journey, for a stats reporter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cjmap.config import Config
from cjmap.stats import workspace_stats
from cjmap.workspace import open_workspace


def run(paths: list[Path] | None, config: Config) -> dict[str, Any]:
    return workspace_stats(open_workspace(paths, config))
