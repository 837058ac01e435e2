"""The scorecard's one vocabulary: the benchmarks a reader can pick, and the words for polarity, rating
method, markers and ratings. Every layer (reason sentences, state checks, page models, layouts, CSV, CLI)
reads these tables; none keeps its own copy.

It lives in `analysis/` because the reason sentences written here use these words, and `analysis/` may import
nothing else of ours (docs/adr/0006-import-rules.md).
"""

from __future__ import annotations

from dataclasses import dataclass


# ------------------------------------------------------------------ benchmarks (comparators a reader picks)
@dataclass(frozen=True)
class Benchmark:
    slug: str               # in a URL: ?benchmark=north-west
    comparator: str         # in the warehouse's ratings and on the command line: region
    label: str              # what a reader sees: North West (the pages that offer it: page_models.routes.PAGES)
    precomputed: bool       # rated when a release lands (True), or on demand for the reader's choice (False)


BENCHMARKS = (
    Benchmark("north-west", "region", "North West", True),
    Benchmark("england", "england", "England", True),
    Benchmark("nearest-neighbours", "nearest_neighbours", "Nearest neighbours", True),
    Benchmark("chosen", "chosen", "Councils I choose", False),
    Benchmark("own-target", "target", "Their own targets", False),  # where a council has published one
)
# The comparators stored in the warehouse: `scorecard ratings --comparator` offers exactly these.
STANDING_COMPARATORS = tuple(b.comparator for b in BENCHMARKS if b.precomputed)


def benchmark(slug: str | None) -> Benchmark | None:
    """The benchmark with this URL slug, or None."""
    return next((b for b in BENCHMARKS if b.slug == slug), None)


def known_benchmark(slug: str) -> Benchmark:
    """A benchmark the caller already knows exists (a checked state's)."""
    found = benchmark(slug)
    if found is None:
        raise LookupError(f"{slug!r} is not a benchmark")
    return found


# ------------------------------------------------------------------ polarity and rating method
POLARITY_WORDS = {
    "higher_better": "Higher is better",
    "lower_better": "Lower is better",
    "no_judgement": "No judgement: higher is neither better nor worse",
}
CATEGORY_WORDS = "A category: shown as published, with no better or worse"
METHOD_WORDS = {
    "significance": "Significance against the benchmark (95% confidence interval)",
    "quartile": "Quartile position among the comparator councils",
    "target": "Against a target set for the period",
    "not_rated": "Shown, not rated",
}


def polarity_sentence(polarity: str) -> str:
    """"Higher is better." as it ends a reason sentence."""
    return POLARITY_WORDS[polarity] + "."


# ------------------------------------------------------------------ markers (GSS symbols)
MARKER_WORDS = {
    "[c]": "Suppressed",
    "[x]": "Not available",
    "[z]": "Not applicable",
    "[u]": "Low reliability",
    "[p]": "Provisional",
    "[r]": "Revised",
    "[low]": "Too low to show",
}
# Markers that stand in for the value, so the row cannot be rated, and why, in words.
NOT_RATED_MARKERS = {
    "[c]": "the value was suppressed to protect confidentiality",
    "[x]": "no value is available",
    "[z]": "the measure does not apply here",
}
# Markers that stand in for the value (the row has none); the others qualify a value.
VALUE_REPLACING_MARKERS = ("[c]", "[x]", "[z]", "[low]")
NO_DATA = "No data"


def marker_words(marker: str | None) -> str:
    """What a marker means, or "No data" when there is neither value nor marker."""
    return MARKER_WORDS.get(marker or "", NO_DATA)


# ------------------------------------------------------------------ ratings and their colours
@dataclass(frozen=True)
class RatingColour:
    """One of the five rating colours and everything any layer writes or draws for it: the one colour table."""

    key: str       # as stored with a rating: green
    word: str      # a tally's heading: Green
    counted: str   # in a count of ratings: "3 better"
    icon: str      # shown beside the word, so colour is never the only cue (never a dash: "–2" reads as minus two)
    symbol: str    # the shape of a chart's marker, so shape repeats the word where the colour cannot be seen
    fill: str      # GOV.UK-style palette, darkened so the text colour on it meets WCAG AAA's 7:1 (axe checks)
    text: str
    meaning: str   # what it means, in the overview's key


