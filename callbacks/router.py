"""The router: the URL (path and query) decides the page. Every part is checked against allow-lists,
so an unknown domain, council, measure or period gets a friendly answer, never a traceback."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from callbacks.state import domain_state, overview_state, profile_state
from data import views
from layouts import council_view, domain_view, ids, overview_view, pages
from layouts.not_found import not_found
from layouts.shell import PRODUCT, domain_nav


def render(wh, pathname: str | None, search: str | None = None) -> tuple[str, list, str | None]:
    """(title, page children, active domain slug) for a URL. Pure apart from the warehouse's read queries."""
    cat = wh.catalogue
    parts = [p for p in (pathname or "/").split("/") if p]
    periods = wh.periods()
    latest = periods[-1] if periods else None
    release, illustrative = wh.current_release(), wh.shows_illustrative()
    councils = wh.region_councils()

    def missing(what, value):
        return "Page not found", not_found(what, value, cat.domains, councils), None

    if latest is None and parts[:1] != ["measures"]:
        return "No data yet", [html.P("The warehouse holds no data yet. Run `scorecard init`.")], None
    if not parts:
        state, ignored = overview_state(wh, search)
        return "Regional overview", overview_view.skeleton(periods, state, ignored, illustrative,
                                                           len(wh.councils_in(state["period"]))), None
    if parts[0] == "domain" and len(parts) == 2:
        domain = cat.domain(parts[1])
        if domain is None:
            return missing("domain", parts[1])
        state, ignored = domain_state(wh, domain.slug, search)
        return domain.name, domain_view.skeleton(domain, cat.measures_in(domain.slug), periods,
                                                 wh.councils_in(state["period"]), state, ignored,
                                                 illustrative), domain.slug
    if parts[0] == "council" and len(parts) == 2:
        council = next((c for c in councils if c["code"] == parts[1].upper()), None)
        if council is None:
            return missing("council code", parts[1])
        state = profile_state(wh, council["code"], search)
        return council["name"], council_profile_page(wh, council["code"], state, release, illustrative), \
            state["domain"]
    if parts == ["measures"]:
        by_domain = {d.slug: cat.measures_in(d.slug) for d in cat.domains}
        return "Measures", pages.measures_page(cat.domains, by_domain), None
    if parts[0] == "measures" and len(parts) == 2:
        measure = cat.measure(parts[1])
        if measure is None:
            return missing("measure", parts[1])
        return measure.short_name, pages.measure_page(measure, cat.domain(measure.domain)), measure.domain
    if parts == ["about"]:
        return "About", pages.about_page(release, illustrative, wh.releases()), None
    return missing("page", pathname or "/")


def council_profile_page(wh, code: str, state: dict, release, illustrative: bool) -> list:
    """The council profile for a checked state (callbacks.state.profile_state)."""
    cat = wh.catalogue
    period, benchmark, focus = state["period"], state["benchmark"], state["domain"]
    profile = views.council_profile(wh, code, period, benchmark)
    profile["measures"] = cat.measures
    label = dict(council_view.BENCHMARKS)[benchmark]
    summary = views.summary_sentence(list(profile["rows"].values()), label, period)
    control = profile["context"]["lg_political_control"]["council"].get("text_value")
    change = profile["context"]["lg_control_change"]["council"].get("text_value")
    names = {c: a["name"] for c, a in wh.areas().items()}
    boundary = wh.successions_of(code)
    notes = list(dict.fromkeys(n for _, _, n in boundary["predecessors"] + boundary["successors"]))
    notes += [html.Span(["From ", f"{when:%-d %B %Y}", ": see ", dcc.Link(names.get(c, c), href=f"/council/{c}"),
                         "."]) for c, when, _ in boundary["successors"]]
    notes += [html.Span(["Before ", f"{when:%-d %B %Y}", ": see ", dcc.Link(names.get(c, c), href=f"/council/{c}"),
                         f" for the history of {names.get(c, c)}."]) for c, when, _ in boundary["predecessors"]]
    download = f"/download/council/{code}.csv?period={period}&benchmark={benchmark}"
    return council_view.council_page(wh.area(code), cat.domains, profile, period, benchmark, summary,
                                     (control, change), wh.nearest_neighbours(code), notes, names, focus, release,
                                     illustrative, download)


def _follows_own_query(pathname: str | None) -> bool:
    parts = [p for p in (pathname or "/").split("/") if p]
    return not parts or (parts[0] == "domain" and len(parts) == 2)


def register(app, wh) -> None:
    """Wire the router and the council picker to this app."""

    @app.callback(Output(ids.PAGE, "children"), Output(ids.DOMAIN_NAV, "children"), Output(ids.TITLE, "data"),
                  Input(ids.URL, "pathname"), Input(ids.URL, "search"))
    def _route(pathname, search):
        # The overview and domain pages follow their own query string (callbacks/overview.py, domain.py):
        # rebuilding them on every control change would throw away the reader's place and focus.
        if ctx.triggered_id is not None and ctx.triggered_prop_ids == {f"{ids.URL}.search": ids.URL} \
                and _follows_own_query(pathname):
            raise PreventUpdate
        title, children, active = render(wh, pathname, search)
        return children, domain_nav(wh.catalogue.domains, active), f"{title} — {PRODUCT}"

    @app.callback(Output(ids.URL, "href"), Input(ids.COUNCIL_PICKER_GO, "n_clicks"),
                  State(ids.COUNCIL_PICKER, "value"), prevent_initial_call=True)
    def _go_to_council(_clicks, code):
        """Open the chosen council only when Go is pressed: choosing alone never moves the page (WCAG 3.2.2)."""
        if code in {c["code"] for c in wh.region_councils()}:
            return f"/council/{code}"
        raise PreventUpdate

    # The browser tab's title follows the page (assets/scorecard.js), so screen readers announce it.
    app.clientside_callback(ClientsideFunction(namespace="scorecard", function_name="setTitle"),
                            Output(ids.TITLE, "id"), Input(ids.TITLE, "data"))
