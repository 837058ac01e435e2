"""The published account's pictures, drawn as static SVG in the app's theme (layouts/theme.py, layouts/figures.py):
the ranked comparison's marks, a measure's trend over time and a council's sparklines. No script, no plotly: each
picture is text in the page, scales with it and prints. Every picture has its words beside it (a caption that says
the finding and a table with the same numbers), so the SVGs are marked as images with a short name only.

Positions along a ranked track are percentages of its width (the row's name and rating are HTML text beside it, so
they wrap on a phone and keep their size); the trend is drawn in a fixed box of its own, once wide and once narrow,
and the page shows the one that fits (plain.css)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from analysis.formatting import with_unit
from analysis.vocabulary import RATING_COLOURS
from layouts.figures import REGION, SHAPES, axis_title, fitted_range, nice_ticks, period_label, spaced, tick_text
from layouts.theme import BENCHMARK, INK, MUTED, SERIES, SERIES_DASH, wrap

DASHES = {"solid": "", "dash": "8 5", "dot": "2 4", "dashdot": "8 4 2 4"}
LINE_SHAPES = {"council": SHAPES["circle"], "region": SHAPES["square"], "england": SHAPES["diamond"],
               "peers": REGION}


def _mark(shape: str, fill: str, x: str, y: str, stroke: float = 1.5, scale: float = 1.0) -> str:
    """A marker centred at (x, y): a nested SVG of no size that shows what overflows it, so `x` may be a per cent."""
    size = f' transform="scale({scale})"' if scale != 1 else ""
    return (f'<svg x="{x}" y="{y}" width="0" height="0" overflow="visible"><g fill="{fill}" stroke="{BENCHMARK}" '
            f'stroke-width="{stroke}"{size}>{shape}</g></svg>')


@dataclass(frozen=True)
class Scale:
    """A ranked chart's axis: fitted to the values and intervals, with round ticks."""

    low: float
    high: float
    from_zero: bool
    ticks: tuple[float, ...]

    def at(self, x: float | None) -> float:
        """A value's place along the track, in per cent of its width."""
        if x is None:
            return 0.0
        return max(0.0, min(100.0, (x - self.low) / ((self.high - self.low) or 1) * 100))

    def tick_labels(self) -> tuple[tuple[float, str], ...]:
        return tuple((self.at(t), tick_text(t, list(self.ticks))) for t in self.ticks)


def ranked_scale(chart) -> Scale:
    """The axis of a ranked chart (page_models.domain_model.RankedChart): every value, interval end, benchmark and
    quartile on it."""
    values = [v for r in chart.rows for v in (r.record.value, r.record.lower_ci, r.record.upper_ci)]
    values += [chart.benchmark_value, *(chart.quartiles or ())]
    low, high, from_zero = fitted_range(values)
    return Scale(low, high, from_zero, tuple(t for t in nice_ticks(low, high, 7) if low <= t <= high))


def track(r, scale: Scale, chart, highlighted: bool = False) -> Markup:
    """One council's row of the ranked chart: the middle half shaded, the benchmark dashed, the interval as a
    whisker and the value as the rating's marker (its shape says the rating as well as its colour)."""
    parts = []
    if chart.quartiles:
        q1, q3 = (scale.at(q) for q in chart.quartiles)
        parts.append(f'<rect x="{q1:.2f}%" y="0" width="{max(0.0, q3 - q1):.2f}%" height="100%" fill="#e8eaec"/>')
    if chart.benchmark_value is not None:
        b = scale.at(chart.benchmark_value)
        parts.append(f'<line x1="{b:.2f}%" x2="{b:.2f}%" y1="0" y2="100%" stroke="{BENCHMARK}" stroke-width="2" '
                     'stroke-dasharray="5 4"/>')
    own = r.record.comparator_value if chart.own_mark else None
    if own is not None:
        o = scale.at(own)
        parts.append(f'<line x1="{o:.2f}%" x2="{o:.2f}%" y1="15%" y2="85%" stroke="{INK}" stroke-width="3"/>')
    lower, upper = r.record.lower_ci, r.record.upper_ci
    if lower is not None and upper is not None:
        lo, hi = scale.at(lower), scale.at(upper)
        parts.append(f'<line x1="{lo:.2f}%" x2="{hi:.2f}%" y1="50%" y2="50%" stroke="{INK}" stroke-width="2"/>')
        parts += [f'<line x1="{x:.2f}%" x2="{x:.2f}%" y1="30%" y2="70%" stroke="{INK}" stroke-width="2"/>'
                  for x in (lo, hi)]
    if r.record.value is not None:
        style = RATING_COLOURS[r.record.colour]
        parts.append(_mark(SHAPES[style.symbol], style.fill, f"{scale.at(r.record.value):.2f}%", "50%",
                           2.5 if highlighted else 1.5, 1.2 if highlighted else 1.0))
    return Markup('<svg class="rk-track" width="100%" height="26" aria-hidden="true" focusable="false">'
                  + "".join(parts) + "</svg>")


