"""`cjmap render`: check the workspace, analyse its journeys, write every requested format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cjmap.analysis import analyse_workspace
from cjmap.config import Config, did_you_mean
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS, CjmapError
from cjmap.linter import Report, check
from cjmap.render import RenderContext, render_all


@dataclass
class RenderResult:
    report: Report
    out: Path
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return not self.written and self.report.count("error") > 0

    @property
    def errors(self) -> Report:
        """The errors alone: what stops rendering."""
        return Report([p for p in self.report.problems if p.severity == "error"], self.report.paths)

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.blocked else EXIT_OK

    @property
    def summary(self) -> str:
        errors = self.report.count("error")
        if self.blocked:
            return f"not rendered: {errors} error{'s' if errors != 1 else ''} (fix them, or render anyway with --force)"
        forced = f" despite {errors} error{'s' if errors != 1 else ''}" if errors else ""
        return f"rendered {len(self.written)} file{'s' if len(self.written) != 1 else ''} to {self.out}{forced}"


def render_workspace(
    paths: list[Path] | None,
    config: Config,
    formats: list[str],
    out: Path,
    journeys: list[str] | None,
    force: bool,
    layout_timeout: float,
    start: Callable[[int], Callable[[], None]] = lambda total: lambda: None,
) -> RenderResult:
    """Validate, then render `formats` for the chosen journeys (all by default) into `out`."""
    workspace, report = check(paths, config)
    result = RenderResult(report, out)
    if report.count("error") and not force:
        return result
    analyses = analyse_workspace(workspace)
    for wanted in journeys or []:
        if wanted not in analyses:
            raise CjmapError(f"no journey `{wanted}` in the workspace{did_you_mean(wanted, analyses)}")
    chosen = {k: v for k, v in analyses.items() if not journeys or k in journeys}
    context = RenderContext(workspace, chosen, layout_timeout)
    result.written = render_all(context, list(dict.fromkeys(formats)), out, start(len(chosen)))
    result.notes = context.notes
    return result
