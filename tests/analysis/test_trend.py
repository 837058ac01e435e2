"""Change since last period, recent trend (Cochran–Armitage, weighted least squares), red-red, narrative."""

import pytest

from analysis.intervals import Interval
from analysis.rating import quartile, significance
from analysis.trend import (
    change_since_last,
    cochran_armitage,
    is_red_red,
    mann_kendall,
    narrative,
    recent_trend,
    weighted_slope,
)


def counted(rs, n=1000):
    return [{"value": r / n * 100, "numerator": r, "denominator": n} for r in rs]


def test_cochran_armitage_worked_value():
    chi2, sign = cochran_armitage([300, 320, 345, 360, 390], [1000] * 5)
    assert round(chi2, 4) == 21.4776 and sign == 1


def test_worked_trend_is_increasing_and_polarity_decides_better_or_worse():
    up = recent_trend(counted([300, 320, 345, 360, 390]), "higher_better", proportion=True)
    assert (up.direction, up.verdict) == ("increasing", "getting better") and "χ² = 21.48" in up.reason
    down = recent_trend(counted([300, 320, 345, 360, 390]), "lower_better", proportion=True)
    assert down.verdict == "getting worse"
    neutral = recent_trend(counted([300, 320, 345, 360, 390]), "no_judgement", proportion=True)
    assert (neutral.direction, neutral.verdict) == ("increasing", "")


def test_a_small_rise_is_not_significant():
    t = recent_trend(counted([300, 305, 298, 310, 306]), "higher_better", proportion=True)
    assert t.direction == "no significant change" and t.chi2 < 9.5495


def test_one_outlying_point_cannot_make_a_trend():
    """χ² is large but dropping the last point reverses the slope: the drop-one rule refuses the trend."""
    rs = [400, 390, 380, 370, 700]
    chi2, sign = cochran_armitage(rs, [1000] * 5)
    assert chi2 > 9.5495 and sign == 1
    assert recent_trend(counted(rs), "higher_better", proportion=True).direction == "no significant change"


def test_trend_needs_five_periods_with_values():
    assert recent_trend(counted([300, 320, 345, 360]), "higher_better", proportion=True).direction == \
        "cannot be calculated"
    points = counted([300, 320, 345, 360, 390])
    points[2] = {"value": None}
    assert recent_trend(points, "higher_better", proportion=True).direction == "cannot be calculated"


def test_weighted_least_squares_for_measures_with_intervals():
    slope, chi2 = weighted_slope([10, 12, 14, 16, 18], [0.5] * 5)
    assert slope == pytest.approx(2.0) and chi2 == pytest.approx((2.0 / (0.5 / 10 ** 0.5)) ** 2)
    points = [{"value": v, "lower": v - 0.98, "upper": v + 0.98} for v in (10, 12, 14, 16, 18)]
    t = recent_trend(points, "lower_better", proportion=False)
    assert (t.direction, t.verdict, t.method) == ("increasing", "getting worse", "weighted least-squares slope")


YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")


@pytest.mark.parametrize("values, s, p", [((5, 6, 7, 8, 9), 10, 0.0167), ((5, 6, 8, 7, 9), 8, 0.083),
                                          ((9, 8, 7, 6, 5), -10, 0.0167), ((5, 5, 5, 5, 5), 0, 1.0)])
def test_mann_kendall_matches_the_worked_values_in_methods(values, s, p):
    found_s, found_p = mann_kendall(values)
    assert found_s == s and found_p == pytest.approx(p, abs=0.0005)


def test_values_without_intervals_are_judged_by_the_mann_kendall_rule():
    rising = recent_trend([{"value": v} for v in (5, 6, 7, 8, 9)], "lower_better", proportion=False, periods=YEARS)
    assert (rising.direction, rising.verdict) == ("increasing", "getting worse")
    assert rising.reason.startswith("Rose in each of the last 4 years (2019-20 to 2023-24), getting worse")
    assert "no intervals published" in rising.reason and "Mann–Kendall" in rising.reason
    wobbly = recent_trend([{"value": v} for v in (5, 6, 8, 7, 9)], "lower_better", proportion=False, periods=YEARS)
    assert (wobbly.direction, wobbly.verdict) == ("no consistent trend", "")
    assert "S = 8, p = 0.083" in wobbly.reason


def test_a_missing_year_is_named_when_no_trend_can_be_calculated():
    points = [{"value": v} for v in (5, 6)] + [{"value": None}] + [{"value": v} for v in (8, 9)]
    t = recent_trend(points, "higher_better", proportion=False, periods=YEARS)
    assert t.direction == "cannot be calculated" and t.reason.endswith("(no value for 2021-22).")