def axis(scale: Scale) -> Markup:
    """The ranked chart's axis values, placed along the track as its marks are."""
    labels = []
    for where, text in scale.tick_labels():
        anchor = "start" if where < 4 else "end" if where > 96 else "middle"
        labels.append(f'<line x1="{where:.2f}%" x2="{where:.2f}%" y1="0" y2="6" stroke="{MUTED}"/>'
                      f'<text x="{where:.2f}%" y="22" text-anchor="{anchor}" fill="{INK}">{escape(text)}</text>')
    return Markup('<svg class="rk-axis" width="100%" height="28" aria-hidden="true" focusable="false">'
                  + "".join(labels) + "</svg>")


def axis_words(measure, scale: Scale) -> str:
    return axis_title(measure, scale.from_zero, scale.low)


def marker(colour: str) -> Markup:
    """A rating's marker on its own (the key under a chart)."""
    style = RATING_COLOURS[colour]
    return Markup(f'<svg class="rk-key" width="20" height="20" viewBox="-10 -10 20 20" aria-hidden="true" '
                  f'focusable="false"><g fill="{style.fill}" stroke="{BENCHMARK}" stroke-width="1.5">'
                  f'{SHAPES[style.symbol]}</g></svg>')


# ------------------------------------------------------------------ a measure over time
def _year(period: str) -> int:
    return int(period[:4])


