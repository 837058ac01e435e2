"""`/council/<code>`: one council across the six domains, in the Fingertips manner, printable to A4.
Renders page_models.council_model records."""

from __future__ import annotations

import base64

from dash import dcc, html

from analysis.formatting import with_unit
from layouts import ids
from layouts.account_layout import account_block
from layouts.badges import badge, red_red_tag, target_cell
from layouts.components import (
    illustrative_banner,
    link_list,
    measure_link,
    page_heading,
    rating_words,
    scroll_box,
    stacked_bar,
    tally,
)
from layouts.figures import YEARLY_COLLECTIONS, fitted_range
from layouts.raw_html import raw
from layouts.spine_chart import spine_chart
from layouts.theme import SERIES
from page_models.council_model import CouncilPage

SPARK_W, SPARK_H = 96, 28


def _spark_marks(points: list[tuple[int, float]], low: float, high: float, yearly: bool) -> str:
    """SVG for the points: a path through them, broken where a yearly measure misses a year (a gap, not a joined-up
    guess; the points of a measure collected less often are joined), a dot on any point left on its own, and a dot
    on the last."""
    first, last = points[0][0], points[-1][0]
    span_x, span_y = (last - first) or 1, (high - low) or 1
    xy = [(3 + (SPARK_W - 6) * (year - first) / span_x, SPARK_H - 3 - (SPARK_H - 6) * (value - low) / span_y)
          for year, value in points]
    joined = [i > 0 and (points[i][0] == points[i - 1][0] + 1 or not yearly) for i in range(len(points))]
    path = " ".join(f"{'L' if joined[i] else 'M'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(xy))
    alone = [i for i in range(len(points)) if not joined[i] and not (i + 1 < len(points) and joined[i + 1])]
    dots = "".join(f'<circle cx="{xy[i][0]:.1f}" cy="{xy[i][1]:.1f}" r="2.5" fill="{SERIES["council"]}"/>'
                   for i in sorted({*alone, len(points) - 1}))
    return f'<path fill="none" stroke="{SERIES["council"]}" stroke-width="2.5" d="{path}"/>{dots}'


def sparkline(history, m, description: str) -> html.Span | None:
    """The council's values over time: a small line (an inline SVG image whose alt text is the trend in words)
    between its first and last values, each labelled with its period. The vertical scale follows the charts'
    rule (layouts.figures.fitted_range); a missing year breaks the line."""
    points = [(int(period[:4]), value) for period, value in history if value is not None]
    if len(points) < 2:
        return None
    low, high, _ = fitted_range([v for _, v in points], pad=0.05)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_W}" height="{SPARK_H}" '
           f'viewBox="0 0 {SPARK_W} {SPARK_H}">{_spark_marks(points, low, high, m.collection in YEARLY_COLLECTIONS)}'
           '</svg>')
    first = next((p, v) for p, v in history if v is not None)
    last = next((p, v) for p, v in reversed(history) if v is not None)

    def end(period, value):
        return html.Small([with_unit(value, m.unit, m.decimals), html.Br(), html.Span(period, className="period")],
                          className="spark-end")

    return html.Span([
        end(*first),
        html.Img(src="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(), alt=description,
                 width=SPARK_W, height=SPARK_H, className="sparkline"),
        end(*last),
    ], className="spark")


def _row(p, page: CouncilPage) -> html.Tr:
    r, m = p.row, p.measure
    return html.Tr([
        html.Th([measure_link(m), html.Span(" (highlighted)", className="visually-hidden") if p.selected else None,
                 red_red_tag() if r.record.red_red else None],
                scope="row"),
        html.Td([r.value_text, html.Br(), html.Small(r.record.period, className="period"),
                 *([html.Br(), html.Small(p.note, className="cell-note")] if p.note else [])]),
        html.Td(r.comparator_text),
        *([html.Td(p.england_text)] if page.shows_england else []),
        html.Td(badge(r.record.rating, r.record.colour)),
        *([target_cell(r.target)] if page.shows_targets else []),
        html.Td([sparkline(p.history, m, f"{m.short_name} over time. {r.trend_plain}"),
                 html.Small(r.trend_text, className="d-block")]),
        html.Td(html.Details([html.Summary("Why?"), html.P(r.record.reason)], className="why")),
        html.Td(dcc.Link(p.compare.text, href=p.compare.href,
                         title=f"Compare {page.name} with its nearest neighbours on {m.short_name}")),
    ], id=f"measure-{m.id}", className="selected-row" if p.selected else None)


def _listing(items, empty: str, rows: dict | None = None):
    """Strengths or areas for improvement; for an area for improvement, who to learn from and the questions to ask
    (`rows`: measure id → its ProfileRow)."""
    if not items:
        return html.P(empty, className="text-muted-strong")
    return html.Ul([html.Li([measure_link(m), f": {rating.lower()}", *enquiry((rows or {}).get(m.id))])
                    for m, rating in items])


