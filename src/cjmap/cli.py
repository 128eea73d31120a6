"""The command line, Typer only: options in, one command call, a reporter, an exit code.

Each command's work is in `cjmap.commands.<name>`, which returns a result and never prints; the
result goes to a reporter from `cjmap.reporters`. Heavy modules (pydantic, the rules, jinja2) are
imported inside the commands that need them so that `cjmap --help` and shell completion stay fast.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cjmap import __version__, reporters
from cjmap.errors import CjmapError
from cjmap.render import RENDERER_BY_NAME

app = typer.Typer(
    name="cjmap",
    help="Customer journey maps as code: validate, diff and render personas, stages and touchpoints.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
F = TypeVar("F", bound=Callable[..., Any])
PROGRESS_MIN = 5  # journeys; fewer render too fast for a progress bar to help
# String enums whose values Typer offers as an option's choices (format names come from the registries).
ReportFormat = enum.Enum("ReportFormat", {name: name for name in reporters.VALIDATE}, type=str)  # type: ignore[misc]
RenderFormat = enum.Enum("RenderFormat", {name: name for name in RENDERER_BY_NAME}, type=str)  # type: ignore[misc]
DiffFormat = enum.Enum("DiffFormat", {name: name for name in reporters.DIFF}, type=str)  # type: ignore[misc]
FailOn = enum.Enum("FailOn", {name: name for name in ("worsened", "removed", "any")}, type=str)  # type: ignore[misc]
StatsFormat = enum.Enum("StatsFormat", {name: name for name in reporters.STATS}, type=str)  # type: ignore[misc]
NewKind = enum.Enum("NewKind", {k: k for k in ("persona", "journey", "evidence")}, type=str)  # type: ignore[misc]


def fatal_errors(command: F) -> F:
    """Print a CjmapError as one line on stderr and exit with its code (2): never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CjmapError as error:
            for problem in getattr(error, "problems", []):
                typer.echo(f"{problem.path}:{problem.line}:{problem.column}: {problem.code} {problem.text}", err=True)
            typer.echo(f"cjmap: error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def emit(registry: dict[str, str], format_name: str, result: Any, output: Path | None = None) -> None:
    """Hand `result` to the reporter called `format_name`: to stdout, or whole to `output`."""
    reporter = reporters.get_reporter(registry, format_name)
    if output is None:
        reporter(result, sys.stdout)
        return
    from cjmap.output import write_text

    buffer = io.StringIO()
    reporter(result, buffer)
    write_text(output, buffer.getvalue())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjmap {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Customer journey maps as code: validate, diff and render personas, stages and touchpoints."""


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders to check. Default: `paths` from cjmap.toml, else the current folder.", show_default=False
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Configuration file. Default: cjmap.toml or pyproject.toml found walking up."),
]


@app.command()
@fatal_errors
def validate(
    paths: PathsArg = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="Output format. Default: text, or github when GITHUB_ACTIONS is set."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every file again; neither use nor write the cache.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list the YAML files skipped because they hold no map.")
    ] = False,
    config_file: ConfigOpt = None,
) -> None:
    """Check map files: YAML, format, references across files and journey-mapping practice.

    Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage, configuration or I/O error.
    """
    from cjmap.commands import validate as command
    from cjmap.config import load_config

    result = command.run(paths, load_config(config_file, paths), cache=not no_cache)
    emit(reporters.VALIDATE, output_format.value if output_format else _default_format(), result, output)
    if verbose:
        typer.echo(command.skipped_note(result), err=True)
    raise typer.Exit(command.exit_code(result, strict))


@app.command()
@fatal_errors
def render(
    paths: PathsArg = None,
    formats: Annotated[
        list[RenderFormat] | None, typer.Option("--format", "-f", help="Output format, repeatable. Default: html.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the rendered files.")] = Path("out"),
    journeys: Annotated[
        list[str] | None, typer.Option("--journey", "-j", help="Only this journey id; repeatable.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Render even when validation finds errors.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or notes.")] = False,
    layout_timeout: Annotated[float, typer.Option(help="Seconds allowed to lay out one diagram.")] = 60.0,
    config_file: ConfigOpt = None,
) -> None:
    """Render journeys to HTML maps, Graphviz diagrams (svg, png, pdf, dot) and Mermaid.

    Files are named <journey-id>.<ext>, plus index.html for html. A workspace with errors is not
    rendered (its problems are shown, exit 1) unless --force.
    """
    from cjmap.commands import render as command
    from cjmap.config import load_config
    from cjmap.reporters.written import report

    config = load_config(config_file, paths)
    chosen = [f.value for f in formats] if formats else ["html"]
    with progress_bar(quiet) as start:
        result = command.run(paths, config, chosen, out, journeys, force, layout_timeout, start)
    if result.blocked:
        emit(reporters.VALIDATE, "text", result.errors)
    report([], [] if quiet else result.notes, sys.stdout, sys.stderr)
    typer.echo(result.summary)
    raise typer.Exit(result.exit_code)


@app.command(context_settings={"ignore_unknown_options": True})
@fatal_errors
def diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="OLD NEW (files or folders), or git revisions: main, main HEAD, main..HEAD; then -- PATHS.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat | None, typer.Option("--format", "-f", help="Output format. Default: text.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the diff to this file.")] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are semantic changes.")] = False,
    fail_on: Annotated[FailOn | None, typer.Option(help="Exit 1 when changes of this kind exist.")] = None,
    git_driver: Annotated[
        bool,
        typer.Option("--git-driver", help="Run as git's external diff (GIT_EXTERNAL_DIFF / diff.<driver>.command)."),
    ] = False,
    config_file: ConfigOpt = None,
) -> None:
    """Compare two versions of a workspace by meaning: journeys, stages, touchpoints, emotions.

    Exit codes: 0 by default, 1 with --exit-code or --fail-on when such changes exist, 2 on errors.
    """
    from cjmap.commands import diff as command
    from cjmap.config import load_config

    result = command.run(args or [], load_config(config_file), git_driver)
    if result.plain is not None:
        typer.echo(result.plain, nl=False)
    else:
        emit(reporters.DIFF, output_format.value if output_format else "text", result.diff, output)
    raise typer.Exit(result.exit_code(exit_code, fail_on.value if fail_on else None))


@app.command()
@fatal_errors
def fmt(
    paths: PathsArg = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if a file would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print what would change.")] = False,
    config_file: ConfigOpt = None,
) -> None:
    """Lay map files out canonically (key order, 2-space indents, quoting, blank lines between
    stages), keeping every comment and value. Nothing is written unless proved unchanged in meaning."""
    from cjmap.commands import fmt as command
    from cjmap.config import load_config
    from cjmap.reporters.fmt import report

    result = command.run(paths, load_config(config_file, paths), check=check, diff=diff)
    report(result, sys.stdout, sys.stderr, diff=diff)
    raise typer.Exit(result.exit_code)


@app.command()
@fatal_errors
def stats(
    paths: PathsArg = None,
    output_format: Annotated[StatsFormat | None, typer.Option("--format", "-f", help="Default: text.")] = None,
    config_file: ConfigOpt = None,
) -> None:
    """What the maps say: emotions, pain points, channel mix, drop-offs, hand-off gaps, evidence."""
    from cjmap.commands import stats as command
    from cjmap.config import load_config

    figures = command.run(paths, load_config(config_file, paths))
    emit(reporters.STATS, output_format.value if output_format else "text", figures)


@app.command()
@fatal_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
    stages: Annotated[
        str | None,
        typer.Option(help="Comma-separated stage ids for the first journey. Default: the eight classic stages."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist already.")] = False,
) -> None:
    """Start a workspace: cjmap.toml, a persona, evidence, a journey, schemas, CI and pre-commit."""
    from cjmap.commands.init import init as command
    from cjmap.config import today
    from cjmap.reporters.written import report

    created = command(folder, stages, force, today().isoformat())
    report(created.paths, [], sys.stdout, sys.stderr)
    typer.echo(f"Next: {created.next_step}")


@app.command()
@fatal_errors
def new(
    kind: Annotated[NewKind, typer.Argument(help="What to add.")],
    identifier: Annotated[str, typer.Argument(metavar="ID", help="Its id: lowercase letters, digits, - and _.")],
    config_file: ConfigOpt = None,
) -> None:
    """Add one skeleton persona, journey or evidence file where the workspace keeps them."""
    from cjmap.commands.init import new_file
    from cjmap.config import load_config
    from cjmap.reporters.written import report

    report([new_file(kind.value, identifier, load_config(config_file))], [], sys.stdout, sys.stderr)


@app.command()
@fatal_errors
def rules(
    name: Annotated[str | None, typer.Argument(help="Show only this rule (name or code).")] = None,
    config_file: ConfigOpt = None,
) -> None:
    """List every rule with its code, name, severity, and a passing and a failing example."""
    from cjmap.commands import rules as command
    from cjmap.config import load_config

    typer.echo(command.run(load_config(config_file), name), nl=False)


@app.command()
@fatal_errors
def schema(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the schemas to.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas of the file format (one per kind, plus draft-07 copies for editors)."""
    from cjmap.commands import schema as command
    from cjmap.reporters.written import report

    report(command.run(out), [], sys.stdout, sys.stderr)


@contextlib.contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[int], Callable[[], None]]]:
    """Yields `start(total)`, which returns the `advance()` to call per item. A rich progress bar
    on stderr appears for more than a handful of items, unless quiet or not on a terminal."""
    bars: list[Any] = []

    def start(total: int) -> Callable[[], None]:
        if quiet or total <= PROGRESS_MIN or not sys.stderr.isatty():
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(transient=True, console=Console(stderr=True))
        bar.start()
        bars.append(bar)
        task = bar.add_task("Rendering", total=total)
        return lambda: bar.advance(task)

    try:
        yield start
    finally:
        for bar in bars:
            bar.stop()


