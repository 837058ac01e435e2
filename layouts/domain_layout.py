"""`/domain/<slug>`: controls, ranked chart, ratings table (the chart's text alternative), trend, narrative.
Renders page_models.domain_model records."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from analysis.formatting import interval_text, with_unit
from layouts import ids
from layouts.account_layout import account_block
from layouts.badges import badge, red_red_tag, target_cell, why
from layouts.breakdown_layout import breakdowns_block
from layouts.components import ignored_notice, illustrative_banner, page_heading, rating_words, scroll_box, select
from layouts.figures import trend_lines
from layouts.filling import fill
from layouts.presenting import Presenting
from layouts.ranked_chart import ranked_chart
from layouts.raw_html import raw
from layouts.theme import graph_config
from layouts.tile_map_layout import tile_map
from page_models.domain_model import Controls, DomainPage

NO_COUNCIL = "none"  # the select's "no highlight" choice; never a council code
# What outputs() draws, in its order: the render callback's outputs (callbacks/domain_callbacks.py), and what the
# router writes into a new page so that it arrives drawn.
DRAWN = ((ids.D_BAR, "children"), (ids.D_BAR_FIGURE, "hidden"), (ids.D_BAR_CAPTION, "children"),
         (ids.D_CATEGORIES, "children"), (ids.D_TABLE, "children"), (ids.D_DOWNLOAD, "href"),
         (ids.D_TREND_HOLDER, "children"), (ids.D_TREND_CAPTION, "children"), (ids.D_NARRATIVE, "children"),
         (ids.D_BAR, "style"), (ids.D_NEIGHBOURS, "children"), (ids.D_TILES, "children"))


def page(c: Controls, drawn: DomainPage, pathname: str, search: str, narrow: bool = False,
         present: Presenting | None = None) -> list:
    """The page for the address (`pathname`, `search`) as it arrives: its controls set from the URL (a
    domain_model.Controls) and `drawn` as the render callback would draw it (outputs()). The URL's own Location
    holds the address, so that it does not announce it as a change, and the page's callbacks wait for the reader."""
    return fill(skeleton(c, pathname, search), DRAWN, outputs(drawn, narrow=narrow, present=present))


