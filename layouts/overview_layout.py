"""`/`: the six domains at a glance and a heatmap of councils × the chosen domain's measures.
Renders page_models.overview_model records."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from analysis.vocabulary import RATING_COLOURS
from layouts import ids
from layouts.badges import badge
from layouts.components import (
    bar_background,
    count_icons,
    ignored_notice,
    illustrative_banner,
    page_heading,
    scroll_box,
    select,
    tally,
)
from layouts.filling import fill
from layouts.raw_html import raw
from layouts.tile_map_layout import tile_map
from page_models.funnel_model import SIZE_NOTE
from page_models.overview_model import Controls, OverviewPage


def mine_tag() -> html.Span:
    """Shown (by assets/scorecard.js, from localStorage) on the row of the reader's own council."""
    return html.Span(" (my council)", className="mine-tag", hidden=True)


# What outputs() draws, in its order: the render callback's outputs (callbacks/overview_callbacks.py), and what the
# router writes into a new page so that it arrives drawn.
DRAWN = ((ids.O_CARDS, "children"), (ids.O_DOMAIN_LINKS, "children"), (ids.O_HEATMAP, "children"),
         (ids.O_DOWNLOAD, "href"))


def page(c: Controls, drawn: OverviewPage, pathname: str, search: str) -> list:
    """The page for the address as it arrives: controls set from the URL and `drawn` as the render callback would
    draw it (outputs())."""
    return fill(skeleton(c, pathname, search), DRAWN, outputs(drawn))


def skeleton(c: Controls, pathname: str | None = None, search: str | None = None) -> list:
    """The page frame with its controls set from the URL (an overview_model.Controls)."""
    return [
        dcc.Location(id=ids.O_URL, refresh=False, pathname=pathname, search=search),
        dcc.Store(id=ids.O_STATE, data=c.state.as_dict()),
        illustrative_banner(c.illustrative),
        *page_heading("Regional overview",
                      f"How the North West's {c.councils} councils with adult social care duties compare, across "
                      "the six domains of the sector's risk-awareness tool."),
        ignored_notice(ids.O_NOTICE, c.ignored),
        html.Form([
            select(ids.O_PERIOD, "Period", c.periods, c.state.period),
            select(ids.O_BENCHMARK, "Compare with", c.benchmarks, c.state.benchmark),
        ], className="controls", **{"aria-label": "Choose what to show"}),
        html.Div(id=ids.O_CARDS),
        html.Section([
            html.H2("Every council, every measure", className="h3 mt-4"),
            html.Nav(id=ids.O_DOMAIN_LINKS, **{"aria-label": "Heatmap domain"}),
            html.Div(id=ids.O_HEATMAP),
            html.P(html.A("Download this heatmap as CSV", id=ids.O_DOWNLOAD, href="#", className="btn btn-dark"),
                   className="download"),
        ], className="heatmap-section", **{"aria-label": "Heatmap"}),
        pack_form(c),
    ]


def pack_form(c: Controls) -> html.Section:
    """Choose domains and councils for a printable meeting pack (/pack); the link follows the choices."""
    pin = c.state.as_at
    return html.Section([
        html.H2("Meeting pack", className="h3 mt-4"),
        html.P("A pack to print or save as PDF for a meeting: a cover, contents, the region at a glance, each "
               "chosen domain's heatmap and key charts, and a two-page briefing for each chosen council, in the "
               "order presenter view follows. It shows the same data as this page" +
               (", pinned to the same release." if pin else ".")),
        html.Div([
            html.Fieldset([html.Legend("Domains", className="fs-6 fw-semibold"),
                           dbc.Checklist(id=ids.PACK_DOMAINS, options=[{"label": n, "value": s} for s, n in c.domains],
                                         value=[s for s, _ in c.domains])]),
            html.Fieldset([html.Legend("Council briefings (up to six)", className="fs-6 fw-semibold"),
                           dbc.Checklist(id=ids.PACK_COUNCILS, value=[], className="pack-council-list",
                                         options=[{"label": n, "value": code} for code, n in c.council_options])]),
            html.Div([html.Label("Meeting date", htmlFor=ids.PACK_DATE, className="form-label fw-semibold"),
                      dcc.Input(id=ids.PACK_DATE, type="date", className="form-control", min="2015-01-01",
                                max="2100-12-31")]),
        ], className="pack-choices"),
        html.P(html.A("Open the meeting pack", id=ids.PACK_LINK, className="btn btn-dark",
                      href="/pack" + (f"?as_at={pin}" if pin else "")), className="mt-2"),
    ], className="pack-form", **{"aria-label": "Meeting pack"})


