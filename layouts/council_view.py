"""`/council/<code>`: one council across the six domains, in the Fingertips manner, printable to A4."""

from __future__ import annotations

import base64

from dash import dcc, html

from analysis.spine import spine
from layouts.components import illustrative_banner, measure_link, page_heading
from layouts.format import row_value_text, with_unit
from layouts.ratings import badge
from layouts.theme import COLOURS, base_layout, graph_config

BENCHMARKS = (("england", "England"), ("north-west", "North West"), ("nearest-neighbours", "Nearest neighbours"))
SYMBOLS = {"green": "circle", "amber": "diamond", "red": "square", "neutral": "circle-open", "grey": "x"}
STRENGTH = ("Better", "Best quartile", "Target met")
WEAKNESS = ("Worse", "Worst quartile", "Target missed")


def sparkline(points: list[dict], description: str) -> html.Img | None:
    """A small line of the values over time as an inline SVG image, with the trend in words as its alt text."""
    values = [(i, p["value"]) for i, p in enumerate(points) if p.get("value") is not None]
    if len(values) < 2:
        return None
    xs, ys = [i for i, _ in values], [v for _, v in values]
    low, high, width = min(ys), max(ys), max(xs) or 1
    span = (high - low) or 1
    coords = " ".join(f"{2 + 96 * x / width:.1f},{22 - 20 * (y - low) / span:.1f}" for x, y in values)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="24" viewBox="0 0 100 24">'
           f'<polyline fill="none" stroke="#1d3557" stroke-width="2" points="{coords}"/></svg>')
    return html.Img(src="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), alt=description,
                    width=100, height=24, className="sparkline")


def _note(cell: dict) -> list:
    """The publisher's note under a value, always as text (never HTML)."""
    return [html.Br(), html.Small(cell["note"], className="cell-note")] if cell.get("note") else []


