"""Ratings: significance, quartiles, targets and not-rated reasons; polarity; roll-ups."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.formatting import separating_decimals
from analysis.intervals import Interval, wilson
from analysis.rating import POLARITIES, quantile, quartile, quartile_cut_points, rate, rollup, significance, target

PCT = dict(unit="%", decimals=1)


def test_trafford_short_term_outcomes_worked_example():
    """297 of 653 = 45.5% is significantly worse than England's 74.9%; its interval is 41.7–49.3%."""
    r = significance(45.5, wilson(297, 653).scaled(100), 74.9, "higher_better", comparator="England", **PCT)
    assert (r.rating, r.colour, r.method) == ("Worse", "red", "significance")
    assert r.reason == "Significantly lower than England (45.5%, 95% CI 41.7–49.3; England 74.9%). Higher is better."


@pytest.mark.parametrize("benchmark, higher_better, lower_better, no_judgement", [
    (40.0, ("Better", "green"), ("Worse", "red"), ("Higher", "neutral")),
    (45.0, ("Similar", "amber"), ("Similar", "amber"), ("Similar", "neutral")),
    (60.0, ("Worse", "red"), ("Better", "green"), ("Lower", "neutral")),
])
def test_polarity_flips_better_and_worse_and_never_judges_no_judgement(benchmark, higher_better, lower_better,
                                                                         no_judgement):
    interval = Interval(41.7, 49.3, 95.0, "Wilson score")
    for polarity, expected in (("higher_better", higher_better), ("lower_better", lower_better),
                               ("no_judgement", no_judgement)):
        r = significance(45.5, interval, benchmark, polarity, comparator="England", **PCT)
        assert (r.rating, r.colour) == expected


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100))
def test_no_judgement_is_never_red_or_green(value, benchmark, half_width):
    r = significance(value, Interval(value - half_width, value + half_width, 95, "x"), benchmark, "no_judgement",
                     comparator="England")
    assert r.colour == "neutral" and r.rating in ("Higher", "Similar", "Lower")


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0.01, 30))
def test_flipping_polarity_swaps_better_and_worse(value, benchmark, half_width):
    interval = Interval(value - half_width, value + half_width, 95, "x")
    up = significance(value, interval, benchmark, "higher_better", comparator="E").rating
    down = significance(value, interval, benchmark, "lower_better", comparator="E").rating
    assert {"Better": "Worse", "Worse": "Better", "Similar": "Similar"}[up] == down


def test_quartile_cut_points_follow_numpy_linear_interpolation():
    assert quartile_cut_points([1, 2, 3, 4]) == (1.75, 3.25)
    assert quartile_cut_points([10, 1, 7, 3, 5]) == (3, 7)
    assert quantile([1.0, 2.0], 0.5) == 1.5


def test_quartiles_need_four_values():
    with pytest.raises(ValueError, match="at least 4 values"):
        quartile_cut_points([1, 2, 3])
    r = quartile(2, [1, 2, 3], "higher_better", comparator="the North West's councils")
    assert r.colour == "grey" and r.reason == ("Not rated: quartiles need at least 4 values, and there are 3 among "
                                               "the North West's councils.")


def test_a_quartile_reason_names_the_group_of_councils_not_the_median(published):
    from tests.data.test_one_benchmark import _one

    # 2022-23 values without counts: placed by quartile among a group, never "of the median of …"
    for comparator, group in (("region", "of the North West councils (quartiles"),
                              ("england", "of England's councils (quartiles"),
                              ("nearest_neighbours", "of its nearest-neighbour group, itself included (quartiles")):
        row = _one(published, comparator, "ascof_2a2", "2022-23", "E08000009")
        assert row.method == "quartile" and group in row.reason, row.reason


@pytest.mark.parametrize("value, higher_better, lower_better, no_judgement", [
    (9.0, "Best quartile", "Worst quartile", "Highest quartile"),
    (5.0, "Middle quartiles", "Middle quartiles", "Middle quartiles"),
    (1.0, "Worst quartile", "Best quartile", "Lowest quartile"),
])
def test_quartile_position_by_polarity(value, higher_better, lower_better, no_judgement):
    group = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    words = {p: quartile(value, group, p, comparator="NW").rating
             for p in ("higher_better", "lower_better", "no_judgement")}
    assert words == {"higher_better": higher_better, "lower_better": lower_better, "no_judgement": no_judgement}
    colours = {quartile(value, group, "no_judgement", comparator="NW").colour}
    assert colours == {"neutral"}


