"""Figure builders: plain dicts from plain rows, one theme, no plotly.express (DESIGN.md)."""

from __future__ import annotations

from analysis.formatting import with_unit
from layouts.theme import BENCHMARK, COLOURS, SERIES, base_layout

BAR_HEIGHT = 30


def ranked_bars(rows: list[dict], measure, *, title: str, source: str, benchmark_name: str,
                benchmark_value: float | None, quartiles: tuple[float, float] | None,
                selected: str | None) -> dict:
    """Councils ranked by value, bars coloured and patterned by rating, interval whiskers, the benchmark as a
    line and the comparator's middle quartiles shaded. `rows` need name, code, value, lower, upper, colour,
    rating. Councils without a value are left out of the chart (the table lists them)."""
    shown = sorted((r for r in rows if r["value"] is not None), key=lambda r: r["value"])
    names = [r["name"] for r in shown]
    colours = [COLOURS[r["colour"]] for r in shown]
    has_ci = any(r.get("lower") is not None for r in shown)
    bars = {
        "type": "bar", "orientation": "h", "y": names, "x": [r["value"] for r in shown],
        "customdata": [r["code"] for r in shown],
        "marker": {"color": [c["fill"] for c in colours],
                   "pattern": {"shape": [c["pattern"] for c in colours], "fgcolor": "#0b0c0c", "size": 6,
                               "solidity": 0.25},
                   "line": {"color": "#0b0c0c", "width": [4 if r["code"] == selected else 0.5 for r in shown]}},
        "text": [f"{c['icon']} {r['rating']}" for c, r in zip(colours, shown, strict=True)],
        "textposition": "outside", "cliponaxis": False, "textfont": {"size": 13},
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    if has_ci:
        bars["error_x"] = {"type": "data", "symmetric": False, "color": "#0b0c0c", "thickness": 1.5, "width": 4,
                           "array": [(r["upper"] - r["value"]) if r.get("upper") is not None else 0 for r in shown],
                           "arrayminus": [(r["value"] - r["lower"]) if r.get("lower") is not None else 0
                                          for r in shown]}
    layout = base_layout(title, source, height=max(260, BAR_HEIGHT * len(shown) + 140))
    top = max([r.get("upper") or r["value"] for r in shown] + [benchmark_value or 0], default=1)
    layout.update({
        "xaxis": {"title": {"text": measure.unit}, "fixedrange": True, "zeroline": True, "gridcolor": "#e5e6e7",
                  "range": [0, top * 1.25]},
        "yaxis": {"fixedrange": True, "automargin": True, "tickmode": "array", "tickvals": names,
                  "ticktext": [f"<b>▶ {n}</b>" if r["code"] == selected else n for n, r in zip(names, shown,
                                                                                             strict=True)]},
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


def trend_lines(series: list[dict], measure, *, title: str, source: str) -> dict:
    """Values over time for the chosen council, the region, England and the peer median. Each series:
    {key, name, points: [(period, value, lower, upper)]}. Lines carry end labels so no legend hover is needed."""
    traces = []
    dashes = {"council": "solid", "region": "dash", "england": "dot", "peers": "dashdot"}
    symbols = {"council": "circle", "region": "square", "england": "diamond", "peers": "triangle-up"}
    for s in series:
        points = [p for p in s["points"] if p[1] is not None]
        if not points:
            continue
        trace = {"type": "scatter", "mode": "lines+markers", "name": s["name"], "x": [p[0] for p in points],
                 "y": [p[1] for p in points],
                 "line": {"color": SERIES[s["key"]], "width": 3 if s["key"] == "council" else 2,
                          "dash": dashes[s["key"]]},
                 "marker": {"symbol": symbols[s["key"]], "size": 8, "color": SERIES[s["key"]]},
                 "hovertemplate": f"{s['name']} %{{x}}: %{{y}}<extra></extra>"}
        if s["key"] == "council" and any(p[2] is not None for p in points):
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
