"""Funnel limits and over-dispersion (METHODS.md, "Spread between councils"; Spiegelhalter 2005), checked against an
independent recomputation with numpy."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.funnel import MIN_COUNCILS, limits, outside, spread, standard_error


def test_standard_errors_come_from_the_denominator_or_the_published_interval():
    assert standard_error("wilson", 50.0, 100, denominator=100) == pytest.approx(5.0)  # 100·√(0.25/100)
    assert standard_error("byar", 500.0, 100_000, denominator=100_000) == pytest.approx(math.sqrt(500))
    assert standard_error("margin", 0.8, 1, lower=0.7, upper=0.9, level=95.0) == pytest.approx(0.1 / 1.96)
    assert standard_error("wilson", 0.0, 100, denominator=100) is None  # no variation at 0%
    assert standard_error("none", 3.0, 1) is None


def _independent(values, errors, target):
    z = (np.array(values) - target) / np.array(errors)
    lo, hi = np.percentile(z, [10, 90])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    n = len(values)
    w = 1 / np.array(errors) ** 2
    tau2 = max(0.0, (n * phi - (n - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    return phi, 1 + 2 * math.sqrt(2 / n), tau2


def test_over_dispersed_councils_get_the_random_effects_variance():
    rng = np.random.default_rng(7)
    errors = [float(e) for e in rng.uniform(1.0, 4.0, 40)]
    values = [float(v) for v in 50 + rng.normal(0, 6.0, 40)]  # spread far wider than the errors allow
    found = spread(values, errors, 50.0)
    phi, threshold, tau2 = _independent(values, errors, 50.0)
    assert found.phi == pytest.approx(phi) and found.threshold == pytest.approx(threshold)
    # winsorising pulls τ² below the 6² = 36 simulated
    assert found.over_dispersed and found.tau2 == pytest.approx(tau2) and 5 < found.tau2 < 36


def test_councils_within_chance_are_not_over_dispersed():
    errors = [2.0] * 20
    values = [50 + (2.0 if i % 2 else -2.0) for i in range(20)]  # every z-score ±1: φ = 1
    found = spread(values, errors, 50.0)
    assert found.phi == pytest.approx(1.0) and not found.over_dispersed and found.tau2 == 0


def test_too_few_councils_give_no_spread():
    assert spread([1.0] * (MIN_COUNCILS - 1), [1.0] * (MIN_COUNCILS - 1), 0.0) is None


def test_limits_widen_by_the_variance_between_councils():
    assert limits(50.0, 3.0, 95.0) == pytest.approx((50 - 1.96 * 3, 50 + 1.96 * 3))
    assert limits(50.0, 3.0, 99.8, tau2=16.0) == pytest.approx((50 - 3.0902 * 5, 50 + 3.0902 * 5))
    assert outside(57.0, 50.0, 3.0, 0.0) and not outside(57.0, 50.0, 3.0, 16.0)