def matrix_table(page: OverviewPage) -> html.Div:
    """Every council × the six domains, each cell a link to that council's domain section; sortable by a domain."""
    head = [html.Th("Council", scope="col")]
    for d, href in page.sort_links:
        sorted_here = page.sort == d.slug
        head.append(html.Th(dcc.Link([d.short_name, html.Span(" (sorted: most worse first)" if sorted_here
                                                              else " (sort by this domain)",
                                                              className="visually-hidden"),
                                      " ▼" if sorted_here else ""], href=href, className="sort-link"),
                            scope="col", **({"aria-sort": "descending"} if sorted_here else {})))
    body = []
    for row in page.matrix:
        cells = [html.Th([dcc.Link(row.name, href=row.href), mine_tag()], scope="row")]
        for cell in row.cells:
            # One link per cell, its bar painted as the link's background and its counts as symbols on screen, in
            # words for a screen reader (its name is the words: no aria-label that would not hold the visible text):
            # 144 of these, and the page redraws in a fraction of the time of a component per part (6.5 s → see
            # benchmarks/RESULTS.md).
            text = count_icons(cell.counts) + (f" ⚑{cell.red_red}" if cell.red_red else "")
            cells.append(html.Td(html.A([html.Span(text, **{"aria-hidden": "true"}),
                                         html.Span(f"{row.name}, {cell.domain.name}: {cell.words}",
                                                   className="visually-hidden")],
                                        href=cell.href, className="matrix-link",
                                        style={"backgroundImage": bar_background(cell.counts)}),
                                 className="matrix-cell", **{"data-domain": cell.domain.short_name}))
        body.append(html.Tr(cells, **{"data-council": row.code}))
    return scroll_box(html.Table([html.Caption(page.matrix_caption), html.Thead(html.Tr(head)), html.Tbody(body)],
                                 className="table table-sm align-middle region-matrix"), page.matrix_caption)


def region_matrix(page: OverviewPage) -> html.Section:
    """The region matrix under its heading (the meeting pack prints the table under a numbered heading of its own)."""
    return html.Section([html.H2("The region at a glance", className="h3"), raw(matrix_table(page))],
                        **{"aria-label": "The region at a glance"})


def key(page: OverviewPage) -> html.Section:
    """What every colour, icon and word means, and what the counts count, in plain English."""
    items = []
    for colour in RATING_COLOURS.values():
        items += [html.Dt(badge(colour.word, colour.key)), html.Dd(colour.meaning)]
    items += [html.Dt(html.Span("⚑", className="red-red")), html.Dd("Worse than the benchmark and getting worse over "
                                                                     "the last five years: look at these first.")]
    return html.Section([
        html.H2("Key", className="h5"),
        html.Dl(items, className="key-list"),
        html.P(f"Counts are of ratings: one council on one measure is one rating. The benchmark here is "
               f"{page.benchmark}; \"similar\" and \"significantly\" allow for chance, using 95% confidence "
               "intervals. Each number's definition and source: the measures page.", className="key-note"),
        html.P([SIZE_NOTE, " Each measure's page has a funnel plot that shows it."], className="key-note"),
    ], className="key", **{"aria-label": "Key"})


def domain_cards(page: OverviewPage) -> list:
    """For each domain: the region's count of ratings by colour and its worse-and-getting-worse list."""
    cards = []
    for s in page.summaries:
        flagged = [html.Li(text) for text in s.red_red] + ([html.Li(f"and {s.red_red_more} more")]
                                                           if s.red_red_more else [])
        body = [html.P(s.empty, className="empty-state")] if s.empty else [
            tally(s.tallies, f"Ratings across councils in {s.domain.name}"),
            html.P("Ratings: one council on one measure each.", className="tally-unit"),
            html.H3("Worse and getting worse", className="h6 mt-2"),
            html.Ul(flagged) if flagged else html.P(s.no_red_red, className="text-muted-strong")]
        body.append(html.P(s.newest, className="domain-newest small mb-0"))
        cards.append(html.Section([html.H2(dcc.Link(s.domain.name, href=s.href), className="h4"), *body],
                                  className="domain-card"))
    return cards


