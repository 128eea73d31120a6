"""What `cjmap fmt` did: one line per changed file (or its diff), refusals on stderr, a count.

A diff shows the files' own lines, so each line is made `printable` too: a map line such as
`::warning ...` or one with a bidi override must not act on the CI log or terminal showing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from cjmap.reporters.terminal import printable, printable_lines

if TYPE_CHECKING:
    from cjmap.layout import FmtResult


def report(result: FmtResult, out: TextIO, err: TextIO, *, diff: bool = False) -> None:
    verb = "reformatted" if result.write else "would reformat"
    for outcome in result.outcomes:
        if outcome.refused:
            err.write(f"{printable(outcome.path)}: {printable(outcome.refused)}\n")
        elif outcome.changed:
            out.write(printable_lines(outcome.diff) if diff else f"{verb} {printable(outcome.path)}\n")
    files = f"{len(result.outcomes)} file{'' if len(result.outcomes) == 1 else 's'}"
    total = f"{len(result.changed)} of {files} {'changed' if result.write else 'would change'}"
    if result.refused:
        total += f"; {len(result.refused)} left as {'it is' if len(result.refused) == 1 else 'they are'} (above)"
    (err if diff else out).write(total + "\n")
