"""`/pack`: the meeting pack (a page_models.pack_model.Pack), made to be printed or saved as PDF from the browser:
each section starts a new page, charts are drawn at the printed width, and every page is numbered by the print
stylesheet (assets/scorecard.css, "Meeting pack")."""

from __future__ import annotations

from dash import html

from layouts import ids
from layouts.briefing_layout import briefing_article
from layouts.changes_layout import changes_summary
from layouts.components import ignored_notice, illustrative_banner
from layouts.domain_layout import chart_html, ratings_table
from layouts.overview_layout import heatmap, key, matrix_table
from layouts.tile_map_layout import tile_map
from page_models.domain_model import DomainPage


def _chart(page: DomainPage, site: str) -> list:
    """A key measure's ranked chart, static and at the printed width, with its finding and sources (the definition's
    address in full: paper cannot follow a link)."""
    if page.chart is None:
        return [html.P(page.caption, className="finding")]
    return [html.Figure([
        html.Div(chart_html(page.chart, page.measure, None, site=site), className="pack-chart", tabIndex="0",
                 role="region",
                 **{"aria-label": f"{page.measure.short_name}: chart (scrolls sideways on a narrow screen)"}),
        html.Figcaption(page.caption, className="finding")]),
        html.Details([html.Summary("The chart's values, as a table"), ratings_table(page)], className="pack-table")]


def _body(section, site: str) -> list:
    kind = section.slide.kind
    if kind == "changes":
        return changes_summary(section.changes)
    if kind == "matrix":
        return [matrix_table(section.overview)]
    if kind == "heatmap":
        return [heatmap(section.overview, with_map=False)]
    if kind == "map":
        tiles = section.overview.tiles
        return [tile_map(tiles)] if tiles else [html.P(section.overview.heat_empty, className="empty-state")]
    if kind == "measure":
        return _chart(section.chart, site)
    return [briefing_article(section.briefing, html.H2(f"{section.number}. {section.slide.title}"), site)]


def _section(section, site: str) -> html.Section:
    heading = [] if section.slide.kind == "council" else [html.H2(f"{section.number}. {section.slide.title}")]
    return html.Section([*heading, *_body(section, site)], id=section.anchor,
                        className=f"pack-section pack-{section.slide.kind}")


def pack_page(pack, site: str = "") -> list:
    """`site`: the scorecard's address (https://…), printed before the addresses on paper."""
    as_at = pack.as_at or {}
    when = (f"{pack.newest} The data as it stood on {as_at.get('date')} (release {as_at.get('release')}, counting "
            "the published files as they were loaded)" if as_at else "No data loaded")
    return [
        ignored_notice("pack-notice", pack.ignored),
        html.P([html.Button("Print or save as PDF", id=ids.PRINT, n_clicks=0, type="button",
                            className="btn btn-dark"),
                " Pages are sized for A4 and numbered."], className="download pack-print"),
        html.Article([
            html.Section([
                illustrative_banner(pack.illustrative),
                html.H1(pack.title),
                html.P(f"Meeting: {pack.meeting}" if pack.meeting else "Meeting date not given", className="lead"),
                html.P(when + (", pinned for this meeting: later imports are not shown." if as_at.get("pinned")
                               else "."), className="pack-as-at"),
                html.P(["Domains: ", ", ".join(d.name for d in pack.domains), "."]),
                html.P(["Every section compares councils with: ", html.Strong(pack.benchmark), "."],
                       className="pack-benchmark"),
                html.P(["Council briefings: ", ", ".join(pack.councils) or "none chosen", "."]),
                html.P(f"Every number's definition and source is on the scorecard's measures page ({site}/measures); "
                       "colours are always given with a word and an icon.", className="pack-note"),
            ], className="pack-cover"),
            html.Nav([
                html.H2("Contents"),
                html.Ol([html.Li(html.A(s.slide.title, href=f"#{s.anchor}")) for s in pack.sections],
                        className="pack-contents"),
                next((key(s.overview) for s in pack.sections if s.overview is not None), None),
            ], className="pack-section pack-toc", **{"aria-label": "Contents"}),
            *[_section(s, site) for s in pack.sections],
        ], className="pack"),
    ]
