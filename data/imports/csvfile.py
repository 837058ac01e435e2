"""Reading an uploaded CSV safely, as a stream: size (counted on the bytes read, so a pipe cannot bypass it), file
type, encoding, delimiter, blank lines, footnotes, ragged rows, NUL bytes, unclosed quotes and over-long cells.

Memory stays bounded whatever the input: rows are read one at a time, blank lines are counted and dropped, and no
line or cell may be longer than a limit. A problem with the file as a whole raises ImportFailed; a problem with
one row is added to `Table.problems` and reading goes on, so one report names them all.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from data.imports.problems import ImportFailed, Problem, Problems

DEFAULT_MAX_MB = 50
MEGABYTE = 1_000_000  # the limit and its message use the same megabyte
DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * MEGABYTE
MAX_LINE_BYTES = 256 * 1024
MAX_CELL_CHARS = 2_000
PENDING_FOOTNOTES = 100  # one-cell rows held back in case they are the notes under the table
_BINARY_MAGIC = {b"PK\x03\x04": "an Excel workbook (.xlsx) or a zip file",
                 b"\xd0\xcf\x11\xe0": "an old Excel file (.xls)"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS = "In Excel choose Save As → 'CSV UTF-8 (Comma delimited)'."


class _Counted(io.RawIOBase):
    """A binary stream that counts and hashes what is read through it and refuses to read past `limit` bytes."""

    def __init__(self, raw, limit: int, name: str, head: bytes = b""):
        self.raw, self.limit, self.name, self.head = raw, limit, name, head
        self.count = 0
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
        else:
            n = self.raw.readinto(buffer) or 0
        self.count += n
        if self.count > self.limit:
            raise ImportFailed(self.name, [Problem("file_too_large", f"The file is larger than the limit of "
                                                                     f"{self.limit / MEGABYTE:g} MB.",
                                                   value=f"more than {self.limit:,} bytes")])
        self.digest.update(memoryview(buffer)[:n])
        return n


@dataclass
class Table:
    """A CSV file's header and a stream of its data rows with their line numbers. Reading `rows` to the end fills
    in what was skipped, the row problems and the file's SHA-256."""

    file_name: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    header_line: int = 1
    metadata: dict[str, str] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    problems: Problems = field(default_factory=Problems)
    _counted: _Counted | None = None

    @property
    def sha256(self) -> str:
        return self._counted.digest.hexdigest() if self._counted else ""

    @property
    def bytes_read(self) -> int:
        return self._counted.count if self._counted else 0


def _refuse(name: str, code: str, message: str, row: int | None = None, value: str | None = None) -> NoReturn:
    raise ImportFailed(name, [Problem(code, message, row=row, value=value)])


def _check_head(head: bytes, name: str) -> None:
    """Refuse what is plainly not UTF-8 CSV text from its first bytes."""
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            _refuse(name, "not_csv", f"This is {what}, not CSV. Open it in Excel and choose Save As → "
                                     "'CSV UTF-8 (Comma delimited)'.")
    sample = head[:4096]
    if sample.startswith(_UTF16_BOMS) or (len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4):
        _refuse(name, "not_utf8", f"The file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8. {_SAVE_AS}")
    if b"\x00" in sample:
        _refuse(name, "not_csv", "The file contains binary data, not CSV text.")


class _Lines:
    """Decoded lines for the csv reader, with their numbers; blank lines outside quotes are counted, not kept."""

    def __init__(self, stream, name: str, table_problems: Problems, metadata_prefix: str | None):
        self.stream, self.name, self.problems = stream, name, table_problems
        self.prefix = metadata_prefix
        self.metadata: dict[str, str] = {}  # "# key: value" lines before the header: the release's metadata
        self.number = 0          # the last line read
        self.record_start = 0    # the first line of the record being read
        self.between = True      # no record has started since the last one ended
        self.blank = 0
        self.quoted = False      # inside a quoted cell that runs over lines

    def __iter__(self):
        return self

    def __next__(self) -> str:
        while True:
            raw = self.stream.readline(MAX_LINE_BYTES + 1)
            if not raw:
                raise StopIteration
            self.number += 1
            if len(raw) > MAX_LINE_BYTES:
                _refuse(self.name, "line_too_long", f"Line {self.number} is longer than "
                                                    f"{MAX_LINE_BYTES // 1024} KB: this is not a table of values.",
                        row=self.number)
            if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not self.quoted and not raw.strip(b" \t\r\n"):
                self.blank += 1
                continue
            if self.number == self.blank + len(self.metadata) + 1 and self._metadata(raw):
                continue
            if raw.count(b'"') % 2:
                self.quoted = not self.quoted
            if b"\x00" in raw:
                self.problems.append(Problem("nul_byte", "The line contains a NUL byte (binary data).", self.number))
                raw = raw.replace(b"\x00", b"")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                hint = ""
                try:
                    raw.decode("cp1252")
                    hint = " It looks like Windows-1252 (an Excel 'CSV' save)."
                except UnicodeDecodeError:
                    pass
                _refuse(self.name, "not_utf8", f"The file is not UTF-8 text.{hint} {_SAVE_AS}", row=self.number,
                        value=repr(raw[error.start:error.start + 1]))
            if self.between:
                self.record_start, self.between = self.number, False
            return text


    def _metadata(self, raw: bytes) -> bool:
        """Keep a "# key: value" line before the header (Excel may have quoted it and added commas)."""
        if self.prefix is None:
            return False
        text = raw.decode("utf-8", "replace").strip()
        if text.startswith('"' + self.prefix):
            text = ",".join(next(csv.reader([text])))
        if not text.startswith(self.prefix):
            return False
        key, _, value = text[len(self.prefix):].partition(":")
        self.metadata[key.strip().lower()[:40]] = value.strip().rstrip(", ").replace("\x00", "")[:MAX_CELL_CHARS]
        return True