def learning(councils) -> list:
    """". Who to learn from (rated better): Stockport 5.1%, Bury 4.9%.", or nothing."""
    if not councils:
        return []
    return [". ", html.Span("Who to learn from", className="fw-semibold"), " (rated better): ",
            ", ".join(f"{name} {value}".strip() for name, value in councils), "."]


def questions(asked) -> list:
    """" Questions to ask: What …? How …?", or nothing."""
    if not asked:
        return []
    return [" ", html.Span("Questions to ask", className="fw-semibold"), ": ", " ".join(asked)]


def enquiry(row) -> list:
    """Who to learn from, then the questions to ask, for a row where the council is worse or getting worse."""
    return [] if row is None else [*learning(row.learn_from), *questions(row.questions)]


SPINE_WORDS = {
    True: "Each row runs from the worst North West council on the left to the best on the right, with England in "
          "the middle; the dark band is the middle half of councils.",
    False: "Measures with no better or worse: each row runs from the lowest North West council on the left to the "
           "highest on the right, with England in the middle; the dark band is the middle half of councils.",
}


def _spines(s, page: CouncilPage) -> list:
    """The section's spine charts: measures with a polarity (worst → best), then those with none (lowest →
    highest), each with its key in words; the rating words stand in the chart's right-hand column."""
    out = []
    for judged, entries, suffix in ((True, s.spine, ""), (False, s.spine_plain, ", shown without judgement")):
        chart = spine_chart(entries, s.spine_title + suffix, s.sources, "England",
                            f"{SPINE_WORDS[judged]} {page.name} is the coloured marker (its rating in words on the "
                            "right), the North West the triangle.", judged=judged)
        if chart:
            out.append(raw(chart))
    return out


def _summary(s, glance) -> html.Summary:
    """A folded domain's line: its name, its ratings as a small bar with counts, and its red-red count."""
    return html.Summary([
        html.H2(s.domain.name, className="h3 d-inline"),
        html.Span([*stacked_bar(glance.counts),
                   html.Span(f" ⚑{glance.red_red}", className="red-red") if glance.red_red else None,
                   html.Span(f" {glance.words}", className="visually-hidden")],
                  className="summary-counts") if not s.empty else None,
    ], className="domain-summary")


def _commentary(s, page: CouncilPage) -> html.Div:
    """The council's own published account of the domain, or a sentence saying there is none yet."""
    if s.account is not None:
        return html.Div(account_block(s.account, "h3"), className="commentary")
    return html.Div([html.H3("Commentary and self-assessment", className="h6"),
                     html.P(f"{page.name} has not published commentary or a self-assessment for {s.domain.name} "
                            "yet. When it does, it will appear here beside the numbers.", className="empty-state")],
                    className="commentary")


def _section(s, page: CouncilPage) -> html.Section:
    """One domain, folded behind its summary line; open when a link asks for it (a domain, a measure, #domain-)."""
    is_open = page.focus == s.domain.slug
    glance = next(g for g in page.glance if g.domain.slug == s.domain.slug)
    if s.empty:
        return html.Section(html.Details([_summary(s, glance), html.P(s.empty, className="empty-state"),
                                          _commentary(s, page) if s.account else None],
                                         id=f"domain-{s.domain.slug}", open=is_open, className="fold"),
                            className="profile-domain")
    columns = ("Measure", page.name, page.benchmark, *(("England",) if page.shows_england else ()), "Rating",
               *(("Own target",) if page.shows_targets else ()), "Trend", "Why?", "Peers")
    return html.Section(html.Details([
        _summary(s, glance),
        tally(s.tallies, f"Ratings in {s.domain.name}"),
        html.Div([
            html.Div([html.H3("Strengths", className="h6"), _listing(s.strengths, "None significantly better.")]),
            html.Div([html.H3("Areas for improvement", className="h6"),
                      _listing(s.weaknesses, "None significantly worse.", {p.measure.id: p for p in s.rows})]),
        ], className="strengths"),
        *_spines(s, page),
        raw(scroll_box(html.Table([html.Caption(s.table_caption),  # as HTML: ~1,000 components otherwise
                                   html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
                                   html.Tbody([_row(p, page) for p in s.rows])],
                                  className="table table-sm align-middle ratings-profile"), s.table_caption)),
        _commentary(s, page),
    ], id=f"domain-{s.domain.slug}", open=is_open, className="fold"), className="profile-domain")


