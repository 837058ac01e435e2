"""The funnel plot on a measure's page (METHODS.md, "Spread between councils"): England's councils, each value
against its denominator, with the limits chance allows a council of that size, and wider limits where councils
differ more than chance explains. It answers "is this colour about size?"."""

from __future__ import annotations

import math
from dataclasses import dataclass

from analysis.formatting import number, with_unit
from analysis.funnel import limits, outside
from data.catalogue import Measure
from data.read_api import ReadAPI
from data.spread import FunnelData

# The key under every funnel, and beside the colours on the overview (issue 25).
SIZE_NOTE = ("A colour can reflect a council's size as much as its performance: where thousands of people are "
             "counted, a small difference is “significant”. And with a dozen measures per council, one or two "
             "colours will differ from the benchmark by chance alone.")
STEPS = 60  # points along each limit line
SIZE_WORDS = {"wilson": "People counted (the denominator, log scale)",
              "byar": "Population the rate is counted in (the denominator, log scale)"}
SHORT_SIZE_WORDS = {"wilson": "People counted (log scale)", "byar": "Population (log scale)"}


@dataclass(frozen=True)
class FunnelPoint:
    code: str
    name: str
    in_region: bool               # a North West council (marked on the plot)
    value: float
    size: float                   # the x axis: the denominator, or the precision
    place: str                    # "inside the 95% limits", "above the 99.8% limits", …
    outside_wider: bool | None    # outside the limits allowing for variation between councils (None: not drawn)


@dataclass(frozen=True)
class LimitLine:
    key: str                      # "95", "99.8", "wider"
    name: str
    sizes: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]


@dataclass(frozen=True)
class Funnel:
    measure: Measure
    period: str
    periods: tuple[str, ...]      # every year with a funnel, oldest first
    title: str
    target: float | None
    target_text: str              # "England 498.2 per 100,000"
    size_title: str               # the x axis's title
    points: tuple[FunnelPoint, ...]
    lines: tuple[LimitLine, ...]
    selected: str | None
    summary: str                  # how many are outside which limits, against what chance gives
    spread_words: str             # whether the councils are over-dispersed, and what the wider limits are
    source: str
    empty: str | None             # why there is no funnel for this year, in words

    @property
    def size_short(self) -> str:
        """The x axis's title on a phone."""
        if self.size_title.startswith("Precision"):
            return "Precision (log scale)"
        return SHORT_SIZE_WORDS.get(self.measure.interval_method, "Denominator (log scale)")

    @property
    def region_rows(self) -> tuple[FunnelPoint, ...]:
        return tuple(sorted((p for p in self.points if p.in_region), key=lambda p: p.name))


def funnel_years(api: ReadAPI, m: Measure) -> tuple[str, ...]:
    """The years in which the measure is rated by significance (a funnel needs counts or intervals)."""
    if m.rating_method != "significance" or m.is_categorical:
        return ()
    rated = api.ratings(comparator="england", measure=m.id)
    return tuple(sorted({r.period for r in rated if r.method == "significance"}))


def _place(value: float, target: float, error: float) -> str:
    for level in (99.8, 95.0):
        low, high = limits(target, error, level)
        if value > high:
            return f"above the {number(level, 1 if level % 1 else 0)}% limits"
        if value < low:
            return f"below the {number(level, 1 if level % 1 else 0)}% limits"
    return "inside the 95% limits"


def _line(key: str, name: str, data: FunnelData, sizes: list[float], level: float, tau2: float,
          m: Measure) -> LimitLine:
    bounds = [limits(data.target, data.scale / math.sqrt(x), level, tau2) for x in sizes]
    top = m.multiplier if m.unit == "%" else math.inf  # a percentage stays within 0–100
    return LimitLine(key, name, tuple(sizes), tuple(max(0.0, lo) if m.unit == "%" else lo for lo, _ in bounds),
                     tuple(min(top, hi) for _, hi in bounds))