def _records(lines: _Lines, name: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) for each non-blank record; a csv error becomes a problem naming its row."""
    reader = csv.reader(lines, strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                _refuse(name, "cell_too_long", "A cell on this row is longer than the importer allows.",
                        row=lines.record_start)
            if "unexpected end of data" in str(error):
                _refuse(name, "unclosed_quote", "A quote opened on this row is never closed, so every row after it "
                                                "would be read as one cell.", row=lines.record_start)
            _refuse(name, "csv_error", f"This row cannot be read as CSV ({error}).", row=lines.record_start)
        lines.between = True
        if any(c.strip() for c in cells):
            yield lines.record_start, cells
        else:
            lines.blank += 1


def _open(path: Path, name: str):
    try:
        return path.open("rb")
    except FileNotFoundError:
        _refuse(name, "no_file", f"There is no file {str(path)!r}.")
    except IsADirectoryError:
        _refuse(name, "no_file", f"{str(path)!r} is a folder, not a file.")
    except OSError as error:
        _refuse(name, "no_file", f"The file cannot be opened ({error.strerror or type(error).__name__}).")


def read_table(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, metadata_prefix: str | None = "#") -> Table:
    """Open a CSV file and read up to its header, or raise ImportFailed naming what is wrong with the file as a
    whole. The data rows are read as `Table.rows` is iterated."""
    path = Path(path)
    name = path.name or str(path)
    if path.is_dir():
        _refuse(name, "no_file", f"{str(path)!r} is a folder, not a file.")
    handle = _open(path, name)
    try:
        head = handle.read(65_536)
        counted = _Counted(handle, max_bytes, name, head)
        _check_head(head, name)
        if not head.strip(b" \t\r\n\xef\xbb\xbf"):
            _refuse(name, "empty_file", "The file is empty.")
        table_problems = Problems()
        lines = _Lines(io.BufferedReader(counted, 1 << 16), name, table_problems, metadata_prefix)
        records = _records(lines, name)
        header, header_line = _header(records, name)
        metadata = lines.metadata
    except BaseException:
        handle.close()
        raise
    table = Table(name, header, iter(()), header_line, metadata, problems=table_problems, _counted=counted)
    table.rows = _rows(table, records, lines, handle)
    return table


def _header(records, name: str) -> tuple[list[str], int]:
    """The header: the first row that is not blank or release metadata."""
    for line, cells in records:
        header = [c.strip() for c in cells]
        while len(header) > 1 and not header[-1]:
            header.pop()  # Excel's trailing empty columns
        if len(header) == 1:
            for delimiter, word in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
                if delimiter in header[0]:
                    _refuse(name, "wrong_delimiter", f"The columns are separated by {word}, not commas. Save the "
                                                     "file as CSV (comma delimited).", row=line, value=header[0][:60])
        return header, line
    _refuse(name, "empty_file", "The file has no header row.")


def _rows(table: Table, records, lines: _Lines, handle) -> Iterator[tuple[int, list[str]]]:
    """The data rows, stripped; footnotes under the table (trailing rows with text in the first cell only) are
    counted as skipped. Ragged rows, over-long cells and cells that swallow rows become problems."""
    width = len(table.header)
    pending: list[tuple[int, list[str]]] = []
    count = 0
    try:
        for line, cells in records:
            if sum(bool(c.strip()) for c in cells) <= 1 and len(pending) < PENDING_FOOTNOTES:
                pending.append((line, cells))
                continue
            for held in pending + [(line, cells)]:
                row = _checked(table, width, *held)
                if row is not None:
                    count += 1
                    yield row
            pending = []
    finally:
        handle.close()
    table.skipped["footnote under the table"] += len(pending)
    if lines.blank:
        table.skipped["blank line"] += lines.blank
    if not count and not table.problems:
        raise ImportFailed(table.file_name, [Problem("no_rows", "The file has a header but no data rows.",
                                                     row=table.header_line)])


def _checked(table: Table, width: int, line: int, cells: list[str]) -> tuple[int, list[str]] | None:
    while len(cells) > width and not cells[-1].strip():
        cells.pop()  # Excel's trailing empty cells
    if len(cells) != width:
        table.problems.append(Problem("ragged_row", f"This row has {len(cells)} cells but the header has {width}.",
                                      row=line))
        return None
    for name, cell in zip(table.header, cells, strict=True):
        if len(cell) > MAX_CELL_CHARS:
            table.problems.append(Problem("cell_too_long", f"The cell has {len(cell):,} characters; the most a cell "
                                                           f"may have is {MAX_CELL_CHARS:,}.", line, name,
                                          cell[:40] + "…"))
            return None
        if "\n" in cell and any(part.count(",") >= width - 1 for part in cell.splitlines()):
            table.problems.append(Problem("unclosed_quote", "This cell runs over several lines that look like rows "
                                                            "of the table: a quote is probably not closed.", line,
                                          name, cell[:40] + "…"))
            return None
    return line, [c.strip() for c in cells]


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
            problems.append(Problem("unknown_column", f"The column {raw[:60]!r} is not one of: "
                                                      f"{', '.join(required + optional)}.",
                                    row=table.header_line, column=raw[:60]))
        else:
            positions[key] = i
    for key in required:
        if key not in positions:
            problems.append(Problem("missing_column", f"The required column {key!r} is missing.",
                                    row=table.header_line, column=key))
    return positions, problems
