"""Sheets as tables of text cells, whatever they came from (CSV or a workbook), and how their
headers map onto the format's columns.

Every header is either mapped or listed as ignored, so nothing is dropped without a word.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from cjmap.errors import CjmapError
from cjmap.importers import cells
from cjmap.importers.columns import DYNAMIC, SYNONYMS, Column, normal
from cjmap.wording import plural

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
_PER_VALUE = re.compile(r"^(.+?)\s*:\s*(.+?)\s*$")


@dataclass
class Table:
    """A sheet: its name (for messages), headers, and rows of text cells with their row number."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Binding:
    """What a header holds: a column, and for per-value columns the metric or persona named."""

    column: Column
    key: str | None = None


@dataclass
class Mapping:
    bound: dict[int, Binding] = field(default_factory=dict)  # header index -> binding
    summary: list[str] = field(default_factory=list)

    def keys(self, column: Column) -> list[str]:
        """The metrics or personas that have a column of their own for `column`'s field."""
        return [b.key for b in self.bound.values() if b.column == column and b.key is not None]

    def has(self, column: Column) -> bool:
        """Whether the sheet has `column` itself (not one of its per-value columns)."""
        return any(b.column == column and b.key is None for b in self.bound.values())


def read_csv(text: str, name: str) -> Table:
    """A CSV text as a table: comma, semicolon or tab separated (whichever the header row uses)."""
    first = text.split("\n", 1)[0]
    counts = {d: _outside_quotes(first).count(d) for d in DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(reader.line_num, [cells.restore(c) for c in row]) for row in reader]
    except csv.Error as error:
        raise CjmapError(f"{name}: line {reader.line_num}: {error}") from None
    if not rows:
        raise CjmapError(f"{name}: the file is empty")
    return Table(name, rows[0][1], [(line, row) for line, row in rows[1:] if any(c.strip() for c in row)])


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def write_csv(headers: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; with "\n" a lone CR went unquoted
    writer.writerow([cells.neutralise(h) for h in headers])
    writer.writerows(rows)
    return buffer.getvalue()


def map_headers(table: Table, columns: list[Column], manual: dict[str, str]) -> Mapping:
    """Each header mapped to a column (by header, field name, synonym, `--map` or a per-value
    prefix such as `metric: nps`), or listed as ignored."""
    known = _known(columns)
    mapping, taken = Mapping(), set()
    as_named: list[str] = []
    wanted = {normal(k): v for k, v in manual.items()}
    for index, header in enumerate(table.headers):
        target = wanted.get(normal(header), header)
        binding = _bind(target, known)
        if binding is None and normal(header) in wanted:
            raise CjmapError(
                f"--map {header}={target}: no column `{target}`; columns: {', '.join(c.header for c in columns)}"
            )
        claim = (binding.column.field, binding.column.header, binding.key) if binding else None
        if binding is None or claim in taken:
            why = "a second column for the same field" if binding else "not a field of the format"
            mapping.summary.append(f"{table.name}: column `{header}` ignored ({why}; --map `{header}=FIELD` maps it)")
            continue
        taken.add(claim)
        mapping.bound[index] = binding
        shown = binding.column.header + (f": {binding.key}" if binding.key else "")
        if normal(header) == normal(shown) or (binding.key and normal(header).endswith(normal(binding.key))):
            as_named.append(header)
        else:
            mapping.summary.append(f"{table.name}: column `{header}` -> {shown}")
    if as_named:  # one line for the columns read as they are named, the mapped and ignored ones each their own
        names = ", ".join(f"`{h}`" for h in as_named)
        mapping.summary.insert(0, f"{table.name}: {plural(len(as_named), 'column')} read by their names: {names}")
    return mapping


def _known(columns: list[Column]) -> dict[str, Column]:
    known = {normal(c.field): c for c in columns} | {normal(c.header): c for c in columns}
    for header, synonyms in SYNONYMS.items():
        column = known.get(normal(header))
        if column is not None:
            known.update({normal(s): column for s in synonyms if normal(s) not in known})
    return known


def _bind(header: str, known: dict[str, Column]) -> Binding | None:
    column = known.get(normal(header))
    if column is not None and column.kind not in ("metrics",):
        return Binding(column)
    match = _PER_VALUE.match(header)
    if match:
        prefix = normal(match.group(1))
        for name, singular in DYNAMIC.items():
            for candidate in known.values():
                if (
                    candidate.field == name
                    and normal(candidate.header.replace(name.replace("_", " "), singular)) == prefix
                ):
                    return Binding(candidate, match.group(2))
    return None


def cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


Values = dict[Column, Any]
PerValue = dict[tuple[Column, str], Any]


def values(row: list[str], mapping: Mapping) -> tuple[Values, PerValue, list[str]]:
    """A row's values by column, per-value cells by (column, key), and what is wrong with its cells."""
    found: Values = {}
    per_value: PerValue = {}
    errors = []
    for index, binding in mapping.bound.items():
        column = binding.column
        try:
            if binding.key is None:
                found[column] = column.read(cell(row, index))
            else:
                text = cell(row, index).strip()
                what = f"{column.header}: {binding.key}"
                value = cells.read_number(text, what) if text else None
                if column.field == "emotion" and value is not None:
                    value = cells.read_whole(text, what)
                per_value[(column, binding.key)] = value
        except ValueError as error:
            errors.append(str(error))
    return found, per_value, errors
