"""One council's rating on one measure as a reader sees it: the stored rating record with its values in words. The
domain, council and overview pages, their CSV downloads and `scorecard ratings` all show ratings through it, so a
rating reads the same on a screen, in a download and on the command line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from analysis.formatting import interval_text, separating_decimals, value_text, with_unit
from analysis.vocabulary import MARKER_WORDS, METHOD_WORDS, NO_DATA, POLARITY_WORDS
from data.catalogue import Measure
from data.read_api import ReadAPI
from data.read_records import RatingRecord
from data.targets import TargetShown, by_council, for_row


@dataclass(frozen=True)
class RatedRow:
    record: RatingRecord          # the rating as stored (or as rated now against the councils a reader chose)
    name: str                     # the council's name
    measure: str                  # the measure's name
    domain: str                   # the measure's domain (slug)
    unit: str
    decimals: int                 # the measure's: every number in a download is rounded to them
    value_text: str               # 45.5%, a category, or what the marker means
    interval_text: str            # 95% CI 41.7–49.3, or ""
    benchmark: str                # the benchmark the reader picked: England
    comparator_text: str          # the comparator value with its unit, or "—"
    method_text: str
    polarity_text: str
    trend_text: str               # the recent trend in words, as the table shows it
    source: str                   # the value's release in words: "ASCOF 2020-21 (NHS Digital), final release 2"
    licence: str                  # the licence that release was published under
    target: TargetShown | None = None  # the council's own target beside its rating (data.targets.for_row)

    @property
    def trend_plain(self) -> str:
        """The recent trend in words without the test's name and statistic (those are in "Why?")."""
        return re.sub(r" \((Cochran–Armitage|weighted least-squares)[^)]*\)", "", self.record.trend_reason)

    @property
    def has_value(self) -> bool:
        return self.record.value is not None

    @property
    def shows_value(self) -> bool:
        """A number or a category (not only a marker, or nothing) is shown."""
        return self.record.value is not None or self.value_text not in (NO_DATA, *MARKER_WORDS.values())


def trend_words(trend: str, verdict: str) -> str:
    """"Increasing, getting better", "No significant change", "Cannot be calculated" or "Not applicable"."""
    if trend in ("cannot be calculated", "not applicable"):
        return trend.capitalize()
    if trend == "no significant change":
        return "No significant change"
    return trend.capitalize() + (f", {verdict}" if verdict else "")


class Credit(NamedTuple):
    words: str                    # "ASCOF 2020-21 (NHS Digital), final release 2"
    licence: str


NO_RELEASE = 0  # the release of a row that stands for a value nobody published


def credit_for(credits: dict[int, Credit], release_id: int) -> Credit:
    """The credit of a release, by id (a release this view does not know is named by its number)."""
    if release_id == NO_RELEASE:
        return Credit("No value published", "")
    return credits.get(release_id) or Credit(f"release {release_id}", "")


def unpublished(m: Measure, area_code: str, period: str, comparator: str, comparator_name: str) -> RatingRecord:
    """A council with no value in a period: listed, saying so (a year only some councils have is shown in full)."""
    why = f"No value was published for this council in {period}."
    return RatingRecord(
        release_id=NO_RELEASE, source_release_id=None, measure_id=m.id, area_code=area_code, period=period,
        comparator=comparator, comparator_name=comparator_name, comparator_basis=None, comparator_value=None,
        value=None, text_value=None, marker=None, lower_ci=None, upper_ci=None, ci_level=None, interval_method=None,
        method=m.rating_method, polarity=m.polarity, rating="Not rated", colour="grey", reason=f"Not rated: {why}",
        change="Cannot be calculated", change_reason=why, trend="cannot be calculated", trend_verdict="",
        trend_reason=why, red_red=False, narrative=None)


