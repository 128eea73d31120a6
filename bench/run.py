"""Time `cjmap validate` beside yamllint and check-jsonschema on the same synthetic files.

    python bench/run.py                      # 50, 500 and 5,000 journey files
    python bench/run.py --sizes 50,500 --record docs/benchmarks.md

Every figure is the best wall-clock time of --repeat runs of the real command line, started
as a subprocess, so start-up time counts as it does for a user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 (bench/ is a folder of scripts, not a package)


def best_of(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def workspace(size: int) -> Path:
    folder = HERE / "workspaces" / f"w{size}"
    stamp = folder / ".generator"
    source = (HERE / "generate.py").read_text(encoding="utf-8")
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != source:
        shutil.rmtree(folder, ignore_errors=True)
        generate(size, folder)
        stamp.write_text(source, encoding="utf-8")
    return folder


def tool(name: str) -> str:
    return str(BIN / name)


def size_rows(sizes: list[int], repeat: int) -> list[str]:
    schema = str(ROOT / "schemas" / "journey.schema.json")
    rows = []
    for size in sizes:
        folder = workspace(size)
        journeys = sorted(str(p) for p in (folder / "journeys").glob("*.yaml"))
        megabytes = sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 1e6
        runs = max(1, repeat if size <= 500 else 1)
        cjmap = best_of([tool("cjmap"), "validate", str(folder)], runs)
        yamllint = best_of([tool("yamllint"), "-f", "parsable", str(folder)], runs)
        jsonschema = best_of([tool("check-jsonschema"), "--schemafile", schema, *journeys], runs)
        rows.append(
            f"| {size:,} journeys ({megabytes:.1f} MB) | {cjmap:.2f} s | {yamllint:.2f} s | {jsonschema:.2f} s "
            f"| {yamllint / cjmap:.1f}x | {jsonschema / cjmap:.1f}x |"
        )
        print(rows[-1], flush=True)
    return rows


def render_rows(sizes: list[int], repeat: int) -> list[str]:
    """HTML and DOT renders beside validating the same workspace: rendering must stay linear."""
    rows = []
    for size in sizes:
        folder = workspace(size)
        runs = max(1, repeat if size <= 500 else 1)
        validate = best_of([tool("cjmap"), "validate", str(folder)], runs)
        with tempfile.TemporaryDirectory() as out:
            html = best_of([tool("cjmap"), "render", str(folder), "-q", "-f", "html", "--out", out], runs)
            dot = best_of([tool("cjmap"), "render", str(folder), "-q", "-f", "dot", "--out", out], runs)
        rows.append(
            f"| {size:,} journeys | {validate:.2f} s | {html:.2f} s ({html / validate:.1f}x) "
            f"| {dot:.2f} s ({dot / validate:.1f}x) |"
        )
        print(rows[-1], flush=True)
    return rows


def edited(size: int) -> Path:
    """A copy of the workspace with a few hundred scattered edits: emotions, names, a removed
    pain point, a renamed touchpoint, in every third journey."""
    folder = workspace(size)
    target = HERE / "workspaces" / f"w{size}-edited"
    if (
        not (target / ".generator").is_file()
        or (target / ".generator").read_text() != (folder / ".generator").read_text()
    ):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target)
        for index, path in enumerate(sorted((target / "journeys").glob("*.yaml"))):
            if index % 3 == 0:
                text = path.read_text(encoding="utf-8")
                text = text.replace("emotion: {p", "emotion: {p", 1).replace(": -2,", ": 1,", 1)
                text = text.replace("name: Touchpoint 1.0", "name: Touchpoint one", 1)
                text = text.replace(
                    "          - text: Takes too long to find the delivery cost\n            severity: high\n",
                    "          - text: Delivery cost shown late\n            severity: medium\n",
                    1,
                )
                text = text.replace("id: tp-3-1", "id: tp-3-one", 1)
                path.write_text(text, encoding="utf-8")
    return target


def diff_rows(sizes: list[int], repeat: int) -> list[str]:
    """cjmap diff between a workspace and its edited copy, beside validating one side."""
    rows = []
    for size in sizes:
        folder, changed = workspace(size), edited(size)
        runs = max(1, repeat if size <= 500 else 1)
        validate = best_of([tool("cjmap"), "validate", str(folder)], runs)
        diff = best_of([tool("cjmap"), "diff", str(folder), str(changed)], runs)
        rows.append(f"| {size:,} journeys | {validate:.2f} s | {diff:.2f} s ({diff / validate:.1f}x) |")
        print(rows[-1], flush=True)
    return rows


def startup_rows(repeat: int) -> list[str]:
    one = str(workspace(50) / "journeys" / "journey-00000.yaml")
    help_time = best_of([tool("cjmap"), "--help"], repeat * 3)
    version_time = best_of([tool("yamllint"), "--version"], repeat * 3)
    cjmap_one = best_of([tool("cjmap"), "validate", one], repeat * 3)
    yamllint_one = best_of([tool("yamllint"), one], repeat * 3)
    rows = [
        (
            f"| `cjmap --help` vs `yamllint --version` | {help_time * 1000:.0f} ms | {version_time * 1000:.0f} ms "
            f"| {help_time / version_time:.2f}x (target 1.5x) |"
        ),
        (
            f"| one 143-line journey | {cjmap_one * 1000:.0f} ms | {yamllint_one * 1000:.0f} ms "
            f"| {cjmap_one / yamllint_one:.2f}x (target 2x) |"
        ),
    ]
    for row in rows:
        print(row, flush=True)
    return rows


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text(encoding="utf-8"))
        cpu = match.group(1).strip() if match else cpu
    import os

    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {dt.date.today().isoformat()}"


def record(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
    print(f"recorded in {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", type=Path, help="replace the figures between the bench markers in this file")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    print(machine())
    header = [
        "| workspace | cjmap validate | yamllint | check-jsonschema | vs yamllint | vs check-jsonschema |",
        "|---|---|---|---|---|---|",
    ]
    print("\n".join(header))
    rows = size_rows(sizes, options.repeat)
    render_header = [
        "",
        "| render | cjmap validate | render html (vs validate) | render dot (vs validate) |",
        "|---|---|---|---|",
    ]
    print("\n".join(render_header))
    renders = render_rows([s for s in sizes if s >= 500] or sizes, options.repeat)
    diff_header = [
        "",
        "| diff (edits in every third journey) | cjmap validate | cjmap diff (vs validate) |",
        "|---|---|---|",
    ]
    print("\n".join(diff_header))
    diffs = diff_rows([s for s in sizes if s >= 500] or sizes, options.repeat)
    startup_header = ["", "| start-up | cjmap | yamllint | ratio |", "|---|---|---|---|"]
    print("\n".join(startup_header))
    startup = startup_rows(options.repeat)
    if options.record:
        table = [
            f"Measured on {machine()}.",
            "",
            *header,
            *rows,
            *render_header,
            *renders,
            *diff_header,
            *diffs,
            *startup_header,
            *startup,
        ]
        record(options.record, "\n".join(table))


if __name__ == "__main__":
    main()
