"""`/domain/<slug>`: controls, ranked chart, ratings table (the chart's text alternative), trend, narrative."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.components import illustrative_banner, page_heading
from layouts.format import interval_text, row_value_text
from layouts.ratings import badge, why
from layouts.theme import graph_config

NO_COUNCIL = "none"  # the select's "no highlight" choice; never a council code
BENCHMARK_OPTIONS = [("north-west", "North West"), ("england", "England"),
                     ("nearest-neighbours", "Each council's nearest neighbours"), ("chosen", "Councils I choose")]


def _select(id_, label, options, value, help_text=None, placeholder=None):
    return html.Div([
        html.Label(label, htmlFor=id_, className="form-label fw-semibold"),
        dbc.Select(id=id_, options=[{"label": t, "value": v} for v, t in options if v], value=value or None,
                   placeholder=placeholder),
        html.Div(help_text, className="form-text") if help_text else None,
    ], className="control")


def skeleton(domain, measures, periods, councils, state, ignored, illustrative) -> list:
    """The page frame with its controls set from the URL; the callbacks fill in the chart, table and trend."""
    council_options = [(NO_COUNCIL, "No council highlighted")] + [(c["code"], c["name"]) for c in councils]
    return [
        dcc.Location(id=ids.D_URL, refresh=False),
        dcc.Store(id=ids.D_STATE), dcc.Store(id=ids.D_BUILT),
        illustrative_banner(illustrative),
        *page_heading(domain.name, domain.description),
        html.Div([html.P(["Some of the link was not understood and was ignored: ", "; ".join(ignored), "."],
                         className="notice")] if ignored else [], id=ids.D_NOTICE, role="status"),
        html.Form([
            _select(ids.D_MEASURE, "Measure", [(m.id, m.short_name) for m in measures], state["measure"]),
            _select(ids.D_PERIOD, "Period", [(p, p) for p in reversed(periods)], state["period"]),
            _select(ids.D_BENCHMARK, "Compare with", BENCHMARK_OPTIONS, state["benchmark"]),
            _select(ids.D_COUNCIL, "Highlight a council", council_options, state["council"] or NO_COUNCIL),
        ], className="controls", **{"aria-label": "Choose what to show"}),
        html.Fieldset([
            html.Legend("Councils I choose (at least four)", className="fs-6 fw-semibold"),
            dbc.Checklist(id=ids.D_CHOSEN, options=[{"label": c["name"], "value": c["code"]} for c in councils],
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


def ratings_table(rows: list[dict], measure, period: str, release: str, benchmark_label: str,
                  selected: str | None) -> html.Div:
    """Every council with value, interval, rating, change, trend and why: the chart's text alternative."""
    body = []
    for r in rows:
        ci = interval_text({"lower_ci": r["lower"], "upper_ci": r["upper"], "ci_level": r["level"]}, measure.decimals)
        name = html.Th([r["name"], html.Span(" (highlighted)", className="visually-hidden") if r["code"] == selected
                        else None, html.Span(" ⚑ worse and getting worse", className="red-red")
                        if r["red_red"] else None], scope="row")
        body.append(html.Tr([
            name, html.Td(row_value_text(r, measure.unit, measure.decimals)), html.Td(ci),
            html.Td(badge(r["rating"], r["colour"])),
            html.Td(r["change"], title=r["change_reason"]), html.Td(_trend_words(r)),
            html.Td(why(r, period, release, ci)),
        ], className="selected-row" if r["code"] == selected else None))
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in ("Council", "Value", "Interval", "Rating",
                                                                 "Change since last year", "Recent trend",
                                                                 "Why this colour?")]))
    caption = html.Caption(f"{measure.short_name}: every North West council, {period}, against {benchmark_label}")
    return html.Div(html.Table([caption, head, html.Tbody(body)], className="table table-sm align-middle ratings"),
                    className="table-responsive")


def _trend_words(r: dict) -> str:
    if r["trend"] in ("cannot be calculated", "not applicable"):
        return "Cannot be calculated"
    if r["trend"] == "no significant change":
        return "No significant change"
    return f"{r['trend'].capitalize()}" + (f", {r['trend_verdict']}" if r["trend_verdict"] else "")


def categories_table(history: dict[str, list[dict]], names: dict[str, str], periods: list[str], measure) -> html.Div:
    """Categorical measures (political control, CQC rating words) as a labelled timeline table, never RAG."""
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [html.Th(p, scope="col") for p in periods]))
    body = []
    for code, name in sorted(names.items(), key=lambda kv: kv[1]):
        by_period = {o["period"]: o for o in history.get(code, [])}
        cells = []
        for p in periods:
            o = by_period.get(p)
            text = (o or {}).get("text_value") or {"[x]": "Not available", "[z]": "Not applicable"}.get(
                (o or {}).get("marker"), "—")
            cells.append(html.Td(text))
        body.append(html.Tr([html.Th(name, scope="row"), *cells]))
    return html.Div([
        html.H2(f"{measure.short_name}: shown, not rated", className="h4"),
        html.Div(html.Table([html.Caption(f"{measure.name}, {periods[0]} to {periods[-1]}"), head, html.Tbody(body)],
                            className="table table-sm"), className="table-responsive"),
    ])