def rated_row(r: RatingRecord, m: Measure, name: str, benchmark: str, credits: dict[int, Credit],
              target: TargetShown | None = None) -> RatedRow:
    """A precomputed (or on-demand) rating record as a row a reader sees, credited to the release of its value."""
    # The interval and the benchmark it was compared with, with enough decimals to agree with the rating.
    shown = separating_decimals(r.lower_ci, r.upper_ci, r.comparator_value, m.decimals)
    credit = credit_for(credits, r.value_release_id)
    return RatedRow(
        record=r, name=name, measure=m.name, domain=m.domain, unit=m.unit, decimals=m.decimals,
        value_text=value_text(r.value, r.text_value, r.marker, m.unit, m.decimals),
        interval_text=interval_text(r.lower_ci, r.upper_ci, r.ci_level, shown), benchmark=benchmark,
        comparator_text="—" if r.comparator_value is None else with_unit(r.comparator_value, m.unit, shown),
        method_text=METHOD_WORDS.get(r.method, r.method), polarity_text=POLARITY_WORDS[r.polarity] + ".",
        trend_text=trend_words(r.trend, r.trend_verdict),
        source=credit.words, licence=credit.licence, target=target)


def against_target(r: RatingRecord, t: TargetShown | None, name: str) -> RatingRecord:
    """A council's rating record rated again against its own target for the record's year ("Own targets" as the
    benchmark); Not rated, saying why, where it has none for that year or no value to judge."""
    if t is not None and t.period == r.period and t.colour != "grey":
        return r._replace(comparator="target", comparator_name=f"its own target of {t.aim}", comparator_basis=None,
                          comparator_value=t.value, method="target", rating=t.status, colour=t.colour,
                          reason=t.reason, red_red=False, narrative=None)
    why = t.reason if t is not None and t.period == r.period else f"{name} has published no target for {r.period}."
    return r._replace(comparator="target", comparator_name="its own target", comparator_basis=None,
                      comparator_value=None, method="target", rating="Not rated", colour="grey",
                      reason=f"Not rated: {why}", red_red=False, narrative=None)


def with_targets(rows: Iterable[RatedRow], targets: list[dict], measures: dict[str, Measure]) -> tuple[RatedRow, ...]:
    """The rows with each council's own target beside its rating, where it has published one (`targets`: from
    ReadAPI.targets)."""
    grouped = by_council(targets)
    return tuple(replace(r, target=for_row(found, measures[r.record.measure_id], r.record.period, r.record.value))
                 if (found := grouped.get((r.record.area_code, r.record.measure_id))) else r for r in rows)


# The one CSV dialect of ratings: every page's download and `scorecard ratings` write these columns, in this order.
RATING_CSV_COLUMNS = ("domain", "council_code", "council", "period", "measure_id", "measure", "value_shown", "value",
                      "unit", "lower_ci", "upper_ci", "ci_level", "interval", "interval_method", "benchmark",
                      "comparator", "comparator_basis", "comparator_value", "method", "polarity", "rating", "colour",
                      "reason", "change_since_last_year", "change_reason", "trend", "trend_reason", "red_red",
                      "target", "target_period", "target_status", "target_reason", "source", "licence", "release_id")


def csv_row(row: RatedRow) -> dict:
    """A rated row as a CSV row: the same words as the screen, with the raw numbers beside them."""
    r, t = row.record, row.target

    def rounded(x: float | None) -> float | None:  # never a float artefact such as 9.899999999999999 (METHODS.md)
        return None if x is None else round(x, row.decimals)

    return {"domain": row.domain, "council_code": r.area_code, "council": row.name, "period": r.period,
            "measure_id": r.measure_id, "measure": row.measure, "value_shown": row.value_text,
            "value": rounded(r.value), "unit": row.unit, "lower_ci": rounded(r.lower_ci),
            "upper_ci": rounded(r.upper_ci), "ci_level": r.ci_level,
            "interval": row.interval_text, "interval_method": r.interval_method, "benchmark": row.benchmark,
            "comparator": r.comparator_name, "comparator_basis": r.comparator_basis,
            "comparator_value": rounded(r.comparator_value), "method": r.method, "polarity": row.polarity_text,
            "rating": r.rating, "colour": r.colour, "reason": r.reason, "change_since_last_year": r.change,
            "change_reason": r.change_reason, "trend": row.trend_text, "trend_reason": r.trend_reason,
            "red_red": r.red_red, "target": t.aim if t else None, "target_period": t.period if t else None,
            "target_status": t.status if t else None, "target_reason": t.reason if t else None,
            "source": row.source, "licence": row.licence, "release_id": r.value_release_id}


def credits(api: ReadAPI) -> dict[int, Credit]:
    """Every release in words, with its licence, by id: what a value shown on a page is credited to."""
    return {r["id"]: Credit(f"{r['source']} ({r['publisher']}), {r['status']} release {r['id']}", r["licence"])
            for r in api.releases()}
