"""`cjmap render`: check the workspace, analyse its journeys, write every requested format."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cjmap.analysis import analyse_workspace
from cjmap.config import Config
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS
from cjmap.linter import Report, lint
from cjmap.output import write_atomic_bytes
from cjmap.render import RenderContext, check, index_files, journey_files
from cjmap.wording import plural
from cjmap.workspace import open_workspace


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
            them = "it" if errors == 1 else "them"
            return f"not rendered: {plural(errors, 'error')} (fix {them}, or render anyway with --force)"
        forced = f" despite {plural(errors, 'error')}" if errors else ""
        return f"rendered {plural(len(self.written), 'file')} to {self.out}{forced}"


def run(
    paths: list[Path] | None,
    config: Config,
    formats: list[str],
    out: Path,
    journeys: list[str] | None,
    force: bool,
    layout_timeout: float,
    start: Callable[[int], Callable[[], None]] = lambda total: lambda: None,
    paper: str = "A3",
    poster: bool = False,
) -> RenderResult:
    """Validate, then render `formats` for the chosen journeys (all by default) into `out`; HTML maps
    print on `paper`, one stage per sheet when `poster`."""
    workspace = open_workspace(paths, config)
    report = lint(workspace)
    result = RenderResult(report, out)
    if report.count("error") and not force:
        return result
    analyses = analyse_workspace(workspace)
    for journey_id in journeys or []:
        workspace.journey(journey_id)  # an unknown id is an error that names the closest one
    chosen = {k: v for k, v in analyses.items() if not journeys or k in journeys}
    context = RenderContext(workspace, chosen, layout_timeout, paper=paper, poster=poster)
    unique = list(dict.fromkeys(formats))
    check(unique)  # all or nothing: a missing layout program is said before any file is written
    advance = start(len(chosen))
    for analysis in chosen.values():
        result.written += _write(out, journey_files(context, analysis, unique))
        advance()
    result.written += _write(out, index_files(context, unique))
    result.notes = context.notes
    return result


def _write(out: Path, files: Iterable[tuple[str, bytes]]) -> list[Path]:
    written = []
    for name, content in files:
        write_atomic_bytes(out / name, content, within=[out])
        written.append(out / name)
    return written