def at_a_glance(page: OverviewPage) -> list:
    """The region matrix and the key side by side (in presenter view), then each domain's card."""
    return [html.Div([region_matrix(page), key(page)], className="glance-layout"),
            html.Div([html.H2("Each domain", className="h3 mt-4"),
                      html.Div(domain_cards(page), className="domain-grid")], className="domain-cards")]


def domain_links(page: OverviewPage) -> html.Ul:
    items = []
    for d, href in page.domain_links:
        active = d.slug == page.heat_domain
        # dcc.Link takes no aria-* props: the current one says so in words a screen reader reads out.
        current = [html.Span(" (shown)", className="visually-hidden")] if active else []
        items.append(html.Li(dcc.Link([d.name, *current], href=href,
                                      className="nav-link" + (" active" if active else "")), className="nav-item"))
    return html.Ul(items, className="nav nav-pills heatmap-tabs")


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # more than any domain has measures


def heatmap(page: OverviewPage, with_map: bool = True) -> html.Div:
    """A table: one row per council, one column per measure; each cell a link with the rating's icon and word. Then
    (on the page, where presenter view shows each as a slide of its own) the domain's tile map."""
    if page.heat_empty:
        return html.P(page.heat_empty, className="empty-state")
    # In presenter view a column is headed by its letter and the names stand beside the table (column_key): 24
    # rows and up to 14 names at the room's type do not fit a 1280 by 720 screen above each other.
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [
        html.Th([dcc.Link([html.Span(f"{letter} ", className="heat-letter"), html.Span(name, className="heat-name")],
                          href=href), html.Br(), html.Small(period, className="period")],
                scope="col") for letter, (_, name, period, href) in zip(LETTERS, page.measures, strict=False)]))
    body = []
    for row in page.heat_rows:
        cells = [html.Th([dcc.Link(row.name, href=row.href), mine_tag()], scope="row")]
        for cell in row.cells:
            colour, word = (cell.row.record.colour, cell.row.record.rating) if cell.row else ("grey", "No data")
            style = RATING_COLOURS[colour]
            # Two components a cell, not four: Dash's renderer spends milliseconds per component as the heatmap
            # arrives (~290 cells). The icon is drawn by CSS from data-icon (decorative: the word is the text);
            # assets/scorecard.js follows a data-spa link without reloading the page, as dcc.Link would.
            cells.append(html.Td(html.A(word, href=cell.href, title=cell.title, className="heat-link",
                                        style={"backgroundColor": style.fill, "color": style.text},
                                        **{"data-icon": style.icon, "data-spa": "1"}),
                                 className="heat-cell"))
        body.append(html.Tr(cells, **{"data-council": row.code}))
    caption = html.Caption([page.heat_caption,  # on paper (the meeting pack) a cell opens nothing
                            html.Span(" Each cell opens that council.", className="d-print-none")])
    return html.Div([html.Div([scroll_box(html.Table([caption, head, html.Tbody(body)],
                                                     className="table table-sm heatmap"), page.heat_caption),
                               column_key(page)], className="heat-layout"),
                     html.P(page.sources, className="sources"),
                     tile_map(page.tiles) if with_map and page.tiles is not None else None])


def column_key(page: OverviewPage) -> html.Div:
    """Presenter view only (hidden elsewhere, where each column is headed by its name and the caption names the
    benchmark): the benchmark, each column's letter, measure and period, and what each icon on the slide means."""
    columns = [x for letter, (_, name, period, _) in zip(LETTERS, page.measures, strict=False)
               for x in (html.Dt(letter), html.Dd([name, " ", html.Span(period, className="period")]))]
    shown = {cell.row.record.colour if cell.row else "grey" for row in page.heat_rows for cell in row.cells}
    icons = [html.Li([html.Span(colour.icon, className="heat-swatch",
                                style={"backgroundColor": colour.fill, "color": colour.text}), f" {colour.counted}"])
             for colour in RATING_COLOURS.values() if colour.key in shown]
    return html.Div([html.P(f"Against {page.benchmark}", className="heat-against"),
                     html.Dl(columns, className="heat-columns"), html.Ul(icons, className="heat-icons")],
                    className="heat-key", **{"aria-hidden": "true"})


def outputs(page: OverviewPage) -> tuple:
    """The render callback's four outputs for an overview_model.OverviewPage. The region at a glance (its matrix,
    key and cards) and the heatmap travel as HTML (layouts/raw_html.py): the same markup as one component each, not
    ~1,250."""
    return raw(at_a_glance(page)), domain_links(page), raw(heatmap(page)), page.download
