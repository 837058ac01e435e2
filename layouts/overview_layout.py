"""`/`: the six domains at a glance and a heatmap of councils × the chosen domain's measures.
Renders page_models.overview_model records."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids
from layouts.components import ignored_notice, illustrative_banner, page_heading, select, tally
from layouts.theme import COLOURS


def mine_tag() -> html.Span:
    """Shown (by assets/scorecard.js, from localStorage) on the row of the reader's own council."""
    return html.Span(" (my council)", className="mine-tag", hidden=True)


def skeleton(c) -> list:
    """The page frame with its controls set from the URL (an overview_model.Controls)."""
    return [
        dcc.Location(id=ids.O_URL, refresh=False), dcc.Store(id=ids.O_STATE),
        illustrative_banner(c.illustrative),
        *page_heading("Regional overview",
                      f"How the North West's {c.councils} councils with adult social care duties compare, across "
                      "the six domains of the sector's risk-awareness tool."),
        ignored_notice(ids.O_NOTICE, c.ignored),
        html.Form([
            select(ids.O_PERIOD, "Period", c.periods, c.state["period"]),
            select(ids.O_BENCHMARK, "Compare with", c.benchmarks, c.state["benchmark"]),
        ], className="controls", **{"aria-label": "Choose what to show"}),
        html.Div(id=ids.O_CARDS, className="domain-grid"),
        html.Section([
            html.H2("Every council, every measure", className="h3 mt-4"),
            html.Nav(id=ids.O_DOMAIN_LINKS, **{"aria-label": "Heatmap domain"}),
            html.Div(id=ids.O_HEATMAP),
            html.P(html.A("Download this heatmap as CSV", id=ids.O_DOWNLOAD, href="#", className="btn btn-dark"),
                   className="download"),
        ], **{"aria-label": "Heatmap"}),
    ]


def domain_cards(page) -> list:
    """For each domain: the region's count of ratings by colour and its worse-and-getting-worse list."""
    cards = []
    for s in page.summaries:
        flagged = [html.Li(text) for text in s.red_red] + ([html.Li(f"and {s.red_red_more} more")]
                                                           if s.red_red_more else [])
        body = [html.P(s.empty, className="empty-state")] if s.empty else [
            tally(s.tallies, f"Ratings across councils in {s.domain.name}"),
            html.H3("Worse and getting worse", className="h6 mt-2"),
            html.Ul(flagged) if flagged else html.P("None", className="text-muted-strong")]
        cards.append(html.Section([html.H2(dcc.Link(s.domain.name, href=s.href), className="h4"), *body],
                                  className="domain-card"))
    return cards


def domain_links(page) -> html.Ul:
    items = []
    for d, href in page.domain_links:
        active = d.slug == page.heat_domain
        # dcc.Link takes no aria-* props: the current one says so in words a screen reader reads out.
        current = [html.Span(" (shown)", className="visually-hidden")] if active else []
        items.append(html.Li(dcc.Link([d.name, *current], href=href,
                                      className="nav-link" + (" active" if active else "")), className="nav-item"))
    return html.Ul(items, className="nav nav-pills heatmap-tabs")


def heatmap(page) -> html.Div:
    """A table: one row per council, one column per measure; each cell a link with the rating's icon and word."""
    if page.heat_empty:
        return html.P(page.heat_empty, className="empty-state")
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [
        html.Th([dcc.Link(name, href=f"/measures/{measure_id}"), html.Br(), html.Small(period, className="period")],
                scope="col") for measure_id, name, period in page.measures]))
    body = []
    for row in page.heat_rows:
        cells = [html.Th([dcc.Link(row.name, href=row.href), mine_tag()], scope="row")]
        for cell in row.cells:
            colour, word = (cell.row.colour, cell.row.rating) if cell.row else ("grey", "No data")
            style = COLOURS[colour]
            cells.append(html.Td(dcc.Link([html.Span(style["icon"], **{"aria-hidden": "true"}), " ", word],
                                          href=cell.href, title=cell.title, className="heat-link",
                                          style={"backgroundColor": style["fill"], "color": style["text"]}),
                                 className="heat-cell"))
        body.append(html.Tr(cells, **{"data-council": row.code}))
    return html.Div([html.Div(html.Table([html.Caption(page.heat_caption), head, html.Tbody(body)],
                                         className="table table-sm heatmap"), className="table-responsive"),
                     html.P(page.sources, className="sources")])


def outputs(page) -> tuple:
    """The render callback's four outputs for an overview_model.OverviewPage."""
    return domain_cards(page), domain_links(page), heatmap(page), page.download
