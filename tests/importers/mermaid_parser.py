"""Mermaid's own parser (npm mermaid in jsdom, under Node) as a test fixture.

`make test` fetches mermaid.min.js and jsdom into .cache/; without them the tests that need the
parser fail rather than skip, so CI cannot pass without Mermaid having read cjmap's output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

from tests.conftest import ROOT

CACHE = ROOT / ".cache"
SCRIPT = ROOT / "tests" / "importers" / "mermaid_db.mjs"


class MermaidParser:
    """One Node process; `read(text)` returns what Mermaid read (see mermaid_db.mjs)."""

    def __init__(self) -> None:
        node = shutil.which("node")
        assert node, "no node: Mermaid's parser runs under Node (`apt-get install nodejs`)"
        for needed in (CACHE / "mermaid.min.js", CACHE / "node" / "node_modules" / "jsdom"):
            assert needed.exists(), f"no {needed}: `make test` fetches it from the npm registry"
        self.process = subprocess.Popen(
            [node, str(SCRIPT), str(CACHE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def read(self, text: str) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(text) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, "Mermaid's parser stopped"
        result: dict[str, Any] = json.loads(answer)
        return result

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream:
                stream.close()
        self.process.wait(timeout=30)
