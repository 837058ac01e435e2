"""CSV out: tidy rows with every text cell made safe for spreadsheets (no formula can run from a download)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def write_csv(rows: Iterable[dict], columns: Sequence[str], out) -> int:
    """Write `rows` (dicts) with a header of `columns` to a text stream; return the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
        count += 1
    return count


def to_csv(rows: Iterable[dict], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    write_csv(rows, columns, buffer)
    return buffer.getvalue()
