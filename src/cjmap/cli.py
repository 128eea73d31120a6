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
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS, CjmapError
from cjmap.render import PAPERS, RENDERER_BY_NAME

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
Paper = enum.Enum("Paper", {name: name for name in PAPERS}, type=str)  # type: ignore[misc]
DiffFormat = enum.Enum("DiffFormat", {name: name for name in reporters.DIFF}, type=str)  # type: ignore[misc]
FailOn = enum.Enum("FailOn", {name: name for name in ("worsened", "removed", "any")}, type=str)  # type: ignore[misc]
StatsFormat = enum.Enum("StatsFormat", {name: name for name in reporters.STATS}, type=str)  # type: ignore[misc]
NewKind = enum.Enum("NewKind", {k: k for k in ("persona", "journey", "evidence")}, type=str)  # type: ignore[misc]


def fatal_errors(command: F) -> F:
    """Print a CjmapError as one line on stderr and exit with its code (2): never a traceback.
    A reader that stops reading (`cjmap ... | head`) ends the command quietly (exit 1)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from cjmap.reporters.terminal import printable, printable_lines

        try:
            with closed_pipe(EXIT_PROBLEMS):
                return command(*args, **kwargs)
        except CjmapError as error:
            for problem in getattr(error, "problems", []):
                where = f"{problem.path}:{problem.line}:{problem.column}"
                typer.echo(printable(f"{where}: {problem.code} {problem.text}"), err=True)
            # A message of several lines (one per bad row) keeps its lines, each made printable.
            typer.echo(f"cjmap: error: {printable_lines(str(error))}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def closed_pipe(exit_code: int) -> Iterator[None]:
    """Flush stdout on the way out; when its reader has gone (a closed pipe), send the rest of
    the output nowhere and exit with `exit_code` instead of a traceback or Python's "Exception
    ignored" on exit."""
    try:
        try:
            yield
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):  # not a real file (tests)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(exit_code) from None


def emit(
    registry: dict[str, str],
    format_name: str,
    result: Any,
    output: Path | None = None,
    inputs: list[Path] | None = None,
) -> None:
    """Hand `result` to the reporter called `format_name`: to stdout, or whole to `output`, which
    must not be one of the `inputs` (the maps the result was made from)."""
    reporter = reporters.get_reporter(registry, format_name)
    if output is None:
        reporter(result, sys.stdout)
        return
    buffer = io.StringIO()
    reporter(result, buffer)
    save(output, buffer.getvalue(), inputs or [])


def save(output: Path, text: str, inputs: list[Path]) -> None:
    """Write a report or export to `output` through the writer, never over one of the `inputs`."""
    from cjmap.output import refuse_inputs, write_text

    refuse_inputs(output, inputs)
    write_text(output, text)


def _positive_seconds(value: float) -> float:
    import math

    if not math.isfinite(value) or value <= 0:
        raise typer.BadParameter(f"must be a positive number of seconds, not {value}")
    return value


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

    config = load_config(config_file, paths)
    result = command.run(paths, config, strict, cache=not no_cache)
    chosen = output_format.value if output_format else _default_format()
    inputs = [Path(p) for p in result.paths] + ([config.file] if config.file else [])
    emit(reporters.VALIDATE, chosen, result, output, inputs)
    if verbose:
        typer.echo(command.skipped_note(result), err=True)
    raise typer.Exit(command.exit_code(result))


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
    layout_timeout: Annotated[
        float, typer.Option(help="Seconds allowed to lay out one diagram.", callback=_positive_seconds)
    ] = 60.0,
    paper: Annotated[Paper, typer.Option(help="Paper the HTML map prints on, landscape.")] = Paper.A3,  # type: ignore[attr-defined]
    poster: Annotated[bool, typer.Option("--poster", help="Print the HTML map one stage per sheet.")] = False,
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
        result = command.run(
            paths, config, chosen, out, journeys, force, layout_timeout, start, paper=paper.value, poster=poster
        )
    if result.blocked:
        emit(reporters.VALIDATE, "text", result.errors)
    from cjmap.reporters.terminal import printable

    report([], [] if quiet else result.notes, sys.stdout, sys.stderr)
    typer.echo(printable(result.summary))
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
    from cjmap.reporters.terminal import printable, printable_lines

    config = load_config(config_file)
    result = command.run(args or [], config, git_driver)
    # git stops at an external diff that exits non-zero: as its driver, a closed pipe exits 0.
    with closed_pipe(EXIT_OK if git_driver else EXIT_PROBLEMS):
        typer.echo(printable_lines(result.header), nl=False)
        if result.plain is not None:
            typer.echo(printable_lines(result.plain), nl=False)
        else:
            chosen = output_format.value if output_format else "text"
            inputs = [*result.inputs, *([config.file] if config.file else [])]
            emit(reporters.DIFF, chosen, result.diff, output, inputs)
    for warning in result.warnings(fail_on.value if fail_on else None):
        typer.echo(f"cjmap: {printable(warning)}", err=True)
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
    from cjmap.reporters.terminal import printable
    from cjmap.reporters.written import report

    created = command(folder, stages, force, today().isoformat())
    report(created.paths, [], sys.stdout, sys.stderr, created.snippets)
    typer.echo(f"Next: {printable(created.next_step)}")


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