def spine_figure(entries: list[tuple], title: str, source: str, benchmark_label: str) -> dict | None:
    """One row per measure: comparator range bands, England at the centre, the council (shape and colour by
    rating) and the North West (triangle)."""
    shapes, names, council_x, council_colour, council_symbol, region_x, labels = [], [], [], [], [], [], []
    for i, (m, geometry, row) in enumerate(entries):
        names.append(m.short_name)
        y0, y1 = i - 0.32, i + 0.32
        for x0, x1, shade in ((geometry.worst, geometry.q_low, "#d2d2d2"), (geometry.q_low, geometry.q_high, "#9a9a9a"),
                              (geometry.q_high, geometry.best, "#d2d2d2")):
            shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "xref": "x", "yref": "y",
                           "fillcolor": shade, "line": {"width": 0}, "layer": "below"})
        council_x.append(geometry.council)
        council_colour.append(COLOURS[row["colour"]]["fill"])
        council_symbol.append(SYMBOLS[row["colour"]])
        region_x.append(geometry.region)
        labels.append(f"{row['rating']}")
    if not names:
        return None
    shapes.append({"type": "line", "x0": 0.5, "x1": 0.5, "y0": -0.6, "y1": len(names) - 0.4, "xref": "x", "yref": "y",
                   "line": {"color": "#0b0c0c", "width": 2}})
    data = [
        {"type": "scatter", "mode": "markers", "name": "North West", "x": region_x, "y": names,
         "marker": {"symbol": "triangle-up", "size": 11, "color": "#ffffff", "line": {"color": "#0b0c0c", "width": 2}},
         "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers+text", "name": "This council", "x": council_x, "y": names,
         "text": labels, "textposition": "middle right", "textfont": {"size": 12},
         "marker": {"symbol": council_symbol, "size": 15, "color": council_colour,
                    "line": {"color": "#0b0c0c", "width": 1.5}}, "hoverinfo": "skip"},
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


def _domain_section(d, measures, profile, council, period, benchmark_label, source, release_text) -> html.Section:
    rows = [(m, profile["rows"].get(m.id)) for m in measures]
    rows = [(m, r) for m, r in rows if r is not None]
    tallies = {c: sum(r["colour"] == c for _, r in rows) for c in ("green", "amber", "red", "neutral", "grey")}
    red_red = [(m, r) for m, r in rows if r["red_red"]]
    strengths = [(m, r) for m, r in rows if r["rating"] in STRENGTH and not r["red_red"]]
    weaknesses = red_red + [(m, r) for m, r in rows if r["rating"] in WEAKNESS and not r["red_red"]]
    entries = []
    for m, r in rows:
        england = profile["context"][m.id]["england"]["value"]
        region = profile["context"][m.id]["north_west"]["value"]
        geometry = None if m.is_categorical else spine(profile["values"].get(m.id, []), england, m.polarity,
                                                        r["value"], region)
        if geometry is not None:
            entries.append((m, geometry, r))
    figure = spine_figure(entries, f"{council['name']}: {d.name}, {period}", source, "England")
    table_rows = []
    for m, r in red_red + [(m, r) for m, r in rows if not r["red_red"]]:
        points = profile["history"].get(m.id, [])
        england = profile["context"][m.id]["england"]
        table_rows.append(html.Tr([
            html.Th([measure_link(m), html.Span(" ⚑ worse and getting worse", className="red-red")
                     if r["red_red"] else None], scope="row"),
            html.Td([row_value_text(r, m.unit, m.decimals), *_note(profile["context"][m.id]["council"])]),
            html.Td(with_unit(r["comparator_value"], m.unit, m.decimals) if r["comparator_value"] is not None
                    else "—"),
            *([] if benchmark_label == "England" else [
                html.Td(with_unit(england["value"], m.unit, m.decimals) if england.get("value") is not None
                        else "—")]),
            html.Td(badge(r["rating"], r["colour"])),
            html.Td([sparkline(points, r["trend_reason"]), html.Br(), html.Small(r["trend"].capitalize()
                                                                                  + (f", {r['trend_verdict']}"
                                                                                     if r["trend_verdict"] else ""))]),
            html.Td(html.Details([html.Summary("Why?"), html.P(r["reason"])], className="why")),
            html.Td(dcc.Link("Compare", href=f"/domain/{d.slug}?measure={m.id}&period={period}"
                                             f"&benchmark=nearest-neighbours&council={council['code']}",
                             title=f"Compare {council['name']} with its nearest neighbours on {m.short_name}")),
        ]))
    columns = ("Measure", council["name"], benchmark_label, *(() if benchmark_label == "England" else ("England",)),
               "Rating", "Trend", "Why?", "Peers")
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in columns]))

    def listing(items, empty):
        return html.Ul([html.Li([measure_link(m), f": {r['rating'].lower()}"]) for m, r in items[:5]]) if items \
            else html.P(empty, className="text-muted-strong")

    return html.Section([
        html.H2(d.name, id=f"domain-{d.slug}", className="h3 mt-4"),
        html.Ul([html.Li([badge(word, colour), f" {tallies[colour]}"]) for colour, word in
                 (("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("neutral", "No judgement"),
                  ("grey", "Not rated"))], className="tally", **{"aria-label": f"Ratings in {d.name}"}),
        html.Div([
            html.Div([html.H3("Strengths", className="h6"), listing(strengths, "None significantly better.")]),
            html.Div([html.H3("Areas for improvement", className="h6"),
                      listing(weaknesses, "None significantly worse.")]),
        ], className="strengths"),
        html.Figure([
            dcc.Graph(figure=figure, config=graph_config(f"{council['code']}-{d.slug}")),
            html.Figcaption(f"Each row runs from the worst North West council on the left to the best on the right, "
                            f"with England in the middle; the dark band is the middle half of councils. "
                            f"{council['name']} is the coloured marker, the North West the triangle."),
        ], className="spine") if figure else None,
        html.Div(html.Table([html.Caption(f"{council['name']}: {d.name}, {period}, against {benchmark_label}"),
                             head, html.Tbody(table_rows)], className="table table-sm align-middle"),
                 className="table-responsive"),
        html.Div([html.H3("Commentary and self-assessment", className="h6"),
                  html.P(f"{council['name']} has not published commentary or a self-assessment for {d.name} "
                         "yet. When it does, it will appear here beside the numbers.", className="empty-state")],
                 className="commentary"),
    ], className="profile-domain")


def council_page(council: dict, domains, profile: dict, period: str, benchmark: str, summary: str,
                 politics: tuple[str | None, str | None], neighbours: dict | None, boundary_notes: list,
                 names: dict, focus: str | None, release, illustrative: bool, download: str) -> list:
    label = dict(BENCHMARKS)[benchmark]
    release_text = f"{release.source}, {release.status} release {release.id}" if release else "no release"
    source = f"Sources: see /measures. {release_text}."
    control, change = politics
    nav = html.Nav(html.Ul([html.Li(html.A(
        text, href=f"/council/{council['code']}?period={period}&benchmark={key}"
        + (f"&domain={focus}" if focus else ""),
        className="nav-link" + (" active" if key == benchmark else ""),
        **({"aria-current": "page"} if key == benchmark else {}))) for key, text in BENCHMARKS],
        className="nav nav-pills benchmark-links"), **{"aria-label": "Compare with"})
    domain_links = html.Nav(html.Ul([html.Li(html.A(d.name, href=f"/council/{council['code']}?domain={d.slug}"
                                                             f"&period={period}&benchmark={benchmark}",
                                                    **({"aria-current": "page"} if d.slug == focus else {})))
                                     for d in domains] + [html.Li(html.A("All domains",
                                                                         href=f"/council/{council['code']}?period="
                                                                              f"{period}&benchmark={benchmark}"))],
                                    className="domain-jump"), **{"aria-label": "Domains of this profile"})
    shown = [d for d in domains if focus in (None, d.slug)]
    peers = None
    if neighbours:
        peers = html.P([html.Strong(f"{neighbours['name']}: "),
                        ", ".join(names.get(c, c) for c in neighbours["members"]),
                        html.Small(f" ({neighbours['source']})")])
    return [
        illustrative_banner(illustrative),
        *page_heading(council["name"], f"{council['council_type']}. {period}. {release_text}."),
        html.P([html.Strong("Political control: "), control or "not published",
                f" ({change})" if change else ""], className="politics"),
        peers,
        *[html.P(n, className="boundary-note") for n in boundary_notes],
        html.P(summary, className="summary lead"),
        html.Div([html.Span("Compare with: ", className="fw-semibold"), nav],
                 className="d-flex flex-wrap gap-2 compare-with"),
        domain_links,
        html.P(html.A("Download this profile as CSV", href=download, className="btn btn-dark"), className="download"),
        *[_domain_section(d, [m for m in profile["measures"] if m.domain == d.slug], profile, council, period,
                          label, source, release_text) for d in shown],
        html.P(f"Source and release: {release_text}. Definitions: /measures.", className="print-footer"),
    ]
