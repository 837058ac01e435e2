"""NHS England's official ASCOF open-data CSV, in the layout used to 2022-23 and the one from 2023-24.

Long format, one value a row: the Outcome, Numerator, Denominator, Base and Margin Of Error rows of
one area × measure × breakdown are pivoted into one observation. Headline ("Total") rows feed the
scorecard; breakdowns by age or sex, council-type rows and measures outside the catalogue are
counted as skipped in the report, never silently lost.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from data import reference
from data.catalogue import catalogue, codes_for, frameworks
from data.imports.checks import AREAS, check_area, check_observation, check_period
from data.imports.csvfile import Table, match_columns
from data.imports.problems import Problem, Problems, Summary
from data.imports.values import NUMBER_MESSAGES, parse_marker, parse_number, parse_period
from data.periods import current_financial_year, financial_year, is_financial_year, start_year, within

REQUIRED = ["geographical code", "geographical description", "geographical level", "ons code",
            "ascof measure code", "disaggregation level", "measure type", "measure value"]
OPTIONAL = ["measure group", "measure group description"]
LEVELS = {"council": "council", "local authority": "council", "region": "region", "regional": "region",
          "england": "country", "national": "country", "council type": None}
TYPES = {"outcome": "value", "numerator": "numerator", "denominator": "denominator", "base": "base",
         "margin of error": "margin"}


def column_key(name: str) -> str:
    return " ".join(name.strip().lower().replace("_", " ").split())


def periods_in_name(file_name: str) -> list[str]:
    """Every financial year a file name names, in order: `meas-from-asc-of-eng-2021-open-data-csv.csv` → [2020-21];
    `…1819…` → [2018-19]; `…2023-24…` and `…2023_24…` → [2023-24]."""
    found = []
    for match in re.finditer(r"(?<!\d)(20\d{2})[-_](\d{2})(?!\d)", file_name):
        if is_financial_year(f"{match.group(1)}-{match.group(2)}"):
            found.append(f"{match.group(1)}-{match.group(2)}")
    if not found:
        for match in re.finditer(r"(?<!\d)(\d{2})(\d{2})(?!\d)", file_name):
            first, second = int(match.group(1)), int(match.group(2))
            if second == (first + 1) % 100 and 10 <= first <= 60:
                found.append(financial_year(2000 + first))
    return list(dict.fromkeys(found))


def period_from_name(file_name: str) -> str | None:
    """The one financial year a file name names; None when it names none, or more than one."""
    found = periods_in_name(file_name)
    return found[0] if len(found) == 1 else None


def likely_period() -> str:
    """The financial year whose ASCOF data is most likely newly out: NHS England publishes each year's in the
    December after it ends, so the year before the current financial year."""
    today = date.today()
    current = today.year if today.month >= 4 else today.year - 1
    return financial_year(current - 1)


_BY_CASSR = {a.cassr_code: a for a in reference.areas() if a.cassr_code}


def _area(level: str, ons: str, cassr: str, name: str, period: str, line: int):
    """(area code, problems) for one row; (None, []) for rows the scorecard does not keep."""
    kind = LEVELS.get(level.strip().lower())
    if kind is None:
        if level.strip().lower() in LEVELS:
            return None, []  # council-type aggregates: counted as skipped by the caller
        return None, [Problem("unknown_level", "The geographical level must be Council, Region or England (or "
                                               "Local authority, Regional, National).", line,
                              "Geographical Level", level)]
    if kind == "country":
        return reference.ENGLAND, []
    code = ons.strip().upper() or (_BY_CASSR[cassr].code if cassr in _BY_CASSR else "")
    problems = check_area(code, period if kind == "council" else None, line, "ONS Code", name)
    if not problems and kind == "council" and cassr and AREAS[code].cassr_code and AREAS[code].cassr_code != cassr:
        problems.append(Problem("area_name_mismatch", f"The CASSR code {cassr} is not {AREAS[code].name}'s "
                                                      f"({AREAS[code].cassr_code}).", line, "Geographical Code",
                                cassr))
    return code, problems


def checked_period(given: str | None, file_name: str) -> tuple[str | None, Problem | None]:
    """The year an ASCOF file covers: as given (2023-24 or 2023/24), else from its name; a problem if there is none,
    it is not a financial year, or no ASCOF framework and no published year covers it."""
    if given is None or not given.strip():
        named = periods_in_name(file_name)
        if len(named) > 1:
            return None, Problem("ambiguous_period", f"The file name names {' and '.join(named)}: give the year "
                                                     f"the data is for with --period, e.g. --period {named[0]}.",
                                 column="--period", value=file_name[:80])
        if not named:
            return None, Problem("missing_period", "ASCOF files do not say their year, and the file name does not "
                                                   f"either: give it with --period, e.g. --period {likely_period()}.")
        given = named[0]
    period, _style, bad = parse_period(given)
    if bad or period is None:
        return None, Problem("bad_period", "Give the period as a financial year like 2023-24.", column="--period",
                             value=given[:20])
    first, last = frameworks()[0]["first_period"], last_ended_year()
    if not within(period, first, last):
        why = (f"{period} has not ended yet: ASCOF data for a year is published after it ends, so {last} is the "
               "latest" if start_year(period) > start_year(last) else f"ASCOF files cover {first} to {last}; {period} "
               "is outside that")
        return None, Problem("period_out_of_range", why + ".", column="--period", value=period)
    return period, None


def last_ended_year(today: date | None = None) -> str:
    """The latest financial year that has ended: the newest ASCOF data can be for."""
    return financial_year(start_year(current_financial_year(today)) - 1)


def _nothing_used(summary: Summary, framework: str, period: str, unknown: set[str]) -> Problem:
    """Why a file gave no value at all, as the one problem to report (an import that lands nothing is refused)."""
    elsewhere = []
    for f in frameworks():
        overlap = unknown & {str(k) for k in f["codes"]}
        if f["name"] != framework and len(overlap) * 2 > len(unknown):
            elsewhere.append(f"{f['name']} (from {f['first_period']})")
    if unknown and elsewhere:
        why = (f"its measure codes ({', '.join(sorted(unknown)[:5])}…) are not {framework}'s, the framework for "
               f"{period}, but {' and '.join(elsewhere)}'s: is the year right? Give it with --period")
    elif summary.skipped:
        why = "; ".join(f"{n} {reason}" for reason, n in summary.skipped.most_common(3))
        why = f"every row was skipped ({why})"
    else:
        why = "it has no rows under its header"
    return Problem("no_rows_used", f"None of the file's {summary.rows_read} rows gave a value the scorecard keeps: "
                                   f"{why}.")


def parse(table: Table, summary: Summary, period: str | None) -> tuple[list[dict], list[Problem]]:
    """Observations from an official ASCOF file, and every problem found in it."""
    positions, problems = match_columns(table, REQUIRED, OPTIONAL, column_key)
    if problems:
        return [], problems
    problems = Problems()
    period, wrong = checked_period(period, table.file_name)
    if period is None:
        return [], [wrong] if wrong else []
    framework, codes = codes_for(period)
    summary.periods.add(period)
    cat = catalogue()
    groups: dict[tuple[str, str], dict] = {}
    area_cache: dict[tuple, tuple] = {}
    for line, cells in table.rows:
        summary.rows_read += 1
        cell = {key: cells[i] for key, i in positions.items()}
        if cell["disaggregation level"].strip().lower() != "total":
            summary.skipped["breakdowns by age or sex (the scorecard keeps the headline Total)"] += 1
            continue
        area_key = (cell["geographical level"], cell["ons code"], cell["geographical code"],
                    cell["geographical description"])
        if area_key not in area_cache:
            area_cache[area_key] = _area(*area_key, period, line)
            problems.extend(area_cache[area_key][1])
        code, area_problems = area_cache[area_key]
        if code is None and not area_problems:
            summary.skipped["council-type rows (M, U, S, I, O)"] += 1
        if code is None or area_problems:
            continue
        measure_code = (cell.get("measure group") or cell["ascof measure code"]).strip().upper()
        kind = TYPES.get(cell["measure type"].strip().lower())
        if kind is None:
            problems.append(Problem("unknown_measure_type", "The measure type must be Outcome, Numerator, "
                                                            "Denominator, Base or Margin Of Error.", line,
                                    "Measure Type", cell["measure type"]))
            continue
        entry = groups.setdefault((code, measure_code), {"line": line})
        if kind in entry:
            problems.append(Problem("duplicate_key", f"A second {cell['measure type']} row for the same area and "
                                                     f"measure (the first is on row {entry[kind][0]}).", line,
                                    "Measure Type", cell["measure type"]))
        entry[kind] = (line, cell["measure value"])
    observations = []
    for (code, measure_code), entry in groups.items():
        measure_id = codes.get(measure_code)
        m = cat.measure(measure_id) if measure_id else None
        if measure_id is None or m is None:
            summary.skipped[f"{framework} measure {measure_code} is not in the catalogue (one per area)"] += 1
            continue
        obs: dict[str, Any] = {"measure_id": measure_id, "area_code": code, "period": period}
        row_problems: list[Problem] = []
        for kind in ("value", "numerator", "denominator", "margin"):
            if kind not in entry:
                continue
            line, text = entry[kind]
            if not text:
                if kind == "value":
                    obs.update(marker="[x]", note="Blank in the source file")
                continue
            marker = parse_marker(text)
            if marker:
                if kind == "value":
                    obs["marker"] = marker
                continue
            number, bad = parse_number(text)
            if bad:
                row_problems.append(Problem(bad, f"Measure Value must be a number or a marker such as [x]. "
                                                 f"{NUMBER_MESSAGES[bad]}", line, "Measure Value", text))
            else:
                obs[kind] = number
        if "value" not in entry:
            obs.update(marker="[x]", note="No Outcome row in the source file")
        margin = obs.pop("margin", None)
        if margin is not None and obs.get("value") is not None:
            obs.update(lower_ci=round(obs["value"] - margin, 6), upper_ci=round(obs["value"] + margin, 6),
                       ci_level=95.0)
        if not row_problems:
            row_problems = check_period(period, m, entry["line"], "--period") or check_observation(obs, m,
                                                                                                   entry["line"])
        problems.extend(row_problems)
        if not row_problems:
            observations.append(obs)
    if not observations and not problems:
        unknown = {code for _, code in groups if codes.get(code) is None}
        problems.append(_nothing_used(summary, framework, period, unknown))
    return observations, problems


def default_metadata(path: Path) -> dict:
    return {"source": "Measures from the Adult Social Care Outcomes Framework (ASCOF)",
            "publisher": "NHS England (formerly NHS Digital)", "licence": "Open Government Licence v3.0",
            "status": "final"}
