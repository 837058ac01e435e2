"""Confidence intervals, one function per method, as PHE's indicator methods (Fingertips) compute them.

Each returns an Interval that names its method and level. Arguments are checked first, with
messages a person can act on. Proportions are returned as fractions (0-1); multiply for display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

# METHODS.md fixes z for the two levels the scorecard uses.
Z = {95.0: 1.96, 99.8: 3.0902}


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float
    level: float
    method: str

    def contains(self, value: float) -> bool:
        return self.lower <= value <= self.upper

    def scaled(self, factor: float) -> Interval:
        return Interval(self.lower * factor, self.upper * factor, self.level, self.method)


def z_for(level: float) -> float:
    if level not in Z:
        raise ValueError(f"confidence level must be one of {sorted(Z)}; got {level}")
    return Z[level]


def _check_counts(x: float, n: float, proportion: bool) -> None:
    if x is None or n is None:
        raise ValueError("both the count (numerator) and the denominator are needed")
    if x < 0:
        raise ValueError(f"the numerator cannot be negative; got {x}")
    if n <= 0:
        raise ValueError(f"the denominator must be greater than zero; got {n}")
    if proportion and x > n:
        raise ValueError(f"the numerator ({x}) cannot be above the denominator ({n}) for a proportion")


def wilson(x: float, n: float, level: float = 95.0) -> Interval:
    """Wilson score interval for x events of n (a proportion), as a fraction."""
    _check_counts(x, n, proportion=True)
    z = z_for(level)
    centre = 2 * x + z * z
    spread = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    denominator = 2 * (n + z * z)
    # At x = 0 and x = n the limits are exactly 0 and 1; say so rather than trust rounding.
    lower = 0.0 if x == 0 else max(0.0, (centre - spread) / denominator)
    upper = 1.0 if x == n else min(1.0, (centre + spread) / denominator)
    return Interval(lower, upper, level, "Wilson score")


def byar(x: float, n: float, multiplier: float = 100_000, level: float = 95.0) -> Interval:
    """Interval for a rate x per n × multiplier: Byar's approximation for x ≥ 10, exact Poisson below."""
    _check_counts(x, n, proportion=False)
    if x < 10:
        lower, upper = exact_poisson_limits(x, level)
        method = "exact Poisson"
    else:
        z = z_for(level)
        lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
        method = "Byar's method"
    return Interval(lower / n * multiplier, upper / n * multiplier, level, method)


def from_margin(value: float, margin: float, level: float = 95.0) -> Interval:
    """A survey estimate published with its margin of error: value ± margin."""
    if value is None or margin is None:
        raise ValueError("both the value and its margin of error are needed")
    if margin < 0:
        raise ValueError(f"a margin of error cannot be negative; got {margin}")
    return Interval(value - margin, value + margin, level, "published margin of error")


def _poisson_cdf(k: int, mean: float) -> float:
    """P(X ≤ k) for X ~ Poisson(mean), summed in a numerically stable way."""
    term = math.exp(-mean)
    total = term
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return total


def _solve(f, low: float, high: float) -> float:
    """The root of a monotonic f on [low, high] by bisection (80 halvings: as exact as a double allows)."""
    f_low = f(low)
    for _ in range(80):
        mid = (low + high) / 2
        f_mid = f(mid)
        if (f_mid > 0) == (f_low > 0):
            low, f_low = mid, f_mid
        else:
            high = mid
    return (low + high) / 2


@lru_cache(maxsize=256)
def exact_poisson_limits(x: float, level: float = 95.0) -> tuple[float, float]:
    """Exact Poisson limits for a count: lower = χ²(α/2; 2x)/2, upper = χ²(1−α/2; 2x+2)/2.

    Solved from the Poisson distribution itself: the lower limit L has P(X ≥ x | L) = α/2 and the
    upper limit U has P(X ≤ x | U) = α/2 (the same numbers as the χ² quantiles).
    """
    if x < 0 or x != int(x):
        raise ValueError(f"an exact Poisson interval needs a whole, non-negative count; got {x}")
    x = int(x)
    alpha = 1 - level / 100
    high = x + 20 + 10 * math.sqrt(x + 1)
    lower = 0.0 if x == 0 else _solve(lambda m: (1 - _poisson_cdf(x - 1, m)) - alpha / 2, 0.0, high)
    upper = _solve(lambda m: _poisson_cdf(x, m) - alpha / 2, 0.0, high + 20)
    return lower, upper


def contains(lower: float, upper: float, value: float) -> bool:
    """Whether an interval holds a value, a value on a bound included, to floating-point noise (a median of 44.6
    computed as 44.599999999999994 is on the bound, not below it)."""
    def close(a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)

    return (lower <= value <= upper) or close(value, lower) or close(value, upper)
