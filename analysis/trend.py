"""Change over time: since the last period, the recent five-period trend, red-red, and narrative sentences."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.formatting import difference, number, with_unit
from analysis.rating import MIN_COMPARATORS, GroupSummary, Rating, summarise

CHI2_THRESHOLD = 9.5495  # χ²(1) at p < 0.002 (METHODS.md)
TREND_POINTS = 5


@dataclass(frozen=True)
class Change:
    word: str                  # Improved / Declined / Increased / Decreased / No significant change / Up / Down …
    significant: bool | None   # None when there are no intervals to judge by
    reason: str


@dataclass(frozen=True)
class Trend:
    direction: str             # increasing / decreasing / no significant change / no consistent trend /
                               # cannot be calculated
    verdict: str               # getting better / getting worse / "" (no judgement or not significant)
    method: str
    chi2: float | None
    reason: str


def _better(direction_up: bool, polarity: str) -> str:
    if polarity == "no_judgement":
        return ""
    return "getting better" if direction_up == (polarity == "higher_better") else "getting worse"


def change_since_last(previous: dict | None, current: dict | None, polarity: str, *, unit: str = "",
                      decimals: int = 1, previous_period: str = "the last period") -> Change:
    """Compare two periods: overlapping intervals → no significant change; without intervals, the difference only."""
    if not previous or not current or previous.get("value") is None or current.get("value") is None:
        return Change("Cannot be calculated", None, "No value for one of the two periods.")
    before, now = previous["value"], current["value"]
    have_intervals = all(x.get(k) is not None for x in (previous, current) for k in ("lower", "upper"))
    if have_intervals:
        if current["lower"] <= previous["upper"] and previous["lower"] <= current["upper"]:
            return Change("No significant change", False,
                          f"The intervals for {previous_period} and now overlap: no significant change.")
        up = now > before
        verdict = _better(up, polarity)
        word = {"getting better": "Improved", "getting worse": "Declined", "": "Increased" if up else "Decreased"}[
            verdict]
        return Change(word, True, f"{word} significantly since {previous_period}: "
                                  f"{'up' if up else 'down'} {difference(abs(now - before), unit, decimals)}, "
                                  f"from {with_unit(before, unit, decimals)} to {with_unit(now, unit, decimals)}.")
    diff = now - before
    if number(diff, decimals) in (number(0, decimals), number(-0.0, decimals)):
        return Change("No change", None, f"The same as in {previous_period} ({with_unit(now, unit, decimals)}).")
    word = "Up" if diff > 0 else "Down"
    return Change(word, None, f"{word} {difference(abs(diff), unit, decimals)} since {previous_period}, from "
                              f"{with_unit(before, unit, decimals)} to {with_unit(now, unit, decimals)} "
                              f"(no interval, so no significance claim).")


def cochran_armitage(events: Sequence[float], totals: Sequence[float],
                     times: Sequence[float] | None = None) -> tuple[float, int]:
    """χ² for trend in proportions and the sign of the trend (+1 rising, −1 falling, 0 flat)."""
    times = times or list(range(1, len(events) + 1))
    if len(events) != len(totals) or len(events) != len(times):
        raise ValueError("events, totals and times must be the same length")
    if any(r < 0 or n <= 0 or r > n for r, n in zip(events, totals, strict=True)):
        raise ValueError("each period needs 0 ≤ events ≤ total and a total above 0")
    big_r, big_n = sum(events), sum(totals)
    s_tr = sum(t * r for t, r in zip(times, events, strict=True))
    s_tn = sum(t * n for t, n in zip(times, totals, strict=True))
    s_ttn = sum(t * t * n for t, n in zip(times, totals, strict=True))
    spread = big_n * s_ttn - s_tn ** 2
    if big_r == 0 or big_r == big_n or spread <= 0:
        raise ValueError("no variation to test: every period has no events, or every one is an event")
    numerator = big_n * s_tr - big_r * s_tn
    chi2 = big_n * numerator ** 2 / (big_r * (big_n - big_r) * spread)
    return chi2, (numerator > 0) - (numerator < 0)


def weighted_slope(values: Sequence[float], ses: Sequence[float],
                   times: Sequence[float] | None = None) -> tuple[float, float]:
    """Weighted least-squares slope (w = 1/SE²) and its χ² = (slope / SE(slope))²."""
    times = times or list(range(1, len(values) + 1))
    if any(se is None or se <= 0 for se in ses):
        raise ValueError("each point needs a standard error above 0")
    weights = [1 / se ** 2 for se in ses]
    total = sum(weights)
    t_bar = sum(w * t for w, t in zip(weights, times, strict=True)) / total
    y_bar = sum(w * y for w, y in zip(weights, values, strict=True)) / total
    sxx = sum(w * (t - t_bar) ** 2 for w, t in zip(weights, times, strict=True))
    sxy = sum(w * (t - t_bar) * (y - y_bar) for w, t, y in zip(weights, times, values, strict=True))
    slope = sxy / sxx
    return slope, slope ** 2 * sxx  # SE(slope)² = 1 / sxx


def mann_kendall(values: Sequence[float]) -> tuple[int, float]:
    """Mann–Kendall's S (Σ sign(xⱼ − xᵢ) over every pair i < j) and its exact two-sided p, from every ordering of n
    distinct values being equally likely (n ≤ 8: 40,320 orderings at most)."""
    n = len(values)
    if not 3 <= n <= 8:
        raise ValueError(f"the exact Mann–Kendall test here takes 3 to 8 values; got {n}")
    s = _kendall_s(values)
    spread = _null_spread(n)
    return s, sum(x >= abs(s) for x in spread) / len(spread)


def _kendall_s(xs: Sequence[float]) -> int:
    n = len(xs)
    return sum((xs[j] > xs[i]) - (xs[j] < xs[i]) for i in range(n) for j in range(i + 1, n))


@functools.lru_cache(maxsize=8)
def _null_spread(n: int) -> tuple[int, ...]:
    """|S| for every ordering of n distinct values."""
    return tuple(abs(_kendall_s(order)) for order in itertools.permutations(range(n)))


MK_ALPHA = 0.05


def mann_kendall_trend(values: Sequence[float], periods: Sequence[str], polarity: str) -> Trend:
    """METHODS.md: values without intervals. With five values p < 0.05 only when all four steps go the same way."""
    s, p = mann_kendall(values)
    method = "Mann–Kendall test (no intervals published)"
    span = f"{periods[0]} to {periods[-1]}"
    steps = len(values) - 1
    if p < MK_ALPHA and s != 0:
        up = s > 0
        direction = "increasing" if up else "decreasing"
        verdict = _better(up, polarity)
        tail = f", {verdict}" if verdict else ""
        return Trend(direction, verdict, method, None,
                     f"{'Rose' if up else 'Fell'} in each of the last {steps} years ({span}){tail}: no intervals "
                     f"published, so judged by the Mann–Kendall rule (S = {s}, p = {p:.3f}).")
    return Trend("no consistent trend", "", method, None,
                 f"No consistent trend from {span}: the value did not rise, or fall, in each of the last {steps} "
                 f"years (Mann–Kendall S = {s}, p = {p:.3f}; no intervals published).")


def recent_trend(points: list[dict], polarity: str, *, proportion: bool, periods: Sequence[str] = ()) -> Trend:
    """The trend over the last five consecutive periods (oldest first; `periods` names them).

    Proportions with counts use Cochran–Armitage; other measures with intervals a weighted least-squares slope
    (SE = (upper − lower) / 3.92): significant when χ² > 9.5495 and the slope keeps its sign whichever single point
    is dropped. Values without counts or intervals use the Mann–Kendall rule.
    """
    if len(points) != TREND_POINTS or any(p.get("value") is None for p in points):
        missing = [name for name, p in zip(periods, points, strict=False) if p.get("value") is None]
        which = f" (no value for {', '.join(missing)})" if missing else ""
        return Trend("cannot be calculated", "", "", None, f"A trend needs values for five years in a row{which}.")
    times = list(range(1, TREND_POINTS + 1))
    counted = proportion and all(p.get("numerator") is not None and p.get("denominator") for p in points)
    try:
        if counted:
            method = "Cochran–Armitage test for trend"
            r = [p["numerator"] for p in points]
            n = [p["denominator"] for p in points]
            chi2, sign = cochran_armitage(r, n, times)
            drop_signs = [cochran_armitage(r[:i] + r[i + 1:], n[:i] + n[i + 1:], times[:i] + times[i + 1:])[1]
                          for i in range(TREND_POINTS)]
        elif all(p.get("lower") is not None and p.get("upper") is not None for p in points):
            method = "weighted least-squares slope"
            y = [p["value"] for p in points]
            se = [(p["upper"] - p["lower"]) / 3.92 for p in points]
            slope, chi2 = weighted_slope(y, se, times)
            sign = (slope > 0) - (slope < 0)
            drop_signs = []
            for i in range(TREND_POINTS):
                s, _ = weighted_slope(y[:i] + y[i + 1:], se[:i] + se[i + 1:], times[:i] + times[i + 1:])
                drop_signs.append((s > 0) - (s < 0))
        else:
            return mann_kendall_trend([p["value"] for p in points],
                                      periods or [f"period {t}" for t in times], polarity)
    except (ValueError, ZeroDivisionError) as why:
        return Trend("cannot be calculated", "", "", None, f"The trend cannot be calculated: {why}.")
    if chi2 > CHI2_THRESHOLD and sign != 0 and all(s == sign for s in drop_signs):
        direction = "increasing" if sign > 0 else "decreasing"
        verdict = _better(sign > 0, polarity)
        tail = f", {verdict}" if verdict else ""
        return Trend(direction, verdict, method, chi2,
                     f"Significantly {direction}{tail} over the last five periods ({method}, χ² = {chi2:.2f}).")
    return Trend("no significant change", "", method, chi2,
                 f"No significant change over the last five periods ({method}, χ² = {chi2:.2f}).")


def is_red_red(rating: Rating, trend: Trend) -> bool:
    """Rated worse than the benchmark (significantly worse, or in the worst quartile) and getting worse by the trend
    rule: first on a director's list."""
    return rating.colour == "red" and trend.verdict == "getting worse"


