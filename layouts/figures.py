"""Figure builders: plain dicts from plain rows, one theme, no plotly.express (DESIGN.md)."""

from __future__ import annotations

from analysis.formatting import with_unit
from layouts.theme import BENCHMARK, COLOURS, SERIES, base_layout

BAR_HEIGHT = 30


def ranked_bars(rows, measure, *, title: str, source: str, benchmark_name: str,
                benchmark_value: float | None, quartiles: tuple[float, float] | None,
                selected: str | None) -> dict:
    """Councils ranked by value, bars coloured and patterned by rating, interval whiskers, the benchmark as a
    line and the comparator's middle quartiles shaded. `rows` are page_models.rated_rows.RatedRow records (name,
    code, value, lower_ci, upper_ci, colour, rating). Councils without a value are left out of the chart (the
    table lists them)."""
    shown = sorted((r for r in rows if r.value is not None), key=lambda r: r.value)
    names = [r.name for r in shown]
    colours = [COLOURS[r.colour] for r in shown]
    has_ci = any(r.lower_ci is not None for r in shown)
    bars = {
        "type": "bar", "orientation": "h", "y": names, "x": [r.value for r in shown],
        "customdata": [r.code for r in shown],
        "marker": {"color": [c["fill"] for c in colours],
                   "pattern": {"shape": [c["pattern"] for c in colours], "fgcolor": "#0b0c0c", "size": 6,
                               "solidity": 0.25},
                   "line": {"color": "#0b0c0c", "width": [4 if r.code == selected else 0.5 for r in shown]}},
        "text": [f"{c['icon']} {r.rating}" for c, r in zip(colours, shown, strict=True)],
        "textposition": "outside", "cliponaxis": False, "textfont": {"size": 13},
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    if has_ci:
        bars["error_x"] = {"type": "data", "symmetric": False, "color": "#0b0c0c", "thickness": 1.5, "width": 4,
                           "array": [(r.upper_ci - r.value) if r.upper_ci is not None else 0 for r in shown],
                           "arrayminus": [(r.value - r.lower_ci) if r.lower_ci is not None else 0 for r in shown]}
    layout = base_layout(title, source, height=max(260, BAR_HEIGHT * len(shown) + 140))
    top = max([r.upper_ci or r.value for r in shown] + [benchmark_value or 0], default=1)
    layout.update({
        "xaxis": {"title": {"text": measure.unit}, "fixedrange": True, "zeroline": True, "gridcolor": "#e5e6e7",
                  "range": [0, top * 1.25]},
        "yaxis": {"fixedrange": True, "automargin": True, "tickmode": "array", "tickvals": names,
                  "ticktext": [f"<b>▶ {r.name}</b>" if r.code == selected else r.name for r in shown]},
        "bargap": 0.25, "shapes": [],
    })
    if quartiles:
        layout["shapes"].append({"type": "rect", "xref": "x", "yref": "paper", "x0": quartiles[0], "x1": quartiles[1],
                                 "y0": 0, "y1": 1, "fillcolor": "#0b0c0c", "opacity": 0.07, "line": {"width": 0},
                                 "layer": "below"})
        layout["annotations"].append({"text": "middle 50% of councils", "xref": "x", "yref": "paper",
                                      "x": (quartiles[0] + quartiles[1]) / 2, "y": 1.0, "yanchor": "bottom",
                                      "showarrow": False, "font": {"size": 12, "color": "#505a5f"}})
    if benchmark_value is not None:
        layout["shapes"].append({"type": "line", "xref": "x", "yref": "paper", "x0": benchmark_value,
                                 "x1": benchmark_value, "y0": 0, "y1": 1,
                                 "line": {"color": BENCHMARK, "width": 2.5, "dash": "dash"}})
        layout["annotations"].append({
            "text": f"{benchmark_name}: {with_unit(benchmark_value, measure.unit, measure.decimals)}", "xref": "x",
            "yref": "paper", "x": benchmark_value, "y": 1.0, "yanchor": "bottom", "yshift": 16, "showarrow": False,
            "font": {"size": 13, "color": BENCHMARK}, "bgcolor": "#ffffff"})
    return {"data": [bars], "layout": layout}


def highlight_patch_values(figure_rows_codes: list[str], selected: str | None, names: list[str]) -> dict:
    """The values a Patch sets to move the highlight: outline widths and tick labels."""
    return {"widths": [4 if code == selected else 0.5 for code in figure_rows_codes],
            "ticktext": [f"<b>▶ {n}</b>" if code == selected else n for code, n in zip(figure_rows_codes, names,
                                                                                   strict=True)]}


def trend_lines(series, measure, *, title: str, source: str) -> dict:
    """Values over time for the chosen council, the region, England and the peer median. Each series is a
    page_models.domain_model.Series (key, name, points of (period, value, lower, upper))."""
    traces = []
    dashes = {"council": "solid", "region": "dash", "england": "dot", "peers": "dashdot"}
    symbols = {"council": "circle", "region": "square", "england": "diamond", "peers": "triangle-up"}
    for s in series:
        points = [p for p in s.points if p[1] is not None]
        if not points:
            continue
        trace = {"type": "scatter", "mode": "lines+markers", "name": s.name, "x": [p[0] for p in points],
                 "y": [p[1] for p in points],
                 "line": {"color": SERIES[s.key], "width": 3 if s.key == "council" else 2,
                          "dash": dashes[s.key]},
                 "marker": {"symbol": symbols[s.key], "size": 8, "color": SERIES[s.key]},
                 "hovertemplate": f"{s.name} %{{x}}: %{{y}}<extra></extra>"}
        if s.key == "council" and any(p[2] is not None for p in points):
            trace["error_y"] = {"type": "data", "symmetric": False, "color": SERIES["council"], "thickness": 1.2,
                                "array": [(p[3] - p[1]) if p[3] is not None else 0 for p in points],
                                "arrayminus": [(p[1] - p[2]) if p[2] is not None else 0 for p in points]}
        traces.append(trace)
    layout = base_layout(title, source, height=380)
    layout.update({"showlegend": True, "legend": {"orientation": "h", "y": -0.22, "x": 0},
                   "margin": {"l": 10, "r": 20, "t": 60, "b": 110},
                   "xaxis": {"fixedrange": True, "type": "category", "tickangle": -30},
                   "yaxis": {"fixedrange": True, "title": {"text": measure.unit}, "gridcolor": "#e5e6e7",
                             "rangemode": "tozero", "automargin": True}})
    return {"data": traces, "layout": layout}


SPINE_SYMBOLS = {"green": "circle", "amber": "diamond", "red": "square", "neutral": "circle-open", "grey": "x"}


def spine_figure(entries, title: str, source: str, benchmark_label: str) -> dict | None:
    """One row per measure (page_models.council_model.SpineEntry): comparator range bands, England at the centre,
    the council (shape and colour by rating) and the North West (triangle)."""
    if not entries:
        return None
    shapes, names = [], [e.name for e in entries]
    for i, e in enumerate(entries):
        g = e.geometry
        for x0, x1, shade in ((g.worst, g.q_low, "#d2d2d2"), (g.q_low, g.q_high, "#9a9a9a"), (g.q_high, g.best,
                                                                                           "#d2d2d2")):
            shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": i - 0.32, "y1": i + 0.32, "xref": "x",
                           "yref": "y", "fillcolor": shade, "line": {"width": 0}, "layer": "below"})
    shapes.append({"type": "line", "x0": 0.5, "x1": 0.5, "y0": -0.6, "y1": len(names) - 0.4, "xref": "x", "yref": "y",
                   "line": {"color": "#0b0c0c", "width": 2}})
    data = [
        {"type": "scatter", "mode": "markers", "name": "North West", "x": [e.geometry.region for e in entries],
         "y": names, "hoverinfo": "skip",
         "marker": {"symbol": "triangle-up", "size": 11, "color": "#ffffff", "line": {"color": "#0b0c0c", "width": 2}}},
        {"type": "scatter", "mode": "markers+text", "name": "This council", "x": [e.geometry.council for e in entries],
         "y": names, "text": [e.rating for e in entries], "textposition": "middle right", "textfont": {"size": 12},
         "marker": {"symbol": [SPINE_SYMBOLS[e.colour] for e in entries], "size": 15,
                    "color": [COLOURS[e.colour]["fill"] for e in entries], "line": {"color": "#0b0c0c", "width": 1.5}},
         "hoverinfo": "skip"},
    ]
    layout = base_layout(title, source, height=70 + 44 * len(names) + 60)
    layout.update({
        "showlegend": True, "legend": {"orientation": "h", "y": 1.02, "x": 1, "xanchor": "right", "yanchor": "bottom"},
        "xaxis": {"range": [-0.02, 1.25], "fixedrange": True, "showgrid": False, "zeroline": False,
                  "tickvals": [0, 0.5, 1], "ticktext": ["Worst", benchmark_label, "Best"]},
        "yaxis": {"fixedrange": True, "autorange": "reversed", "automargin": True, "type": "category"},
        "shapes": shapes,
    })
    return {"data": data, "layout": layout}
