"""Figure builders: plain dicts from plain rows, one theme (layouts/theme.py, docs/chart-theme.md), no
plotly.express (DESIGN.md); and what the charts drawn in HTML share with them (layouts/ranked_chart.py,
layouts/spine_chart.py): fitted axes, their titles, the order of a ranking and a rating's words.

Every label has a place of its own, so none can sit on a mark or another label: the title and source in bands
above and below the plot, and line labels in the right margin, spaced apart from each other. Axes are fitted to
the data and say so when they do not start at zero. `narrow` lays a chart out for a phone (long labels wrapped
onto two lines, fewer period labels).
"""

from __future__ import annotations

import math

from markupsafe import Markup

from analysis.formatting import with_unit
from analysis.vocabulary import RATING_COLOURS
from layouts.theme import (
    BENCHMARK,
    INK,
    LABEL_SIZE,
    LINE_HEIGHT,
    MUTED,
    SERIES,
    SERIES_DASH,
    SERIES_SYMBOL,
    base_layout,
    wrap,
)

# Collections expected every year: a year without a value is a gap in the line, labelled. The others (the carers'
# survey every other year, CQC assessments, elections) come when they come, so their points are joined.
YEARLY_COLLECTIONS = ("annual", "users_survey")
UNIT_WORDS = {"%": "Per cent", "score": "Score", "per 100,000": "Per 100,000", "per 100": "Per 100",
              "£ per head": "£ per head", "£ per client": "£ per client",
              "£ per hour": "£ per hour", "£ per week": "£ per week", "days": "Days"}


# ------------------------------------------------------------------ axes and labels shared by every chart
def fitted_range(values, pad: float = 0.08) -> tuple[float, float, bool]:
    """An axis that shows the differences: fitted to the values with a margin, so 18–20 is not lost on 0–25.
    Zero is kept when the values come within half their spread of it (the axis would barely change, and zero keeps
    the picture honest). Returns (low, high, starts at zero)."""
    found = [v for v in values if v is not None and math.isfinite(v)]
    if not found:
        return 0.0, 1.0, True
    low, high = min(found), max(found)
    spread = (high - low) or abs(high) * 0.1 or 1.0
    if 0 <= low <= spread * 0.5:
        return 0.0, high + spread * pad, True
    if 0 >= high >= -spread * 0.5:
        return low - spread * pad, 0.0, True
    return low - spread * pad, high + spread * pad, False


def axis_title(measure, from_zero: bool, low: float, narrow: bool = False) -> str:
    """The unit (a score with its scale: "Score out of 24"), and a warning when the axis is cut: "Per cent (the axis
    starts at 15, not zero)"; `narrow` (a phone's upright axis, 300 px tall): "Per cent (axis from 15)"."""
    words = " ".join(w for w in (UNIT_WORDS.get(measure.unit, measure.unit.capitalize()), measure.scale) if w)
    if from_zero:
        return words
    return f"{words} (axis from {low:,.3g})" if narrow else f"{words} (the axis starts at {low:,.3g}, not zero)"


def upright_title(measure, from_zero: bool, low: float, narrow: bool) -> str:
    """A plotly chart's y-axis title, which stands beside a plot about 300 px tall: over 36 characters, the part in
    brackets goes on a second line ("Score out of 24<br>(the axis starts at 17.8, not zero)")."""
    text = axis_title(measure, from_zero, low, narrow)
    return text.replace(" (", "<br>(", 1) if len(text) > 36 else text


def _lines(text: str, narrow: bool, width: int = 15) -> str:
    """A label on one line, or on two when narrow and long."""
    return "<br>".join(wrap(text, width)) if narrow and len(text) > width else text


def rating_label(colour: str, rating: str) -> str:
    """The rating column's text: icon and word, as the badges write them (the HTML charts wrap it themselves)."""
    return f"{RATING_COLOURS[colour].icon} {rating}"


