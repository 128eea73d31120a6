"""`cjmap stats` in the terminal: rich tables per journey, then the stalest maps.

Every string from the maps is made `printable`, and rich is told to read no markup or emoji
codes in it: a title like `[/]` or `:bomb:` is shown as written.
"""

from __future__ import annotations

from typing import Any, TextIO

from cjmap.reporters.terminal import printable


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:+g}" if value else "0"


def _mix(counts: dict[str, int]) -> str:
    return ", ".join(f"{printable(name)} {count}" for name, count in counts.items())


def report(stats: dict[str, Any], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=140, highlight=False, markup=False, emoji=False)
    if not stats["journeys"]:
        console.print("No journeys found.")
        return
    for journey in stats["journeys"]:
        title = printable(f"{journey['title']} ({journey['id']})")
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in ("Stage", "Touchpoints", "Mean emotion", "Lowest", "Pain points H/M/L", "Channels", "Critical"):
            table.add_column(column, justify="right" if column in ("Touchpoints", "Mean emotion", "Lowest") else "left")
        rows = [*journey["stages"], {**journey, "name": "All stages"}]
        for index, stage in enumerate(rows):
            pains = stage["pain_points"]
            table.add_row(
                printable(stage["name"]),
                str(stage["touchpoints"]),
                _number(stage["mean_emotion"]),
                _number(stage["lowest_emotion"]),
                f"{pains['high']}/{pains['medium']}/{pains['low']}",
                _mix(stage["channels"]),
                printable(", ".join(stage["critical"])),
                end_section=index == len(rows) - 2,
            )
        console.print(table)
        console.print(f"  scopes: {_mix(journey['scopes'])}")
        drop = journey["largest_drop_off"]
        if drop:
            console.print(f"  largest drop-off: {printable(drop['stage'])} ({drop['drop_off']:.0%})")
        gaps = [h for h in journey["handoffs"] if h["emotion_drop"] > 0]
        console.print(f"  hand-offs: {len(journey['handoffs'])}, with an emotion drop: {len(gaps)}")
        for gap in gaps:
            moves = printable(f"{gap['from']} → {gap['to']}: {'; '.join(gap['changes'])}")
            console.print(f"    {moves}; emotion falls by {gap['emotion_drop']}")
        coverage = journey["evidence_coverage"]
        console.print(f"  evidence behind emotions: {'–' if coverage is None else f'{coverage:.0%}'}")
        console.print(f"  improvements: {_mix(journey['improvements']) or 'none'}")
        if journey.get("metrics"):  # touchpoint metrics, survey means with their number of ratings
            console.print("  touchpoint metrics:")
        for measured in journey.get("metrics", []):
            shown = "; ".join(
                f"{f['metric']} {f['value']:g}" + (f" (n {f['n']})" if f["n"] else "") for f in measured["figures"]
            )
            console.print(f"    {measured['touchpoint']}: {shown}", markup=False)
        console.print()
    stale = Table(title="Stalest maps", title_justify="left")
    for column in ("Journey", "Last review", "Days ago"):
        stale.add_column(column)
    for entry in stats["stalest"]:
        days = entry["days_since_review"]
        stale.add_row(printable(entry["id"]), entry["reviewed"] or "never", "–" if days is None else str(days))
    console.print(stale)
