"""The programs that read cjmap's outputs, as the tests run them: each output is checked by its
consumer's own validator or renderer, not by our reading of the format (tests/vendor/SOURCES.md).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

VENDOR = Path(__file__).parent / "vendor"
MULTITOOL_HOME = ROOT / ".cache" / "sarif-multitool" / "node_modules" / "@microsoft"


def sarif_schema_errors(document: dict[str, Any]) -> list[str]:
    """Violations of the OASIS SARIF 2.1.0 schema (draft-04, so Draft4Validator)."""
    import jsonschema

    schema = json.loads((VENDOR / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(document)]


def multitool() -> Path:
    """Microsoft's SARIF multitool binary (`make consumer-tools` installs it)."""
    found = sorted(MULTITOOL_HOME.glob("sarif-multitool-*/Sarif.Multitool"))
    assert found, "no SARIF multitool in .cache: run `make consumer-tools` (part of `make test`)"
    return found[0]


def multitool_results(sarif: Path, work: Path) -> list[dict[str, Any]]:
    """What the multitool reports on `sarif` with the SARIF and GitHub (Ghas) rules, GH1001-GH1007
    included. Its exit code is 0 even when it finds problems: the results are in its log."""
    log = work / "multitool.sarif"
    command = [str(multitool()), "validate", str(sarif), "--rule-kind", "Sarif;Ghas"]
    command += ["-c", str(VENDOR / "sarif-multitool-gh-rules.xml"), "-o", str(log)]
    command += ["--log", "ForceOverwrite", "--quiet", "true"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    results: list[dict[str, Any]] = json.loads(log.read_text("utf-8"))["runs"][0].get("results", [])
    return results


@cache
def junit_schema() -> Any:
    import xmlschema

    return xmlschema.XMLSchema10(str(VENDOR / "junit-10.xsd"))


def junit_errors(xml: str) -> list[str]:
    """Why `xml` is not well-formed or not valid against junit-10.xsd (empty when it is)."""
    from xml.etree import ElementTree as ET

    try:
        document = ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as error:
        return [f"not well-formed: {error}"]
    return [error.reason or str(error) for error in junit_schema().iter_errors(document)]


def gfm(markdown: str) -> str:
    """HTML as GitHub renders Markdown: cmark-gfm with its extensions, raw HTML kept (GitHub
    keeps it, then sanitises), tag filter on."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))


_MENTION = re.compile(r"(?<![\w/`@.])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})")


def mentions(rendered: str) -> list[str]:
    """The @names GitHub would link in rendered HTML: in text outside code, pre and links."""
    text = re.sub(r"<(code|pre|a)\b.*?</\1>", " ", rendered, flags=re.S)
    return _MENTION.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)))