@pytest.mark.parametrize("value, polarity, expected", [
    (80, "higher_better", "Target met"), (78.5, "higher_better", "Near target"), (70, "higher_better", "Target missed"),
    (5, "lower_better", "Target met"), (6.5, "lower_better", "Near target"), (9, "lower_better", "Target missed"),
])
def test_targets_with_tolerance(value, polarity, expected):
    goal = 80 if polarity == "higher_better" else 5
    r = target(value, goal, 2, polarity, owner="Trafford Council", unit="%", decimals=1)
    assert r.rating == expected and "set by Trafford Council" in r.reason


@pytest.mark.parametrize("value, expected", [
    # a range 60-70% with a tolerance of 1.5 points, on a lower-is-better and a no-judgement measure alike
    (60, "Target met"), (70, "Target met"), (65.2, "Target met"),
    (58.5, "Near target"), (71.5, "Near target"), (58.4, "Target missed"), (71.6, "Target missed"),
])
@pytest.mark.parametrize("polarity", ["lower_better", "no_judgement", "higher_better"])
def test_a_range_target_is_met_inside_the_range_whatever_the_polarity(value, expected, polarity):
    r = target(value, 60, 1.5, polarity, owner="Bolton Council", unit="%", decimals=1, high=70)
    assert r.rating == expected
    assert "a target of 60.0% to 70.0% set by Bolton Council" in r.reason
    assert r.colour == {"Target met": "green", "Near target": "amber", "Target missed": "red"}[expected]


def test_a_single_target_says_which_side_is_met():
    assert "a target of at most 5.0%" in target(4, 5, 0, "lower_better", owner="x", unit="%").reason
    assert "a target of at least 80.0%" in target(81, 80, 0, "higher_better", owner="x", unit="%").reason
    # exactly on the target is met; exactly the tolerance away is near
    assert target(80, 80, 0, "higher_better", owner="x").rating == "Target met"
    assert target(78, 80, 2, "higher_better", owner="x").rating == "Near target"
    assert target(7, 5, 2, "lower_better", owner="x").rating == "Near target"
    assert target(7.01, 5, 2, "lower_better", owner="x").rating == "Target missed"


def test_a_reversed_range_or_a_negative_tolerance_is_refused():
    with pytest.raises(ValueError, match="low to high"):
        target(1, 5, 0, "higher_better", owner="x", high=2)
    with pytest.raises(ValueError, match="negative"):
        target(1, 5, -1, "higher_better", owner="x")


def test_a_target_on_a_no_judgement_measure_is_refused():
    with pytest.raises(ValueError, match="needs a direction"):
        target(1, 2, 0, "no_judgement", owner="x")


BASE = dict(rating_method="significance", polarity="higher_better", unit="%", decimals=1, multiplier=100,
            interval_method="wilson", min_denominator=30, comparator="England", benchmark=74.9)


@pytest.mark.parametrize("extra, reason", [
    (dict(value=None, marker="[c]"), "suppressed to protect confidentiality ([c])"),
    (dict(value=None, marker="[x]"), "no value is available ([x])"),
    (dict(value=None, marker="[z]"), "does not apply here ([z])"),
    (dict(value=None), "no value was published"),
    (dict(value=40.0, numerator=8, denominator=20), "the denominator (20) is below this measure's minimum of 30"),
    (dict(value=45.5, numerator=297, denominator=653, benchmark=None), "no value for England in this period"),
    (dict(value=45.5, interval_method="margin"), "no confidence interval can be calculated"),
    (dict(value=4, rating_method="not_rated", categorical=True), "Shown, not rated"),
])
def test_not_rated_says_why(extra, reason):
    r = rate(**{**BASE, **extra})
    assert r.rating == "Not rated" and r.colour == "grey" and reason in r.reason


def test_rate_computes_the_interval_from_counts():
    r = rate(**BASE, value=45.5, numerator=297, denominator=653)
    assert r.rating == "Worse" and round(r.interval.lower, 1) == 41.7


def test_rate_uses_a_published_margin_interval():
    r = rate(**{**BASE, "interval_method": "margin"}, value=77.5, lower=75.4, upper=79.6, level=95.0)
    assert r.rating == "Better" and r.interval.method == "published interval"