import_app = typer.Typer(
    help="Bring journeys in from spreadsheets, surveys and Mermaid diagrams.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
export_app = typer.Typer(help="Write journeys out for other tools.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace files that exist already.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Folder to write to. Default: the workspace's folders.")]


def _written(result: Any) -> None:
    from cjmap.reporters.written import report

    report(result.paths, result.notes, sys.stdout, sys.stderr)


@import_app.command("csv")
@fatal_errors
def import_csv(
    file: Annotated[Path, typer.Argument(help="Touchpoint inventory exported from a spreadsheet as CSV.")],
    journey: Annotated[str, typer.Option("--journey", help="Id of the journey to create.")],
    title: Annotated[str | None, typer.Option(help="Journey title. Default: from the id.")] = None,
    persona: Annotated[str | None, typer.Option(help="Persona id. Default: the workspace's first.")] = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    config_file: ConfigOpt = None,
) -> None:
    """One row per touchpoint (stage, touchpoint, channel, scope, owner, actions, thoughts, emotion,
    pain points, opportunities); `;` separates items in a cell."""
    from cjmap.commands.imports import import_csv as run
    from cjmap.config import load_config

    announce = functools.partial(typer.echo, err=True)
    _written(run(file, journey, title, persona, out, force, load_config(config_file), announce))


