"""`/measures` and `/measures/<id>`: the measure catalogue and one measure's definition page.
Renders page_models.catalogue_model records."""

from __future__ import annotations

from dash import dcc, html

from analysis.formatting import with_unit
from layouts.components import page_heading, table
from layouts.funnel_figure import LINE_LABEL, funnel_figure
from layouts.raw_html import raw
from layouts.strip_chart import KEY as STRIP_KEY
from layouts.strip_chart import strip_chart, strip_table
from layouts.theme import graph_config
from layouts.tile_map_layout import england_map
from page_models.catalogue_model import MeasurePage, MeasuresPage
from page_models.funnel_model import SIZE_NOTE


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
    measures not yet collected for the region, with the source that would fill each. Each list travels as HTML
    (layouts/raw_html.py): ~800 components otherwise."""
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
                raw(html.Dl([_entry(m, page.loaded[m.id]) for m in measures_by_domain[d.slug]]))]
    if page.not_collected:
        names = {d.slug: d.name for d in domains}
        out += [html.H2("Not yet collected", id="not-yet-collected", className="h3 mt-4"),
                html.P(f"{len(page.not_collected)} measures of the scorecard have no published values for the "
                       "region's councils here yet. Each is listed with its domain, what is held, and the source "
                       "that would fill it."),
                raw(html.Dl([_entry(m, page.loaded[m.id], names[m.domain]) for m in page.not_collected]))]
    return out


def measure_page(page: MeasurePage, narrow: bool = False) -> list:
    """`/measures/<id>`: one measure's definition page, and its funnel plot where it is rated by significance."""
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
            *england_section(page, narrow),
            *funnel_section(page, narrow),
            html.P(dcc.Link("All measures", href="/measures"))]


def choices(page: MeasurePage, anchor: str, words: str, periods, period: str, selected: str | None,
            drawing: str) -> list:
    """A chart's years as plain links and a GET form naming a North West council on it (no script needed), both
    returning to the chart (`#anchor`) on the measure's page."""
    href = f"/measures/{page.measure.id}"
    years = [html.Li(html.A(y, href=f"{href}?period={y}" + (f"&council={selected}" if selected else "") +
                            f"#{anchor}", **({"aria-current": "page"} if y == period else {}))) for y in periods]
    return [
        html.Nav([html.Span(words), html.Ul(years, className="inline-list")], **{"aria-label": "Years"}),
        html.Form([
            dcc.Input(type="hidden", name="period", value=period, id=f"{anchor}-period"),
            html.Label(f"Name a North West council on the {drawing}", htmlFor=f"{anchor}-council",
                       className="form-label fw-semibold"),
            html.Div([html.Select([html.Option("No council named", value="")] +
                                  [html.Option(name, value=code, selected=code == selected)
                                   for code, name in page.councils],
                                  id=f"{anchor}-council", name="council", className="form-select"),
                      html.Button("Show", type="submit", className="btn btn-dark")], className="input-group"),
        ], action=f"{href}#{anchor}", method="get", className="controls funnel-controls"),
    ]


def key_list(key, named: str | None, label: str) -> html.Ul:
    """A chart's key in words, with the named council's star when one is named."""
    marks = [*key, ("★", f"yellow star: {named}")] if named else key
    return html.Ul([html.Li([html.Span(mark, **{"aria-hidden": "true"}), " ", words]) for mark, words in marks],
                   className="funnel-key", **{"aria-label": label})


def england_section(page: MeasurePage, narrow: bool) -> list:
    """Where the North West sits in England: every English council's value, region by region, in a sentence, a
    chart and two tables; its years and a council to name chosen with plain links and a GET form."""
    s = page.strip
    if s is None:
        return []
    named = next((p.name for p in s.points if p.code == s.selected), None)
    return [
        html.H2("Where the North West sits in England", className="h3 mt-4", id="england"),
        *[html.P(sentence) for sentence in s.summary],
        *choices(page, "england", "Years: ", s.periods[-6:], s.period, s.selected, "chart"),
        html.Figure(raw(strip_chart(s, narrow)), id="england-strip"),
        key_list(STRIP_KEY, named, "Key to the chart"),
        raw(strip_table(s)),
        raw(england_map(page.england)) if page.england else None,
    ]


KEY = (("●", "grey dots: England's councils"), ("◆", "purple diamonds: North West councils"),
       ("━", "black line: England's value"), ("╍", f"dashed blue lines: {LINE_LABEL['95']} limits"),
       ("─", f"solid blue lines: {LINE_LABEL['99.8']} limits"),
       ("┅", "dotted brown lines: 95% limits allowing for the usual variation between councils"))


def funnel_section(page: MeasurePage, narrow: bool) -> list:
    """Is the colour about size? The funnel plot, its reading in words, its key and its table."""
    f = page.funnel
    if f is None:
        return []
    out = [html.H2("Is the colour about size? A funnel plot", className="h3 mt-4", id="funnel"),
           html.P(SIZE_NOTE)]
    if f.empty:
        return [*out, html.P(f.empty)]
    named = next((p.name for p in f.points if p.code == f.selected), None)
    out += [
        *choices(page, "funnel", "Years with a funnel: ", f.periods, f.period, f.selected, "plot"),
        html.Figure([dcc.Graph(figure=funnel_figure(f, narrow), config=graph_config("scorecard-funnel"),
                               id="measure-funnel"),
                     html.Figcaption([html.P(f.summary), html.P(f.spread_words)], className="finding")]),
        key_list(KEY, named, "Key to the funnel plot"),
        html.Details([html.Summary("The North West's councils on the funnel, as a table"),
                      table(f"{f.measure.short_name}, {f.period}: the North West's councils against England's limits",
                            ["Council", "Value", "Size (x axis)", "Against the 95% and 99.8% limits",
                             "Allowing for variation between councils"],
                            [[p.name, with_unit(p.value, f.measure.unit, f.measure.decimals), f"{p.size:,.0f}", p.place,
                              "—" if p.outside_wider is None else
                              "outside: unusual even so" if p.outside_wider else "inside"]
                             for p in f.region_rows])], className="fold"),
    ]
    return out

