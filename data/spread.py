"""The spread between councils in the stored ratings (METHODS.md, over-dispersion): how much England's councils differ
beyond chance for a measure and year, and whether a council's significant difference lies outside the limits that
allow for that usual variation (said in its reason). The funnel plot (page_models/funnel_model.py) draws the same."""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.funnel import Spread, outside, spread, standard_error
from analysis.rating import Rating
from data.catalogue import Measure
from data.context import Context


def error_of(m: Measure, p: dict, target: float) -> float | None:
    """A council's standard error around a target (analysis.funnel), from its counts or its published interval."""
    return standard_error(m.interval_method, target, m.multiplier, denominator=p["denominator"],
                          lower=p["lower_ci"], upper=p["upper_ci"], level=p["ci_level"])


def council_spread(ctx: Context, m: Measure, period: str, method: str, target: float | None) -> Spread | None:
    """How much England's councils differ from England's value (`target`) beyond chance, for a measure rated by
    significance that year (`method`); None otherwise, or when only one region's councils are loaded."""
    key = (m.id, period)
    if key not in ctx.spreads:
        found = None
        if ctx.national and target is not None and method == "significance":
            pairs = [(o["value"], error_of(m, o, target)) for a, o in ctx.obs.get(key, {}).items()
                     if a in ctx.council_region and o["value"] is not None and o["marker"] is None]
            found = spread([y for y, _ in pairs], [s or 0.0 for _, s in pairs], target)
        ctx.spreads[key] = found
    return ctx.spreads[key]


WIDER_OUTSIDE = ("Unusual even allowing for the usual variation between councils (outside the funnel plot's wider "
                 "limits).")
WIDER_INSIDE = ("Within the usual variation between councils (inside the funnel plot's wider limits): the "
                "difference may reflect the council's size more than its performance.")


def with_spread(r: Rating, m: Measure, p: dict, benchmark: float | None, found: Spread | None) -> Rating:
    """A significant difference, where councils are over-dispersed, says whether it lies outside the limits that
    allow for the usual variation between councils (METHODS.md)."""
    if found is None or not found.over_dispersed or benchmark is None or r.method != "significance" \
            or r.rating not in ("Better", "Worse", "Higher", "Lower"):
        return r
    error = error_of(m, p, benchmark)
    if error is None:
        return r
    wider = WIDER_OUTSIDE if outside(p["value"], benchmark, error, found.tau2) else WIDER_INSIDE
    return replace(r, reason=f"{r.reason} {wider}")


@dataclass(frozen=True)
class FunnelData:
    """England's councils for one measure and year, ready for a funnel plot: the target (England's value, unrounded),
    each council's value, its size on the x axis and its standard error there, and the spread between councils."""

    target: float
    by_denominator: bool          # x is the denominator (else the precision, 1 ÷ standard error²)
    scale: float                  # a council of size x has standard error scale / √x
    points: tuple[tuple[str, float, float, float], ...]   # (council, value, x, standard error)
    spread: Spread | None
    left_out: int                 # councils with a value but no denominator or interval to place them by


def funnel_data(ctx: Context, m: Measure, period: str, target: float | None) -> FunnelData | None:
    """The funnel of England's councils around `target`; None when there is no target or nothing to place."""
    if target is None:
        return None
    valued = [(a, o) for a, o in ctx.obs.get((m.id, period), {}).items()
              if a in ctx.council_region and o["value"] is not None and o["marker"] is None]
    errors = {a: error_of(m, o, target) for a, o in valued}
    counted = [(a, o) for a, o in valued if o["denominator"] and errors[a]]
    by_denominator = m.interval_method in ("wilson", "byar") and 3 * len(counted) >= 2 * len(valued) > 0
    points: tuple[tuple[str, float, float, float], ...]
    if by_denominator:
        points = tuple((a, o["value"], o["denominator"], s) for a, o in counted if (s := errors[a]))
    else:
        points = tuple((a, o["value"], 1 / s ** 2, s) for a, o in valued if (s := errors[a]))
    if not points:
        return None
    _, _, x, error = points[0]
    found = council_spread(ctx, m, period, "significance", target)
    return FunnelData(target, by_denominator, error * x ** 0.5, points, found, len(valued) - len(points))


@dataclass(frozen=True)
class EnglandValues:
    """England's councils for one measure and year, each with its region: the strip of England's spread."""

    england: float | None         # England's published value
    points: tuple[tuple[str, str, float], ...]   # (council, region code, value), lowest value first


def england_values(ctx: Context, m: Measure, period: str, england: float | None) -> EnglandValues | None:
    """Every council's published value (not a marker) in `period`; None when only one region's councils are loaded
    (the demo's North West only) or none has a value."""
    if not ctx.national:
        return None
    points = sorted(((a, ctx.council_region[a], o["value"]) for a, o in ctx.obs.get((m.id, period), {}).items()
                     if a in ctx.council_region and o["value"] is not None and o["marker"] is None),
                    key=lambda p: (p[2], p[0]))
    return EnglandValues(england, tuple(points)) if points else None
