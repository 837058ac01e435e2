"""`/`: the six domains at a glance and a heatmap of councils × the chosen domain's measures."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids
from layouts.components import illustrative_banner, page_heading
from layouts.domain_view import BENCHMARK_OPTIONS, _select
from layouts.ratings import badge
from layouts.theme import COLOURS

TALLY_WORDS = (("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("neutral", "No judgement"),
               ("grey", "Not rated"))


def skeleton(periods, state, ignored, illustrative, councils: int) -> list:
    return [
        dcc.Location(id=ids.O_URL, refresh=False), dcc.Store(id=ids.O_STATE),
        illustrative_banner(illustrative),
        *page_heading("Regional overview",
                      f"How the North West's {councils} councils with adult social care duties compare, across the "
                      "six domains of the sector's risk-awareness tool."),
        html.Div([html.P(["Some of the link was not understood and was ignored: ", "; ".join(ignored), "."],
                         className="notice")] if ignored else [], id=ids.O_NOTICE, role="status"),
        html.Form([
            _select(ids.O_PERIOD, "Period", [(p, p) for p in reversed(periods)], state["period"]),
            _select(ids.O_BENCHMARK, "Compare with", [o for o in BENCHMARK_OPTIONS if o[0] != "chosen"],
                    state["benchmark"]),
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


def domain_cards(domains, tallies: dict, red_red: dict, query: str) -> list:
    """For each domain: the region's count of ratings by colour and its red-red list."""
    cards = []
    for d in domains:
        counts = tallies[d.slug]
        items = [html.Li([badge(word, colour), f" {counts.get(colour, 0)}"]) for colour, word in TALLY_WORDS]
        flagged = red_red[d.slug]
        cards.append(html.Section([
            html.H2(dcc.Link(d.name, href=f"/domain/{d.slug}{query}"), className="h4"),
            html.Ul(items, className="tally", **{"aria-label": f"Ratings across councils in {d.name}"}),
            html.H3("Worse and getting worse", className="h6 mt-2"),
            html.Ul([html.Li(f"{council}: {measure}") for council, measure in flagged[:6]]
                    + ([html.Li(f"and {len(flagged) - 6} more")] if len(flagged) > 6 else []))
            if flagged else html.P("None", className="text-muted-strong"),
        ], className="domain-card"))
    return cards


def domain_links(domains, active: str, query_for) -> html.Ul:
    items = []
    for d in domains:
        # dcc.Link takes no aria-* props: the current one says so in words a screen reader reads out.
        current = [html.Span(" (shown)", className="visually-hidden")] if d.slug == active else []
        items.append(html.Li(dcc.Link([d.name, *current], href=query_for(d.slug),
                                      className="nav-link" + (" active" if d.slug == active else "")),
                             className="nav-item"))
    return html.Ul(items, className="nav nav-pills heatmap-tabs")


def heatmap(councils: list[dict], measures, cells: dict, domain_slug: str, period: str, benchmark_label: str):
    """A table: one row per council, one column per measure; each cell a link with the rating's icon and word."""
    head = html.Thead(html.Tr([html.Th("Council", scope="col")] + [
        html.Th(dcc.Link(m.short_name, href=f"/measures/{m.id}"), scope="col") for m in measures]))
    body = []
    for c in councils:
        row = [html.Th(dcc.Link(c["name"], href=f"/council/{c['code']}?domain={domain_slug}"), scope="row")]
        for m in measures:
            r = cells.get((c["code"], m.id))
            colour, word = (r["colour"], r["rating"]) if r else ("grey", "No data")
            style = COLOURS[colour]
            row.append(html.Td(dcc.Link(
                [html.Span(style["icon"], **{"aria-hidden": "true"}), " ", word],
                href=f"/council/{c['code']}?domain={domain_slug}&measure={m.id}",
                title=f"{c['name']}, {m.short_name}: {word}",
                className="heat-link", style={"backgroundColor": style["fill"], "color": style["text"]}),
                className="heat-cell"))
        body.append(html.Tr(row))
    return html.Div(html.Table([html.Caption(f"Ratings of every North West council against {benchmark_label}, "
                                             f"{period}. Each cell opens that council."), head, html.Tbody(body)],
                               className="table table-sm heatmap"), className="table-responsive")