# ------------------------------------------------------------------ ranked comparison (dot and whisker)
def nice_ticks(low: float, high: float, most: int = 9) -> list[float]:
    """Round values inside [low, high] for the axis, at most `most` of them (a step of 1, 2, 2.5 or 5 × 10^k)."""
    span = high - low
    if not (span > 0 and math.isfinite(span)):
        return [low]
    raw_step = span / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw_step))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw_step)
    first = math.ceil(low / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def tick_text(value: float, ticks: list[float]) -> str:
    """A tick's value with as many decimals as the step between ticks needs (250 none, 2.5 one, 0.25 two)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    while abs(round(step, decimals) - step) > step * 1e-6 and decimals < 6:
        decimals += 1
    return f"{value:,.{decimals}f}"


# Each rating's marker as the plotly charts and their keys draw it: circle, diamond, square, hexagon, circle-x.
SHAPES = {
    "circle": '<circle r="7"/>',
    "diamond": '<path d="M0-8.5 8.5 0 0 8.5-8.5 0Z"/>',
    "square": '<rect x="-6.5" y="-6.5" width="13" height="13"/>',
    "hexagon": '<path d="M0-8 7 -4 7 4 0 8-7 4-7-4Z"/>',
    "circle-x": '<circle r="7"/><path d="M-4.5-4.5 4.5 4.5M-4.5 4.5 4.5-4.5" fill="none"/>',
}
REGION = '<path d="M0-6.5 7 6-7 6Z"/>'  # the North West: a triangle


def marker_svg(shape: str, fill: str, stroke_width: float) -> Markup:
    """A rating's (or the region's) marker as a small SVG, outlined in the benchmark's ink: spine and ranked charts."""
    return Markup(f'<svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false"><g fill="{fill}" '
                  f'stroke="{BENCHMARK}" stroke-width="{stroke_width}">{shape}</g></svg>')


def ranked_order(rows) -> list:
    """Councils with a value, highest first, then the councils without one, by name."""
    valued = sorted((r for r in rows if r.record.value is not None), key=lambda r: -r.record.value)
    return valued + sorted((r for r in rows if r.record.value is None), key=lambda r: r.name)


# ------------------------------------------------------------------ over time
def period_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def _year(period: str) -> int:
    return int(period[:4])


def spaced(wanted: list[float], gaps: list[float], low: float, high: float) -> list[float]:
    """Label positions (in pixels, bottom up) as near `wanted` as they can be while each pair of neighbours is at
    least its gap apart, inside [low, high]. `wanted` is sorted; gaps[i] separates label i from label i + 1."""
    placed = list(wanted)
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gaps[i - 1])
    if placed and placed[-1] > high:
        placed[-1] = high
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gaps[i])
    if placed and placed[0] < low:
        placed[0] = low
        for i in range(1, len(placed)):
            placed[i] = max(placed[i], placed[i - 1] + gaps[i - 1])
    return placed


TREND_PLOT_PX = 300


