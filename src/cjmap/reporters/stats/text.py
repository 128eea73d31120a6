"""`cjmap stats` in the terminal: rich tables per journey, then the stalest maps."""

from __future__ import annotations

from typing import Any, TextIO


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:+g}" if value else "0"


def _mix(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def report(stats: dict[str, Any], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=140, highlight=False)
    if not stats["journeys"]:
        console.print("No journeys found.")
        return
    for journey in stats["journeys"]:
        table = Table(title=f"{journey['title']} ({journey['id']})", title_justify="left", show_lines=False)
        for column in ("Stage", "Touchpoints", "Mean emotion", "Lowest", "Pain points H/M/L", "Channels", "Critical"):
            table.add_column(column, justify="right" if column in ("Touchpoints", "Mean emotion", "Lowest") else "left")
        rows = [*journey["stages"], {**journey, "name": "All stages"}]
        for index, stage in enumerate(rows):
            pains = stage["pain_points"]
            table.add_row(
                stage["name"],
                str(stage["touchpoints"]),
                _number(stage["mean_emotion"]),
                _number(stage["lowest_emotion"]),
                f"{pains['high']}/{pains['medium']}/{pains['low']}",
                _mix(stage["channels"]),
                ", ".join(stage["critical"]),
                end_section=index == len(rows) - 2,
            )
        console.print(table)
        console.print(f"  scopes: {_mix(journey['scopes'])}")
        drop = journey["largest_drop_off"]
        if drop:
            console.print(f"  largest drop-off: {drop['stage']} ({drop['drop_off']:.0%})")
        gaps = [h for h in journey["handoffs"] if h["emotion_drop"] > 0]
        console.print(f"  hand-offs: {len(journey['handoffs'])}, with an emotion drop: {len(gaps)}")
        for gap in gaps:
            console.print(
                f"    {gap['from']} → {gap['to']}: {'; '.join(gap['changes'])}; emotion falls by {gap['emotion_drop']}"
            )
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
        stale.add_row(entry["id"], entry["reviewed"] or "never", "–" if days is None else str(days))
    console.print(stale)