def at_a_glance(page: CouncilPage) -> html.Section:
    """The top of the profile: the six domains in one small table of bars (each a link to its section below), the
    biggest movers since the year before, and where to look first with who to learn from."""
    rows = [html.Tr([html.Th(html.A(g.domain.name, href=g.href), scope="row"),
                     html.Td([*stacked_bar(g.counts), html.Span(f" {g.words}", className="visually-hidden")]),
                     html.Td(html.Span(f"⚑ {g.red_red}", className="red-red") if g.red_red else "")])
            for g in page.glance]
    movers = [html.Li([measure_link(m.measure), ": ", m.row.record.change_reason,
                       html.Strong(f" A change {m.direction}.") if m.direction else " Neither better nor worse."])
              for m in page.movers]
    return html.Section([
        html.H2(f"{page.name} at a glance", className="h4"),
        html.Div([
            html.Div(html.Table([
                html.Caption(f"Ratings against {page.benchmark} in each domain: better (✓), similar (=), worse (✗); "
                             "⚑ worse and getting worse. Each domain opens its section."),
                html.Thead(html.Tr([html.Th("Domain", scope="col"), html.Th("Ratings", scope="col"),
                                    html.Th("⚑", scope="col", title="worse and getting worse")])),
                html.Tbody(rows)], className="table table-sm align-middle glance-table"), className="glance"),
            html.Div([html.H3("Biggest movers since the year before", className="h6"),
                      html.Ul(movers) if movers else html.P("No measure moved since the year before.",
                                                            className="text-muted-strong")], className="movers"),
        ], className="glance-grid"),
        html.Div([html.H3("Look first at", className="h6"),
                  html.Ul([html.Li([measure_link(p.measure), f": {p.row.record.rating.lower()}",
                                    red_red_tag()
                                    if p.row.record.red_red else
                                    (", getting worse" if p.row.record.trend_verdict == "getting worse" else None),
                                    *(learning(p.learn_from) or [". No council in the region is rated better."]),
                                    *questions(p.questions)])
                           for p in page.look_first])], className="look-first") if page.look_first else None,
    ], className="council-glance", **{"aria-label": f"{page.name} at a glance"})


def _boundary_note(note) -> html.P:
    if note.link is None:
        return html.P(note.before, className="boundary-note")
    return html.P(html.Span([note.before, dcc.Link(note.link.text, href=note.link.href), note.after]),
                  className="boundary-note")


def council_page(page: CouncilPage, site: str = "", spending: tuple[tuple[str, str], ...] = ()) -> list:
    """The whole profile for a council_model.CouncilPage (its spine charts are HTML: CSS lays them out for a
    phone), ending with spending beside outcomes (spending_model.profile_lines: each sentence and its chart)."""
    peers = None
    if page.neighbours:
        name, source, members = page.neighbours
        peers = html.P([html.Strong(f"{name}: "), ", ".join(members), html.Small(f" ({source})")], className="peers")
    # The data first (issue 29: on a phone the first rating was 1,411 px down, under sources, control and
    # neighbours): the summary and the domains at a glance, then the context, the sources folded.
    return [
        illustrative_banner(page.illustrative),
        *page_heading(page.name, f"{page.council_type}. {page.period[0].upper() + page.period[1:]}."),
        html.P(html.Button(f"☆ Make {page.name} my council", id=ids.SET_MY_COUNCIL, n_clicks=0, type="button",
                           className="btn btn-outline-dark btn-sm"), className="my-council-choice"),
        *[_boundary_note(n) for n in page.boundary_notes],
        html.P(page.summary, className="summary lead"),
        html.P(dcc.Link(page.offer.text + ".", href=page.offer.href), className="notice") if page.offer else None,
        at_a_glance(page),
        html.Div([html.Span("Compare with: ", className="fw-semibold"),
                  link_list(page.benchmark_links, "nav nav-pills benchmark-links", "Compare with", pills=True)],
                 className="d-flex flex-wrap gap-2 compare-with"),
        link_list(page.domain_links, "domain-jump", "Domains of this profile"),
        html.P([html.Strong("Political control: "), page.political_control,
                f" ({page.control_change})" if page.control_change else ""], className="politics"),
        peers,
        html.Details([html.Summary("Where these figures come from"), html.P(page.sources)],
                     className="fold sources"),
        html.P([html.A("Download this profile as CSV", href=page.download, className="btn btn-dark me-2"),
                html.A("Briefing for a meeting (two pages, to print)", href=page.briefing,
                       className="btn btn-outline-dark me-2"),
                html.A(f"Meeting pack with {page.name}'s briefing", href=page.pack,
                       className="btn btn-outline-dark")], className="download"),
        rating_words(p.row.record.rating for s in page.sections for p in s.rows),
        *[_section(s, page) for s in page.sections],
        spending_section(spending),
        html.P(f"{page.sources} Definitions: {site}/measures.", className="print-footer"),
    ]


def spending_section(spending: tuple[tuple[str, str], ...]) -> html.Section | None:
    """Spending beside outcomes, in sentences, each with a link to its chart (the page of its own, /spending)."""
    if not spending:
        return None
    return html.Section([
        html.H2("Spending beside outcomes", className="h3 mt-4", id="spending"),
        html.P("Each measure of spending against quality of life, beside the council's nearest neighbours. Spending "
               "more is not good or bad by itself: there is no single “value for money” score."),
        html.Ul([html.Li([sentence, " ", dcc.Link("See it on a chart", href=href)])
                 for sentence, href in spending]),
    ], className="spending-lines", **{"aria-label": "Spending beside outcomes"})
