"""Funnel plots and over-dispersion (METHODS.md, "Spread between councils"; Spiegelhalter 2005).

With large denominators almost every council differs "significantly" from England, so a colour can mostly reflect
a council's size. A funnel plot shows each council's value against its denominator with the limits chance allows a
council of that size. Where councils differ from each other more than chance allows (over-dispersion), additive
random-effects limits widen the funnel by the usual variation between councils, τ².
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.intervals import z_for

# A standard error is only as good as its denominator: fewer councils than this and φ says little.
MIN_COUNCILS = 10


def standard_error(interval_method: str, target: float, multiplier: float, *, denominator: float | None = None,
                   lower: float | None = None, upper: float | None = None, level: float | None = None) -> float | None:
    """The standard error of a council's value if its true value were the target: from its denominator for a
    proportion (binomial) or a rate (Poisson), else from its published interval (half-width ÷ z). None when
    neither is known (or the target leaves no variation: 0% or 100%)."""
    if interval_method == "wilson" and denominator:
        p = target / multiplier
        return multiplier * math.sqrt(p * (1 - p) / denominator) if 0 < p < 1 else None
    if interval_method == "byar" and denominator:
        return math.sqrt(target * multiplier / denominator) if target > 0 else None
    if lower is not None and upper is not None and upper > lower:
        return (upper - lower) / (2 * z_for(level if level in (95.0, 99.8) else 95.0))
    return None


def _winsorised(values: list[float], low: float = 0.1, high: float = 0.9) -> list[float]:
    """Values pulled in to their 10th and 90th percentiles (linear interpolation, as numpy's default)."""
    ordered = sorted(values)

    def percentile(p: float) -> float:
        at = (len(ordered) - 1) * p
        below = math.floor(at)
        above = min(below + 1, len(ordered) - 1)
        return ordered[below] + (ordered[above] - ordered[below]) * (at - below)

    floor, ceiling = percentile(low), percentile(high)
    return [min(max(v, floor), ceiling) for v in values]


@dataclass(frozen=True)
class Spread:
    """How much councils differ from the target beyond chance."""

    n: int                  # councils with a value and a standard error
    phi: float              # the mean of squared z-scores, winsorised at the 10th and 90th percentiles
    threshold: float        # 1 + 2·√(2/n): φ above it means over-dispersed
    tau2: float             # the between-council variance added to each council's own (0 when not over-dispersed)

    @property
    def over_dispersed(self) -> bool:
        return self.phi > self.threshold


def spread(values: Sequence[float], errors: Sequence[float], target: float) -> Spread | None:
    """φ and τ² for councils' values and their standard errors around the target; None for fewer than
    MIN_COUNCILS councils."""
    pairs = [(y, s) for y, s in zip(values, errors, strict=True) if s and s > 0]
    n = len(pairs)
    if n < MIN_COUNCILS:
        return None
    z = _winsorised([(y - target) / s for y, s in pairs])
    phi = sum(v * v for v in z) / n
    threshold = 1 + 2 * math.sqrt(2 / n)
    tau2 = 0.0
    if phi > threshold:
        w = [1 / (s * s) for _, s in pairs]
        sw, sw2 = sum(w), sum(x * x for x in w)
        tau2 = max(0.0, (n * phi - (n - 1)) / (sw - sw2 / sw))
    return Spread(n, phi, threshold, tau2)


def limits(target: float, error: float, level: float = 95.0, tau2: float = 0.0) -> tuple[float, float]:
    """The funnel's limits for a council with this standard error: target ± z·√(s² + τ²)."""
    half = z_for(level) * math.sqrt(error * error + tau2)
    return target - half, target + half


def outside(value: float, target: float, error: float, tau2: float, level: float = 95.0) -> bool:
    low, high = limits(target, error, level, tau2)
    return not low <= value <= high