def trend_lines(series, measure, *, title: str, source: str, narrow: bool = False, targets=(),
                target_name: str = "Target", quarterly=(), quarterly_name: str = "") -> dict:
    """Values over time for the chosen council, the region, England and the nearest neighbours' median, on a true
    time axis (a missing year is a labelled gap), with the value at each line's end written beside it instead of
    a legend. Each series is a page_models.trend_model.Series (key, name, points of (period, value, lower,
    upper)). `targets` (data.targets.TargetShown): the council's own, each an open diamond in the year it is due
    (a range: a bar from its low end to its high end) with its words beside it; the axis runs on to the latest.
    `quarterly`: the council's provisional quarterly returns, (period, value) pairs, drawn as such: a dotted line of
    open circles, each quarter at its place in its year."""
    drawn = [s for s in series if any(p[1] is not None for p in s.points)]
    years = sorted({_year(p[0]) for s in drawn for p in s.points if p[1] is not None})
    due = sorted({_year(t.period) for t in targets} | {_year(p) for p, v in quarterly if v is not None})
    first, last = min([years[0], *due]), max([years[-1], *due])
    span = list(range(first, last + 1))
    yearly = measure.collection in YEARLY_COLLECTIONS
    # A change of definition (METHODS.md) splits every line in two there, marked, so no line joins the two.
    breaks = [b for b in (_year(p) for p, _ in measure.definition_breaks) if first < b <= last]
    pieces = [[y for y in span if lo <= y < hi] for lo, hi in zip([first, *breaks], [*breaks, last + 1], strict=True)]
    traces, ends = [], []
    for s in drawn:
        by_year = {_year(p[0]): p for p in s.points if p[1] is not None}
        for i, piece in enumerate(pieces):
            trace = {"type": "scatter", "mode": "lines+markers", "name": s.name, "x": piece, "showlegend": i == 0,
                     "y": [by_year[y][1] if y in by_year else None for y in piece], "connectgaps": not yearly,
                     "line": {"color": SERIES[s.key], "width": 4 if s.key == "council" else 2.5,
                              "dash": SERIES_DASH[s.key]},
                     "marker": {"symbol": SERIES_SYMBOL[s.key], "size": 9, "color": SERIES[s.key]},
                     "hovertemplate": f"{s.name} %{{x}}: %{{y}}<extra></extra>"}
            if s.key == "council" and any(p[2] is not None for p in by_year.values()):
                trace["error_y"] = _error_bars(by_year, piece)
            traces.append(trace)
        end = max(by_year)
        ends.append((s, by_year[end][1], end))
    extent = [v for s in drawn for p in s.points for v in p[1:]] + [v for t in targets for v in (t.value, t.high)]
    extent += [v for _, v in quarterly]
    low, high, from_zero = fitted_range(extent)
    traces += _target_traces(targets, target_name, measure) + _quarter_traces(quarterly, quarterly_name)
    # A year no line has a value for is a labelled gap (nothing is drawn there for its label to sit on); a line
    # missing a year the others have simply breaks. Years after the newest value (a target's) are not gaps.
    missing = [y for y in span if y not in years and y < years[-1]] if yearly else []
    layout = base_layout(title, source, plot_height=TREND_PLOT_PX, narrow=narrow)
    # A phone's plot is 120-200 px wide between the axis and the end labels: three years at most, each on two lines
    # ("2017-" over "18"), so no two labels touch at 320 px.
    step = max(1, math.ceil(len(span) / (3 if narrow else 10)))
    ticks = span[::-1][::step][::-1]  # thinned from the latest year back, so the latest is always labelled
    labels = [period_label(y).replace("-", "-<br>", 1) if narrow else period_label(y) for y in ticks]
    layout.update({
        "xaxis": {"range": [first - 0.4, last + 0.4], "fixedrange": True, "tickmode": "array", "tickvals": ticks,
                  "ticktext": labels, "tickangle": 0, "showgrid": False,
                  "tickfont": {"size": LABEL_SIZE}, "showline": True, "linecolor": MUTED},
        "yaxis": {"fixedrange": True, "range": [low, high], "gridcolor": "#e5e6e7", "zeroline": from_zero,
                  "title": {"text": upright_title(measure, from_zero, low, narrow), "font": {"size": LABEL_SIZE}},
                  "automargin": True, "tickfont": {"size": LABEL_SIZE}},
        "shapes": [{"type": "rect", "xref": "x", "yref": "paper", "x0": y - 0.4, "x1": y + 0.4, "y0": 0, "y1": 1,
                    "fillcolor": "#f3f2f1", "line": {"width": 0}, "layer": "below"} for y in missing]
        + [{"type": "line", "xref": "x", "yref": "paper", "x0": b - 0.5, "x1": b - 0.5, "y0": 0, "y1": 1,
            "line": {"color": INK, "width": 2, "dash": "dot"}} for b in breaks],
    })
    notes = layout["annotations"]
    notes += [{"text": "definition<br>changed", "xref": "x", "yref": "paper", "x": b - 0.5, "y": 1, "yanchor": "top",
               "xanchor": "left", "xshift": 4, "showarrow": False, "align": "left",
               "font": {"size": LABEL_SIZE, "color": INK}} for b in breaks]
    notes += [{"text": f"no data<br>{period_label(y)}" if not narrow else "no<br>data", "xref": "x",
               "yref": "paper", "x": y, "y": 0.02, "yanchor": "bottom", "showarrow": False,
               "font": {"size": LABEL_SIZE, "color": MUTED}} for y in missing]
    notes += end_labels(ends, measure, low, high, narrow, targets, _quarter_label(quarterly, quarterly_name, measure))
    layout["margin"]["r"] = 12 + max(len(line) for note in notes if note.get("xref") == "paper" and note["x"] == 1
                                     for line in note["text"].split("<br>")) * LABEL_SIZE * 0.6
    return {"data": traces, "layout": layout}


TARGET_COLOUR = INK


