"""`/council/<code>/briefing`: a council on at most two sides of A4 (a briefing_model.BriefingPage). Nothing on it
is a link, so nothing prints as a dead one; the full profile's address is printed as text."""

from __future__ import annotations

from dash import html

from analysis.vocabulary import RATING_COLOURS
from layouts import ids
from layouts.badges import badge, red_red_tag, target_inline
from layouts.components import illustrative_banner, scroll_box, stacked_bar
from layouts.council_layout import enquiry, sparkline
from layouts.prose import markdown
from page_models.briefing_model import BriefingPage


def _item(p, target: bool = False) -> html.Li:
    r, m = p.row.record, p.measure
    return html.Li([html.Strong(m.short_name), ": ", badge(r.rating, r.colour), f" {p.row.value_text} ({r.period})",
                    red_red_tag() if r.red_red else None, *(target_inline(p.row.target) if target else []),
                    *enquiry(p)])


def _listing(title: str, rows, empty: str, target: bool = False) -> html.Div:
    return html.Div([html.H2(title, className="h6"),
                     html.Ul([_item(p, target) for p in rows]) if rows
                     else html.P(empty, className="text-muted-strong")])


def _account(a) -> html.Li:
    """A domain's published account, short enough for two pages: the self-assessment, the commentary's first
    paragraph (the rest is on the profile) and the top risks."""
    blocks = markdown(a.commentary)
    return html.Li([
        html.Strong(a.domain.name), ": ",
        f"self-assessed {a.self_rating} risk. {a.rationale or ''} " if a.self_rating else "",
        html.Div(blocks[:1] + ([html.P("(More on the profile.)", className="account-credit")] if len(blocks) > 1
                                else []), className="account-text"),
        html.P("Top risks: " + "; ".join(f"{r.risk} ({r.owner}{', due ' + r.due if r.due else ''})"
                                         for r in a.risks) + ".") if a.risks else None,
        html.Span(a.credit, className="account-credit")])


def briefing_page(page: BriefingPage, site: str = "") -> list:
    return [
        html.P(html.Button("Print this briefing", id=ids.PRINT, n_clicks=0, type="button",
                           className="btn btn-dark"), className="download"),
        briefing_article(page, html.H1(f"{page.name}: briefing"), site),
    ]


def briefing_article(page: BriefingPage, title, site: str = "") -> html.Article:
    """The briefing itself under `title` (the meeting pack prints one per council, under its own numbered heading);
    `site`: the scorecard's address (https://…), so the addresses printed on paper can be followed."""
    icons = ", ".join(f"{c.icon} {c.counted.replace('without', 'no')}" for c in RATING_COLOURS.values())
    caption = f"Ratings against {page.benchmark} in each domain: {icons}; ⚑ worse and getting worse."
    glance = html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th("Domain", scope="col"), html.Th("Ratings", scope="col")])),
        html.Tbody([html.Tr([html.Th(g.domain.name, scope="row"),
                             html.Td([*stacked_bar(g.counts),
                                      html.Span(f" ⚑{g.red_red}", className="red-red") if g.red_red else None,
                                      html.Span(f" {g.words}", className="visually-hidden")])])
                    for g in page.glance]),
    ], className="table table-sm align-middle glance-table")
    glance = scroll_box(glance, caption)
    # The recent-trend column only when some key measure has one (not "Cannot be calculated" on every row).
    with_trend = any(p.row.record.trend != "cannot be calculated" for p in page.trends)
    trends = html.Table([
        html.Caption("Key measures over time (first and last year shown)"),
        html.Thead(html.Tr([html.Th("Measure", scope="col"), html.Th("Over time", scope="col"),
                            *([html.Th("Recent trend", scope="col")] if with_trend else [])])),
        html.Tbody([html.Tr([html.Th(p.measure.short_name, scope="row"),
                             html.Td(sparkline(p.history, p.measure, f"{p.measure.short_name} over time. "
                                                                     f"{p.row.trend_plain}")),
                             *([html.Td(p.row.trend_text)] if with_trend else [])]) for p in page.trends]),
    ], className="table table-sm align-middle") if page.trends else None
    trends = scroll_box(trends, "Key measures over time") if trends else None
    return html.Article([
        illustrative_banner(page.illustrative),
        title,
        html.P(f"{page.council_type}. {page.period[0].upper() + page.period[1:]}. North West adult social care "
               "balanced scorecard.", className="lead"),
        html.P(page.summary, className="summary"),
        html.Div([glance, html.Div([
            _listing("Worse and getting worse", page.red_red, "None."),
            _listing("Areas for improvement", page.weaknesses, "None significantly worse."),
            _listing("Strengths", page.strengths, "None significantly better."),
            _listing("Own targets", page.targets, "", target=True) if page.targets else None,
        ])], className="briefing-grid"),
        trends,
        html.Div([html.H2("The council's own assessment", className="h6"),
                  html.Ul([_account(a) for a in page.accounts])],
                 className="briefing-accounts") if page.accounts else None,
        html.H2("Sources", className="h6"),
        html.Ul([html.Li(r) for r in page.releases], className="briefing-sources"),
        html.P(f"Full profile, definitions and downloads: {site}{page.profile_path}; every measure's definition at "
               f"{site}/measures.", className="briefing-footer"),
    ], className="briefing")
