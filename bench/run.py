"""Time `cjmap validate` beside yamllint and check-jsonschema on the same synthetic files, and every
figure of docs/benchmarks.md's goal table, side by side in one run.

    python bench/run.py                      # 50, 500 and 5,000 journey files
    python bench/run.py --sizes 50,500 --record docs/benchmarks.md

Every figure is the best wall-clock time of --repeat runs of the real command line, started as a
subprocess, so start-up time counts as it does for a user. Python's bytecode cache is on for the
commands timed (PYTHONDONTWRITEBYTECODE is dropped, and each command runs once untimed first), as
it is on any installed tool. "Cold" is `cjmap validate --no-cache`; "warm" is `cjmap validate`
after a run that filled its cache, nothing changed. Peak memory is the largest resident set of
the command, read with getrusage in a child process of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
WORKSPACES = HERE / "workspaces"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 (bench/ is a folder of scripts, not a package)

ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "CJMAP_CACHE_DIR": str(WORKSPACES / ".cjmap_cache")
}
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def best_of(command: list[str], repeat: int) -> float:
    """The best wall-clock time of `repeat` runs, after one untimed run (bytecode, caches)."""
    subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
        best = min(best, time.perf_counter() - start)
    return best


def peak_mb(command: list[str]) -> float:
    """The command's peak resident memory in MB (Linux reports kilobytes)."""
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, env=ENVIRONMENT)
    return int(done.stdout.strip()) / 1024


def workspace(size: int, clean: bool = False) -> Path:
    """bench/workspaces/w<size> (a warning in each journey), or w<size>-clean: regenerated when
    bench/generate.py changes."""
    folder = WORKSPACES / f"w{size}{'-clean' if clean else ''}"
    stamp = folder / ".generator"
    source = (HERE / "generate.py").read_text(encoding="utf-8")
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != source:
        shutil.rmtree(folder, ignore_errors=True)
        generate(size, folder, warnings=not clean)
        stamp.write_text(source, encoding="utf-8")
    return folder


def empty_documents() -> Path:
    path = WORKSPACES / "empty-documents.yaml"
    WORKSPACES.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" * 8000, encoding="utf-8")
    return path


def tool(name: str) -> str:
    return str(BIN / name)


def cjmap(*args: str) -> list[str]:
    return [tool("cjmap"), *args]


def validate_times(folder: Path | str, runs: int) -> tuple[float, float]:
    """Cold (`--no-cache`) and warm (`cjmap validate` with its cache filled) times."""
    cold = best_of(cjmap("validate", "--no-cache", str(folder)), runs)
    warm = best_of(cjmap("validate", str(folder)), runs)  # the untimed first run fills the cache
    return cold, warm


def size_rows(sizes: list[int], repeat: int) -> list[str]:
    schema = str(ROOT / "schemas" / "journey.schema.json")
    rows = []
    for size in sizes:
        folder = workspace(size)
        journeys = sorted(str(p) for p in (folder / "journeys").glob("*.yaml"))
        megabytes = sum(p.stat().st_size for p in folder.rglob("*.yaml")) / 1e6
        runs = max(1, repeat if size <= 500 else 1)
        cold, warm = validate_times(folder, runs)
        yamllint = best_of([tool("yamllint"), "-f", "parsable", str(folder)], runs)
        jsonschema = best_of([tool("check-jsonschema"), "--schemafile", schema, *journeys], runs)
        rows.append(
            f"| {size:,} journeys ({megabytes:.1f} MB) | {cold:.2f} s | {warm:.2f} s | {yamllint:.2f} s "
            f"| {jsonschema:.2f} s | {yamllint / cold:.1f}x | {jsonschema / cold:.1f}x | {jsonschema / warm:.1f}x |"
        )
        print(rows[-1], flush=True)
    return rows