def skeleton(c: Controls, pathname: str | None = None, search: str | None = None) -> list:
    """The page frame with its controls set from the URL (a domain_model.Controls)."""
    state = c.state
    return [
        dcc.Location(id=ids.D_URL, refresh=False, pathname=pathname, search=search),
        dcc.Store(id=ids.D_STATE, data=state.as_dict()),
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
            html.P("Tick North West councils, or add any English council by typing its name.", className="form-text"),
            dbc.Checklist(id=ids.D_CHOSEN, options=chosen_checks(c.chosen_options),
                          value=list(state.chosen), className="chosen-list"),
            html.Div([
                html.Label("Add an English council", htmlFor=ids.D_CHOSEN_ADD, className="form-label fw-semibold"),
                html.Div([
                    dcc.Input(id=ids.D_CHOSEN_ADD, type="text", list=ids.D_CHOSEN_NAMES, autoComplete="off",
                              debounce=False, className="form-control", placeholder="e.g. Stockton-on-Tees"),
                    html.Button("Add", id=ids.D_CHOSEN_ADD_BUTTON, type="button", className="btn btn-dark"),
                ], className="input-group"),
                html.Datalist(chosen_names(c.choosable) if state.benchmark == "chosen" else [], id=ids.D_CHOSEN_NAMES),
                html.P(id=ids.D_CHOSEN_STATUS, role="status", className="form-text"),
            ], className="chosen-add"),
        ], id=ids.D_CHOSEN_WRAP, hidden=state.benchmark != "chosen", className="chosen"),
        html.Section([
            html.Figure([
                html.Div(id=ids.D_BAR),
                html.Figcaption(id=ids.D_BAR_CAPTION, className="finding"),
            ], id=ids.D_BAR_FIGURE),
            html.Section(id=ids.D_NEIGHBOURS, className="neighbours",
                         **{"aria-label": "Beside its nearest neighbours"}),
            html.Div(id=ids.D_TILES, className="measure-map"),  # on a slide instead of the chart: the m key
            html.Div(id=ids.D_CATEGORIES),  # a categorical measure's table: in its place, the slide in presenter view
            html.Div([  # below the chart: hidden in presenter view, where the chart and its finding are the slide
                html.P(id=ids.D_NARRATIVE, className="narrative", **{"aria-live": "polite"}),
                html.P(html.A("Download this table as CSV", id=ids.D_DOWNLOAD, href="#", className="btn btn-dark"),
                       className="download"),
                html.Div(id=ids.D_TABLE),
            ], className="domain-extra"),
        ], **{"aria-label": "Comparison of councils"}),
        html.Section([
            html.H2("Over time", className="h4"),
            html.Figure([
                html.Div(id=ids.D_TREND_HOLDER),
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


def chosen_checks(options) -> list[dict]:
    return [{"label": name, "value": code} for code, name in options]


def chosen_names(choosable) -> list:
    """The names a reader can type to add a council (a <datalist>: the browser offers the matches). Only while
    "Councils I choose" is the benchmark: ~150 options otherwise drawn for nothing on every domain page."""
    return [html.Option(value=name) for _, name in choosable]


COLUMNS = (("value", "Value"), ("interval", "Interval"), ("rating", "Rating"), ("target", "Own target"),
           ("change", "Change since last year"), ("trend", "Recent trend"), ("why", "Why this colour?"))


# Changes whose reason gives the amount ("down 14.6 percentage points, from 60.1% to 45.5%"): shown under the word.
CHANGE_WITH_AMOUNT = ("Up", "Down", "Improved", "Declined", "Increased", "Decreased")


def _cells(r) -> dict:
    return {"value": html.Td(r.value_text), "interval": html.Td(r.interval_text),
            "rating": html.Td(badge(r.record.rating, r.record.colour)),
            "change": html.Td([r.record.change, html.Br(), html.Small(r.record.change_reason, className="cell-note")]
                              if r.record.change in CHANGE_WITH_AMOUNT else r.record.change, className="prose"),
            "trend": html.Td(r.trend_text, className="prose"), "why": html.Td(why(r), className="prose"),
            "target": target_cell(r.target)}


def ratings_table(page: DomainPage) -> html.Div:
    """Every council with value, interval, rating, change, trend and why: the chart's text alternative. A column
    that no council has a value for is left out, and the reason said once above the table."""
    with_targets = any(r.target for r in page.rows)
    return rows_table(page.rows, page.table_caption, page.selected,
                      tuple((key, title) for key, title in COLUMNS if key not in page.column_notes
                            and (key != "target" or with_targets)),
                      tuple(page.column_notes.values()))


def rows_table(rows, caption: str, selected: str | None, columns, notes: tuple[str, ...] = ()) -> html.Div:
    body = []
    for r in rows:
        chosen = r.record.area_code == selected
        name = html.Th([r.name, html.Span(" (highlighted)", className="visually-hidden") if chosen else None,
                        red_red_tag() if r.record.red_red else None],
                       scope="row")
        cells = _cells(r)
        body.append(html.Tr([name, *[cells[key] for key, _ in columns]],
                            className="selected-row" if chosen else None))
    head = html.Thead(html.Tr([html.Th("Council", scope="col"),
                               *[html.Th(title, scope="col") for _, title in columns]]))
    return html.Div([
        *[html.P(note, className="column-note") for note in notes],
        scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)],
                              className="table table-sm align-middle ratings"), caption),
    ])


def chart_html(chart, measure, selected: str | None, present: Presenting | None = None, narrow: bool = False,
               site: str = ""):
    """A page model's RankedChart drawn (layouts/ranked_chart.py), as HTML; in presenter view at the type size and
    (at least) the height presenter.js asked for. `site` (https://…) goes before the definition's address on paper,
    which cannot follow a link."""
    style = None if present is None else {"fontSize": f"{present.font}px"} | (
        {"minHeight": f"{present.height}px"} if present.height else {})
    source = f"{chart.source} Definition: {site}{chart.definition}." if chart.definition else chart.source
    return raw(ranked_chart(chart.rows, measure, title=chart.title, source=source,
                            benchmark_name=chart.benchmark_name, benchmark_value=chart.benchmark_value,
                            quartiles=chart.quartiles, selected=selected, own_mark=chart.own_mark, style=style,
                            narrow=narrow))


