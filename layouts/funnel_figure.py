"""The funnel plot (page_models.funnel_model.Funnel) as a plotly dict: England's councils as small grey dots, the
North West's as larger diamonds, the named council as a star with its name; England's value a labelled line; the
95% and 99.8% limits and, where drawn, the wider limits allowing for variation between councils, each labelled at
the funnel's wide end, where the lines are furthest apart. The page's key repeats every mark in words."""

from __future__ import annotations

import math

from analysis.formatting import with_unit
from layouts.figures import fitted_range, upright_title
from layouts.theme import BENCHMARK, INK, LABEL_SIZE, MUTED, base_layout

PLOT_PX = 420
LINE_STYLE = {"95": {"color": "#1d3557", "width": 2, "dash": "dash"},
              "99.8": {"color": "#1d3557", "width": 2, "dash": "solid"},
              "wider": {"color": "#8f4e00", "width": 3, "dash": "dot"}}
LINE_LABEL = {"95": "95%", "99.8": "99.8%", "wider": "wider 95%"}
LABEL_AT = {"99.8": 0.12, "95": 0.45, "wider": 0.85}  # how far along the axis each line's label sits
REGION_MARK = {"symbol": "diamond", "size": 12, "color": "#6f3b91", "line": {"color": "#ffffff", "width": 1}}
SELECTED_MARK = {"symbol": "star", "size": 20, "color": "#ffdd00", "line": {"color": INK, "width": 2}}


def _points(points, name: str, marker: dict, measure) -> dict:
    return {"type": "scatter", "mode": "markers", "name": name, "x": [p.size for p in points],
            "y": [p.value for p in points], "marker": marker, "cliponaxis": False,
            "text": [f"{p.name}: {with_unit(p.value, measure.unit, measure.decimals)}, {p.place}" for p in points],
            "hovertemplate": "%{text}<extra></extra>"}


def funnel_figure(funnel, narrow: bool = False) -> dict:
    m = funnel.measure
    data = []
    for line in funnel.lines:
        for bound in (line.lower, line.upper):
            data.append({"type": "scatter", "mode": "lines", "name": line.name, "x": list(line.sizes),
                         "y": list(bound), "line": LINE_STYLE[line.key], "hoverinfo": "skip"})
    others = [p for p in funnel.points if not p.in_region]
    region = [p for p in funnel.points if p.in_region and p.code != funnel.selected]
    chosen = [p for p in funnel.points if p.code == funnel.selected]
    data += [_points(others, "England's councils", {"symbol": "circle", "size": 7, "color": "#b1b4b6",
                                                     "line": {"color": MUTED, "width": 1}}, m),
             _points(region, "North West councils", REGION_MARK, m)]
    if chosen:
        data.append(_points(chosen, chosen[0].name, SELECTED_MARK, m))
    low, high, from_zero = fitted_range([p.value for p in funnel.points] + [funnel.target])
    layout = base_layout(funnel.title, funnel.source, plot_height=PLOT_PX, narrow=narrow)
    layout.update({
        "xaxis": {"type": "log",
                  "title": {"text": funnel.size_short if narrow else funnel.size_title, "font": {"size": LABEL_SIZE}},
                  "fixedrange": True, **_log_ticks([p.size for p in funnel.points], narrow), "showline": True,
                  "linecolor": MUTED, "gridcolor": "#e5e6e7",
                  "tickfont": {"size": LABEL_SIZE}},
        "yaxis": {"range": [low, high], "fixedrange": True, "zeroline": from_zero, "gridcolor": "#e5e6e7",
                  "title": {"text": upright_title(m, from_zero, low, narrow), "font": {"size": LABEL_SIZE}},
                  "automargin": True, "tickfont": {"size": LABEL_SIZE}},
        "shapes": [{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": funnel.target,
                    "y1": funnel.target, "line": {"color": BENCHMARK, "width": 2.5}}],
    })
    notes = layout["annotations"]
    # England's label at the funnel's narrow-numbers end, where no council sits near England's value
    notes.append({"text": f"<b>{funnel.target_text}</b>", "xref": "paper", "yref": "y", "x": 0, "y": funnel.target,
                  "xanchor": "left", "yanchor": "bottom", "showarrow": False, "bgcolor": "rgba(255,255,255,0.85)",
                  "font": {"size": LABEL_SIZE, "color": BENCHMARK}})
    # Each line's label above its upper limit, at its own place along the axis, so none collide; on a phone the
    # councils fill the plot, so the key below it names the lines instead.
    for line in () if narrow else funnel.lines:
        share = LABEL_AT[line.key]
        at = int(share * (len(line.sizes) - 1))
        y = line.upper[at]
        if low <= y <= high:
            notes.append({"text": LINE_LABEL[line.key], "x": _log(line.sizes[at]), "y": y, "xref": "x", "yref": "y",
                          "xanchor": "left" if share < 0.3 else "right" if share > 0.7 else "center",
                          "yanchor": "bottom", "showarrow": False,
                          "font": {"size": LABEL_SIZE, "color": LINE_STYLE[line.key]["color"]},
                          "bgcolor": "rgba(255,255,255,0.85)"})
    for p in chosen:
        notes.append({"text": f"<b>{p.name}</b>", "x": _log(p.size), "y": p.value, "xref": "x", "yref": "y",
                      "ax": 0, "ay": -34 if p.value < (low + high) / 2 else 34, "showarrow": True, "arrowhead": 0,
                      "font": {"size": LABEL_SIZE, "color": INK}, "bgcolor": "#ffffff"})
    return {"data": data, "layout": layout}


def _log_ticks(sizes: list[float], narrow: bool) -> dict:
    """Ticks a reader can read on a log axis: 1,000 · 10,000 · 100,000 (and 2 and 5 between them when the
    councils span no more than two powers of ten), written in full."""
    low, high = min(sizes) * 0.9, max(sizes) * 1.1
    steps = (1,) if narrow or math.log10(high / low) > 2 else (1, 2, 5)
    values = [k * 10 ** e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1) for k in steps]
    values = [v for v in values if low <= v <= high]
    return {"tickmode": "array", "tickvals": values, "ticktext": [f"{v:,.0f}" for v in values]}


def _log(x: float) -> float:
    """An annotation on a log axis is placed by the logarithm of its x."""
    return math.log10(x)
