"""Reading an uploaded CSV safely: size, file type, encoding, delimiter, blank lines, footnotes, ragged rows."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from data.imports.problems import ImportFailed, Problem

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_BINARY_MAGIC = {b"PK\x03\x04": "an Excel workbook (.xlsx) or a zip file",
                 b"\xd0\xcf\x11\xe0": "an old Excel file (.xls)"}


@dataclass
class Table:
    """A CSV file's header, its data rows with their line numbers, and what was skipped."""

    file_name: str
    sha256: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    header_line: int = 1
    metadata: dict[str, str] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = " It looks like Windows-1252 (an Excel 'CSV' save)."
        except UnicodeDecodeError:
            pass
        raise ImportFailed(name, [Problem(
            "not_utf8", f"The file is not UTF-8 text.{hint} In Excel choose Save As → 'CSV UTF-8 (Comma delimited)'.",
            row=line, value=repr(data[error.start:error.start + 1]))]) from None


def read_table(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, metadata_prefix: str | None = "#") -> Table:
    """Read a CSV file or raise ImportFailed naming what is wrong with the file as a whole."""
    path = Path(path)
    name = path.name
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFailed(name, [Problem("file_too_large", f"The file is {size / 1e6:.1f} MB; the limit is "
                                                            f"{max_bytes / 1e6:.0f} MB.", value=str(size))])
    data = path.read_bytes()
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ImportFailed(name, [Problem("not_csv", f"This is {what}, not CSV. Open it in Excel and choose "
                                                         "Save As → 'CSV UTF-8 (Comma delimited)'.")])
    if b"\x00" in data[:4096]:
        raise ImportFailed(name, [Problem("not_csv", "The file contains binary data, not CSV text.")])
    text = _decode(data, name)
    if not text.strip():
        raise ImportFailed(name, [Problem("empty_file", "The file is empty.")])
    records = list(csv.reader(io.StringIO(text, newline="")))
    metadata: dict[str, str] = {}
    skipped: Counter = Counter()
    position = 0
    # An optional block of "# key: value" lines before the header carries release metadata.
    while position < len(records) and (not any(c.strip() for c in records[position]) or (
            metadata_prefix and records[position] and records[position][0].lstrip().startswith(metadata_prefix))):
        cells = records[position]
        if cells and any(c.strip() for c in cells):
            line = ",".join(cells).lstrip()[len(metadata_prefix):]
            key, _, value = line.partition(":")
            metadata[key.strip().lower()] = value.strip()
        position += 1
    if position >= len(records):
        raise ImportFailed(name, [Problem("empty_file", "The file has no header row.")])
    header_line = position + 1
    header = [c.strip() for c in records[position]]
    if len(header) == 1:
        for delimiter, word in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in header[0]:
                raise ImportFailed(name, [Problem("wrong_delimiter", f"The columns are separated by {word}, not "
                                                                     "commas. Save the file as CSV (comma delimited).",
                                                  row=header_line, value=header[0][:60])])
    body = [(position + 2 + i, cells) for i, cells in enumerate(records[position + 1:])]
    # Footnotes under the table: trailing rows with text in the first cell only.
    while body and sum(bool(c.strip()) for c in body[-1][1]) <= 1:
        if any(c.strip() for c in body[-1][1]):
            skipped["footnote under the table"] += 1
        else:
            skipped["blank line"] += 1
        body.pop()
    rows = []
    problems = []
    for line, cells in body:
        if not any(c.strip() for c in cells):
            skipped["blank line"] += 1
            continue
        if len(cells) != len(header):
            problems.append(Problem("ragged_row", f"This row has {len(cells)} cells but the header has "
                                                  f"{len(header)}.", row=line))
            continue
        rows.append((line, [c.strip() for c in cells]))
    if problems:
        raise ImportFailed(name, problems)
    if not rows:
        raise ImportFailed(name, [Problem("no_rows", "The file has a header but no data rows.", row=header_line)])
    return Table(name, hashlib.sha256(data).hexdigest(), header, rows, header_line, metadata, skipped)


def match_columns(table: Table, required: list[str], optional: list[str], normalise) -> tuple[dict[str, int],
                                                                                               list[Problem]]:
    """Map known column names (in any case or order) to positions; report missing, unknown and repeated ones."""
    positions: dict[str, int] = {}
    problems = []
    for i, raw in enumerate(table.header):
        key = normalise(raw)
        if key in positions:
            problems.append(Problem("duplicate_column", f"The column {raw!r} appears more than once.",
                                    row=table.header_line, column=raw))
        elif key not in required and key not in optional:
            problems.append(Problem("unknown_column", f"The column {raw!r} is not one of: "
                                                      f"{', '.join(required + optional)}.",
                                    row=table.header_line, column=raw))
        else:
            positions[key] = i
    for key in required:
        if key not in positions:
            problems.append(Problem("missing_column", f"The required column {key!r} is missing.",
                                    row=table.header_line, column=key))
    return positions, problems
