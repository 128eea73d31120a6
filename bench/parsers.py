"""Parse-only timings of the 500-journey workspace: cjmap's composer against faster YAML parsers.

    python bench/parsers.py                 # the parsers installed here
    PYTHONPATH=src other-venv/bin/python bench/parsers.py   # a venv with yaml-rs and rapidyaml

Texts are read first; the garbage collector is paused and results are kept, as `validate` does.
Each figure is the best of --repeat runs. A parser whose data differs from cjmap's on any file is
flagged: a faster parser is only worth having if it reads every file the same (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import workspace  # noqa: E402 (bench/ is a folder of scripts, not a package)


def best(run: Callable[[], Any], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        gc.disable()
        start = time.perf_counter()
        kept = run()
        timings.append(time.perf_counter() - start)
        del kept
        gc.enable()
    return min(timings)


def candidates(texts: list[str]) -> dict[str, Callable[[], Any]]:
    import yaml

    from cjmap.composer import Parser, compose_text

    def events_only() -> list[int]:
        counts = []
        for text in texts:
            parser, n = Parser(text), 0
            while not isinstance(parser.get_event(), yaml.StreamEndEvent):
                n += 1
            counts.append(n)
        return counts

    found: dict[str, Callable[[], Any]] = {
        "cjmap composer (data and node offsets)": lambda: [compose_text(t, "x") for t in texts],
        "libyaml events only, no data": events_only,
        "PyYAML yaml.load(CSafeLoader)": lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts],
    }
    if importlib.util.find_spec("yaml_rs"):
        import yaml_rs

        found["yaml-rs loads(parse_datetime=False)"] = lambda: [yaml_rs.loads(t, parse_datetime=False) for t in texts]
    if importlib.util.find_spec("ryml"):
        import ryml

        found["rapidyaml parse_in_arena, tree only (no Python data)"] = lambda: [
            ryml.parse_in_arena(t.encode()) for t in texts
        ]
    dumped = [json.dumps(compose_text(t, "x").documents[0][0]) for t in texts]
    found["json.loads of the same data (the floor)"] = lambda: [json.loads(d) for d in dumped]
    return found


def same_data(texts: list[str]) -> str:
    """Whether yaml-rs gives cjmap's data on every file (the study found it does on these)."""
    if not importlib.util.find_spec("yaml_rs"):
        return "yaml-rs not installed"
    import yaml_rs

    from cjmap.composer import compose_text

    differ = sum(yaml_rs.loads(t, parse_datetime=False) != compose_text(t, "x").documents[0][0] for t in texts)
    return f"yaml-rs data differs from cjmap's on {differ} of {len(texts)} files"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((workspace(500) / "journeys").glob("*.yaml"))]
    print(f"{len(texts)} journeys, {sum(map(len, texts)) / 1e6:.2f} MB, best of {options.repeat}")
    print("| parser | 500 journeys | per file |\n|---|---|---|")
    for name, run in candidates(texts).items():
        seconds = best(run, options.repeat)
        print(f"| {name} | {seconds * 1000:.0f} ms | {seconds / len(texts) * 1e6:.0f} µs |", flush=True)
    print(same_data(texts))


if __name__ == "__main__":
    main()
