"""Import problems as values: a stable code, the file, row, column, value and a plain-English message."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

# Stable codes (tests and users rely on them; add, never rename).
CODES = {
    "file_too_large": "The file is larger than the import limit.",
    "not_https": "The address to import from is not https.",
    "redirect_refused": "The address redirected to one that is not https.",
    "too_many_redirects": "The address redirected too many times.",
    "timed_out": "The download took longer than allowed.",
    "download_failed": "The file could not be downloaded.",
    "not_csv": "The file is not CSV text (it looks like an Excel workbook or a zip file).",
    "not_utf8": "The file is not UTF-8 text.",
    "empty_file": "The file is empty.",
    "no_rows": "The file has a header but no data rows.",
    "wrong_delimiter": "The file is not separated by commas.",
    "missing_column": "A required column is missing.",
    "unknown_column": "A column is not one the importer knows.",
    "duplicate_column": "A column appears twice.",
    "ragged_row": "A row has a different number of cells from the header.",
    "unknown_area": "The area code is not known.",
    "area_not_in_period": "The council did not exist for the whole of that period.",
    "area_name_mismatch": "The area name does not match the code.",
    "unknown_measure": "The measure is not in the catalogue.",
    "bad_period": "The period is not a financial year like 2023-24.",
    "mixed_period_format": "Periods are written in more than one way.",
    "not_a_number": "The value is not a number.",
    "percent_sign": "A value has a percent sign.",
    "negative_value": "A value is negative.",
    "percent_over_100": "A percentage is over 100.",
    "numerator_above_denominator": "The numerator is larger than the denominator.",
    "value_disagrees_with_counts": "The value does not match numerator ÷ denominator.",
    "interval_excludes_value": "The confidence interval does not contain the value.",
    "interval_incomplete": "Only one end of the confidence interval is given.",
    "interval_and_margin": "Both a confidence interval and a margin of error are given.",
    "mixed_warehouse": "Illustrative (demo) and published data would be mixed in one warehouse.",
    "bad_ci_level": "The confidence level is not 95 or 99.8.",
    "unknown_marker": "The marker is not a GSS statistical symbol.",
    "value_with_marker": "A value is given together with a marker that stands in for a value.",
    "no_value": "The row has neither a value nor a marker.",
    "duplicate_key": "The same area, period and measure appear more than once.",
    "formula_like": "A cell starts like a spreadsheet formula.",
    "bad_metadata": "The release metadata is missing or invalid.",
    "missing_period": "The file does not say which period it covers.",
    "unknown_level": "The geographical level is not one the importer knows.",
    "unknown_measure_type": "The measure type is not Outcome, Numerator, Denominator, Base or Margin Of Error.",
    "period_out_of_range": "The period is outside the years the measure is published for.",
    "not_plain_number": "A number is not written in plain digits 0-9.",
    "implausible_value": "A value is larger than the measure or its unit allows.",
    "not_whole_number": "A count of people or events is not a whole number.",
    "cell_too_long": "A cell is longer than the importer allows.",
    "line_too_long": "A line is longer than the importer allows.",
    "nul_byte": "A line contains a NUL byte.",
    "unclosed_quote": "A quoted cell is never closed, or runs on over what look like rows.",
    "csv_error": "The CSV cannot be read at this row.",
    "no_file": "The file does not exist, or is not a file.",
    "no_rows_used": "No row of the file gives a value the scorecard keeps (wrong year, period or layout?).",
    "ambiguous_period": "The file name names more than one year, so the year must be given.",
    "below_scale": "A value is below the lowest the measure's scale allows.",
    "zero_denominator": "A value is given with a denominator of 0.",
    "negative_zero": "A value is written as -0.",
    "unknown_category": "A category is not one of the measure's words.",
    "target_refused": "The target cannot be set as written (the message says why).",
    "quarter_not_collected": "The measure is not collected quarterly.",
    "quarter_needs_provisional": "Quarterly returns are provisional: the release's status must say so.",
}
MAX_PROBLEMS = 1_000  # problems kept for a report; the rest are counted


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    row: int | None = None        # 1-based line number in the file (the header is line 1)
    column: str | None = None
    value: str | None = None

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def describe(self, file_name: str) -> str:
        where = file_name + (f", row {self.row}" if self.row else "") + (f", column {self.column}" if self.column
                                                                          else "")
        value = self.value if self.value is None or len(self.value) <= 60 else self.value[:57] + "…"
        shown = f" (found {value!r})" if value not in (None, "") else ""
        return f"{where}: {self.message}{shown} [{self.code}]"


class Problems(list["Problem"]):
    """The problems found so far: every one counted, the first MAX_PROBLEMS kept (memory stays bounded whatever a
    file holds)."""

    def __init__(self, found=()):
        super().__init__()
        self.total = 0
        self.extend(found)

    def append(self, problem: Problem) -> None:
        self.total += 1
        if len(self) < MAX_PROBLEMS:
            super().append(problem)

    def extend(self, found: Iterable[Problem]) -> None:
        for problem in found:
            self.append(problem)


class ImportFailed(Exception):
    """Raised with every problem found; nothing was written."""

    def __init__(self, file_name: str, problems: list[Problem], total: int | None = None):
        self.file_name = file_name
        self.problems = problems[:MAX_PROBLEMS]
        self.total = max(total or 0, getattr(problems, "total", 0), len(problems))  # found, kept or not
        super().__init__(f"{file_name}: {self.total} problem(s); nothing was imported")

    def report(self, limit: int = 50) -> str:
        lines = [f"Nothing was imported from {self.file_name}: {self.total:,} problem(s) found."]
        lines += ["  " + p.describe(self.file_name) for p in self.problems[:limit]]
        if self.total > limit:
            lines.append(f"  … and {self.total - min(limit, len(self.problems)):,} more.")
        return "\n".join(lines)


@dataclass
class Summary:
    """What an import did, for the closing report."""

    file_name: str
    rows_read: int = 0
    rows_accepted: int = 0
    skipped: Counter = field(default_factory=Counter)
    measures: set = field(default_factory=set)
    areas: set = field(default_factory=set)
    periods: set = field(default_factory=set)
    release_id: int | None = None
    outcome: str = ""          # imported / unchanged / already imported
    revised: int = 0

    def report(self) -> str:
        lines = [f"{self.file_name}: {self.outcome}.",
                 f"  rows read: {self.rows_read:,}; observations accepted: {self.rows_accepted:,}"]
        for reason, n in sorted(self.skipped.items()):
            lines.append(f"  skipped {n:,}: {reason}")
        lines.append(f"  measures: {len(self.measures)}; areas: {len(self.areas)}; "
                     f"periods: {', '.join(sorted(self.periods)) or '-'}")
        if self.revised:
            lines.append(f"  values revised: {self.revised:,}")
        if self.release_id:
            lines.append(f"  release: {self.release_id}")
        return "\n".join(lines)