def test_change_since_last_period():
    before = {"value": 45.0, "lower": 43.0, "upper": 47.0}
    assert change_since_last(before, {"value": 46.0, "lower": 44.0, "upper": 48.0}, "higher_better").word == \
        "No significant change"
    better = change_since_last(before, {"value": 55.0, "lower": 53.0, "upper": 57.0}, "higher_better",
                               unit="%", previous_period="2023-24")
    assert better.word == "Improved" and better.significant
    assert "2023-24: up 10.0 percentage points, from 45.0% to 55.0%" in better.reason
    assert change_since_last(before, {"value": 55.0, "lower": 53.0, "upper": 57.0}, "lower_better").word == "Declined"
    plain = change_since_last({"value": 10.0}, {"value": 12.5}, "higher_better", unit="%")
    assert plain.word == "Up" and plain.significant is None and "no significance claim" in plain.reason


def test_a_change_in_a_percentage_is_in_percentage_points():
    """METHODS.md: 60.1% → 45.5% is down 14.6 percentage points (a 24% relative fall), never "down 14.6%"."""
    fall = change_since_last({"value": 60.1}, {"value": 45.5}, "higher_better", unit="%", previous_period="2021-22")
    assert fall.word == "Down"
    assert fall.reason.startswith("Down 14.6 percentage points since 2021-22, from 60.1% to 45.5%")
    assert "14.6%" not in fall.reason
    one = change_since_last({"value": 50.0}, {"value": 51.0}, "higher_better", unit="%")
    assert "Up 1.0 percentage point since" in one.reason
    money = change_since_last({"value": 400.0}, {"value": 420.0}, "no_judgement", unit="£ per head", decimals=0)
    assert money.reason.startswith("Up £20 since")


def test_a_change_too_small_to_show_is_no_change():
    """Up 0.0 would contradict itself: a difference that rounds to nothing is "No change"."""
    tiny = change_since_last({"value": 45.51}, {"value": 45.54}, "higher_better", unit="%", decimals=1)
    assert tiny.word == "No change" and "45.5%" in tiny.reason


def test_red_red_needs_both_significantly_worse_and_getting_worse():
    worse = significance(45.5, Interval(41.7, 49.3, 95, "x"), 74.9, "higher_better", comparator="England")
    falling = recent_trend(counted([390, 360, 345, 320, 300]), "higher_better", proportion=True)
    rising = recent_trend(counted([300, 320, 345, 360, 390]), "higher_better", proportion=True)
    similar = significance(45.5, Interval(41.7, 49.3, 95, "x"), 45.0, "higher_better", comparator="England")
    assert is_red_red(worse, falling) and not is_red_red(worse, rising) and not is_red_red(similar, falling)


def test_red_red_also_counts_the_worst_quartile_getting_worse_by_the_mann_kendall_rule():
    worst = quartile(60.0, [61.0, 70.0, 72.0, 75.0, 80.0], "higher_better", comparator="North West")
    middle = quartile(72.0, [61.0, 70.0, 72.0, 75.0, 80.0], "higher_better", comparator="North West")
    falling = recent_trend([{"value": v} for v in (66, 65, 63, 62, 60)], "higher_better", proportion=False,
                           periods=YEARS)
    assert worst.colour == "red" and falling.verdict == "getting worse"
    assert is_red_red(worst, falling) and not is_red_red(middle, falling)


@pytest.mark.parametrize("value, polarity, band", [
    (5.2, "higher_better", "broadly similar to"), (6.0, "higher_better", "slightly better than"),
    (7.0, "higher_better", "better than"), (9.0, "higher_better", "much better than"),
    (9.0, "lower_better", "much worse than"), (2.0, "no_judgement", "much lower than"),
])
def test_narrative_mad_bands(value, polarity, band):
    group = [3, 4, 5, 6, 7]  # median 5, MAD 1
    sentence = narrative(value, group, polarity, area="Trafford", comparator="North West councils", period="2024-25")
    assert f"was {band} the median of North West councils" in sentence and sentence.startswith("In 2024-25, Trafford")


def test_no_sentence_when_mad_is_zero_or_too_few_values():
    assert narrative(5, [5, 5, 5, 5, 6], "higher_better", area="A", comparator="B", period="P") is None
    assert narrative(5, [1, 2, 3], "higher_better", area="A", comparator="B", period="P") is None
