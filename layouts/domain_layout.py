"""`/domain/<slug>`: controls, ranked chart, ratings table (the chart's text alternative), trend, narrative.
Renders page_models.domain_model records."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Patch, dcc, html, no_update

from layouts import ids
from layouts.badges import badge, why
from layouts.components import ignored_notice, illustrative_banner, page_heading, select
from layouts.figures import highlight_patch_values, ranked_bars, trend_lines
from layouts.theme import graph_config

NO_COUNCIL = "none"  # the select's "no highlight" choice; never a council code
EMPTY_FIGURE = {"data": [], "layout": {}}


def skeleton(c) -> list:
    """The page frame with its controls set from the URL (a domain_model.Controls); callbacks fill in the rest."""
    state = c.state
    return [
        dcc.Location(id=ids.D_URL, refresh=False),
        dcc.Store(id=ids.D_STATE), dcc.Store(id=ids.D_BUILT),
        illustrative_banner(c.illustrative),
        *page_heading(c.domain.name, c.domain.description),
        ignored_notice(ids.D_NOTICE, c.ignored),
        html.Form([
            select(ids.D_MEASURE, "Measure", c.measures, state["measure"]),
            select(ids.D_PERIOD, "Period", c.periods, state["period"]),
            select(ids.D_BENCHMARK, "Compare with", c.benchmarks, state["benchmark"]),
            select(ids.D_COUNCIL, "Highlight a council", ((NO_COUNCIL, "No council highlighted"), *c.councils),
                   state["council"] or NO_COUNCIL),
        ], className="controls", **{"aria-label": "Choose what to show"}),
        html.Fieldset([
            html.Legend("Councils I choose (at least four)", className="fs-6 fw-semibold"),
            dbc.Checklist(id=ids.D_CHOSEN, options=[{"label": name, "value": code} for code, name in c.councils],
                          value=state["chosen"], className="chosen-list"),
        ], id=ids.D_CHOSEN_WRAP, hidden=state["benchmark"] != "chosen", className="chosen"),
        html.Section([
            html.Figure([
                dcc.Graph(id=ids.D_BAR, config=graph_config("scorecard-chart")),
                html.Figcaption(id=ids.D_BAR_CAPTION, className="finding"),
            ], id=ids.D_BAR_FIGURE),
            html.Div(id=ids.D_CATEGORIES),
            html.P(id=ids.D_NARRATIVE, className="narrative", **{"aria-live": "polite"}),
            html.P(html.A("Download this table as CSV", id=ids.D_DOWNLOAD, href="#", className="btn btn-dark"),
                   className="download"),
            html.Div(id=ids.D_TABLE),
        ], **{"aria-label": "Comparison of councils"}),
        html.Section([
            html.H2("Over time", className="h4"),
            html.Figure([
                dcc.Graph(id=ids.D_TREND, config=graph_config("scorecard-trend")),
                html.Figcaption(id=ids.D_TREND_CAPTION, className="finding"),
            ]),
        ], **{"aria-label": "Trend"}),
    ]


def ratings_table(page) -> html.Div:
    """Every council with value, interval, rating, change, trend and why: the chart's text alternative."""
    body = []
    for r in page.rows:
        selected = r.code == page.selected
        name = html.Th([r.name, html.Span(" (highlighted)", className="visually-hidden") if selected else None,
                        html.Span(" ⚑ worse and getting worse", className="red-red") if r.red_red else None],
                       scope="row")
        body.append(html.Tr([
            name, html.Td(r.value_text), html.Td(r.interval_text), html.Td(badge(r.rating, r.colour)),
            html.Td(r.change, title=r.change_reason), html.Td(r.trend_text), html.Td(why(r)),
        ], className="selected-row" if selected else None))
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in ("Council", "Value", "Interval", "Rating",
                                                                 "Change since last year", "Recent trend",
                                                                 "Why this colour?")]))
    return html.Div(html.Table([html.Caption(page.table_caption), head, html.Tbody(body)],
                               className="table table-sm align-middle ratings"), className="table-responsive")


def timeline_table(t) -> html.Div:
    """Categorical measures (political control, CQC rating words) as a labelled timeline table, never RAG."""
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [html.Th(p, scope="col") for p in t.periods]))
    body = [html.Tr([html.Th(name, scope="row"), *[html.Td(text) for text in cells]]) for name, cells in t.rows]
    return html.Div([
        html.H2(t.title, className="h4"),
        html.Div(html.Table([html.Caption(t.caption), head, html.Tbody(body)], className="table table-sm"),
                 className="table-responsive"),
    ])


def _bar(page, built: dict | None):
    """The ranked chart, or a Patch moving the outline when only the highlighted council changed."""
    if built and built.get("key") == page.key:
        names = {r.code: r.name for r in page.rows}
        values = highlight_patch_values(built["codes"], page.selected, [names[c] for c in built["codes"]])
        bar = Patch()
        bar["data"][0]["marker"]["line"]["width"] = values["widths"]
        bar["layout"]["yaxis"]["ticktext"] = values["ticktext"]
        return bar, no_update
    chart = page.chart
    figure = ranked_bars(page.rows, page.measure, title=chart.title, source=chart.source,
                         benchmark_name=chart.benchmark_name, benchmark_value=chart.benchmark_value,
                         quartiles=chart.quartiles, selected=page.selected)
    return figure, {"key": page.key, "codes": list(chart.codes)}


HIDDEN, SHOWN = {"display": "none"}, {}


def outputs(page, built: dict | None) -> tuple:
    """The render callback's outputs for a domain_model.DomainPage (see callbacks.domain_callbacks): a chart or
    table with nothing to show is hidden and its caption says why."""
    table = None if page.empty else ratings_table(page)  # the caption says why there is nothing to list
    trend = EMPTY_FIGURE if page.trend.empty else trend_lines(page.trend.series, page.measure, title=page.trend.title,
                                                               source=page.trend.source)
    trend_style = HIDDEN if page.trend.empty else SHOWN
    if page.timeline is not None:
        return (EMPTY_FIGURE, True, "", timeline_table(page.timeline), table, page.download, trend,
                page.trend.caption, page.narrative, {"key": page.key, "codes": []}, HIDDEN, trend_style)
    if page.chart is None:
        return (EMPTY_FIGURE, False, page.caption, None, table, page.download, trend, page.trend.caption,
                page.narrative, {"key": page.key, "codes": []}, HIDDEN, trend_style)
    bar, new_built = _bar(page, built)
    return (bar, False, page.caption, None, table, page.download, trend, page.trend.caption, page.narrative,
            new_built, SHOWN, trend_style)