# In the order tallies, stacked bars and counts show them.
RATING_COLOURS = {c.key: c for c in (
    RatingColour("green", "Green", "better", "✓", "circle", "#005a30", "#ffffff",
                 "Better than the benchmark (significantly), in the best quarter of councils, or a target met."),
    RatingColour("amber", "Amber", "similar", "=", "diamond", "#ffdd00", "#0b0c0c",
                 "Similar to the benchmark (no significant difference), in the middle half of councils, or near a "
                 "target."),
    RatingColour("red", "Red", "worse", "✗", "square", "#a8272f", "#ffffff",
                 "Worse than the benchmark (significantly), in the worst quarter of councils, or a target missed."),
    RatingColour("neutral", "No judgement", "without judgement", "◆", "hexagon", "#8fb8de", "#0b0c0c",
                 "Higher or lower than the benchmark, for a measure where neither is better (spending, for example)."),
    RatingColour("grey", "Not rated", "not rated", "○", "circle-x", "#e5e6e7", "#0b0c0c",
                 "No rating: the value is missing or suppressed, there is no interval to test it with, or there are "
                 "too few councils to compare. \"Why?\" beside each rating says which."),
)}
# Rating words in the order a sentence counts them.
RATING_WORDS = ("Better", "Similar", "Worse", "Best quartile", "Middle quartiles", "Worst quartile", "Higher", "Lower",
                "Highest quartile", "Lowest quartile", "Target met", "Near target", "Target missed", "Not rated")
# Each rating word in a short plain phrase, said where a page first uses it (layouts.components.rating_words); the
# glossary (/about#glossary) says more.
RATING_PHRASES = {
    "Better": "better than the benchmark, by more than chance would explain",
    "Similar": "no clear difference from the benchmark",
    "Worse": "worse than the benchmark, by more than chance would explain",
    "Best quartile": "among the best quarter of councils",
    "Middle quartiles": "in the middle half of councils",
    "Worst quartile": "among the worst quarter of councils",
    "Higher": "higher than the benchmark, which is neither better nor worse for this measure",
    "Lower": "lower than the benchmark, which is neither better nor worse for this measure",
    "Highest quartile": "among the highest quarter of councils (neither better nor worse)",
    "Lowest quartile": "among the lowest quarter of councils (neither better nor worse)",
    "Target met": "the council's own target was met",
    "Near target": "missed the target by no more than the agreed margin",
    "Target missed": "the council's own target was missed",
    "Not rated": "no rating could be made (\"Why?\" says why)",
}
STRENGTHS = ("Better", "Best quartile", "Target met")
WEAKNESSES = ("Worse", "Worst quartile", "Target missed")


# ------------------------------------------------------------------ glossary (/about#glossary)
# Every word the ratings use, in plain English. Pages keep method names and test statistics for "Why?" and /about.
GLOSSARY = (
    ("Benchmark", "What a council is compared with: the North West, England, its nearest neighbours, or councils "
                  "you choose."),
    ("Better, similar, worse", "Better or worse means the difference from the benchmark is too big to be chance "
                               "(outside the 95% confidence interval); similar means it could be chance."),
    ("Confidence interval", "The range the true value is likely to be in (95 times out of 100), given how many "
                            "people were counted or surveyed. Small numbers give wide intervals."),
    ("Best quartile, middle quartiles, worst quartile", "Where a council sits among the councils it is compared "
                                                        "with: the best quarter, the middle half or the worst "
                                                        "quarter. A value exactly on a dividing line counts as "
                                                        "middle."),
    ("No judgement", "For some measures (spending, for example) higher is neither better nor worse: they are shown as "
                     "higher, similar or lower, in blue, never green or red."),
    ("Not rated", "No rating could be made: the value is missing, suppressed to protect people, not applicable, or "
                  "there is no interval or too few councils to compare with. \"Why?\" says which."),
    ("Target met, near target, target missed", "Against a target the council or region set for the year: met, "
                                               "missed by no more than the agreed tolerance, or missed."),
    ("Higher, lower, highest or lowest quartile", "The words for measures with no judgement: where the value sits, "
                                                  "without calling it better or worse."),
    ("Polarity", "Whether a higher value is better, worse, or neither, for a measure."),
    ("Change since last year", "The difference from the year before. For a percentage it is in percentage points: "
                               "45.5% after 60.1% is down 14.6 percentage points."),
    ("Recent trend", "Whether the last five years in a row show a steady rise or fall that is unlikely to be "
                     "chance."),
    ("Worse and getting worse (⚑)", "Significantly worse than the benchmark and significantly getting worse: the "
                                    "first things to look at."),
    ("Nearest neighbours", "A group of councils most like this one (by type and size), used as a fairer "
                           "comparison than the whole country."),
    ("Suppressed [c], not available [x], not applicable [z]", "Symbols publishers use where a value is withheld to "
                                                              "protect people, was not collected, or does not apply."),
    ("Release", "One published file, loaded whole, numbered in the order they were loaded (\"release 6\"). A revised "
                "file is a new release; old values are kept, not shown."),
    ("Score", "A number on a fixed scale, which every chart's axis states: quality of life out of 24, a Care Quality "
              "Commission score from 1 to 4."),
    ("ASCOF", "The Adult Social Care Outcomes Framework: the national measures of how well care and support achieve "
              "the outcomes that matter to people, published each year for every council."),
    ("CQC", "The Care Quality Commission: the regulator that inspects care services and, since 2023, assesses each "
            "council's adult social care."),
    ("Demo data", "Invented values that show how the scorecard works; a banner on every page that shows them says "
                  "so. Never quote them."),
)
