"""Generate a synthetic cjmap workspace: N journey files of about 140 lines, with the personas
and evidence they reference. Every journey carries one warning by default, as real workspaces
do (a touchpoint without emotion, an improvement without owner, or a pain point nobody answers,
in turn); `--clean` leaves them all valid.

    python bench/generate.py 500 bench/workspaces/w500
    python bench/generate.py --clean 500 bench/workspaces/w500-clean
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHANNELS = ("web", "mobile-app", "email", "phone", "chat", "in-store", "support", "social")
SCOPES = ("peripheral", "external", "external", "internal")
PERSONAS = 20
EVIDENCE = 10


WARNINGS = ("missing-emotion", "improvement-without-owner", "pain-without-opportunity")


def touchpoint(j: int, s: int, t: int, warning: str | None = None) -> list[str]:
    emotion = (j + s + t) % 5 - 2
    lines = [
        f"      - id: tp-{s}-{t}",
        f"        name: Touchpoint {s}.{t} of journey {j}",
        f"        channel: {CHANNELS[(j + s + t) % len(CHANNELS)]}",
        f"        scope: {SCOPES[(s + t) % len(SCOPES)]}",
        "        actions: [Looks for the answer, Compares two options]",
        f"        emotion: {{p{j % PERSONAS}: {emotion}, p{(j + 1) % PERSONAS}: {max(emotion - 1, -2)}}}",
        "        pain_points:",
        "          - text: Takes too long to find the delivery cost",
        "            severity: high",
        "        opportunities: [Show the cost up front]",
    ]
    if warning == "missing-emotion" and t == 0:
        lines = [line for line in lines if "emotion:" not in line]
    elif warning == "pain-without-opportunity":
        lines = lines[:-1]
    return lines


def journey(j: int, warnings: bool = True) -> str:
    """Journey number `j`; with `warnings`, one of WARNINGS (in turn) in its third stage."""
    warning = WARNINGS[j % len(WARNINGS)] if warnings else None
    lines = [
        "# yaml-language-server: $schema=../../../../schemas/draft-07/journey.schema.json",
        "kind: journey",
        f"id: journey-{j}",
        f"title: Synthetic journey number {j}",
        f"personas: [p{j % PERSONAS}, p{(j + 1) % PERSONAS}]",
        "owner: cx-team",
        "state: as-is",
        "reviewed: 2026-11-01",
        "objectives:",
        "  - Find where customers drop off",
        f"evidence: [ev{j % EVIDENCE}]",
        "stages:",
    ]
    for s in range(4):
        lines += [
            f"  - id: stage-{s}",
            f"    name: Stage {s}",
            "    goal: Get one step closer to buying",
            "    metrics:",
            f"      conversion: 0.{40 + s}",
            "    touchpoints:",
        ]
        for t in range(2 if s % 2 else 3):
            lines += touchpoint(j, s, t, warning if s == 2 else None)
    lines += [
        "improvements:",
        "  - id: cost-up-front",
        "    title: Show the delivery cost on the product page",
        *([] if warning == "improvement-without-owner" else ["    owner: web-team"]),
        "    status: planned",
        "    due: 2027-03-31",
        "    addresses: [tp-0-0, tp-1-1]",
    ]
    return "\n".join(lines) + "\n"


def persona(i: int) -> str:
    return (
        f"kind: persona\nid: p{i}\nname: Persona {i}\nrole: Customer\ngoals: [Buy quickly]\n"
        f"evidence: [ev{i % EVIDENCE}]\n"
    )


def evidence(i: int) -> str:
    return f"kind: evidence\nid: ev{i}\ntitle: Survey {i}\ntype: survey\nsample_size: {100 + i}\n"


def generate(count: int, out: Path, warnings: bool = True) -> Path:
    for folder in ("journeys", "personas", "evidence"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for j in range(count):
        (out / "journeys" / f"journey-{j:05d}.yaml").write_text(journey(j, warnings), encoding="utf-8")
    for i in range(PERSONAS):
        (out / "personas" / f"p{i}.yaml").write_text(persona(i), encoding="utf-8")
    (out / "evidence" / "research.yaml").write_text(
        "---\n".join(evidence(i) for i in range(EVIDENCE)), encoding="utf-8"
    )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], prog="generate.py")
    parser.add_argument("count", type=int, help="how many journey files")
    parser.add_argument("out", type=Path, help="folder to write the workspace to")
    parser.add_argument("--clean", action="store_true", help="no warnings: every journey valid and clean")
    arguments = parser.parse_args(argv)
    if arguments.count < 1:
        parser.error("count must be at least 1")
    generate(arguments.count, arguments.out, warnings=not arguments.clean)


if __name__ == "__main__":
    main()
