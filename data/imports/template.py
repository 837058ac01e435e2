"""The scorecard's own long CSV template, for every source without an importer of its own."""

from __future__ import annotations

import csv
import io
from typing import Any

from data.catalogue import catalogue
from data.imports.checks import check_area, check_observation, check_period
from data.imports.csvfile import Table, match_columns
from data.imports.problems import Problem, Problems, Summary
from data.imports.values import NUMBER_MESSAGES, looks_like_formula, parse_marker, parse_number, parse_period
from data.periods import is_quarter, year_of

REQUIRED = ["area_code", "period", "measure_id", "value"]
OPTIONAL = ["area_name", "numerator", "denominator", "lower_ci", "upper_ci", "ci_level", "margin_of_error", "marker",
            "note"]
NUMBERS = ["numerator", "denominator", "lower_ci", "upper_ci", "ci_level", "margin_of_error"]
MAX_CATEGORY = 80   # the warehouse's text_value column
MAX_NOTE = 1_000


def column_key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def parse(table: Table, summary: Summary, skip_unknown_measures: bool = False) -> tuple[list[dict], list[Problem]]:
    """Observations from a template file, and every problem found in it. With `skip_unknown_measures`, rows whose
    measure is not in the catalogue are counted as skipped instead of refusing the file."""
    positions, problems = match_columns(table, REQUIRED, OPTIONAL, column_key)
    if problems:
        return [], problems
    problems = Problems()
    cat = catalogue()
    observations: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str | None], int] = {}
    styles: dict[str, str] = {}
    for line, cells in table.rows:
        summary.rows_read += 1
        cell = {key: cells[i] for key, i in positions.items()}
        row_problems = [Problem("formula_like", "The cell starts like a spreadsheet formula (=, +, -, @).", line,
                                key, text) for key, text in cell.items() if key != "note" and looks_like_formula(text)]
        if looks_like_formula(cell.get("note", "")) and cell["note"][0] in "=@":
            row_problems.append(Problem("formula_like", "The note starts like a spreadsheet formula.", line, "note",
                                        cell["note"]))
        period, style, bad = parse_period(cell["period"])
        if bad:
            row_problems.append(Problem(bad, "Write the financial year like 2023-24 (a quarter: 2025-26 Q2).", line,
                                        "period",
                                        cell["period"]))
        elif style not in styles and styles:
            row_problems.append(Problem("mixed_period_format", f"Periods are written both as "
                                                               f"{next(iter(styles.values()))!r} and {cell['period']!r}"
                                                               "; use one style (2023-24).", line, "period",
                                        cell["period"]))
        if style:
            styles.setdefault(style, cell["period"])
        code = cell["area_code"].upper()
        year = year_of(period) if period else None  # a quarter is checked as the year it falls in
        row_problems += check_area(code, year, line, "area_code", cell.get("area_name") or None)
        m = cat.measure(cell["measure_id"])
        if m is not None and period and is_quarter(period) and not m.quarterly:
            row_problems.append(Problem("quarter_not_collected", f"{m.short_name} is collected once a year, not "
                                                                 "quarterly: give the financial year (2025-26).",
                                        line, "period", cell["period"]))
        if m is None and skip_unknown_measures:
            summary.skipped[f"measure not in the catalogue ({cell['measure_id'][:40]})"] += 1
            continue
        if m is None:
            row_problems.append(Problem("unknown_measure", "This measure id is not in the catalogue (see /measures "
                                                           "or `scorecard template`).", line, "measure_id",
                                        cell["measure_id"][:60]))
        if year:
            row_problems += check_period(year, m, line, "period")
        row_problems += _lengths(cell, m, line)
        obs: dict[str, Any] = {"measure_id": cell["measure_id"], "area_code": code, "period": period,
               "note": cell.get("note") or None}
        marker_text = cell.get("marker", "")
        if marker_text:
            obs["marker"] = parse_marker(marker_text)
            if obs["marker"] is None:
                row_problems.append(Problem("unknown_marker", "Markers are GSS symbols: [c] [x] [z] [u] [low] "
                                                              "(or * .. :).", line, "marker", marker_text))
        value_text = cell["value"]
        if value_text and parse_marker(value_text):
            obs["marker"] = obs.get("marker") or parse_marker(value_text)
            value_text = ""
        if value_text and m is not None and m.is_categorical:
            obs["text_value"] = value_text
        elif value_text and not looks_like_formula(value_text):
            obs["value"], bad = parse_number(value_text)
            if bad:
                row_problems.append(Problem(bad, NUMBER_MESSAGES[bad], line, "value", value_text))
        for key in NUMBERS:
            text = cell.get(key, "")
            if text and not looks_like_formula(text):
                obs[key], bad = parse_number(text)
                if bad:
                    row_problems.append(Problem(bad, f"{key}: {NUMBER_MESSAGES[bad]}", line, key, text))
        margin = obs.pop("margin_of_error", None)
        if margin is not None and (obs.get("lower_ci") is not None or obs.get("upper_ci") is not None):
            row_problems.append(Problem("interval_and_margin", "Give the interval or the margin of error, not both.",
                                        line, "margin_of_error", cell["margin_of_error"]))
        elif margin is not None and margin < 0:
            row_problems.append(Problem("negative_value", "A margin of error cannot be negative.", line,
                                        "margin_of_error", cell["margin_of_error"]))
        elif margin is not None and obs.get("value") is not None:  # a survey margin: the interval is value ± margin
            obs.update(lower_ci=round(obs["value"] - margin, 6), upper_ci=round(obs["value"] + margin, 6))
        if obs.get("lower_ci") is not None and obs.get("ci_level") is None:
            obs["ci_level"] = 95.0
        if m is not None and not row_problems:
            row_problems += check_observation(obs, m, line)
        obs_key = (obs["measure_id"], code, period)
        if period and obs_key in seen:
            row_problems.append(Problem("duplicate_key", f"The same area, period and measure are on row "
                                                         f"{seen[obs_key]}.", line, "measure_id", cell["measure_id"]))
        seen.setdefault(obs_key, line)
        problems.extend(row_problems)
        if not row_problems:
            observations.append(obs)
    return observations, problems


def _lengths(cell: dict, m, line: int) -> list[Problem]:
    """A category fits the warehouse (80 characters, one line); a note is at most 1,000 characters."""
    problems = []
    value, note = cell["value"], cell.get("note", "")
    if m is not None and m.is_categorical and (len(value) > MAX_CATEGORY or "\n" in value):
        problems.append(Problem("cell_too_long", f"A category is one line of at most {MAX_CATEGORY} characters.",
                                line, "value", value[:40]))
    if len(note) > MAX_NOTE:
        problems.append(Problem("cell_too_long", f"A note is at most {MAX_NOTE:,} characters; this one has "
                                                 f"{len(note):,}.", line, "note", note[:40]))
    return problems


def example_csv() -> str:
    """An example template: the metadata block, the header and one row for every catalogue measure."""
    out = io.StringIO()
    out.write("# source: Skills for Care, adult social care workforce estimates\n# publisher: Skills for Care\n"
              "# licence: Open Government Licence v3.0\n# status: provisional\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REQUIRED[:3] + ["area_name"] + REQUIRED[3:] + OPTIONAL[1:])
    for m in catalogue().measures:
        period = min("2024-25", m.period_range()[1])  # a measure whose collection stopped: its last year
        writer.writerow(["E08000009", period, m.id, "Trafford", "", "", "", "", "", "", "", "",
                         f"Fill in the value ({m.unit}) or a marker such as [x]; delete rows you do not have"])
    return out.getvalue()
