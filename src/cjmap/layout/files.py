"""What `cjmap fmt` did to each file."""

from __future__ import annotations

from dataclasses import dataclass, field

from cjmap.errors import EXIT_OK, EXIT_PROBLEMS


@dataclass
class Outcome:
    """What happened to one file: changed (with its diff), unchanged, or refused and why."""

    path: str
    changed: bool = False
    diff: str = ""
    refused: str | None = None


@dataclass
class FmtResult:
    outcomes: list[Outcome] = field(default_factory=list)
    write: bool = True
    check: bool = False

    @property
    def changed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.changed]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.refused]

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.refused or (self.check and self.changed) else EXIT_OK
