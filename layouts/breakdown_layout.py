"""Breakdowns by age and sex under a measure (page_models.breakdown_model.Breakdowns): a table for each, every North
West council's value for each group with its interval and its rating (word, icon and colour) against the same group
of the benchmark, and the reason under "Why?"."""

from __future__ import annotations

from dash import html

from layouts.badges import badge
from layouts.components import scroll_box
from page_models.breakdown_model import Breakdowns, Cell, Table


def _cell(c: Cell) -> list:
    return [html.Td([c.value, *([html.Br(), html.Small(c.interval, className="cell-note")] if c.interval else [])]),
            html.Td([badge(c.rating, c.colour),
                     html.Details([html.Summary("Why?"), html.P(c.reason)], className="why")])]


def _table(t: Table, selected: str | None) -> html.Section:
    head = html.Thead(html.Tr([html.Th("Council", scope="col"),
                               *[x for g in t.groups for x in (html.Th(g, scope="col"),
                                                               html.Th("Rating", scope="col"))]]))
    body = html.Tbody([html.Tr([html.Th([r.name, html.Span(" (highlighted)", className="visually-hidden")
                                         if r.code == selected else None], scope="row"),
                                *[td for c in r.cells for td in _cell(c)]],
                               className="selected-row" if r.code == selected else None) for r in t.rows])
    return html.Section([html.H3(t.title, className="h5"),
                         scroll_box(html.Table([html.Caption(t.caption), head, body],
                                               className="table table-sm align-middle breakdown-table"), t.caption)],
                        className="breakdown", **{"aria-label": t.title})


def breakdowns_block(b: Breakdowns | None, selected: str | None) -> html.Section | None:
    if b is None:
        return None
    return html.Section([
        html.H2("By age and sex", className="h4", id="breakdowns"),
        html.P([b.note, f" Each group's own 95% interval, from its own counts, compared with {b.benchmark}'s value for "
                "the same group. Where the source gives no counts, no interval can be worked out and the group is "
                "not rated."]),
        *[_table(t, selected) for t in b.tables],
    ], className="breakdowns", **{"aria-label": "By age and sex"})