def png_button(holder: str) -> html.Button:
    """Downloads the chart inside `holder` as a picture (assets/chart_png.js), as plotly's charts offer."""
    return html.Button("Download this chart as PNG", type="button", className="btn btn-outline-dark btn-sm chart-png",
                       **{"data-chart-png": holder, "data-filename": "scorecard-chart"})


NEIGHBOUR_COLUMNS = (("value", "Value"), ("interval", "Interval"), ("rating", "Against the median"),
                     ("why", "Why this colour?"))


def neighbours_block(page: DomainPage, narrow: bool = False, present: Presenting | None = None) -> list | None:
    """Against nearest neighbours: the highlighted council beside its named neighbours, chart and table."""
    view = page.neighbours
    if view is None:
        return None
    out = [html.H2(view.heading, className="h4", id="neighbours"), html.P(view.note)]
    if view.chart is not None:
        type_only = None if present is None else replace(present, height=None)  # below the slide's chart
        out += [html.Figure(html.Div([chart_html(view.chart, page.measure, page.selected, type_only, narrow),
                                      png_button(ids.D_NEIGHBOURS_CHART)], id=ids.D_NEIGHBOURS_CHART)),
                html.Details([html.Summary("The chart's values, as a table"),
                              raw(rows_table(view.rows, view.chart.title, page.selected, NEIGHBOUR_COLUMNS))],
                             className="fold")]
    return out


def timeline_table(t) -> html.Div:
    """Categorical measures (political control, CQC rating words) as a labelled timeline table, never RAG."""
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [html.Th(p, scope="col") for p in t.periods]))
    body = [html.Tr([html.Th(name, scope="row"), *[html.Td(text) for text in cells]]) for name, cells in t.rows]
    return html.Div([
        html.H2(t.title, className="h4"),
        scroll_box(html.Table([html.Caption(t.caption), head, html.Tbody(body)], className="table table-sm"),
                   t.caption),
    ], className="timeline")


def trend_table(page: DomainPage) -> html.Div:
    """The trend chart's values, folded under it (its text alternative: a year a row, a line a column, the
    council's intervals in words), and its download."""
    t, m = page.trend, page.measure
    targets = {x.period: x for x in t.targets}
    periods = sorted({p[0] for s in t.series for p in s.points if p[1] is not None} | set(targets))
    values = {(s.key, p[0]): p for s in t.series for p in s.points}

    def target_cell(period: str) -> html.Td:
        x = targets.get(period)
        if x is None:
            return html.Td("—")
        return html.Td([x.aim, html.Br(), badge(x.status, x.colour) if x.colour != "grey" else
                        html.Small("no value yet", className="cell-note")])

    def cell(key: str, period: str) -> html.Td:
        _, value, lower, upper = values.get((key, period), (period, None, None, None))
        interval = interval_text(lower, upper, None, m.decimals)
        return html.Td([with_unit(value, m.unit, m.decimals) or "no data",
                        *([html.Br(), html.Small(interval, className="cell-note")] if interval else [])])

    head = html.Thead(html.Tr([html.Th("Year", scope="col"), *[html.Th(s.name, scope="col") for s in t.series],
                               *([html.Th(t.target_series, scope="col")] if targets else [])]))
    body = html.Tbody([html.Tr([html.Th(p, scope="row"), *[cell(s.key, p) for s in t.series],
                                *([target_cell(p)] if targets else [])]) for p in periods])
    caption = f"{t.title}: the chart's values"
    return html.Div([
        html.Details([html.Summary("The chart's values, as a table"),
                      scroll_box(html.Table([html.Caption(caption), head, body], className="table table-sm"),
                                 caption)], className="fold"),
        html.P(html.A("Download the trend as CSV", href=page.trend_download, className="btn btn-outline-dark btn-sm"),
               className="download"),
    ], className="trend-values")