def build(api: ReadAPI, m: Measure, period: str | None, selected: str | None) -> Funnel:
    """The funnel for a year (the newest with one when `period` is None or has none) with a council named."""
    years = funnel_years(api, m)
    period = period if period in years else (years[-1] if years else "")
    data = api.funnel(m.id, period) if period else None
    title = f"{m.short_name}, {period}: England's councils against their size" if period else m.short_name
    if data is None:
        why = (f"{m.short_name} is not rated by significance in any year the scorecard holds (a funnel plot needs each "
               "council's counts or confidence interval)." if m.rating_method == "significance" else
               f"{m.short_name} is rated by {m.method_words.lower()}, not by significance, so there is no funnel plot.")
        return Funnel(m, period, years, title, None, "", "", (), (), selected, "", "", "", why)
    areas = api.areas()
    region = {c["code"] for c in api.region_councils()}
    wider = data.spread.tau2 if data.spread and data.spread.over_dispersed else None
    points = tuple(FunnelPoint(code, areas.get(code, {}).get("name", code), code in region, value, size,
                               _place(value, data.target, error),
                               None if wider is None else outside(value, data.target, error, wider))
                   for code, value, size, error in data.points)
    low, high = min(p.size for p in points), max(p.size for p in points)
    sizes = [low * 0.9 * ((high * 1.1) / (low * 0.9)) ** (i / (STEPS - 1)) for i in range(STEPS)]
    lines = [_line("95", "95% limits", data, sizes, 95.0, 0.0, m),
             _line("99.8", "99.8% limits", data, sizes, 99.8, 0.0, m)]
    if wider is not None:
        lines.append(_line("wider", "95% limits allowing for variation between councils", data, sizes, 95.0, wider, m))
    return Funnel(m, period, years, title, data.target, f"England {with_unit(data.target, m.unit, m.decimals + 1)}",
                  SIZE_WORDS.get(m.interval_method, "Denominator (log scale)") if data.by_denominator else
                  "Precision of the council's value (1 ÷ standard error², log scale)",
                  points, tuple(lines), selected if selected in {p.code for p in points} else None,
                  _summary(points, data), _spread_words(data, points), _source(api, m, period, data), None)


def _summary(points: tuple[FunnelPoint, ...], data: FunnelData) -> str:
    n = len(points)
    outside95 = sum(not p.place.startswith("inside") for p in points)
    outside998 = sum("99.8" in p.place for p in points)
    left = f" {data.left_out} councils with a value but no counts are not drawn." if data.left_out else ""
    return (f"Of England's {n} councils drawn, {outside95} are outside the 95% limits and {outside998} outside the "
            f"99.8% limits; chance alone would put about {round(0.05 * n)} and {round(0.002 * n)} there.{left}")


def _spread_words(data: FunnelData, points: tuple[FunnelPoint, ...]) -> str:
    s = data.spread
    if s is None:
        return "Too few councils to judge how much they differ beyond chance."
    if not s.over_dispersed:
        return (f"The councils differ no more than chance explains (φ = {s.phi:.2f}, not above {s.threshold:.2f}), so "
                "the 95% and 99.8% limits are the ones to read.")
    beyond = sum(bool(p.outside_wider) for p in points)
    return (f"The councils differ far more than chance explains (φ = {s.phi:.1f}, above {s.threshold:.2f}): much of "
            "what separates them is not size but the usual variation between councils. The dotted wider limits allow "
            f"for it; {beyond} of {len(points)} councils are outside them, unusual even allowing for it.")


def _source(api: ReadAPI, m: Measure, period: str, data: FunnelData) -> str:
    sources = {r.value_release_id for r in api.ratings(comparator="england", period=period, measure=m.id)}
    named = {r["id"]: f"{r['source']} ({r['publisher']})" for r in api.releases()}
    words = "; ".join(sorted({named[i] for i in sources if i in named}))
    return f"Source: {words}. England's value from its published counts." if words else ""

