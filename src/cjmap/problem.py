"""The one value type every finding is reported as."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Problem:
    """A finding at a position in a file. Lines and columns count from 1.

    `code` and `severity` are stamped by the linter from the rule and the configuration, so
    rules and the loader create problems with the rule name only.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    code: str = ""
    severity: Severity = "error"
    hint: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def text(self) -> str:
        """The message with its hint, for formats that have a single text field."""
        return f"{self.message} ({self.hint})" if self.hint else self.message


def did_you_mean(word: object, choices: Iterable[object]) -> str:
    """The `suggest` hint in parentheses, to end an error message; empty when nothing is close."""
    hint = suggest(word, choices)
    return f" ({hint})" if hint else ""


def suggest(word: object, choices: Iterable[object]) -> str | None:
    """A "did you mean `x`?" hint for the closest of `choices`, if one is close."""
    import difflib  # only needed when there is a problem to explain

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None
