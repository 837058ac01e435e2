"""Spine chart geometry: England centred, min/Q1/Q3/max bands, polarity flips, symmetric scale."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.spine import spine

VALUES = [10, 20, 30, 40, 50]  # quartiles 20 and 40


def test_england_is_centred_and_the_furthest_value_reaches_an_edge():
    s = spine(VALUES, 30, "higher_better", council=45, region=25)
    assert (s.worst, s.q_low, s.q_high, s.best) == (0.0, 0.25, 0.75, 1.0)
    assert s.council == 0.875 and s.region == 0.375 and s.centre_value == 30  # 0.5 ± (v − 30) / 40


def test_lower_is_better_flips_the_spine_so_better_is_on_the_right():
    s = spine(VALUES, 30, "lower_better", council=45)
    assert (s.worst, s.q_low, s.q_high, s.best) == (0.0, 0.25, 0.75, 1.0)
    assert (s.worst_value, s.best_value) == (50, 10)  # the highest value is the worst
    assert s.council == 0.125  # 45 is worse than England's 30: left of centre


def test_an_off_centre_england_keeps_the_scale_symmetric():
    s = spine(VALUES, 20, "higher_better")
    assert s.worst == pytest.approx(0.5 - 10 / 60) and s.best == 1.0  # half-width 30: furthest value is 50


def test_no_spine_with_fewer_than_four_values_or_no_england():
    assert spine([1, 2, 3], 2, "higher_better") is None
    assert spine(VALUES, None, "higher_better") is None


@given(st.lists(st.floats(0, 1000, allow_nan=False), min_size=4, max_size=40), st.floats(0, 1000),
       st.sampled_from(["higher_better", "lower_better", "no_judgement"]))
def test_bands_are_ordered_and_within_the_chart(values, england, polarity):
    s = spine(values, england, polarity)
    assert 0 <= s.worst <= s.q_low <= s.q_high <= s.best <= 1
