"""Intervals against METHODS.md's independently computed worked values, and their properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.intervals import byar, exact_poisson_limits, from_margin, wilson


@pytest.mark.parametrize("x, n, level, lower, upper", [
    (297, 653, 95.0, 41.701, 49.317),
    (297, 653, 99.8, 39.569, 51.526),
    (0, 20, 95.0, 0.0, 16.113),
    (20, 20, 95.0, 83.887, 100.0),
])
def test_wilson_worked_values(x, n, level, lower, upper):
    i = wilson(x, n, level).scaled(100)
    assert (round(i.lower, 3), round(i.upper, 3)) == (lower, upper)
    assert i.method == "Wilson score" and i.level == level


def test_byar_worked_value():
    i = byar(265, 41_443, 100_000)
    assert (round(i.lower, 2), round(i.upper, 2)) == (564.75, 721.24) and i.method == "Byar's method"


def test_exact_poisson_worked_value_below_ten_events():
    i = byar(5, 12_000, 100_000)
    assert (round(i.lower, 2), round(i.upper, 2)) == (13.53, 97.24) and i.method == "exact Poisson"


def test_exact_poisson_for_zero_events_starts_at_zero():
    lower, upper = exact_poisson_limits(0)
    assert lower == 0 and round(upper, 3) == 3.689  # -ln(0.025)


@pytest.mark.parametrize("call, message", [
    (lambda: wilson(30, 20), r"numerator \(30\) cannot be above the denominator \(20\)"),
    (lambda: wilson(-1, 20), "numerator cannot be negative"),
    (lambda: wilson(1, 0), "denominator must be greater than zero"),
    (lambda: wilson(1, 10, 90), "confidence level must be one of"),
    (lambda: byar(None, 10), "both the count"),
    (lambda: from_margin(50, -1), "margin of error cannot be negative"),
    (lambda: exact_poisson_limits(2.5), "whole, non-negative count"),
])
def test_bad_arguments_are_refused_with_a_plain_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


counts = st.integers(min_value=1, max_value=100_000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n)))


@given(counts)
def test_wilson_contains_the_estimate_and_stays_in_zero_one(xn):
    x, n = xn
    i95, i998 = wilson(x, n, 95.0), wilson(x, n, 99.8)
    assert 0 <= i95.lower <= x / n <= i95.upper <= 1
    assert i998.lower <= i95.lower + 1e-12 and i998.upper >= i95.upper - 1e-12  # wider at the higher level


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=2, max_value=50))
def test_wilson_narrows_as_n_grows(x, factor):
    n = x * 2
    small, large = wilson(x, n), wilson(x * factor, n * factor)
    assert large.upper - large.lower < small.upper - small.lower


@given(st.integers(min_value=0, max_value=5_000), st.integers(min_value=5_000, max_value=10_000_000))
def test_rate_intervals_contain_the_rate_and_widen_with_the_level(x, n):
    i95, i998 = byar(x, n), byar(x, n, level=99.8)
    rate = x / n * 100_000
    assert i95.lower <= rate <= i95.upper and i998.lower <= i95.lower and i998.upper >= i95.upper


@given(st.integers(min_value=10, max_value=2_000), st.integers(min_value=2, max_value=20))
def test_rate_intervals_narrow_relative_to_the_rate_as_counts_grow(x, factor):
    small, large = byar(x, 100_000), byar(x * factor, 100_000 * factor)
    assert (large.upper - large.lower) < (small.upper - small.lower)


def test_margin_of_error_interval():
    i = from_margin(77.5, 2.1)
    assert (i.lower, i.upper, i.method) == (75.4, 79.6, "published margin of error")
