"""Page layouts for the URL contract: overview, domain, council, measures, about.

Each function takes plain data from the warehouse's read queries and returns Dash components.
The full charts arrive with their own issues; these pages already show real warehouse content.
"""

from __future__ import annotations

from dash import dcc, html

from layouts.components import illustrative_banner, page_heading, table


def measures_page(domains, measures_by_domain: dict) -> list:
    """`/measures`: the catalogue by domain, each measure with its definition, unit, polarity and source."""
    out = page_heading("Measures and definitions",
                       "Every measure in the scorecard, grouped by domain: what it counts, which way is better, how it "
                       "is rated and who publishes it.")
    out.append(html.Nav(html.Ul([html.Li(html.A(f"{d.name} ({len(measures_by_domain[d.slug])} measures)",
                                                href=f"#domain-{d.slug}")) for d in domains]),
                        **{"aria-label": "Domains on this page"}))
    for d in domains:
        items = []
        for m in measures_by_domain[d.slug]:
            items.append(html.Div([
                html.Dt(dcc.Link(m.name, href=f"/measures/{m.id}")),
                html.Dd([html.P(m.definition), html.P([
                    html.Span(f"Unit: {m.unit}. "), html.Span(f"{m.polarity_words}. "),
                    html.Span(f"{m.method_words}. "), html.Span("Source: "),
                    html.A(m.source, href=m.source_url, rel="noopener")], className="small")]),
            ], className="measure-entry"))
        out += [html.H2(d.name, id=f"domain-{d.slug}", className="h3 mt-4"), html.P(d.description), html.Dl(items)]
    return out


def measure_page(m, domain) -> list:
    """`/measures/<id>`: one measure's definition page."""
    rows = [["Domain", dcc.Link(domain.name, href=f"/domain/{domain.slug}")], ["Unit", m.unit],
            ["Decimal places", str(m.decimals)], ["Polarity", m.polarity_words], ["How it is rated", m.method_words],
            ["Interval method", m.interval_method], ["Minimum denominator", str(m.min_denominator)],
            ["Published", (f"from {m.first_period}" if m.first_period else "") +
             (f" to {m.last_period}" if m.last_period else "") or "every year"],
            ["Published codes", ", ".join(m.references) or "none"],
            ["Source", html.A(m.source, href=m.source_url, rel="noopener")]]
    return [*page_heading(m.name, m.definition),
            html.P(m.caveats, className="caveat") if m.caveats else None,
            table(f"About the measure {m.short_name}", ["Field", "Value"], rows),
            html.P(dcc.Link("All measures", href="/measures"))]


METHODS = [
    ("Intervals", "Proportions use Wilson score intervals; rates use Byar's method (exact Poisson below 10 "
                  "events); survey measures use the published margin of error. All at 95%."),
    ("Comparators", "The North West (its published value, else pooled from councils' counts, else the median of "
                    "its councils: each rating says which), England, each council's nearest neighbours (their "
                    "median), or councils you choose (their median)."),
    ("Ratings", "Where an interval exists: better, similar or worse than the comparator, depending on whether the "
                "comparator lies outside the interval, and on which side. Otherwise the council's quartile among "
                "the comparator councils (at least four). Measures where higher is neither better nor worse are "
                "shown as higher, similar or lower in a neutral colour. Categories are shown, never rated."),
    ("Not rated", "Suppressed or unavailable values, denominators below a measure's minimum, fewer than four "
                  "comparators, or no comparator value: the reason is always given."),
    ("Change over time", "Since last year: a change counts only when the two intervals do not overlap. The recent "
                         "trend uses the last five years (Cochran–Armitage for proportions, weighted least squares "
                         "otherwise) and is called significant only at χ² > 9.55 (p < 0.002) and if it survives "
                         "dropping any one year."),
    ("Worse and getting worse", "Significantly worse than the comparator and significantly getting worse: listed "
                                "first for every council."),
    ("Domain summaries", "Counts of green, amber, red and not-rated measures, never an average of colours."),
]


def about_page(release, illustrative: bool, releases: list[dict]) -> list:
    """`/about`: sources and releases (with revisions), the methods in plain English, accessibility, contact."""
    release_rows = [[str(r["id"]), html.Span([r["source"], html.Br(), html.Small(f"{r['publisher']}; {r['licence']}; "
                                                                                  f"file {r['file_name']}")]),
                     r["status"] + (" (illustrative)" if r["illustrative"] else ""), r["imported_at"],
                     f"{r['current_rows']:,} of {r['rows']:,}",
                     f"release {r['superseded_by']}" if r["superseded_by"] else "—"] for r in releases]
    return [
        illustrative_banner(illustrative),
        *page_heading("About the scorecard",
                      "A public view of published adult social care performance data for the North West's councils, "
                      "organised in the six domains of the sector's risk-awareness tool, so that councils can "
                      "challenge and support each other."),
        html.H2("Data, releases and revisions", className="h4"),
        html.P("Every number on the scorecard comes from a release: a published file loaded whole, with its source, "
               "licence and a fingerprint. A revised file creates a new release; the values it replaces are kept, "
               "and are no longer shown."),
        table("Releases in the scorecard, newest first",
              ["Release", "Source", "Status", "Loaded", "Values still current", "Replaced by"], release_rows),
        html.P(["Definitions and sources for every measure are on ", dcc.Link("the measures page", href="/measures"),
                ". Every table can be downloaded as CSV with the reason for each rating."]),
        html.H2("How the comparisons work", className="h4"),
        html.Dl([x for term, text in METHODS for x in (html.Dt(term), html.Dd(text))], className="methods"),
        html.H2("Accessibility", className="h4", id="accessibility"),
        html.P("This scorecard aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, as UK "
               "public sector bodies must. Every colour comes with a word and an icon; every chart has a caption "
               "stating its finding and a table with the same numbers; everything works with a keyboard; pages "
               "print. We test each release with axe-core and by keyboard in a real browser."),
        html.P("Known limits: on narrow screens the heatmap and some tables scroll sideways; charts can be "
               "downloaded as images but their text alternative is the table beside them."),
        html.H2("Contact", className="h4"),
        html.P("The scorecard is run by the North West branch of ADASS for sector-led improvement. To report a "
               "problem with the data or with accessibility, or to ask for information in another format, contact "
               "the branch's performance lead, or raise an issue in the project's open-source repository."),
    ]
