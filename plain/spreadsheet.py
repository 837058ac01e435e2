"""The release as one accessible spreadsheet, as the Analysis Function's guidance on releasing statistics in
spreadsheets sets out: a cover sheet, a contents sheet and a notes sheet first; then one table per sheet, starting
in its first cell's column with its title and the lines that explain it above it, its header a single row with
the unit in brackets, no merged cells, no blank rows or columns inside the table, no colour that carries meaning.

Two files of the same workbook: XLSX written with ONS's gptables (which applies that guidance), and ODS (the open
format GOV.UK asks for) written here as plain OpenDocument XML, as fast as a CSV. Both hold the tables of
plain/open_data.py, whose CSVs are the same rows."""

from __future__ import annotations

import math
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from plain.open_data import Table

# Only the ratings against the North West are in the workbook (every rating against England and the nearest
# neighbours is in the CSVs and the JSON API): a workbook of all three is 15,000 rows that take minutes to open.
IN_WORKBOOK = ("ratings-north-west", "measures", "releases")
SHEET_NAMES = {"ratings-north-west": "Ratings", "measures": "Measures", "releases": "Releases"}
# A header that says its unit where a column has one; the others are words.
HEADERS = {"value": "value (in the measure's unit)", "lower_ci": "lower_ci (95% confidence limit)",
           "upper_ci": "upper_ci (95% confidence limit)", "ci_level": "ci_level (proportion)",
           "comparator_value": "comparator_value (in the measure's unit)"}
NOTES = (  # (gptables' reference, its text): numbered [note 1] to [note 3] in the order the tables refer to them
    ("ratings", "Ratings compare each council with the benchmark in the same year, by one method per measure and year "
               "(a significance test where intervals can be calculated, else quartile position). The reason column "
               "says which, and why."),
    ("rounding", "Values are rounded to each measure's published decimals. Blank cells mean no value: the reason "
               "or value_shown column says why (suppressed, not collected, or the council did not exist then)."),
    ("revisions", "A revised value never overwrites the old one: releases.csv lists what each release revised or "
               "withdrew. Ratings against England and against each council's nearest neighbours are in the CSV "
               "files and the JSON API published with this workbook."),
)


@dataclass(frozen=True)
class Book:
    title: str
    intro: tuple[str, ...]
    about: tuple[str, ...]
    contact: str
    tables: tuple[Table, ...]


def book(found: list[Table], release: int, release_words: str) -> Book:
    shown = tuple(t for t in found if t.name in IN_WORKBOOK)
    return Book(f"North West adult social care balanced scorecard: release {release}",
                (f"The published account's data for release {release} ({release_words}): every North West council's "
                 "value of every published adult social care measure in every year, rated against the North West, "
                 "with the measures' definitions and the releases the values come from.",),
                ("Source: the releases listed in the Releases sheet, each with its publisher and licence.",
                 "Licence: Open Government Licence v3.0, except where a release says otherwise.",
                 "Notes are on the Notes sheet; [note 1] and the like in a title refer to them."),
                "North West ADASS branch office (the accessibility statement of the published account says how to "
                "ask for another format).", shown)


def frame(t: Table) -> pd.DataFrame:
    """A table as the workbook shows it: the CSV's rows, a symbol that stands alone in a cell written as words (the
    guidance: "%" is "per cent"), blanks for no value."""
    df = pd.DataFrame([[_cell(r.get(c)) for c in t.columns] for r in t.rows], columns=list(t.columns), dtype=object)
    if "unit" in df.columns:
        df["unit"] = df["unit"].replace({"%": "per cent"})
    return df.rename(columns=HEADERS)