MapOpt = Annotated[
    list[str] | None,
    typer.Option("--map", help="HEADER=FIELD: read a column as this field (repeatable); see the summary."),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Print what would change; write nothing.")]
EncodingOpt = Annotated[str, typer.Option(help="The file's text encoding, e.g. cp1252 for older Excel.")]


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    pairs = {}
    for value in values or []:
        key, sep, target = value.partition("=")
        if not sep or not key.strip():
            raise CjmapError(f"{option} `{value}`: write it as NAME=VALUE")
        pairs[key.strip()] = target.strip()
    return pairs


def _imported(pending: Any, dry_run: bool, force: bool) -> None:
    """How the input was read (stderr) and what will change (stdout, as cjmap diff shows it), then
    the import written (unless a dry run) and what was written."""
    from cjmap.reporters.written import report

    report([], pending.summary, sys.stdout, sys.stderr)
    reporters.get_reporter(reporters.DIFF, "text")(pending.diff, sys.stdout)
    _written(pending.write(dry_run, force))


def _written(result: Any) -> None:
    from cjmap.reporters.written import report

    report(result.paths, result.notes, sys.stdout, sys.stderr)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def _sheet(
    fmt: str,
    file: Path,
    journey: str | None,
    title: str | None,
    persona: list[str] | None,
    columns: list[str] | None,
    default_channel: str | None,
    encoding: str,
    prune: bool,
    dry_run: bool,
    out: Path | None,
    force: bool,
    config_file: Path | None,
) -> None:
    from cjmap.commands.imports import SheetOptions, import_sheet
    from cjmap.config import load_config

    options = SheetOptions(
        journey, title, persona or [], _pairs(columns, "--map"), default_channel, encoding, prune, dry_run, out, force
    )
    _imported(import_sheet(file, fmt, options, load_config(config_file)), dry_run, force)


JourneyInOpt = Annotated[
    str | None, typer.Option("--journey", help="Journey to create or update. Default (xlsx): the workbook's.")
]
TitleOpt = Annotated[str | None, typer.Option(help="Title of a new journey. Default: from the id.")]
PersonaOpt = Annotated[
    list[str] | None, typer.Option("--persona", help="Persona id or name the journey follows; repeatable.")
]
ChannelOpt = Annotated[str | None, typer.Option(help="Channel for rows without one.")]
PruneOpt = Annotated[bool, typer.Option("--prune", help="Remove touchpoints (and items) the sheet does not list.")]


@import_app.command("csv")
@fatal_errors
def import_csv(
    file: Annotated[Path, typer.Argument(help="Touchpoint inventory as CSV (comma, semicolon or tab separated).")],
    journey: Annotated[str, typer.Option("--journey", help="Journey to create, or to update if it exists.")],
    title: TitleOpt = None,
    persona: PersonaOpt = None,
    columns: MapOpt = None,
    default_channel: ChannelOpt = None,
    encoding: EncodingOpt = "utf-8",
    prune: PruneOpt = False,
    dry_run: DryRunOpt = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    config_file: ConfigOpt = None,
) -> None:
    """One row per touchpoint, a column per field (`cjmap export csv` writes one). Rows update
    touchpoints by id (or name), new rows are added; the diff is shown before anything is written."""
    _sheet(
        "csv",
        file,
        journey,
        title,
        persona,
        columns,
        default_channel,
        encoding,
        prune,
        dry_run,
        out,
        force,
        config_file,
    )


@import_app.command("xlsx")
@fatal_errors
def import_xlsx(
    file: Annotated[
        Path, typer.Argument(help="Workbook from `cjmap export xlsx`, or one whose first sheet lists touchpoints.")
    ],
    journey: JourneyInOpt = None,
    title: TitleOpt = None,
    persona: PersonaOpt = None,
    columns: MapOpt = None,
    default_channel: ChannelOpt = None,
    prune: PruneOpt = False,
    dry_run: DryRunOpt = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    config_file: ConfigOpt = None,
) -> None:
    """A whole journey from a workbook: Journey, Stages, Touchpoints, Improvements, Personas and
    Evidence sheets, into a new journey or an existing one."""
    _sheet(
        "xlsx",
        file,
        journey,
        title,
        persona,
        columns,
        default_channel,
        "utf-8",
        prune,
        dry_run,
        out,
        force,
        config_file,
    )


@import_app.command("survey")
@fatal_errors
def import_survey(
    file: Annotated[Path, typer.Argument(help="Survey export as CSV: one row per rating, or per respondent.")],
    journey: Annotated[str, typer.Option("--journey", help="Id of the journey the survey measured.")],
    title: Annotated[str, typer.Option(help="Title of the survey's evidence entry, e.g. 'Checkout survey, wave 2'.")],
    evidence_id: Annotated[str | None, typer.Option(help="Id of the evidence entry. Default: from the title.")] = None,
    date: Annotated[str | None, typer.Option(help="When the survey ran (YYYY-MM-DD).")] = None,
    touchpoint_column: Annotated[str | None, typer.Option(help="Long shape: the column naming the touchpoint.")] = None,
    score_column: Annotated[str | None, typer.Option(help="Long shape: the column holding the score.")] = None,
    respondent_column: Annotated[str | None, typer.Option(help="Column with a respondent id.")] = None,
    segment_column: Annotated[str | None, typer.Option(help="Column saying which segment answered.")] = None,
    segment: Annotated[
        list[str] | None, typer.Option("--segment", help="VALUE=PERSONA: segment value to persona; repeatable.")
    ] = None,
    columns: Annotated[
        list[str] | None, typer.Option("--map", help="Wide shape: HEADER=TOUCHPOINT for a question column.")
    ] = None,
    emotion: Annotated[bool, typer.Option("--emotion", help="Also set emotions from the mean scores.")] = False,
    survey_min: Annotated[float, typer.Option(help="Lowest score the survey allows.")] = 1,
    survey_max: Annotated[float, typer.Option(help="Highest score the survey allows.")] = 5,
    metric: Annotated[str, typer.Option(help="Metric name for the mean score.")] = "survey_score",
    encoding: EncodingOpt = "utf-8",
    dry_run: DryRunOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Replace per-persona emotions, or an evidence entry.")] = False,
    config_file: ConfigOpt = None,
) -> None:
    """Mean score and number of ratings per touchpoint (per persona with segments) into metrics,
    optionally emotions, with the survey as an evidence entry."""
    from cjmap.commands.imports import import_survey as run
    from cjmap.config import load_config
    from cjmap.importers.survey import SurveyOptions

    options = SurveyOptions(
        journey,
        title,
        evidence_id,
        date,
        touchpoint_column,
        score_column,
        respondent_column,
        segment_column,
        _pairs(segment, "--segment"),
        _pairs(columns, "--map"),
        (survey_min, survey_max),
        metric,
        emotion,
        force,
        encoding,
    )
    _imported(run(file, options, load_config(config_file)), dry_run, force=False)


@import_app.command("mermaid")
@fatal_errors
def import_mermaid(
    file: Annotated[Path, typer.Argument(help="A Mermaid journey diagram, or Markdown with ```mermaid blocks.")],
    journey: Annotated[str | None, typer.Option("--journey", help="Journey id. Default: from the title.")] = None,
    out: OutOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
    config_file: ConfigOpt = None,
) -> None:
    """Sections become stages, tasks touchpoints, actors personas (matched by name), scores 1..5
    emotions. A diagram that cannot be read is reported by its line (exit 1); the others import."""
    from cjmap.commands.imports import import_mermaid as run
    from cjmap.config import load_config

    _imported(run(file, journey, out, force, load_config(config_file)), dry_run, force)


def _export(fmt: str, journey: str, paths: list[Path] | None, output: Path | None, config_file: Path | None) -> None:
    from cjmap.commands.imports import export_sheet
    from cjmap.config import load_config
    from cjmap.output import refuse_inputs, write_atomic_bytes

    config = load_config(config_file, paths)
    data = export_sheet(paths, journey, fmt, config)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if output is None:
        if fmt == "xlsx":
            raise CjmapError("a workbook is binary: pass --output FILE.xlsx")
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else typer.echo(data.decode(), nl=False)
    else:
        refuse_inputs(output, [*config.targets(paths), *config.workspace_paths()])
        write_atomic_bytes(output, data)


ExportJourneyOpt = Annotated[str, typer.Option("--journey", help="Id of the journey to export.")]
ExportOutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]


@export_app.command("csv")
@fatal_errors
def export_csv(
    journey: ExportJourneyOpt, paths: PathsArg = None, output: ExportOutputOpt = None, config_file: ConfigOpt = None
) -> None:
    """The touchpoint inventory as CSV, a column per field (cjmap import csv reads it back)."""
    _export("csv", journey, paths, output, config_file)


@export_app.command("xlsx")
@fatal_errors
def export_xlsx(
    journey: ExportJourneyOpt,
    paths: PathsArg = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .xlsx file to write.")] = Path("journey.xlsx"),
    config_file: ConfigOpt = None,
) -> None:
    """The whole journey as an Excel workbook, with its personas and evidence (cjmap import xlsx reads it back)."""
    _export("xlsx", journey, paths, output, config_file)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def main() -> None:
    """Entry point of the `cjmap` script and `python -m cjmap`."""
    # cjmap uses no pydantic plugins; looking them up through package metadata costs about
    # 10 ms of every run (docs/benchmarks.md). A value the user set wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(app())