def trend(chart, measure, *, width: int, height: int = 300, label: str = "") -> Markup:
    """A measure's lines over the years (page_models.trend_model.TrendChart: the North West, England and, where a
    council is named, its line with its intervals), in a box `width` × `height` px: years along the bottom, a year
    without a value a gap, each line labelled at its end with its name and newest value."""
    series = [s for s in chart.series if any(v is not None for _, v, _, _ in s.points)]
    years = sorted({_year(p) for s in series for p, v, _, _ in s.points if v is not None and len(p) == 7})
    if not years:
        return Markup("")
    values = [x for s in series for _, v, lo, hi in s.points for x in (v, lo, hi)]
    low, high, from_zero = fitted_range(values)
    ticks = [t for t in nice_ticks(low, high, 6) if low <= t <= high]
    font = 14 if width >= 600 else 13
    right = 190 if width >= 600 else 135
    left, top, bottom = 8 + font * 4, 34, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = years[0], years[-1]

    def x(year: float) -> float:
        return left + (plot_w / 2 if last == first else (year - first) / (last - first) * plot_w)

    def y(value: float) -> float:
        return top + (1 - (value - low) / ((high - low) or 1)) * plot_h

    out = [f'<text x="{left}" y="18" fill="{MUTED}">{escape(axis_title(measure, from_zero, low, width < 600))}'
           "</text>"]
    for t in ticks:
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#dfe1e3"/>'
                   f'<text x="{left - 6}" y="{y(t) + 5:.1f}" text-anchor="end" fill="{INK}">'
                   f"{escape(tick_text(t, ticks))}</text>")
    per_year = plot_w / max(1, last - first)
    step = max(1, math.ceil((7 * font * 0.62 + 10) / per_year))  # a year's label is 7 characters wide
    for year in range(last, first - 1, -step):  # the newest year is always labelled
        out.append(f'<text x="{x(year):.1f}" y="{top + plot_h + 22}" text-anchor="middle" fill="{INK}">'
                   f"{period_label(year)}</text>")
    ends = []
    for s in series:
        colour, dash = SERIES[s.key], DASHES[SERIES_DASH[s.key]]
        points = {_year(p): (v, lo, hi) for p, v, lo, hi in s.points if len(p) == 7}
        run: list[str] = []
        runs = []
        for year in range(first, last + 1):
            v = points.get(year, (None, None, None))[0]
            if v is None:
                runs.append(run)
                run = []
            else:
                run.append(f"{x(year):.1f},{y(v):.1f}")
        runs.append(run)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        out += [f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" stroke-width="2.5"{dashed}/>'
                for r in runs if len(r) > 1]
        for year, (v, lo, hi) in sorted(points.items()):
            if v is None:
                continue
            if lo is not None and hi is not None:
                out.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{y(hi):.1f}" y2="{y(lo):.1f}" '
                           f'stroke="{colour}" stroke-width="1.5"/>')
            out.append(_mark(LINE_SHAPES[s.key], "#ffffff", f"{x(year):.1f}", f"{y(v):.1f}", 2, 0.7))
        newest = max((yr for yr, (v, _, _) in points.items() if v is not None), default=None)
        if newest is not None:
            ends.append((y(points[newest][0]), s, points[newest][0], colour))
    ends.sort(key=lambda e: -e[0])
    fits = int((right - 10) / (font * 0.68))  # characters of a bold label that fit the margin
    words = [[*wrap(s.name, fits), with_unit(value, measure.unit, measure.decimals)] for _, s, value, _ in ends]
    line = font * 1.2
    gaps = [(len(a) + len(b)) / 2 * line + 4 for a, b in zip(words, words[1:], strict=False)]
    placed = spaced([height - e[0] for e in ends], gaps, bottom / 2, height - 8)
    for (_, _, _, colour), lines, at in zip(ends, words, placed, strict=True):  # the name, then the newest value
        y0 = height - at + 5 - (len(lines) - 1) * line / 2
        weights = [""] * (len(lines) - 1) + [' font-weight="400"']
        spans = "".join(f'<tspan x="{left + plot_w + 8}" dy="{0 if i == 0 else line:.1f}"{weights[i]}>'
                        f"{escape(text)}</tspan>" for i, text in enumerate(lines))
        out.append(f'<text y="{y0:.1f}" fill="{colour}" font-weight="600">{spans}</text>')
    name = escape(label or chart.title)
    return Markup(f'<svg class="trend-svg" viewBox="0 0 {width} {height}" role="img" aria-label="{name}" '
                  f'font-size="{font}" font-family="system-ui, Arial, sans-serif">' + "".join(out) + "</svg>")


def sparkline(history: tuple[tuple[str, float | None], ...]) -> Markup:
    """A council's values over the years as a small line (its first and last values are written beside it)."""
    points = [(i, v) for i, (_, v) in enumerate(history) if v is not None]
    if len(points) < 2:
        return Markup("")
    low, high = min(v for _, v in points), max(v for _, v in points)
    n = max(1, len(history) - 1)

    def at(i: int, v: float) -> str:
        return f"{2 + i / n * 76:.1f},{18 - (v - low) / ((high - low) or 1) * 14:.1f}"
    line = " ".join(at(i, v) for i, v in points)
    i, v = points[-1]
    x_, y_ = at(i, v).split(",")
    return Markup(f'<svg class="spark" width="80" height="22" aria-hidden="true" focusable="false"><polyline '
                  f'points="{line}" fill="none" stroke="{SERIES["council"]}" stroke-width="1.5"/>'
                  f'<circle cx="{x_}" cy="{y_}" r="2.5" fill="{SERIES["council"]}"/></svg>')
