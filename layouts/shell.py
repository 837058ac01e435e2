"""The page frame: skip link, header with the six domains as link navigation, council picker, footer."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from page_models.agenda import agenda
from page_models.source_lines import newest_words

PRODUCT = "North West adult social care balanced scorecard"

INDEX_STRING = """<!DOCTYPE html>
<html lang="en-GB">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
{%app_entry%}
<footer>
{%config%}
{%scripts%}
{%renderer%}
</footer>
</body>
</html>"""


def domain_nav(domains, active_slug: str | None = None, query: str = "") -> html.Ul:
    """The six domains as plain links (each its own URL, reachable by Tab), the current one marked; `query` carries
    the reader's period, benchmark and council to whichever domain they open."""
    items = []
    for d in domains:
        current = d.slug == active_slug
        extra = {"aria-current": "page"} if current else {}
        items.append(html.Li(html.A(d.name, href=f"/domain/{d.slug}{query}",
                                    className="nav-link" + (" active" if current else ""), **extra),
                             className="nav-item"))
    return html.Ul(items, className="nav nav-pills domain-nav flex-wrap")


def council_picker(councils: list[dict], selected: str | None = None) -> html.Div:
    """A labelled native <select> of the region's councils and a Go button."""
    options = [
        {"label": c["name"] + ("" if c["valid_to"] is None else f" (until {c['valid_to']:%B %Y})"), "value": c["code"]}
        for c in councils]
    return html.Div([
        html.Label("Council", htmlFor=ids.COUNCIL_PICKER, className="form-label me-2 mb-0"),
        dbc.Select(id=ids.COUNCIL_PICKER, options=options, value=selected, placeholder="Choose a council",
                   className="council-select"),
        dbc.Button("Go", id=ids.COUNCIL_PICKER_GO, color="light", className="ms-2", n_clicks=0),
    ], className="d-flex align-items-center council-picker")


def header(domains, councils: list[dict]) -> html.Header:
    return html.Header([
        html.A("Skip to main content", href="#main", className="visually-hidden-focusable skip-link"),
        # On a measure's page only (CSS: a page without the chart hides it): the chart, past the controls.
        html.A("Skip to the chart", href=f"#{ids.D_BAR_FIGURE}", className="visually-hidden-focusable skip-link "
               "skip-chart"),
        html.Div([
            html.Div([
                html.A(PRODUCT, href="/", className="brand"),
                html.P(id=ids.SLIDE_TITLE, className="slide-title mb-0"),  # presenter view: what this slide shows
                html.P(id=ids.SLIDE_AS_AT, className="slide-as-at mb-0"),  # and what its data is as at
                html.P(id=ids.SLIDE, className="slide-number mb-0", **{"aria-live": "polite"}),  # "Slide 3 of 49"
                html.Div([council_picker(councils),
                          html.P(id=ids.MY_COUNCIL_LINK, className="my-council mb-0", **{"aria-live": "polite"})],
                         className="d-flex flex-column align-items-end gap-1 header-tools"),
            ], className="d-flex flex-wrap justify-content-between align-items-center gap-2 py-2"),
            html.Button("Presenter view", id=ids.PRESENT_TOGGLE, n_clicks=0, type="button",
                        className="btn btn-light btn-sm present-toggle mb-2", title="Presenter view (key: p)",
                        **{"aria-pressed": "false"}),
            html.Button("☰ Domains", id=ids.MENU_TOGGLE, n_clicks=0, type="button",
                        className="btn btn-light btn-sm menu-toggle mb-2",
                        **{"aria-expanded": "false", "aria-controls": ids.DOMAIN_NAV}),
            html.Nav(domain_nav(domains), id=ids.DOMAIN_NAV, className="domain-menu", **{"aria-label": "Domains"}),
        ], className="container-fluid"),
    ], className="site-header")


def footer() -> html.Footer:
    return html.Footer(html.Div([
        html.P([
            "Every number has a definition and a source: see ", dcc.Link("the measures", href="/measures"),
            ". ", dcc.Link("Councils' self-assessments against the data", href="/self-assessment"), ". ",
            dcc.Link("Spending beside outcomes", href="/spending"), ". ",
            dcc.Link("About the scorecard", href="/about"), ".",
        ]),
        html.P(["This page without scripts, with the data as open files: ",
                html.A("Plain page and data", id=ids.PLAIN_LINK, href="/account/"), "."]),
        html.P("Built by the North West ADASS branch for sector-led improvement. Open source."),
    ], className="container-fluid"), className="site-footer")


def as_at_words(as_at: dict | None, newest: dict | None) -> str:
    """Presenter view's header line: "Newest data 2023-24 · loaded on 6 December 2026", or "Pinned to the data as it
    stood on …", or nothing in an empty warehouse."""
    if as_at is None:
        return ""
    year = f"Newest data {newest['period']}" if newest else "No data"
    if as_at["pinned"]:
        return f"{year} · pinned to the data as it stood on {as_at['date']}"
    return f"{year} · loaded on {as_at['date']}"