@import_app.command("survey")
@fatal_errors
def import_survey(
    file: Annotated[Path, typer.Argument(help="Survey responses as CSV, one row per response.")],
    journey: Annotated[str, typer.Option("--journey", help="Id of the journey the survey measured.")],
    touchpoint_column: Annotated[str, typer.Option(help="Column naming the touchpoint (id or name).")],
    score_column: Annotated[str, typer.Option(help="Column holding the score.")],
    emotion: Annotated[bool, typer.Option("--emotion", help="Also set emotions from the mean scores.")] = False,
    survey_min: Annotated[float, typer.Option(help="Lowest score the survey allows.")] = 1,
    survey_max: Annotated[float, typer.Option(help="Highest score the survey allows.")] = 5,
    metric: Annotated[str, typer.Option(help="Metric name for the mean score.")] = "survey_score",
    evidence_id: Annotated[str | None, typer.Option(help="Id of the evidence entry. Default: survey-<file>.")] = None,
    force: ForceOpt = False,
    config_file: ConfigOpt = None,
) -> None:
    """Mean score and count per touchpoint into metrics (and emotions), with the survey as evidence."""
    from cjmap.commands.imports import import_survey as run
    from cjmap.config import load_config

    config = load_config(config_file)
    _written(
        run(
            file,
            journey,
            touchpoint_column,
            score_column,
            emotion,
            (survey_min, survey_max),
            metric,
            evidence_id,
            force,
            config,
        )
    )


@import_app.command("mermaid")
@fatal_errors
def import_mermaid(
    file: Annotated[Path, typer.Argument(help="A Mermaid journey diagram, or Markdown with ```mermaid blocks.")],
    journey: Annotated[str | None, typer.Option("--journey", help="Journey id. Default: from the title.")] = None,
    out: OutOpt = None,
    force: ForceOpt = False,
    config_file: ConfigOpt = None,
) -> None:
    """Sections become stages, tasks touchpoints, actors personas, scores 1..5 emotions."""
    from cjmap.commands.imports import import_mermaid as run
    from cjmap.config import load_config

    _written(run(file, journey, out, force, load_config(config_file)))


@export_app.command("csv")
@fatal_errors
def export_csv(
    journey: Annotated[str, typer.Option("--journey", help="Id of the journey to export.")],
    paths: PathsArg = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    config_file: ConfigOpt = None,
) -> None:
    """The touchpoint inventory as CSV (cjmap import csv reads it back)."""
    from cjmap.commands.imports import export_csv as run
    from cjmap.config import load_config
    from cjmap.output import write_text

    text = run(paths, journey, load_config(config_file, paths))
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def main() -> None:
    """Entry point of the `cjmap` script and `python -m cjmap`."""
    # cjmap uses no pydantic plugins; looking them up through package metadata costs about
    # 10 ms of every run (docs/benchmarks.md). A value the user set wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(app())
