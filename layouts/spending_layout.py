"""`/spending`: spending beside outcomes (page_models.spending_model.SpendingPage). A plain GET form (it works
without scripts), the finding in a sentence, the scatter (plotly: England's councils as grey dots, the North West's
as purple diamonds, the chosen council's nearest neighbours as blue squares, the council as a yellow star with its
name; the medians as dashed lines, each quarter's words in its corner), its key in words and a table of every
point. There is no "value for money" score: the page says why."""

from __future__ import annotations

from dash import dcc, html

from layouts.components import page_heading, scroll_box
from layouts.figures import fitted_range
from layouts.funnel_figure import REGION_MARK, SELECTED_MARK
from layouts.theme import INK, LABEL_SIZE, MUTED, base_layout, graph_config
from page_models.spending_model import KINDS, SpendingPage, corner

PLOT_PX = 460
MARKS = {"england": {"symbol": "circle", "size": 7, "color": "#b1b4b6", "line": {"color": MUTED, "width": 1}},
         "region": REGION_MARK,
         "neighbour": {"symbol": "square", "size": 11, "color": "#1d70b8", "line": {"color": "#ffffff", "width": 1}},
         "council": SELECTED_MARK}
NAMES = {"england": "England's councils", "region": "North West councils", "neighbour": "its nearest neighbours",
         "council": "the chosen council"}
MARKED = {"england": "another English council", "region": "a North West council",
          "neighbour": "a nearest neighbour", "council": "the chosen council"}  # a point, in the table
KEY = {"england": ("●", "grey dots: England's councils"), "region": ("◆", "purple diamonds: North West councils"),
       "neighbour": ("■", "blue squares: the chosen council's nearest neighbours"),
       "council": ("★", "yellow star: the chosen council")}
NO_SCORE = ("Spending more is not good or bad by itself: needs, prices and what a council buys differ. So the page "
            "puts the two values side by side, each with its year, and gives no single “value for money” score.")


def spending_figure(page: SpendingPage, narrow: bool = False) -> dict:
    s, o = page.spend, page.outcome
    data = []
    for kind in KINDS:
        points = [p for p in page.points if p.kind == kind]
        if points:
            data.append({"type": "scatter", "mode": "markers", "name": NAMES[kind], "marker": MARKS[kind],
                         "x": [p.spend for p in points], "y": [p.outcome for p in points], "cliponaxis": False,
                         "text": [f"{p.name}: {', '.join(page.text(p))}" for p in points],
                         "hovertemplate": "%{text}<extra></extra>"})
    x_low, x_high, _ = fitted_range([p.spend for p in page.points] + [page.spend_median])
    y_low, y_high, _ = fitted_range([p.outcome for p in page.points] + [page.outcome_median])
    layout = base_layout(page.title, page.source, plot_height=PLOT_PX, narrow=narrow)
    axis = {"fixedrange": True, "showline": True, "linecolor": MUTED, "gridcolor": "#e5e6e7", "zeroline": False,
            "tickfont": {"size": LABEL_SIZE}, "automargin": True}
    layout.update({
        "xaxis": {**axis, "range": [x_low, x_high],
                  "title": {"text": f"{s.short_name}, {page.period} ({s.unit})", "font": {"size": LABEL_SIZE}}},
        "yaxis": {**axis, "range": [y_low, y_high],
                  "title": {"text": f"{o.short_name}, {page.period} ({o.unit})", "font": {"size": LABEL_SIZE}}},
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": page.spend_median, "x1": page.spend_median,
                    "y0": 0, "y1": 1, "line": {"color": INK, "width": 1.5, "dash": "dash"}},
                   {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": page.outcome_median,
                    "y1": page.outcome_median, "line": {"color": INK, "width": 1.5, "dash": "dash"}}],
    })
    notes = layout["annotations"]
    # Each quarter's words in its corner (the outcome's better side named by its polarity)
    for x, y in ((0, 1), (1, 1), (0, 0), (1, 0)):
        notes.append({"text": corner(bool(x), bool(y), o).replace(", ", "<br>"), "xref": "paper", "yref": "paper",
                      "x": x, "y": y,
                      "xanchor": "right" if x else "left", "yanchor": "top" if y else "bottom", "showarrow": False,
                      "align": "right" if x else "left", "font": {"size": LABEL_SIZE, "color": MUTED},
                      "bgcolor": "rgba(255,255,255,0.85)"})
    for p in page.points:
        if p.kind == "council":
            notes.append({"text": f"<b>{p.name}</b>", "x": p.spend, "y": p.outcome, "xref": "x", "yref": "y",
                          "ax": 0, "ay": -34 if p.outcome < (y_low + y_high) / 2 else 34, "showarrow": True,
                          "arrowhead": 0, "font": {"size": LABEL_SIZE, "color": INK}, "bgcolor": "#ffffff"})
    return {"data": data, "layout": layout}