def pin_bar(as_at: dict | None, newest: dict | None, path: str, query: dict[str, str]) -> list:
    """How current the data on screen is (its newest year and publisher; when it was loaded), and a link to pin this
    view for a meeting (the URL then names the release, so the screen matches the papers whatever is imported
    later), or, when pinned, to leave the pin. `query` is the page's query string without its pin."""
    if as_at is None:
        return []
    path = "/" + path.lstrip("/\\")  # always on this site: "//council/…" would be another host's address
    plain = path + ("?" + urlencode(query) if query else "")
    currency = newest_words(newest)
    if not as_at["pinned"]:
        pin = path + "?" + urlencode({**query, "as_at": as_at["pin"]})
        return [html.P([f"{currency} Loaded on {as_at['date']}. ",
                        html.A("Pin this view for a meeting", href=pin, id="pin-link",
                               title="A link to this view that keeps showing this data after later imports")],
                       className="pin-line mb-0")]
    withdrawn = [html.Li(f"Release {w['release']} was withdrawn on {w['on']} ({w['reason']}): its values are not "
                         "shown, here or anywhere.") for w in as_at["withdrawn_since"]]
    accounts = (f" Councils' own accounts as published by {as_at['accounts_as_at']}; later ones are not shown."
                if as_at.get("accounts_as_at") else "")
    return [html.P([html.Strong("Pinned for a meeting:"),
                    f" the data as it stood on {as_at['date']} (release {as_at['release']}: releases are the "
                    "published files, numbered as they were loaded); later imports are not "
                    f"shown.{accounts} {currency} ",
                    html.A("Show the current data", href=plain, id="unpin-link", **{"data-unpin": "1"})],
                   className="pin-line pinned mb-0"),
            html.Ul(withdrawn, className="pin-withdrawn mb-0") if withdrawn else None]


KEYS = (("→ / ←", "next or previous measure of this domain"), ("Page Down / Page Up", "next or previous slide "
         "(a presentation clicker sends these)"), ("1 to 6", "that domain's first slide (its heatmap)"),
        ("m", "a measure's councils on the map, or back to its chart (for every measure until pressed again)"),
        ("b / B", "compare with the next or previous benchmark"), ("y / Y", "the next or previous year"),
        ("Home", "the overview"),
        ("c", "spotlight a council: type its name, then Enter (Esc clears it)"), ("f", "full screen on or off"),
        ("p", "presenter view on or off"), ("Esc", "leave presenter view"), ("?", "show or hide these keys"))


def presenter_parts(domains, measures, councils: list[dict]) -> list:
    """What presenter view needs on every page (assets/presenter.js drives it): the agenda, the slide counter, the
    list of keys, and the box where a council is typed to spotlight it. `measures`: those with values (a measure, or
    a domain, with none gets no slide)."""
    with_values = [d for d in domains if any(m.domain == d.slug for m in measures)]
    return [
        html.Div(id=ids.DECK, hidden=True,
                 **{"data-deck": json.dumps([s.as_dict() for s in agenda(with_values, measures)])}),
        html.Section([
            html.H2("Keys in presenter view", className="h4"),
            html.Dl([x for key, what in KEYS for x in (html.Dt(html.Kbd(key)), html.Dd(what))], className="keys"),
            html.P("Keys do nothing while you type in a box.", className="mb-0"),
        ], id=ids.KEYS_HELP, className="keys-help", hidden=True, role="dialog", **{"aria-label": "Keys"}),
        html.Div([
            html.Label("Spotlight a council (Enter to choose, Esc to clear)", htmlFor=ids.SPOTLIGHT_INPUT,
                       className="form-label fw-semibold"),
            dcc.Input(id=ids.SPOTLIGHT_INPUT, type="text", list=ids.SPOTLIGHT_COUNCILS, autoComplete="off",
                      className="form-control", debounce=True),
            html.Datalist([html.Option(value=c["name"], **{"data-code": c["code"]}) for c in councils],
                          id=ids.SPOTLIGHT_COUNCILS),
        ], id=ids.SPOTLIGHT, className="spotlight-box", hidden=True, role="dialog",
            **{"aria-label": "Spotlight a council"}),
    ]


def frame(domains, councils: list[dict], measures=()) -> html.Div:
    """The whole app layout: the page body is filled by the router (callbacks/router.py), when the layout is asked
    for or when the URL changes."""
    return html.Div([
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        dcc.Store(id=ids.TITLE),
        dcc.Store(id=ids.PAGE_FOR),
        dcc.Store(id=ids.VIEWPORT),
        dcc.Store(id=ids.PRESENTER),
        # The reader's own council, kept in this browser only (localStorage): read and written by assets/scorecard.js
        # and never sent to the server, so no cookie notice is needed.
        dcc.Store(id=ids.MY_COUNCIL, storage_type="local"),
        dcc.Store(id=ids.COUNCIL_NAMES, data={c["code"]: c["name"] for c in councils}),
        dcc.Store(id=ids.JUMPED),
        header(domains, councils),
        html.Main([html.Div(id=ids.PIN_BAR, className="container-fluid pin-bar"),
                   html.Div(id=ids.PAGE, className="container-fluid py-3")], id=ids.MAIN, tabIndex="-1"),
        *presenter_parts(domains, measures, councils),
        footer(),
    ])
