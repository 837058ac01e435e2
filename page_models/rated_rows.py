"""One council's rating on one measure, as every table and every CSV shows it: the record the domain, council and
overview pages share, with its values already in words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.formatting import interval_text, separating_decimals, value_text, with_unit
from analysis.vocabulary import MARKER_WORDS, METHOD_WORDS, NO_DATA, POLARITY_WORDS
from data.catalogue import Measure
from data.read_api import RatingRecord, ReadAPI


@dataclass(frozen=True)
class RatedRow:
    code: str
    name: str
    period: str
    measure_id: str
    measure: str
    unit: str
    value: float | None
    value_text: str               # 45.5%, a category, or what the marker means
    lower_ci: float | None
    upper_ci: float | None
    interval_text: str            # 95% CI 41.7–49.3, or ""
    benchmark: str                # the benchmark the reader picked: England
    comparator: str               # the comparator this row was rated against: England, the nearest neighbours' median
    comparator_value: float | None
    comparator_text: str          # the comparator value with its unit, or "—"
    comparator_basis: str | None  # published / pooled / median
    method: str
    method_text: str
    polarity_text: str
    rating: str
    colour: str
    reason: str
    change: str
    change_reason: str
    trend: str
    trend_verdict: str
    trend_text: str               # the recent trend in words, as the table shows it
    trend_reason: str
    red_red: bool
    narrative: str | None
    release_id: int               # the release that brought the value
    source: str                   # that release in words: "ASCOF 2020-21 (NHS Digital), final release 2"

    @property
    def trend_plain(self) -> str:
        """The recent trend in words without the test's name and statistic (those are in "Why?")."""
        return re.sub(r" \((Cochran–Armitage|weighted least-squares)[^)]*\)", "", self.trend_reason)

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def shows_value(self) -> bool:
        """A number or a category (not only a marker, or nothing) is shown."""
        return self.value is not None or self.value_text not in (NO_DATA, *MARKER_WORDS.values())


def trend_words(trend: str, verdict: str) -> str:
    """"Increasing, getting better", "No significant change", "Cannot be calculated" or "Not applicable"."""
    if trend in ("cannot be calculated", "not applicable"):
        return trend.capitalize()
    if trend == "no significant change":
        return "No significant change"
    return trend.capitalize() + (f", {verdict}" if verdict else "")


def rated_row(r: RatingRecord, m: Measure, name: str, benchmark: str, credits: dict[int, str]) -> RatedRow:
    """A precomputed (or on-demand) rating record as a row a reader sees, credited to the release of its value."""
    release_id = r["source_release_id"] or r["release_id"]
    # The interval and the benchmark it was compared with, with enough decimals to agree with the rating.
    shown = separating_decimals(r["lower_ci"], r["upper_ci"], r["comparator_value"], m.decimals)
    comparator_text = "—" if r["comparator_value"] is None else with_unit(r["comparator_value"], m.unit, shown)
    return RatedRow(
        code=r["area_code"], name=name, period=r["period"], measure_id=m.id, measure=m.name, unit=m.unit,
        value=r["value"], value_text=value_text(r["value"], r["text_value"], r["marker"], m.unit, m.decimals),
        lower_ci=r["lower_ci"], upper_ci=r["upper_ci"],
        interval_text=interval_text(r["lower_ci"], r["upper_ci"], r["ci_level"], shown),
        benchmark=benchmark, comparator=r["comparator_name"], comparator_value=r["comparator_value"],
        comparator_text=comparator_text, comparator_basis=r["comparator_basis"], method=r["method"],
        method_text=METHOD_WORDS.get(r["method"], r["method"]), polarity_text=POLARITY_WORDS[r["polarity"]] + ".",
        rating=r["rating"], colour=r["colour"], reason=r["reason"], change=r["change"],
        change_reason=r["change_reason"], trend=r["trend"], trend_verdict=r["trend_verdict"],
        trend_text=trend_words(r["trend"], r["trend_verdict"]), trend_reason=r["trend_reason"],
        red_red=bool(r["red_red"]), narrative=r["narrative"], release_id=release_id,
        source=credits.get(release_id, f"release {release_id}"))


# The columns every CSV of rated rows writes, in order; a page adds its own columns before these.
ROW_COLUMNS = ("council_code", "council", "period", "measure_id", "measure", "value_shown", "value", "unit",
               "lower_ci", "upper_ci", "interval", "benchmark", "comparator", "comparator_value", "method", "rating",
               "reason", "change_since_last_year", "change_reason", "trend", "trend_reason", "red_red", "source",
               "release_id")


def csv_row(row: RatedRow) -> dict:
    """A rated row as a CSV row: the same words as the screen, with the raw numbers beside them."""
    return {"council_code": row.code, "council": row.name, "period": row.period, "measure_id": row.measure_id,
            "measure": row.measure, "value_shown": row.value_text, "value": row.value, "unit": row.unit,
            "lower_ci": row.lower_ci, "upper_ci": row.upper_ci, "interval": row.interval_text,
            "benchmark": row.benchmark, "comparator": row.comparator, "comparator_value": row.comparator_value,
            "method": row.method, "rating": row.rating, "reason": row.reason, "change_since_last_year": row.change,
            "change_reason": row.change_reason,
            "trend": row.trend_text, "trend_reason": row.trend_reason, "red_red": row.red_red,
            "source": row.source, "release_id": row.release_id}


def credits(api: ReadAPI) -> dict[int, str]:
    """Every release in words, by id: what a value shown on a page is credited to."""
    return {r["id"]: f"{r['source']} ({r['publisher']}), {r['status']} release {r['id']}" for r in api.releases()}


def sources_line(named, empty: str = "Source: no values are shown.") -> str:
    """Sources in words, each once, in the order given: "Sources: A; B."."""
    found = list(dict.fromkeys(named))
    return f"Source{'s' if len(found) > 1 else ''}: {'; '.join(found)}." if found else empty


def sources_sentence(rows) -> str:
    """The sources of the rows shown."""
    return sources_line(r.source for r in rows)
