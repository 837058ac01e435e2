"""`/domain/<slug>`: controls, ranked chart, ratings table (the chart's text alternative), trend, narrative.
Renders page_models.domain_model records."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Patch, dcc, html, no_update

from layouts import ids
from layouts.account_layout import account_block
from layouts.badges import badge, why
from layouts.components import ignored_notice, illustrative_banner, page_heading, select
from layouts.figures import highlight_patch_values, ranked_dots, trend_lines
from layouts.theme import graph_config
from page_models.domain_model import Controls, DomainPage

NO_COUNCIL = "none"  # the select's "no highlight" choice; never a council code
EMPTY_FIGURE = {"data": [], "layout": {}}


def skeleton(c: Controls) -> list:
    """The page frame with its controls set from the URL (a domain_model.Controls); callbacks fill in the rest."""
    state = c.state
    return [
        dcc.Location(id=ids.D_URL, refresh=False),
        dcc.Store(id=ids.D_STATE), dcc.Store(id=ids.D_BUILT),
        illustrative_banner(c.illustrative),
        *page_heading(c.domain.name, c.domain.description),
        ignored_notice(ids.D_NOTICE, c.ignored),
        html.Form([
            select(ids.D_MEASURE, "Measure", c.measures, state.measure),
            select(ids.D_PERIOD, "Period", c.periods, state.period),
            select(ids.D_BENCHMARK, "Compare with", c.benchmarks, state.benchmark),
            select(ids.D_COUNCIL, "Highlight a council", ((NO_COUNCIL, "No council highlighted"), *c.councils),
                   state.council or NO_COUNCIL),
        ], className="controls", **{"aria-label": "Choose what to show"}),
        html.Fieldset([
            html.Legend("Councils I choose (at least four)", className="fs-6 fw-semibold"),
            dbc.Checklist(id=ids.D_CHOSEN, options=[{"label": name, "value": code} for code, name in c.councils],
                          value=list(state.chosen), className="chosen-list"),
        ], id=ids.D_CHOSEN_WRAP, hidden=state.benchmark != "chosen", className="chosen"),
        html.Section([
            html.Figure([
                dcc.Graph(id=ids.D_BAR, config=graph_config("scorecard-chart")),
                html.Figcaption(id=ids.D_BAR_CAPTION, className="finding"),
            ], id=ids.D_BAR_FIGURE),
            html.Div([  # below the chart: hidden in presenter view, where the chart and its finding are the slide
                html.Div(id=ids.D_CATEGORIES),
                html.P(id=ids.D_NARRATIVE, className="narrative", **{"aria-live": "polite"}),
                html.P(html.A("Download this table as CSV", id=ids.D_DOWNLOAD, href="#", className="btn btn-dark"),
                       className="download"),
                html.Div(id=ids.D_TABLE),
            ], className="domain-extra"),
        ], **{"aria-label": "Comparison of councils"}),
        html.Section([
            html.H2("Over time", className="h4"),
            html.Figure([
                dcc.Graph(id=ids.D_TREND, config=graph_config("scorecard-trend")),
                html.Figcaption(id=ids.D_TREND_CAPTION, className="finding"),
            ]),
        ], className="domain-extra", **{"aria-label": "Trend"}),
        html.Section([
            html.H2("What councils say", className="h4"),
            html.P("Each council's own published account of this domain: its self-assessed risk, commentary and top "
                   "risks." if c.accounts else "No council has published its own account of this domain yet."),
            *[html.Details([html.Summary(f"{a.council_name}" + (f": self-assessed {a.self_rating} risk"
                                                                if a.self_rating else "")),
                            account_block(a, "h3", with_council=True)], className="fold account-fold")
              for a in c.accounts],
        ], className="domain-extra accounts", **{"aria-label": "What councils say"}),
    ]


COLUMNS = (("value", "Value"), ("interval", "Interval"), ("rating", "Rating"), ("change", "Change since last year"),
           ("trend", "Recent trend"), ("why", "Why this colour?"))


# Changes whose reason gives the amount ("down 14.6 percentage points, from 60.1% to 45.5%"): shown under the word.
CHANGE_WITH_AMOUNT = ("Up", "Down", "Improved", "Declined", "Increased", "Decreased")


def _cells(r) -> dict:
    return {"value": html.Td(r.value_text), "interval": html.Td(r.interval_text),
            "rating": html.Td(badge(r.record.rating, r.record.colour)),
            "change": html.Td([r.record.change, html.Br(), html.Small(r.record.change_reason, className="cell-note")]
                              if r.record.change in CHANGE_WITH_AMOUNT else r.record.change),
            "trend": html.Td(r.trend_text), "why": html.Td(why(r))}


def ratings_table(page: DomainPage) -> html.Div:
    """Every council with value, interval, rating, change, trend and why: the chart's text alternative. A column
    that no council has a value for is left out, and the reason said once above the table."""
    shown = [(key, title) for key, title in COLUMNS if key not in page.column_notes]
    body = []
    for r in page.rows:
        selected = r.record.area_code == page.selected
        name = html.Th([r.name, html.Span(" (highlighted)", className="visually-hidden") if selected else None,
                        html.Span(" ⚑ worse and getting worse", className="red-red") if r.record.red_red else None],
                       scope="row")
        cells = _cells(r)
        body.append(html.Tr([name, *[cells[key] for key, _ in shown]], className="selected-row" if selected else None))
    head = html.Thead(html.Tr([html.Th("Council", scope="col"), *[html.Th(title, scope="col") for _, title in shown]]))
    return html.Div([
        *[html.P(note, className="column-note") for note in page.column_notes.values()],
        html.Div(html.Table([html.Caption(page.table_caption), head, html.Tbody(body)],
                            className="table table-sm align-middle ratings"), className="table-responsive"),
    ])


def timeline_table(t) -> html.Div:
    """Categorical measures (political control, CQC rating words) as a labelled timeline table, never RAG."""
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [html.Th(p, scope="col") for p in t.periods]))
    body = [html.Tr([html.Th(name, scope="row"), *[html.Td(text) for text in cells]]) for name, cells in t.rows]
    return html.Div([
        html.H2(t.title, className="h4"),
        html.Div(html.Table([html.Caption(t.caption), head, html.Tbody(body)], className="table table-sm"),
                 className="table-responsive"),
    ])


def _bar(page: DomainPage, built: dict | None, narrow: bool):
    """The ranked chart, or a Patch moving the highlight when only the highlighted council changed."""
    chart = page.chart
    if built and built.get("key") == page.key and built.get("codes") == list(chart.codes):
        values = highlight_patch_values(list(chart.codes), page.selected, [r.name for r in chart.rows], narrow)
        bar = Patch()
        bar["data"][0]["marker"]["size"] = values["sizes"]
        bar["data"][0]["marker"]["line"]["width"] = values["widths"]
        bar["layout"]["yaxis"]["ticktext"] = values["ticktext"]
        for field in ("visible", "y0", "y1"):
            bar["layout"]["shapes"][0][field] = values["band"][field]
        return bar, no_update
    figure = ranked_dots(chart.rows, page.measure, title=chart.title, source=chart.source,
                         benchmark_name=chart.benchmark_name, benchmark_value=chart.benchmark_value,
                         quartiles=chart.quartiles, selected=page.selected, narrow=narrow)
    return figure, {"key": page.key, "codes": list(chart.codes)}


HIDDEN, SHOWN = {"display": "none"}, {}


def outputs(page: DomainPage, built: dict | None, narrow: bool = False) -> tuple:
    """The render callback's outputs for a domain_model.DomainPage (see callbacks.domain_callbacks): a chart or
    table with nothing to show is hidden and its caption says why."""
    table = None if page.empty else ratings_table(page)  # the caption says why there is nothing to list
    trend = EMPTY_FIGURE if page.trend.empty else trend_lines(page.trend.series, page.measure, title=page.trend.title,
                                                               source=page.trend.source, narrow=narrow)
    trend_style = HIDDEN if page.trend.empty else SHOWN
    if page.timeline is not None:
        return (EMPTY_FIGURE, True, "", timeline_table(page.timeline), table, page.download, trend,
                page.trend.caption, page.narrative, {"key": page.key, "codes": []}, HIDDEN, trend_style)
    if page.chart is None:
        return (EMPTY_FIGURE, False, page.caption, None, table, page.download, trend, page.trend.caption,
                page.narrative, {"key": page.key, "codes": []}, HIDDEN, trend_style)
    bar, new_built = _bar(page, built, narrow)
    return (bar, False, page.caption, None, table, page.download, trend, page.trend.caption, page.narrative,
            new_built, SHOWN, trend_style)
