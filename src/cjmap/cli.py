"""The command line: parse options, call one core function, report, exit.

Heavy modules (pydantic, the rules, jinja2) are imported inside the commands that need them so
that `cjmap --help` and shell completion stay fast.
"""

from __future__ import annotations

import enum
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cjmap import __version__
from cjmap.errors import EXIT_OK, EXIT_PROBLEMS, CjmapError
from cjmap.reporters import REPORTER_BY_NAME

app = typer.Typer(
    name="cjmap",
    help="Customer journey maps as code: validate, diff and render personas, stages and touchpoints.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
F = TypeVar("F", bound=Callable[..., Any])
ReportFormat = enum.Enum("ReportFormat", {name: name for name in REPORTER_BY_NAME}, type=str)  # type: ignore[misc]


def fatal_errors(command: F) -> F:
    """Print a CjmapError as one line on stderr and exit with its code (2): never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CjmapError as error:
            typer.echo(f"cjmap: error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


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
    config_file: ConfigOpt = None,
) -> None:
    """Check map files: YAML, format, references across files and journey-mapping practice.

    Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage, configuration or I/O error.
    """
    from cjmap.config import load_config
    from cjmap.linter import validate as run_validate
    from cjmap.output import write_report

    config = load_config(config_file, paths)
    result = run_validate(paths, config)
    write_report(result, output_format.value if output_format else _default_format(), output)
    failing = result.count("error") + (result.count("warning") if strict else 0)
    raise typer.Exit(EXIT_PROBLEMS if failing else EXIT_OK)


@app.command()
@fatal_errors
def rules(
    name: Annotated[str | None, typer.Argument(help="Show only this rule (name or code).")] = None,
    config_file: ConfigOpt = None,
) -> None:
    """List every rule with its code, name, severity, and a passing and a failing example."""
    from cjmap.config import load_config
    from cjmap.rules_doc import describe_rules

    typer.echo(describe_rules(load_config(config_file), name), nl=False)


@app.command()
@fatal_errors
def schema(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the schemas to.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas of the file format (one per kind, plus draft-07 copies for editors)."""
    from cjmap.schema import write_schemas

    for path in write_schemas(out):
        typer.echo(f"wrote {path}")


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def main() -> None:
    """Entry point of the `cjmap` script and `python -m cjmap`."""
    sys.exit(app())
