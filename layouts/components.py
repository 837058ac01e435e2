"""Small shared pieces: the illustrative-data banner, accessible tables, headings, release line."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids

ILLUSTRATIVE = "Illustrative data — not official statistics"


def illustrative_banner(show: bool):
    """A banner on every page that shows demo data; nothing when the data are real."""
    if not show:
        return None
    return html.Div([
        html.Strong(ILLUSTRATIVE),
        html.Span(". The values on this page were invented by the demo generator to show how the scorecard works. "
                  "Do not quote them."),
    ], id=ids.BANNER, className="illustrative-banner", role="note")


def table(caption: str, columns: list[str], rows: list[list], class_name: str = "") -> html.Table:
    """A data table with a caption and column headers; the first cell of each row is a row header."""
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in columns]))
    body = html.Tbody([html.Tr([html.Th(r[0], scope="row"), *[html.Td(c) for c in r[1:]]]) for r in rows])
    return html.Div(html.Table([html.Caption(caption), head, body],
                               className=f"table table-sm align-middle {class_name}".strip()),
                    className="table-responsive")


def page_heading(title: str, lead: str | None = None) -> list:
    return [html.H1(title), html.P(lead, className="lead") if lead else None]


def measure_link(measure) -> dcc.Link:
    return dcc.Link(measure.short_name, href=f"/measures/{measure.id}", title=measure.name)
