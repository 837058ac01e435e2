"""The scorecard's one vocabulary: the benchmarks a reader can pick, and the words for polarity, rating
method, markers and ratings. Every layer (reason sentences, state checks, page models, layouts, CSV, CLI)
reads these tables; none keeps its own copy.

It lives in `analysis/` because the reason sentences written here use these words, and `analysis/` may import
nothing else of ours (docs/adr/0006-import-rules.md).
"""

from __future__ import annotations

from dataclasses import dataclass

# ------------------------------------------------------------------ benchmarks (comparators a reader picks)
PAGES = ("overview", "domain", "council")


@dataclass(frozen=True)
class Benchmark:
    slug: str               # in a URL: ?benchmark=north-west
    comparator: str         # in the warehouse's ratings and on the command line: region
    label: str              # what a reader sees: North West
    pages: tuple[str, ...]  # the pages that offer it
    precomputed: bool       # rated when a release lands (True), or on demand for the reader's choice (False)


BENCHMARKS = (
    Benchmark("north-west", "region", "North West", PAGES, True),
    Benchmark("england", "england", "England", PAGES, True),
    Benchmark("nearest-neighbours", "nearest_neighbours", "Nearest neighbours", PAGES, True),
    Benchmark("chosen", "chosen", "Councils I choose", ("domain",), False),
)
DEFAULT_BENCHMARK = {"overview": "north-west", "domain": "north-west", "council": "england"}
# The comparators stored in the warehouse: `scorecard ratings --comparator` offers exactly these.
STANDING_COMPARATORS = tuple(b.comparator for b in BENCHMARKS if b.precomputed)


def benchmark(slug: str | None) -> Benchmark | None:
    """The benchmark with this URL slug, or None."""
    return next((b for b in BENCHMARKS if b.slug == slug), None)


def benchmarks_for(page: str) -> tuple[Benchmark, ...]:
    """The benchmarks a page offers, in the order its control lists them (its default first)."""
    offered = [b for b in BENCHMARKS if page in b.pages]
    return tuple(sorted(offered, key=lambda b: b.slug != DEFAULT_BENCHMARK[page]))


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
# Each colour's word in a tally (a count of council × measure ratings), in the order tallies are shown.
COLOUR_WORDS = {"green": "Green", "amber": "Amber", "red": "Red", "neutral": "No judgement", "grey": "Not rated"}
# Rating words in the order a sentence counts them.
RATING_WORDS = ("Better", "Similar", "Worse", "Best quartile", "Middle quartiles", "Worst quartile", "Higher", "Lower",
                "Highest quartile", "Lowest quartile", "Target met", "Near target", "Target missed", "Not rated")
STRENGTHS = ("Better", "Best quartile", "Target met")
WEAKNESSES = ("Worse", "Worst quartile", "Target missed")
RED_RED = "worse and getting worse"