def goal_rows(repeat: int, big: int) -> list[str]:
    """The goal table of issue 15, measured now: 500 journeys with a warning each, 5,000 for memory."""
    folder, schema = workspace(500), str(ROOT / "schemas" / "journey.schema.json")
    journeys = sorted(str(p) for p in (folder / "journeys").glob("*.yaml"))
    cold, warm = validate_times(folder, repeat)
    yamllint = best_of([tool("yamllint"), "-f", "parsable", str(folder)], repeat)
    jsonschema = best_of([tool("check-jsonschema"), "--schemafile", schema, *journeys], repeat)
    large = workspace(big)
    large_time = best_of(cjmap("validate", "--no-cache", str(large)), 1)
    large_peak = peak_mb(cjmap("validate", "--no-cache", str(large)))
    small_peak = peak_mb(cjmap("validate", "--no-cache", str(folder)))
    one = str(folder / "journeys" / "journey-00000.yaml")
    one_cold, one_warm = validate_times(one, repeat * 3)
    one_yamllint = best_of([tool("yamllint"), one], repeat * 3)
    with tempfile.TemporaryDirectory() as out:
        html = best_of(cjmap("render", str(folder), "-q", "-f", "html", "--out", out), repeat)
    diff = best_of(cjmap("diff", str(folder), str(edited(500))), repeat)
    empty = best_of(cjmap("validate", "--no-cache", str(empty_documents())), repeat)
    rows = [
        (
            f"| 500 journeys with a warning each, cold, vs yamllint | {cold:.2f} s vs {yamllint:.2f} s "
            f"| {yamllint / cold:.1f}x | >= 25x |"
        ),
        (
            f"| same, vs check-jsonschema with cjmap's schema | {cold:.2f} s vs {jsonschema:.2f} s "
            f"| {jsonschema / cold:.1f}x | >= 8x |"
        ),
        (
            f"| same, warm cache (nothing changed), vs check-jsonschema | {warm:.2f} s vs {jsonschema:.2f} s "
            f"| {jsonschema / warm:.1f}x | >= 25x |"
        ),
        (
            f"| {big:,} journeys, cold, peak memory | {large_time:.2f} s, {large_peak:.0f} MB "
            f"(500 journeys: {small_peak:.0f} MB) | {large_peak / small_peak:.2f}x the memory for 10x the files "
            "| <= 300 MB, linear in files |"
        ),
        (
            f"| one 143-line journey vs yamllint | {one_cold * 1000:.0f} ms cold, {one_warm * 1000:.0f} ms warm "
            f"vs {one_yamllint * 1000:.0f} ms | {one_cold / one_yamllint:.2f}x, {one_warm / one_yamllint:.2f}x slower "
            "| <= 2x slower |"
        ),
        (
            f"| `cjmap diff`, `cjmap render --format html` on 500 journeys | {diff:.2f} s, {html:.2f} s "
            f"| {diff / cold:.1f}x, {html / cold:.1f}x validate (cold) | <= 1.5x validate |"
        ),
        f"| file of 8,000 empty documents | {empty:.2f} s | | < 1 s |",
    ]
    for row in rows:
        print(row, flush=True)
    return rows


def render_rows(sizes: list[int], repeat: int) -> list[str]:
    """HTML and DOT renders beside validating the same workspace: rendering must stay linear."""
    rows = []
    for size in sizes:
        folder = workspace(size)
        runs = max(1, repeat if size <= 500 else 1)
        validate = best_of(cjmap("validate", "--no-cache", str(folder)), runs)
        with tempfile.TemporaryDirectory() as out:
            html = best_of(cjmap("render", str(folder), "-q", "-f", "html", "--out", out), runs)
            dot = best_of(cjmap("render", str(folder), "-q", "-f", "dot", "--out", out), runs)
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
    target = WORKSPACES / f"w{size}-edited"
    if (
        not (target / ".generator").is_file()
        or (target / ".generator").read_text() != (folder / ".generator").read_text()
    ):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(folder, target)
        for index, path in enumerate(sorted((target / "journeys").glob("*.yaml"))):
            if index % 3 == 0:
                text = path.read_text(encoding="utf-8")
                text = text.replace(": -2,", ": 1,", 1)
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
        validate = best_of(cjmap("validate", "--no-cache", str(folder)), runs)
        diff = best_of(cjmap("diff", str(folder), str(changed)), runs)
        rows.append(f"| {size:,} journeys | {validate:.2f} s | {diff:.2f} s ({diff / validate:.1f}x) |")
        print(rows[-1], flush=True)
    return rows


def startup_rows(repeat: int) -> list[str]:
    help_time = best_of(cjmap("--help"), repeat * 3)
    version_time = best_of([tool("yamllint"), "--version"], repeat * 3)
    row = (
        f"| `cjmap --help` vs `yamllint --version` | {help_time * 1000:.0f} ms | {version_time * 1000:.0f} ms "
        f"| {help_time / version_time:.2f}x (target 1.5x) |"
    )
    print(row, flush=True)
    return [row]


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text(encoding="utf-8"))
        cpu = match.group(1).strip() if match else cpu
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {dt.date.today().isoformat()}"


def record(path: Path, table: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")
    print(f"recorded in {path}")


def section(title: list[str], rows: list[str]) -> list[str]:
    return ["", *title, *rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", type=Path, help="replace the figures between the bench markers in this file")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    bigger = [s for s in sizes if s >= 500] or sizes
    print(machine())
    tables = []
    for title, rows in (
        (
            ["| goal (issue 15) | measured | ratio | goal |", "|---|---|---|---|"],
            lambda: goal_rows(options.repeat, max(sizes)),
        ),
        (
            [
                (
                    "| workspace (a warning in each journey) | cjmap cold | cjmap warm | yamllint | check-jsonschema "
                    "| yamllint / cold | check-jsonschema / cold | check-jsonschema / warm |"
                ),
                "|---|---|---|---|---|---|---|---|",
            ],
            lambda: size_rows(sizes, options.repeat),
        ),
        (
            [
                "| render | cjmap validate (cold) | render html (vs validate) | render dot (vs validate) |",
                "|---|---|---|---|",
            ],
            lambda: render_rows(bigger, options.repeat),
        ),
        (
            [
                "| diff (edits in every third journey) | cjmap validate (cold) | cjmap diff (vs validate) |",
                "|---|---|---|",
            ],
            lambda: diff_rows(bigger, options.repeat),
        ),
        (["| start-up | cjmap | yamllint | ratio |", "|---|---|---|---|"], lambda: startup_rows(options.repeat)),
    ):
        print("\n" + "\n".join(title), flush=True)
        tables += section(title, rows())
    if options.record:
        record(options.record, "\n".join([f"Measured on {machine()}.", *tables]))


if __name__ == "__main__":
    main()