def _cell(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def write_xlsx(b: Book, path: Path) -> None:
    import gptables as gpt

    sheets = {SHEET_NAMES[t.name]: gpt.GPTable(
        table=frame(t), table_name=t.name.replace("-", "_"), title=f"{t.title} $$ratings$$",
        subtitles=[t.description + " $$rounding$$", "Revisions and other benchmarks $$revisions$$"],
        instructions="This worksheet contains one table. Some cells are blank: note 2 says why.",
        source="Source: the Releases sheet", scope="North West councils") for t in b.tables}
    notes = pd.DataFrame({"Note reference": [n for n, _ in NOTES], "Note text": [text for _, text in NOTES]})
    with warnings.catch_warnings():  # blank cells: the instructions say why (note 2), as the guidance asks
        warnings.filterwarnings("ignore", message=r"\s*Empty or null cell", category=UserWarning)
        warnings.filterwarnings("ignore", module="gptables")  # its own use of pandas APIs pandas 3 deprecates
        gpt.write_workbook(str(path), sheets=sheets, notes_table=notes, auto_width=True,
                           cover=gpt.Cover(b.title, intro=list(b.intro), about=list(b.about), contact=[b.contact]),
                           contentsheet_options={"title": "Table of contents",
                                                 "instructions": "This worksheet contains one table."})


# ------------------------------------------------------------------ ODS, written as OpenDocument XML
def write_ods(b: Book, path: Path) -> None:
    """The same workbook as ODS: Cover, Contents and Notes, then one table a sheet (header row marked as such)."""
    cover = [[b.title], *([line] for line in b.intro), ["About these data"], *([line] for line in b.about),
             ["Contact"], [b.contact]]
    contents = [["Table of contents"], ["This worksheet contains one table."], ["Sheet name", "Table description"],
                *([SHEET_NAMES[t.name], t.title] for t in b.tables)]
    notes = [["Notes"], ["This worksheet contains one table."], ["Note number", "Note text"],
             *([f"note {i}", text] for i, (_, text) in enumerate(NOTES, 1))]
    sheets = [("Cover", _rows(cover, None)), ("Contents", _rows(contents, 2)), ("Notes", _rows(notes, 2))]
    for t in b.tables:
        df = frame(t)
        above = [[f"{t.title} [note 1]"], [f"{t.description} [note 2]"], ["Revisions and other benchmarks [note 3]"],
                 ["This worksheet contains one table. Some cells are blank: note 2 says why."],
                 ["Source: the Releases sheet"]]
        sheets.append((SHEET_NAMES[t.name], _rows([*above, list(df.columns), *df.itertuples(index=False)],
                                                  len(above))))
    body = "".join(f"<table:table table:name={quoteattr(name)}>{xml}</table:table>" for name, xml in sheets)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content ' + NAMESPACES +
               ' office:version="1.3"><office:automatic-styles/><office:body><office:spreadsheet>'
               f"{body}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/"'
                ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry '
                'manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta ' + NAMESPACES + ' office:version="1.3">'
            f"<office:meta><dc:title>{escape(b.title)}</dc:title><dc:language>en-GB</dc:language></office:meta>"
            "</office:document-meta>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)  # first and uncompressed, as the format requires
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("meta.xml", meta)
        z.writestr("content.xml", content)


NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def _rows(rows, header: int | None) -> str:
    """Rows as table:table-row XML; row `header` (0-based) is the table's header row."""
    out = []
    for i, row in enumerate(rows):
        xml = "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        out.append(f"<table:table-header-rows>{xml}</table:table-header-rows>" if i == header else xml)
    return "".join(out)


def _ods_cell(value) -> str:
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, int | float) and not (isinstance(value, float) and not math.isfinite(value)):
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}"><text:p>{value}</text:p>'
                "</table:table-cell>")
    if value is None or value == "":
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write(found: list[Table], folder: Path, release: int, release_words: str) -> tuple[Path, Path]:
    """The workbook as ODS and XLSX in `folder`."""
    b = book(found, release, release_words)
    ods, xlsx = folder / f"scorecard-release-{release}.ods", folder / f"scorecard-release-{release}.xlsx"
    write_ods(b, ods)
    write_xlsx(b, xlsx)
    return ods, xlsx