def test_rollup_counts_never_averages():
    ratings = [rate(**BASE, value=45.5, numerator=297, denominator=653),
               rate(**BASE, value=None, marker="[c]"),
               significance(80, Interval(78, 82, 95, "x"), 74.9, "higher_better", comparator="England"),
               significance(75, Interval(73, 77, 95, "x"), 74.9, "higher_better", comparator="England"),
               significance(75, Interval(73, 77, 95, "x"), 60, "no_judgement", comparator="England")]
    assert rollup(r.colour for r in ratings) == {"green": 1, "amber": 1, "red": 1, "neutral": 1, "grey": 1}
    with pytest.raises(ValueError, match="unknown rating colour"):
        rollup(["purple"])


def test_a_value_equal_to_a_cut_point_is_in_the_middle():
    """METHODS.md's worked example: scores 1–4 with Q1 = median = Q3 = 3: a 3 is Amber, a 4 Green, a 2 Red."""
    scores = [1, 2, 3, 3, 3, 3, 3, 3, 3, 4]
    assert quartile_cut_points(scores) == (3, 3)
    words = {v: quartile(v, scores, "higher_better", comparator="NW") for v in (2, 3, 4)}
    assert (words[3].rating, words[3].colour) == ("Middle quartiles", "amber")
    assert (words[4].rating, words[4].colour) == ("Best quartile", "green")
    assert (words[2].rating, words[2].colour) == ("Worst quartile", "red")
    assert quartile(3, scores, "no_judgement", comparator="NW").rating == "Middle quartiles"


def test_all_equal_values_are_all_in_the_middle():
    assert {quartile(5, [5] * 8, p, comparator="NW").rating for p in POLARITIES} == {"Middle quartiles"}


def test_displayed_interval_and_benchmark_agree_with_a_significant_rating():
    """Blackpool: an upper bound of 18.66 against the North West's 18.68 is Worse, yet "CI 17.9–18.7; North West
    18.7" would look similar: the reason shows one more decimal instead."""
    r = significance(18.3, Interval(17.94, 18.66, 95, "x"), 18.68, "higher_better", comparator="North West")
    assert r.rating == "Worse"
    assert "95% CI 17.94–18.66; North West 18.68" in r.reason
    similar = significance(18.3, Interval(17.94, 18.66, 95, "x"), 18.66, "higher_better", comparator="North West")
    assert similar.rating == "Similar" and "CI 17.9–18.7; North West 18.7" in similar.reason


def test_separating_decimals_adds_only_what_is_needed():
    assert separating_decimals(17.94, 18.66, 18.65, 1) == 1          # inside: rounding keeps the order
    assert separating_decimals(18.67, 19.1, 18.66, 1) == 2           # 18.7 vs 18.7 → 18.67 vs 18.66
    assert separating_decimals(18.654, 19.1, 18.651, 1) == 3
    assert separating_decimals(10.0, 12.0, 5.0, 1) == 1
    assert separating_decimals(None, 12.0, 5.0, 1) == 1
    assert separating_decimals(1.0, 2.0, 1.0 - 1e-7, 1) == 5         # four more at most


def test_a_benchmark_on_a_bound_is_inside_even_with_floating_point_noise():
    """A median of 44.6 computed as 44.599999999999994 is not "significantly" below a lower bound of 44.6."""
    noisy = (44.2 + 45.0) / 2  # 44.6, give or take the last bit
    r = significance(49.4, Interval(44.6, 54.2, 95, "x"), noisy - 1e-14, "higher_better", comparator="England")
    assert r.rating == "Similar"
    assert separating_decimals(44.6, 54.2, noisy - 1e-14, 1) == 1


def test_a_benchmark_on_a_bound_by_noise_is_shown_on_the_bound():
    """18.950000000000003 against an upper bound of 18.95 is on it: "18.95 against 18.95", not "18.9 against 19.0"."""
    assert separating_decimals(18.05, 18.95, 18.950000000000003, 1) == 2
    r = significance(18.5, Interval(18.05, 18.95, 95, "x"), 18.950000000000003, "higher_better", comparator="NN")
    assert r.rating == "Similar" and "CI 18.05–18.95; NN 18.95" in r.reason


def test_a_value_that_rounds_to_nought_is_never_written_minus_nought():
    from analysis.formatting import number, with_unit

    assert with_unit(-0.0, "%", 1) == "0.0%" and number(-0.04, 1) == "0.0" and number(-0.0, 0) == "0"
    assert number(-0.06, 1) == "-0.1" and number(-1234.5, 1) == "-1,234.5"
