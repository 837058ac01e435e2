"""A quarterly measure's provisional returns on its domain page: the region's councils in each quarter of the newest
year with returns, the newest quarter and the year to date (added up as the catalogue says) each rated among the
councils that returned them, by quartile; every value marked provisional. Once the official annual figure for that
year is published, it supersedes them, and the view says so instead of rating them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from analysis.formatting import value_text
from analysis.rating import MIN_COMPARATORS, Rating, not_rated, quartile
from data.catalogue import Measure
from data.periods import quarter_words, quarter_year, quarters_of
from data.read_api import ReadAPI


@dataclass(frozen=True)
class QuarterRow:
    code: str
    name: str
    cells: tuple[str, ...]        # each quarter's value in words, "(provisional)" said once in the view's note
    latest: Rating                # the newest quarter, among the councils that returned it
    to_date: str                  # the year to date in words, or why there is none
    to_date_rating: Rating


@dataclass(frozen=True)
class QuarterlyView:
    title: str
    year: str                     # the financial year: 2025-26
    quarters: tuple[str, ...]     # the quarters returned so far: 2025-26 Q1, 2025-26 Q2
    headings: tuple[str, ...]     # "Q1 (April to June 2025)"
    rows: tuple[QuarterRow, ...]
    note: str                     # provisional, or superseded by the official annual figure
    superseded: bool
    sources: str
    # each council's quarters (period, value) in every year the official figure has not superseded: the trend's
    series: dict[str, tuple[tuple[str, float | None], ...]] = field(default_factory=dict)


def year_to_date(m: Measure, found: list[dict]) -> float | None:
    """A council's year to date from its quarters so far (every one of them returned), as the catalogue says they
    add up; None when a quarter is missing or has no value."""
    if not found or any(r["value"] is None for r in found):
        return None
    if m.quarterly == "counts":
        if any(r["numerator"] is None or not r["denominator"] for r in found):
            return None
        return sum(r["numerator"] for r in found) / sum(r["denominator"] for r in found) * m.multiplier
    values = [r["value"] for r in found]
    return {"sum": sum(values), "last": values[-1], "mean": statistics.fmean(values)}[m.quarterly or "sum"]


def _rated(m: Measure, value: float | None, group: list[float], what: str) -> Rating:
    if value is None:
        return not_rated("Not rated: no value.", m.polarity, "quartile")
    if len(group) < MIN_COMPARATORS:
        return not_rated(f"Not rated: fewer than {MIN_COMPARATORS} councils returned {what}.", m.polarity,
                         "quartile")
    return quartile(value, group, m.polarity, comparator=f"the North West councils' returns for {what}",
                    unit=m.unit, decimals=m.decimals)


def build(api: ReadAPI, m: Measure) -> QuarterlyView | None:
    """The view for a quarterly measure with returns; None for any other."""
    if not m.quarterly:
        return None
    found = api.quarterly(m.id)
    names = {c["code"]: c["name"] for c in api.region_councils()}
    found = [r for r in found if r["area_code"] in names]
    if not found:
        return None
    year = quarter_year(max(r["period"] for r in found))
    quarters = tuple(q for q in quarters_of(year) if any(r["period"] == q for r in found))
    by = {(r["area_code"], r["period"]): r for r in found}
    latest = quarters[-1]
    latest_group = [r["value"] for r in found if r["period"] == latest and r["value"] is not None]
    to_date = {code: year_to_date(m, [by[(code, q)] for q in quarters if (code, q) in by]
                                  if all((code, q) in by for q in quarters) else [])
               for code in names}
    ytd_group = [v for v in to_date.values() if v is not None]
    official = {o["period"] for obs in api.trend_series(m.id, list(names)).values() for o in obs
                if o["value"] is not None}
    superseded = year in official
    series: dict[str, list[tuple[str, float | None]]] = {}
    for r in found:
        if quarter_year(r["period"]) not in official:
            series.setdefault(r["area_code"], []).append((r["period"], r["value"]))
    rows = []
    for code, name in sorted(names.items(), key=lambda kv: kv[1]):
        cells = tuple(value_text(by[(code, q)]["value"], None, by[(code, q)]["marker"], m.unit, m.decimals)
                      if (code, q) in by else "no return" for q in quarters)
        if all(c == "no return" for c in cells):
            continue
        value = by[(code, latest)]["value"] if (code, latest) in by else None
        ytd = to_date[code]
        rows.append(QuarterRow(code, name, cells, _rated(m, value, latest_group, latest),
                               value_text(ytd, None, None, m.unit, m.decimals) if ytd is not None
                               else "not every quarter returned",
                               _rated(m, ytd, ytd_group, f"{year} to date")))
    sources = sorted({r["source"] for r in found})
    note = (f"The official annual figure for {year} has been published: it supersedes these provisional quarterly "
            f"returns, and the chart and table above show it." if superseded else
            f"Provisional: the North West's quarterly returns ({'; '.join(sources)}), management information, not "
            f"official statistics. Each quarter is rated among the councils that returned it; the year to date adds "
            f"up the quarters so far ({ADD_UP[m.quarterly]}). The official annual figure supersedes them when it is "
            "published.")
    return QuarterlyView(f"{m.short_name}: quarterly returns, {year}", year, quarters,
                         tuple(f"{q[-2:]} ({quarter_words(q)})" for q in quarters), tuple(rows), note, superseded,
                         "; ".join(sources), {code: tuple(points) for code, points in series.items()})


ADD_UP = {"counts": "the quarters' counts added together", "sum": "the quarters' values added together",
          "last": "the newest quarter's value", "mean": "the average of the quarters"}
