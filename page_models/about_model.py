"""`/about`: every release in the warehouse, with what replaced it; the rest of the page is fixed text."""

from __future__ import annotations

from dataclasses import dataclass

from data.read_api import ReadAPI

# The methods in plain English, as the About page and the published account both say them (METHODS.md in full).
METHOD_SUMMARIES = [
    ("Intervals", "Proportions use Wilson score intervals; rates use Byar's method (exact Poisson below 10 "
                  "events); survey measures use the published margin of error. All at 95%."),
    ("Comparators", "The North West (its published value, computed from its published counts where there are any, "
                    "so a published 87.0% that is 17,201 of 19,761 compares as 87.045%; else pooled from councils' "
                    "counts; else the median of its councils, only when at least two-thirds of them have a value: "
                    "each rating says which and how many), England (the same way), each council's nearest "
                    "neighbours (their median, never counting the council itself, from at least two-thirds of the "
                    "group), or councils you choose (their median). The sentence under a chart uses the same "
                    "number as the rating."),
    ("Ratings", "One method per measure and year, so every council on a chart is judged the same way. Where an "
                "interval can be calculated for at least two-thirds of the councils that year: better, similar or "
                "worse than the comparator, depending on whether the comparator lies outside the interval, and on "
                "which side. Otherwise the council's quartile among the comparator councils (at least four); every "
                "rating names its method. Measures where higher is neither better nor worse are "
                "shown as higher, similar or lower in a neutral colour. Categories are shown, never rated."),
    ("Spread between councils", "With thousands of people counted, almost every council differs "
                                "“significantly” from England, so a colour can reflect a council's size. Each "
                                "significance-rated measure's page has a funnel plot: England's councils against their "
                                "denominators, with 95% and 99.8% limits. Where councils differ more than chance "
                                "explains (φ, the mean of squared z-scores winsorised at the 10th and 90th "
                                "percentiles, above 1 + 2√(2/n)), wider limits allow for the usual variation between "
                                "councils (Spiegelhalter's additive random effects), and a better or worse rating says "
                                "whether the council is outside them. With a dozen measures per council, one or two "
                                "colours will differ by chance."),
    ("Not rated", "Suppressed or unavailable values, denominators below a measure's minimum, fewer than four "
                  "comparators, or no comparator value: the reason is always given."),
    ("Change over time", "Since the previous collection (two years back for the carers' survey): a change counts "
                         "only when the two intervals do not overlap. The recent trend uses the last five years: "
                         "with intervals, Cochran–Armitage for proportions and weighted least squares otherwise, "
                         "significant only at χ² > 9.55 (p < 0.002) and if it survives dropping any one year; without "
                         "intervals (most published series), the Mann–Kendall rule: increasing or decreasing only when "
                         "the value rose, or fell, in each of the last four years. Nothing is compared across a "
                         "change of a measure's definition."),
    ("Worse and getting worse", "Worse than the comparator (significantly, or in the worst quartile) and getting "
                                "worse by the trend rule: listed first for every council."),
    ("Domain summaries", "Counts of green, amber, red and not-rated measures, never an average of colours."),
]


@dataclass(frozen=True)
class ReleaseRow:
    id: int
    source: str
    credit: str          # publisher; licence; publication date; file
    caveats: str
    status: str
    imported_at: str
    rows: str            # values still current, of all the release brought
    replaced_by: str


@dataclass(frozen=True)
class AboutPage:
    illustrative: bool
    releases: tuple[ReleaseRow, ...]


def build(api: ReadAPI) -> AboutPage:
    return AboutPage(api.shows_illustrative(), tuple(
        ReleaseRow(r["id"], r["source"], "; ".join(x for x in (
                       r["publisher"], r["licence"],
                       f"published {r['published_on']:%-d %B %Y}" if r["published_on"] else "",
                       f"file {r['file_name']}") if x), r["note"] or "",
                   r["status"] + (" (illustrative)" if r["illustrative"] else ""), r["imported_at"],
                   f"{r['current_rows']:,} of {r['rows']:,}",
                   _replaced_by(r)) for r in api.releases()))


def _replaced_by(r: dict) -> str:
    if r["withdrawn"]:
        return f"Withdrawn on {r['withdrawn']['on']}: {r['withdrawn']['reason']}"
    return f"release {r['superseded_by']}" if r["superseded_by"] else "—"
