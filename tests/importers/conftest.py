from __future__ import annotations

from collections.abc import Iterator

import pytest

from .mermaid_parser import MermaidParser


@pytest.fixture(scope="session")
def mermaid_js() -> Iterator[MermaidParser]:
    """Mermaid's own parser, one Node process for the whole run."""
    parser = MermaidParser()
    yield parser
    parser.close()