def quarterly_block(q, selected: str | None) -> html.Section:
    """A quarterly measure's provisional returns: each quarter so far, the newest quarter's and the year to date's
    ratings (word, icon, colour); every value marked [p], provisional, until the official annual figure supersedes
    them."""
    mark = "" if q.superseded else " [p]"
    body = [html.Tr([html.Th([r.name, html.Span(" (highlighted)", className="visually-hidden")
                              if r.code == selected else None], scope="row"),
                     *[html.Td(c + (mark if c != "no return" else "")) for c in r.cells],
                     html.Td(badge(r.latest.rating, r.latest.colour)),
                     html.Td(r.to_date + (mark if r.to_date[0].isdigit() or r.to_date[0] == "£" else "")),
                     html.Td(badge(r.to_date_rating.rating, r.to_date_rating.colour))],
                    className="selected-row" if r.code == selected else None) for r in q.rows]
    head = html.Thead(html.Tr([html.Th("Council", scope="col"), *[html.Th(h, scope="col") for h in q.headings],
                               html.Th(f"{q.quarters[-1][-2:]}: rating", scope="col"),
                               html.Th(f"{q.year} to date", scope="col"), html.Th("To date: rating", scope="col")]))
    caption = q.title + (" (superseded)" if q.superseded else " (provisional)")
    return html.Section([
        html.H3(q.title, className="h5"),
        html.P(q.note + ("" if q.superseded else " [p]: provisional."), className="quarterly-note"),
        scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)],
                              className="table table-sm align-middle quarterly"), caption),
    ], className="quarterly-returns")


HIDDEN, SHOWN = {"display": "none"}, {}


def outputs(page: DomainPage, narrow: bool = False, present: Presenting | None = None) -> tuple:
    """The render callback's outputs for a domain_model.DomainPage (see callbacks.domain_callbacks): a chart or
    table with nothing to show is hidden and its caption says why. In presenter view (`present`) the ranked chart is
    the slide: drawn for it, and the trend (not on the slide) not drawn at all."""
    # The table travels as HTML (layouts/raw_html.py): with each row's "Why?" it was ~850 components.
    table = None if page.empty else raw([ratings_table(page),  # the caption says why there is nothing to list
                                         breakdowns_block(page.breakdowns, page.selected)])
    # No trend (or presenter view, where it is not on the slide): no Graph at all, so plotly.js is not even fetched.
    trend = None if page.trend.empty or present is not None else [
        dcc.Graph(id=ids.D_TREND, config=graph_config("scorecard-trend"),
                  figure=trend_lines(page.trend.series, page.measure, title=page.trend.title,
                                     source=page.trend.source, narrow=narrow, targets=page.trend.targets,
                                     target_name=page.trend.target_series,
                                     quarterly=page.quarterly.series.get(page.selected or "", ()) if page.quarterly
                                     else (), quarterly_name=f"{page.trend.council}, quarterly (provisional)")),
        raw(trend_table(page))]
    if page.quarterly is not None and present is None:  # below the years: the provisional quarterly returns
        trend = [*(trend or []), raw(quarterly_block(page.quarterly, page.selected))]
    if page.timeline is not None:
        return (None, True, "", raw(timeline_table(page.timeline)), table, page.download, trend,
                page.trend.caption, page.narrative, HIDDEN, None, None)
    if page.chart is None:
        return (None, False, page.caption, None, table, page.download, trend, page.trend.caption,
                page.narrative, HIDDEN, None, None)
    return ([chart_html(page.chart, page.measure, page.selected, present, narrow), png_button(ids.D_BAR),
             rating_words(r.record.rating for r in page.rows)], False,
            page.caption, None, table,
            page.download, trend, page.trend.caption, page.narrative, SHOWN, neighbours_block(page, narrow, present),
            None if page.tiles is None else raw(tile_map(page.tiles, "h2")))
