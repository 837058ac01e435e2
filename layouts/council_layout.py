"""`/council/<code>`: one council across the six domains, in the Fingertips manner, printable to A4.
Renders page_models.council_model records."""

from __future__ import annotations

import base64

from dash import dcc, html

from layouts.badges import badge
from layouts.components import illustrative_banner, measure_link, page_heading, tally
from layouts.figures import spine_figure
from layouts.theme import graph_config


def sparkline(values, description: str) -> html.Img | None:
    """A small line of the values over time as an inline SVG image, with the trend in words as its alt text."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return None
    xs, ys = [i for i, _ in points], [v for _, v in points]
    low, high, width = min(ys), max(ys), max(xs) or 1
    span = (high - low) or 1
    coords = " ".join(f"{2 + 96 * x / width:.1f},{22 - 20 * (y - low) / span:.1f}" for x, y in points)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="24" viewBox="0 0 100 24">'
           f'<polyline fill="none" stroke="#1d3557" stroke-width="2" points="{coords}"/></svg>')
    return html.Img(src="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), alt=description,
                    width=100, height=24, className="sparkline")


def _link_list(links, class_name: str, label: str, pills: bool = False) -> html.Nav:
    items = [html.Li(html.A(link.text, href=link.href,
                            className=("nav-link" + (" active" if link.current else "")) if pills else None,
                            **({"aria-current": "page"} if link.current else {}))) for link in links]
    return html.Nav(html.Ul(items, className=class_name), **{"aria-label": label})


def _row(p, page) -> html.Tr:
    r, m = p.row, p.measure
    return html.Tr([
        html.Th([measure_link(m), html.Span(" ⚑ worse and getting worse", className="red-red") if r.red_red
                 else None], scope="row"),
        html.Td([r.value_text, html.Br(), html.Small(r.period, className="period"),
                 *([html.Br(), html.Small(p.note, className="cell-note")] if p.note else [])]),
        html.Td(r.comparator_text),
        *([html.Td(p.england_text)] if page.shows_england else []),
        html.Td(badge(r.rating, r.colour)),
        html.Td([sparkline(p.history, r.trend_reason), html.Br(), html.Small(r.trend_text)]),
        html.Td(html.Details([html.Summary("Why?"), html.P(r.reason)], className="why")),
        html.Td(dcc.Link(p.compare.text, href=p.compare.href,
                         title=f"Compare {page.name} with its nearest neighbours on {m.short_name}")),
    ])


def _listing(items, empty: str):
    if not items:
        return html.P(empty, className="text-muted-strong")
    return html.Ul([html.Li([measure_link(m), f": {rating.lower()}"]) for m, rating in items])


def _section(s, page) -> html.Section:
    if s.empty:
        return html.Section([html.H2(s.domain.name, id=f"domain-{s.domain.slug}", className="h3 mt-4"),
                             html.P(s.empty, className="empty-state")], className="profile-domain")
    figure = spine_figure(s.spine, s.spine_title, s.sources, "England")
    columns = ("Measure", page.name, page.benchmark, *(("England",) if page.shows_england else ()), "Rating", "Trend",
               "Why?", "Peers")
    return html.Section([
        html.H2(s.domain.name, id=f"domain-{s.domain.slug}", className="h3 mt-4"),
        tally(s.tallies, f"Ratings in {s.domain.name}"),
        html.Div([
            html.Div([html.H3("Strengths", className="h6"), _listing(s.strengths, "None significantly better.")]),
            html.Div([html.H3("Areas for improvement", className="h6"),
                      _listing(s.weaknesses, "None significantly worse.")]),
        ], className="strengths"),
        html.Figure([
            dcc.Graph(figure=figure, config=graph_config(f"{page.code}-{s.domain.slug}")),
            html.Figcaption(f"Each row runs from the worst North West council on the left to the best on the right, "
                            f"with England in the middle; the dark band is the middle half of councils. "
                            f"{page.name} is the coloured marker, the North West the triangle."),
        ], className="spine") if figure else None,
        html.Div(html.Table([html.Caption(s.table_caption),
                             html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
                             html.Tbody([_row(p, page) for p in s.rows])], className="table table-sm align-middle"),
                 className="table-responsive"),
        html.Div([html.H3("Commentary and self-assessment", className="h6"),
                  html.P(f"{page.name} has not published commentary or a self-assessment for {s.domain.name} "
                         "yet. When it does, it will appear here beside the numbers.", className="empty-state")],
                 className="commentary"),
    ], className="profile-domain")


def _boundary_note(note) -> html.P:
    if note.link is None:
        return html.P(note.before, className="boundary-note")
    return html.P(html.Span([note.before, dcc.Link(note.link.text, href=note.link.href), note.after]),
                  className="boundary-note")


def council_page(page) -> list:
    """The whole profile for a council_model.CouncilPage."""
    peers = None
    if page.neighbours:
        name, source, members = page.neighbours
        peers = html.P([html.Strong(f"{name}: "), ", ".join(members), html.Small(f" ({source})")])
    return [
        illustrative_banner(page.illustrative),
        *page_heading(page.name, f"{page.council_type}. {page.period[0].upper() + page.period[1:]}."),
        html.P(page.sources, className="sources"),
        html.P([html.Strong("Political control: "), page.political_control,
                f" ({page.control_change})" if page.control_change else ""], className="politics"),
        peers,
        *[_boundary_note(n) for n in page.boundary_notes],
        html.P(page.summary, className="summary lead"),
        html.Div([html.Span("Compare with: ", className="fw-semibold"),
                  _link_list(page.benchmark_links, "nav nav-pills benchmark-links", "Compare with", pills=True)],
                 className="d-flex flex-wrap gap-2 compare-with"),
        _link_list(page.domain_links, "domain-jump", "Domains of this profile"),
        html.P(html.A("Download this profile as CSV", href=page.download, className="btn btn-dark"),
               className="download"),
        *[_section(s, page) for s in page.sections],
        html.P(f"{page.sources} Definitions: /measures.", className="print-footer"),
    ]
