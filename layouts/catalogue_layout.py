"""`/measures` and `/measures/<id>`: the measure catalogue and one measure's definition page.
Renders page_models.catalogue_model records."""

from __future__ import annotations

from dash import dcc, html

from layouts.components import page_heading, table
from page_models.catalogue_model import MeasurePage, MeasuresPage


def _entry(m, loaded: str, domain: str | None = None) -> html.Div:
    """One measure in the catalogue list: its name (linking to its page), definition, unit, polarity, method, source
    and what the scorecard holds of it (and its domain, where the list is not by domain)."""
    return html.Div([
        html.Dt(dcc.Link(m.name, href=f"/measures/{m.id}")),
        html.Dd([html.P(m.definition), html.P([
            html.Span(f"Domain: {domain}. ") if domain else None,
            html.Span(f"Unit: {m.unit}. "), html.Span(f"{m.polarity_words}. "),
            html.Span(f"{m.method_words}. "), html.Span("Source: "),
            html.A(m.source, href=m.source_url, rel="noopener"), ". ",
            html.Strong(loaded)], className="small")]),
    ], className="measure-entry")


def measures_page(page: MeasuresPage) -> list:
    """`/measures`: the catalogue by domain, each measure with its definition, unit, polarity and source; then the
    measures not yet collected for the region, with the source that would fill each."""
    domains = [d for d, _ in page.domains]
    measures_by_domain = {d.slug: measures for d, measures in page.domains}
    out = page_heading("Measures and definitions",
                       "Every measure in the scorecard, grouped by domain: what it counts, which way is better, how it "
                       "is rated and who publishes it.")
    links = [html.Li(html.A(f"{d.name} ({len(measures_by_domain[d.slug])} measures)", href=f"#domain-{d.slug}"))
             for d in domains]
    if page.not_collected:
        links.append(html.Li(html.A(f"Not yet collected ({len(page.not_collected)} measures)",
                                    href="#not-yet-collected")))
    out.append(html.Nav(html.Ul(links), **{"aria-label": "Domains on this page"}))
    for d in domains:
        out += [html.H2(d.name, id=f"domain-{d.slug}", className="h3 mt-4"), html.P(d.description),
                html.Dl([_entry(m, page.loaded[m.id]) for m in measures_by_domain[d.slug]])]
    if page.not_collected:
        names = {d.slug: d.name for d in domains}
        out += [html.H2("Not yet collected", id="not-yet-collected", className="h3 mt-4"),
                html.P(f"{len(page.not_collected)} measures of the scorecard have no published values for the "
                       "region's councils here yet. Each is listed with its domain, what is held, and the source "
                       "that would fill it."),
                html.Dl([_entry(m, page.loaded[m.id], names[m.domain]) for m in page.not_collected])]
    return out


def measure_page(page: MeasurePage) -> list:
    """`/measures/<id>`: one measure's definition page."""
    m, domain = page.measure, page.domain
    rows = [["Domain", dcc.Link(domain.name, href=f"/domain/{domain.slug}")], ["Unit", m.unit],
            ["In the scorecard", page.loaded],
            ["Decimal places", str(m.decimals)], ["Polarity", m.polarity_words], ["How it is rated", m.method_words],
            ["Interval method", m.interval_method], ["Minimum denominator", str(m.min_denominator)],
            ["Published", (f"from {m.first_period}" if m.first_period else "") +
             (f" to {m.last_period}" if m.last_period else "") or "every year"],
            ["Published codes", m.codes or "none"],
            ["Changes of definition",
             "; ".join(f"from {p}: {why}" for p, why in m.definition_breaks) or "none recorded"],
            ["Source", html.A(m.source, href=m.source_url, rel="noopener")]]
    return [*page_heading(m.name, m.definition),
            html.P(m.caveats, className="caveat") if m.caveats else None,
            table(f"About the measure {m.short_name}", ["Field", "Value"], rows),
            html.P(dcc.Link("All measures", href="/measures"))]