BANDS = ((0.5, "broadly similar to"), (1.5, "slightly {} than"), (3.0, "{} than"), (math.inf, "much {} than"))


def narrative(value: float | None, group: list[float] | GroupSummary, polarity: str, *, area: str, comparator: str,
              period: str, unit: str = "", decimals: int = 1, centre: float | None = None) -> str | None:
    """One sentence placing a value against the comparator in MAD bands (the group's median absolute deviation);
    None when there is nothing to say. `centre`: the comparison's one benchmark value (the rating's: a published or
    pooled value, or a median without the council), named as `comparator`; without it, the group's median."""
    summary = group if isinstance(group, GroupSummary) else summarise(group)
    median, mad = (summary.median if centre is None else centre), summary.mad
    if value is None or summary.n < MIN_COMPARATORS or median is None or not mad:
        return None
    s = (value - median) / mad
    if polarity == "no_judgement":
        word = "higher" if s > 0 else "lower"
    else:
        word = "better" if (s > 0) == (polarity == "higher_better") else "worse"
    band = next(text for limit, text in BANDS if abs(s) < limit).format(word)
    against = f"the median of {comparator}" if centre is None else comparator
    return (f"In {period}, {area} ({with_unit(value, unit, decimals)}) was {band} {against} "
            f"({with_unit(median, unit, decimals)}).")
