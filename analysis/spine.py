"""Spine-chart geometry in the Fingertips manner: England at the centre, the comparator councils' range drawn
worst → 25th → 75th percentile → best from left to right (so polarity decides which end is which), and the
council and region placed on the same scale. Positions run from 0 (left edge) to 1 (right edge)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.rating import MIN_COMPARATORS, quantile


@dataclass(frozen=True)
class Spine:
    worst: float
    q_low: float       # the 25th percentile on the worse side
    q_high: float      # the 75th percentile on the better side
    best: float
    council: float | None
    region: float | None
    centre_value: float
    worst_value: float
    best_value: float


def spine(values: list[float], england: float, polarity: str, council: float | None = None,
          region: float | None = None) -> Spine | None:
    """Geometry for one measure's row, or None with fewer than four comparator values.

    Higher-is-better and no-judgement measures run low → high; lower-is-better measures are flipped so that
    better is always to the right. The scale is symmetric about England: the comparator value furthest from
    England reaches an edge.
    """
    if len(values) < MIN_COMPARATORS or england is None:
        return None
    if polarity not in ("higher_better", "lower_better", "no_judgement"):
        raise ValueError(f"unknown polarity {polarity!r}")
    ordered = sorted(values)
    half = max(abs(england - ordered[0]), abs(ordered[-1] - england)) or 1.0
    flip = polarity == "lower_better"

    def pos(v: float) -> float:
        offset = (v - england) / (2 * half)
        return min(1.0, max(0.0, 0.5 - offset if flip else 0.5 + offset))

    def pos_of(v: float | None) -> float | None:
        return None if v is None else pos(v)

    low, q1, q3, high = ordered[0], quantile(ordered, 0.25), quantile(ordered, 0.75), ordered[-1]
    if flip:  # lower is better: the highest value is the worst and sits on the left
        worst_v, q_low_v, q_high_v, best_v = high, q3, q1, low
    else:
        worst_v, q_low_v, q_high_v, best_v = low, q1, q3, high
    return Spine(pos(worst_v), pos(q_low_v), pos(q_high_v), pos(best_v), pos_of(council), pos_of(region), england,
                 worst_v, best_v)