def _select(id_: str, label: str, options, value: str | None, none: str | None = None) -> html.Div:
    choices = ([html.Option(none, value="", selected=not value)] if none else []) + [
        html.Option(text, value=key, selected=key == value) for key, text in options]
    return html.Div([html.Label(label, htmlFor=id_, className="form-label fw-semibold"),
                     html.Select(choices, id=id_, name=id_.removeprefix("spending-"), className="form-select")])


def spending_table(page: SpendingPage) -> html.Details:
    caption = f"{page.title}: every council with both values"
    ordered = sorted(page.points, key=lambda p: (p.kind != "council", p.kind != "neighbour", p.kind != "region",
                                                 p.name))
    body = [html.Tr([html.Th(p.name, scope="row"), *[html.Td(t) for t in page.text(p)],
                     html.Td(MARKED[p.kind]),
                     html.Td(p.quarter)],
                    className="selected-row" if p.kind == "council" else None) for p in ordered]
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in (
        "Council", f"{page.spend.short_name} ({page.spend.unit})", f"{page.outcome.short_name} ({page.outcome.unit})",
        "Marked as", "Where it sits")]))
    return html.Details([html.Summary("The chart's values, as a table"),
                         scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)],
                                               className="table table-sm spending-table"), caption)],
                        className="fold")


def spending_page(page: SpendingPage | None, narrow: bool = False) -> list:
    heading = page_heading("Spending beside outcomes",
                           "Each English council's spending against an outcome for the same year, with the North "
                           "West's councils and a council's nearest neighbours marked.")
    if page is None:
        return [*heading, html.P("Spending and outcomes are compared across England's councils, and this warehouse "
                                 "holds one region's only (the demonstration data), so there is nothing to show.",
                                 className="empty-state")]
    shown = [k for k in KINDS if any(p.kind == k for p in page.points)]
    return [
        *heading,
        html.P(NO_SCORE),
        html.Form([
            _select("spending-spend", "Spending", page.spend_options, page.spend.id),
            _select("spending-outcome", "Outcome", page.outcome_options, page.outcome.id),
            _select("spending-period", "Year", [(p, p) for p in reversed(page.periods)], page.period),
            _select("spending-council", "Council", page.council_options, page.council, "No council chosen"),
            html.Div(html.Button("Show", type="submit", className="btn btn-dark"), className="align-self-end"),
        ], action="/spending", method="get", className="controls spending-controls",
            **{"aria-label": "Choose what to compare"}),
        html.P(page.finding, className="finding lead", id="spending-finding"),
        html.Figure([dcc.Graph(figure=spending_figure(page, narrow), config=graph_config("scorecard-spending"),
                               id="spending-scatter"),
                     html.Figcaption(page.note, className="finding")]),
        html.Ul([html.Li([html.Span(KEY[k][0], **{"aria-hidden": "true"}), " ", KEY[k][1]]) for k in shown] +
                [html.Li([html.Span("╎", **{"aria-hidden": "true"}), " dashed lines: the medians named above"])],
                className="funnel-key", **{"aria-label": "Key to the chart"}),
        spending_table(page),
    ]
