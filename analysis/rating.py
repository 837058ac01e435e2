"""RAG ratings with their reasons: significance against a benchmark, quartile position, targets.

Every function returns a Rating that can answer "why this colour?" in one sentence, naming the
method, comparator, interval and polarity (METHODS.md). Polarity turns Higher/Lower into
Better/Worse; measures with no judgement stay Higher/Similar/Lower in a neutral colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.formatting import number, separating_decimals, with_unit
from analysis.intervals import Interval, byar, contains, wilson
from analysis.vocabulary import NOT_RATED_MARKERS, POLARITY_WORDS, RATING_COLOURS, polarity_sentence

POLARITIES = tuple(POLARITY_WORDS)
MARKER_REASONS = {code: f"Not rated: {why} ({code})." for code, why in NOT_RATED_MARKERS.items()}
MIN_COMPARATORS = 4


@dataclass(frozen=True)
class Rating:
    """A rating word, its colour, and everything needed to explain it."""

    rating: str            # Better / Similar / Worse, Higher / Lower, Best quartile …, Target met …, Not rated
    colour: str            # green / amber / red / neutral / grey
    method: str            # significance / quartile / target / not_rated
    reason: str
    polarity: str = "no_judgement"
    comparator: str | None = None
    comparator_value: float | None = None
    interval: Interval | None = None


def _check_polarity(polarity: str) -> None:
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}; got {polarity!r}")


def not_rated(reason: str, polarity: str = "no_judgement", method: str = "not_rated") -> Rating:
    return Rating("Not rated", "grey", method, reason, polarity)


# (word, colour) for a council that is higher / similar / lower than the benchmark, by polarity.
_JUDGED = {
    "higher_better": {"higher": ("Better", "green"), "similar": ("Similar", "amber"), "lower": ("Worse", "red")},
    "lower_better": {"higher": ("Worse", "red"), "similar": ("Similar", "amber"), "lower": ("Better", "green")},
    "no_judgement": {"higher": ("Higher", "neutral"), "similar": ("Similar", "neutral"), "lower": ("Lower", "neutral")},
}


def significance(value: float, interval: Interval, benchmark: float, polarity: str, *, comparator: str,
                 unit: str = "", decimals: int = 1) -> Rating:
    """Better/Similar/Worse: is the benchmark outside the council's confidence interval, and on which side?

    `interval` is in the same units as `value` (e.g. percentages, not fractions).
    """
    _check_polarity(polarity)
    if value is None or interval is None or benchmark is None:
        raise ValueError("significance needs a value, its interval and a benchmark value")
    if not interval.lower <= interval.upper:
        raise ValueError(f"the interval is upside down: {interval.lower} > {interval.upper}")
    # A benchmark on a bound (to floating-point noise) is inside: not significantly different.
    if contains(interval.lower, interval.upper, benchmark):
        side, lead = "similar", "Not significantly different from"
    elif benchmark < interval.lower:
        side, lead = "higher", "Significantly higher than"
    else:
        side, lead = "lower", "Significantly lower than"
    word, colour = _JUDGED[polarity][side]
    shown = separating_decimals(interval.lower, interval.upper, benchmark, decimals)
    reason = (f"{lead} {comparator} ({with_unit(value, unit, decimals)}, {interval.level:g}% CI "
              f"{number(interval.lower, shown)}–{number(interval.upper, shown)}; {comparator} "
              f"{with_unit(benchmark, unit, shown)}). {polarity_sentence(polarity)}")
    return Rating(word, colour, "significance", reason, polarity, comparator, benchmark, interval)


def quantile(sorted_values: list[float], p: float) -> float:
    """The p-quantile by linear interpolation at position (N−1)p (numpy's default, METHODS.md)."""
    if not sorted_values:
        raise ValueError("a quantile needs at least one value")
    h = (len(sorted_values) - 1) * p
    low = int(h)
    if low + 1 >= len(sorted_values):
        return sorted_values[-1]
    return sorted_values[low] + (h - low) * (sorted_values[low + 1] - sorted_values[low])


def quartile_cut_points(values: list[float]) -> tuple[float, float]:
    """The lower and upper quartiles of at least four values."""
    if len(values) < MIN_COMPARATORS:
        raise ValueError(f"quartiles need at least {MIN_COMPARATORS} values; got {len(values)}")
    ordered = sorted(values)
    return quantile(ordered, 0.25), quantile(ordered, 0.75)


@dataclass(frozen=True)
class GroupSummary:
    """A comparator group's values summarised once: count, quartiles, median and MAD (unscaled)."""

    n: int
    q1: float | None
    q3: float | None
    median: float | None
    mad: float | None


def summarise(values: list[float]) -> GroupSummary:
    if not values:
        return GroupSummary(0, None, None, None, None)
    ordered = sorted(values)
    median = quantile(ordered, 0.5)
    mad = quantile(sorted(abs(x - median) for x in ordered), 0.5)
    q1, q3 = (quantile(ordered, 0.25), quantile(ordered, 0.75)) if len(ordered) >= MIN_COMPARATORS else (None, None)
    return GroupSummary(len(ordered), q1, q3, median, mad)


def quartile(value: float, group: list[float] | GroupSummary, polarity: str, *, comparator: str, unit: str = "",
             decimals: int = 1) -> Rating:
    """Best quartile → Green, middle two → Amber, worst → Red (polarity decides which end is best).

    `group` is the comparator councils' values, or their GroupSummary when rating many councils at once;
    `comparator` names them as a group ("the North West's councils").
    """
    _check_polarity(polarity)
    summary = group if isinstance(group, GroupSummary) else summarise(group)
    if summary.n < MIN_COMPARATORS or summary.q1 is None or summary.q3 is None:
        return not_rated(f"Not rated: quartiles need at least {MIN_COMPARATORS} values, and there are {summary.n} "
                         f"among {comparator}.", polarity, "quartile")
    q1, q3 = summary.q1, summary.q3
    # Ties (METHODS.md): only a value strictly beyond a cut point is in an outer quartile; equal is in the middle.
    side = "higher" if value > q3 else "lower" if value < q1 else "middle"
    if polarity == "no_judgement":
        word = {"higher": "Highest quartile", "lower": "Lowest quartile", "middle": "Middle quartiles"}[side]
        colour = "neutral"
    else:
        best = "higher" if polarity == "higher_better" else "lower"
        if side == "middle":
            word, colour = "Middle quartiles", "amber"
        elif side == best:
            word, colour = "Best quartile", "green"
        else:
            word, colour = "Worst quartile", "red"
    where = {"Middle quartiles": "in the middle two quartiles"}.get(word, f"in the {word.lower()}")
    reason = (f"{with_unit(value, unit, decimals)} is {where} of {comparator} (quartiles "
              f"{with_unit(q1, unit, decimals)} and {with_unit(q3, unit, decimals)} among {summary.n} councils). "
              f"{polarity_sentence(polarity)}")
    return Rating(word, colour, "quartile", reason, polarity, comparator, None)


def target(value: float, goal: float, tolerance: float, polarity: str, *, owner: str, unit: str = "",
           decimals: int = 1, high: float | None = None) -> Rating:
    """Target met → Green, missed by no more than the tolerance → Amber, otherwise Red (METHODS.md, rule 3).

    A single-value target is met at or beyond `goal` in the measure's better direction (so it needs a polarity); a
    range target (`goal` to `high`) is met inside the range, whatever the polarity, and missed by the distance to
    its nearer end.
    """
    _check_polarity(polarity)
    if tolerance < 0:
        raise ValueError(f"a tolerance cannot be negative; got {tolerance}")
    if high is not None and high < goal:
        raise ValueError(f"a range target runs from low to high; got {goal} to {high}")
    if high is None and polarity == "no_judgement":
        raise ValueError("a single-value target needs a direction: the measure's polarity is no_judgement "
                         "(set a range instead)")
    if high is not None:
        gap = min(value - goal, high - value)  # negative outside the range: how far outside
        aim = f"{with_unit(goal, unit, decimals)} to {with_unit(high, unit, decimals)}"
    else:
        gap = value - goal if polarity == "higher_better" else goal - value
        aim = ("at least " if polarity == "higher_better" else "at most ") + with_unit(goal, unit, decimals)
    if gap >= 0:
        word, colour, lead = "Target met", "green", "Target met"
    elif -gap <= tolerance:
        word, colour, lead = "Near target", "amber", f"Within the tolerance of {with_unit(tolerance, unit, decimals)}"
    else:
        word, colour, lead = "Target missed", "red", "Target missed"
    reason = (f"{lead}: {with_unit(value, unit, decimals)} against a target of {aim} set by {owner}. "
              f"{polarity_sentence(polarity)}")
    return Rating(word, colour, "target", reason, polarity, f"target set by {owner}", goal)


def interval_for(*, interval_method: str, value: float | None, numerator: float | None, denominator: float | None,
                 lower: float | None, upper: float | None, level: float | None, multiplier: float) -> Interval | None:
    """The council's interval in display units: computed from counts where the method allows, else as published."""
    if interval_method == "wilson" and numerator is not None and denominator:
        return wilson(numerator, denominator).scaled(multiplier)
    if interval_method == "byar" and numerator is not None and denominator:
        return byar(numerator, denominator, multiplier)
    if lower is not None and upper is not None:
        return Interval(lower, upper, level or 95.0, "published interval")
    return None


def rate(*, rating_method: str, polarity: str, unit: str, decimals: int, multiplier: float, interval_method: str,
         min_denominator: float, value: float | None, numerator: float | None = None,
         denominator: float | None = None, lower: float | None = None, upper: float | None = None,
         level: float | None = None, marker: str | None = None, categorical: bool = False, comparator: str,
         benchmark: float | None = None, group: list[float] | GroupSummary | None = None, goal: tuple | None = None,
         interval: Interval | None = None) -> Rating:
    """Rate one observation by its measure's method, or say plainly why it is not rated.

    Pass `interval` when it is already known (it is computed from the counts otherwise).
    """
    if categorical or rating_method == "not_rated":
        return not_rated("Shown, not rated: a category, not a number.", polarity)
    if marker in MARKER_REASONS:
        return not_rated(MARKER_REASONS[marker], polarity, rating_method)
    if value is None:
        return not_rated("Not rated: no value was published.", polarity, rating_method)
    if denominator is not None and denominator < min_denominator:
        return not_rated(f"Not rated: the denominator ({number(denominator, 0)}) is below this measure's minimum "
                         f"of {min_denominator}.", polarity, rating_method)
    if rating_method == "significance":
        interval = interval or interval_for(interval_method=interval_method, value=value, numerator=numerator,
                                            denominator=denominator, lower=lower, upper=upper, level=level,
                                            multiplier=multiplier)
        if interval is None:
            return not_rated("Not rated: no confidence interval can be calculated for this value.", polarity,
                             rating_method)
        if benchmark is None:
            return not_rated(f"Not rated: no value for {comparator} in this period.", polarity, rating_method)
        return significance(value, interval, benchmark, polarity, comparator=comparator, unit=unit, decimals=decimals)
    if rating_method == "quartile":
        return quartile(value, group or [], polarity, comparator=comparator, unit=unit, decimals=decimals)
    if rating_method == "target":
        if goal is None:
            return not_rated("Not rated: no target has been set for this period.", polarity, rating_method)
        goal_value, tolerance, owner = goal
        return target(value, goal_value, tolerance, polarity, owner=owner, unit=unit, decimals=decimals)
    raise ValueError(f"unknown rating method {rating_method!r}")


def rollup(colours: Iterable[str]) -> dict[str, int]:
    """A summary of ratings (a domain's, a council's, the region's): how many are green, amber, red, neutral
    (no judgement) and grey (not rated), by the ratings' colours. Counts, never an average of colours."""
    counts = dict.fromkeys(RATING_COLOURS, 0)
    for colour in colours:
        if colour not in counts:
            raise ValueError(f"unknown rating colour {colour!r}; one of {tuple(RATING_COLOURS)}")
        counts[colour] += 1
    return counts


def tallies(counts: dict[str, int]) -> tuple[tuple[str, str, int], ...]:
    """A rollup as a tally shows it: (colour, its word, how many), every colour in the table's order."""
    return tuple((c.key, c.word, counts[c.key]) for c in RATING_COLOURS.values())