def _target_traces(targets, name: str, measure) -> list[dict]:
    """The council's targets: an open diamond at each (the middle of a range, with a bar over the whole range)."""
    if not targets:
        return []
    middles = [t.value if t.high is None else (t.value + t.high) / 2 for t in targets]
    trace = {"type": "scatter", "mode": "markers", "name": name, "x": [_year(t.period) for t in targets],
             "y": middles, "marker": {"symbol": "diamond-open", "size": 16, "color": TARGET_COLOUR,
                                      "line": {"width": 3, "color": TARGET_COLOUR}},
             "hovertemplate": f"{name} %{{x}}<extra></extra>"}
    if any(t.high is not None for t in targets):
        half = [0 if t.high is None else (t.high - t.value) / 2 for t in targets]
        trace["error_y"] = {"type": "data", "array": half, "color": TARGET_COLOUR, "thickness": 3, "width": 10}
    return [trace]


def _quarter_x(period: str) -> float:
    """A quarter's place on the years' axis: each year's four quarters spread across it, around the year's mark."""
    return _year(period) + (int(period[-1]) - 2.5) / 4


def _quarter_traces(quarterly, name: str) -> list[dict]:
    points = [(p, v) for p, v in quarterly if v is not None]
    if not points:
        return []
    return [{"type": "scatter", "mode": "lines+markers", "name": name, "x": [_quarter_x(p) for p, _ in points],
             "y": [v for _, v in points], "line": {"color": SERIES["council"], "width": 2, "dash": "dot"},
             "marker": {"symbol": "circle-open", "size": 9, "color": SERIES["council"]},
             "hovertemplate": f"{name}<extra></extra>"}]


def _quarter_label(quarterly, name: str, measure) -> list[tuple[str, str, float]]:
    """The newest quarter's words for the margin: "Trafford, quarterly (provisional): 62.0% (2026-27 Q2)"."""
    points = [(p, v) for p, v in quarterly if v is not None]
    if not points:
        return []
    period, value = points[-1]
    return [(SERIES["council"], f"{name}: {with_unit(value, measure.unit, measure.decimals)} ({period})", value)]


def _error_bars(by_year: dict, years: list[int]) -> dict:
    """The council's confidence intervals as asymmetric error bars (0 where a year has none)."""
    return {"type": "data", "symmetric": False, "color": SERIES["council"], "thickness": 1.5,
            "array": [(by_year[y][3] - by_year[y][1]) if y in by_year and by_year[y][3] is not None else 0
                      for y in years],
            "arrayminus": [(by_year[y][1] - by_year[y][2]) if y in by_year and by_year[y][2] is not None else 0
                           for y in years]}


def end_labels(ends, measure, low: float, high: float, narrow: bool, targets=(), extra=()) -> list[dict]:
    """Each line's name and last value in the right margin, level with the line's end, and each target's words level
    with its diamond, moved apart just enough that no two overlap (positions in pixels from the font size)."""
    labels = []
    for s, value, year in ends:
        name = _lines(s.name, narrow, 14) if narrow else s.name
        when = "" if year == max(e[2] for e in ends) else f" ({period_label(year)})"
        labels.append((SERIES[s.key], f"{name}:<br>{with_unit(value, measure.unit, measure.decimals)}{when}"
                       if narrow else f"{name}: {with_unit(value, measure.unit, measure.decimals)}{when}", value))
    for t in targets:
        status = "no value yet" if t.colour == "grey" else t.status.lower()
        text = (f"Target {t.period}:<br>{_lines(t.aim, narrow, 14)}<br>{status}" if narrow
                else f"Target {t.period}: {t.aim}<br>{status}")
        labels.append((TARGET_COLOUR, text, t.value if t.high is None else (t.value + t.high) / 2))
    labels += [(colour, _lines(text, narrow, 14) if narrow else text, value) for colour, text, value in extra]
    to_px = TREND_PLOT_PX / ((high - low) or 1)
    labels.sort(key=lambda t: t[2])
    heights = [(t[1].count("<br>") + 1) * LABEL_SIZE * LINE_HEIGHT for t in labels]
    gaps = [(heights[i] + heights[i + 1]) / 2 for i in range(len(labels) - 1)]
    placed = spaced([(t[2] - low) * to_px for t in labels], gaps, heights[0] / 2 if heights else 0,
                    TREND_PLOT_PX - (heights[-1] / 2 if heights else 0))
    return [{"text": text, "xref": "paper", "yref": "y", "x": 1, "y": low + px / to_px, "xanchor": "left",
             "yanchor": "middle", "xshift": 8, "showarrow": False, "align": "left",
             "font": {"size": LABEL_SIZE, "color": colour}}
            for (colour, text, _), px in zip(labels, placed, strict=True)]
