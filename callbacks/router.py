"""The router: the URL (path and query) decides the page. Every part is checked against allow-lists, so an unknown
domain, council, measure or period gets a friendly answer, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass

import flask
from dash import ClientsideFunction, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.state import changes_points, domain_state, overview_state, pack_state, profile_state, view
from data.read_api import ReadAPI
from layouts import (
    about_layout,
    briefing_layout,
    catalogue_layout,
    changes_layout,
    council_layout,
    domain_layout,
    ids,
    overview_layout,
    pack_layout,
    self_assessment_layout,
    spending_layout,
)
from layouts.components import ignored_notice
from layouts.not_found import not_found
from layouts.presenting import Presenting, presenting
from layouts.shell import PRODUCT, as_at_words, domain_nav, pin_bar
from page_models import (
    about_model,
    briefing_model,
    catalogue_model,
    changes_model,
    council_model,
    domain_model,
    overview_model,
    pack_model,
    self_assessment_model,
    spending_model,
)
from page_models.routes import (
    DOMAIN_KEYS,
    PAGE,
    PIN,
    Route,
    page_address,
    plain_address,
    query_dict,
    read_search,
    route,
    to_search,
)

# (title, children, the domain to mark as current in the header)
Page = tuple[str, Component | list[Component], str | None]


@dataclass(frozen=True)
class Asked:
    """What the browser asked for: the address, and what the reader's screen needs of the page's charts (laid out
    for a phone; drawn for presenter view)."""
    pathname: str | None
    search: str | None = None
    narrow: bool = False
    present: Presenting | None = None


# The pages whose charts are laid out for the reader's screen (the others are the same on any).
FOR_THE_SCREEN = {"domain", "measure", "spending"}


def _missing(api: ReadAPI, what: str, value: str) -> Page:
    return "Page not found", not_found(what, value, api.catalogue.domains, api.region_councils()), None


def _overview(api: ReadAPI, _route: Route, asked: Asked) -> Page:
    state, ignored = overview_state(api, asked.search)
    return PAGE["overview"].title, overview_layout.page(overview_model.controls(api, state, ignored),
                                                     overview_model.build(api, state), asked.pathname or "/",
                                                     asked.search or ""), None


def _domain(api: ReadAPI, r: Route, asked: Asked) -> Page:
    domain = api.catalogue.known_domain(r.key)
    state, ignored = domain_state(api, domain.slug, asked.search)
    return domain.name, domain_layout.page(domain_model.controls(api, domain, state, ignored),
                                           domain_model.build(api, state), asked.pathname or "/", asked.search or "",
                                           asked.narrow, asked.present), domain.slug


def _council(api: ReadAPI, r: Route, asked: Asked) -> Page:
    state = profile_state(api, r.key, asked.search)
    page = council_model.build(api, r.key, state)
    lines = spending_model.profile_lines(api, r.key)  # the profile's only: not the briefing's or the CSV's
    return page.name, council_layout.council_page(page, _site(), lines), None  # a profile is no domain's page


def _briefing(api: ReadAPI, r: Route, asked: Asked) -> Page:
    page = briefing_model.build(api, r.key, profile_state(api, r.key, asked.search))
    return f"{page.name}: briefing", briefing_layout.briefing_page(page, _site()), None


def _measures(api: ReadAPI, _route: Route, _asked: Asked) -> Page:
    return PAGE["measures"].title, catalogue_layout.measures_page(catalogue_model.build_measures(api)), None


def _measure(api: ReadAPI, r: Route, asked: Asked) -> Page:
    q = query_dict(asked.search)  # a year or council the funnel does not have is not used (funnel_model.build)
    page = catalogue_model.build_measure(api, r.key, q.get("period"), q.get("council"))
    if page is None:  # never: render checks the measure exists
        return _missing(api, "measure", r.key)
    return page.measure.short_name, catalogue_layout.measure_page(page, asked.narrow), page.domain.slug


def _site() -> str:
    """The scorecard's address as the reader reached it (https://host), printed before the addresses on paper, which
    cannot follow a link; the kept answers are kept per host (callbacks/answers.py)."""
    return flask.request.host_url.rstrip("/") if flask.has_request_context() else ""


def _about(api: ReadAPI, _route: Route, _asked: Asked) -> Page:
    contact = flask.current_app.config.get("SCORECARD_CONTACT") if flask.has_app_context() else None
    return PAGE["about"].title, about_layout.about_page(about_model.build(api), contact), None


def _pack(api: ReadAPI, _route: Route, asked: Asked) -> Page:
    state, ignored = pack_state(api, asked.search)
    return PAGE["pack"].title, pack_layout.pack_page(pack_model.build(api, state, ignored), _site()), None


def _self_assessment(api: ReadAPI, _route: Route, _asked: Asked) -> Page:
    return PAGE["self-assessment"].title, self_assessment_layout.self_assessment_page(
        self_assessment_model.build(api)), None


def _changes(api: ReadAPI, _route: Route, asked: Asked) -> Page:
    before, after, council, benchmark, ignored = changes_points(api, asked.search)
    page = changes_model.build(api, before, after, council, benchmark)
    return PAGE["changes"].title, [ignored_notice("changes-ignored", ignored), *changes_layout.changes_page(page)], None


def _spending(api: ReadAPI, _route: Route, asked: Asked) -> Page:
    q = query_dict(asked.search)  # anything the page does not offer is replaced by its default (spending_model)
    page = spending_model.build(api, q.get("spend"), q.get("outcome"), q.get("period"), q.get("council"))
    return PAGE["spending"].title, spending_layout.spending_page(page, asked.narrow), None


# Each page of page_models.routes.PAGES and what builds it (tests/callbacks/test_router.py checks they match).
BUILDERS = {"overview": _overview, "domain": _domain, "council": _council, "briefing": _briefing,
            "measures": _measures, "measure": _measure, "about": _about, "pack": _pack,
            "self-assessment": _self_assessment, "changes": _changes, "spending": _spending}
# Whether the key a path names exists, by what it names (a page's `key`).
KEY_EXISTS = {"domain": lambda api, key: api.catalogue.domain(key) is not None,
              "council code": lambda api, key: api.is_region_council(key),
              "measure": lambda api, key: api.catalogue.measure(key) is not None}


def exists(api: ReadAPI, pathname: str | None) -> bool:
    """Whether a path names a page that exists: the server answers 404 for the others (the friendly view is the
    same either way)."""
    r = route(pathname)
    return r.page in PAGE and (not PAGE[r.page].key or KEY_EXISTS[PAGE[r.page].key](api, r.key))


def tab_title(api: ReadAPI, pathname: str | None) -> str:
    """The browser tab's title for an address, without drawing the page: the server writes it into the page it
    sends (so it is right before any script runs, for link previews and search engines), and it is the title the
    router sets once the page is drawn."""
    r = route(pathname)
    if not exists(api, pathname):
        return f"Page not found — {PRODUCT}"
    if r.page == "domain":
        words = api.catalogue.known_domain(r.key).name
    elif r.page in ("council", "briefing"):
        words = api.known_area(r.key)["name"] + (": briefing" if r.page == "briefing" else "")
    elif r.page == "measure":
        words = api.catalogue.known_measure(r.key).short_name
    else:
        words = PAGE[r.page].title
    return f"{words} — {PRODUCT}"


def carried(api: ReadAPI, pathname: str | None, search: str | None) -> str:
    """The context the header's domain links carry from the page the reader is on: its period and benchmark (when
    a domain page offers them) and its council (the profile's, or the one highlighted), checked like any URL."""
    r, q = route(pathname), query_dict(search)
    api = view(api, search)
    council = r.key if r.page == "council" else q.get("council")
    state = {"period": q.get("period") if q.get("period") in api.periods() else None,
             "benchmark": q.get("benchmark") if q.get("benchmark") in {b.slug for b in PAGE["domain"].offers()
                                                                        if b.precomputed} else None,
             "council": council if api.is_region_council(council) else None,
             PIN: None if api.pin is None else str(api.pin)}
    return to_search(state, DOMAIN_KEYS)


def nav(api: ReadAPI, pathname: str | None, search: str | None):
    """The header's domain links for a URL: the current domain marked, the reader's context carried."""
    return domain_nav(api.catalogue.domains, page_domain(api, route(pathname)), carried(api, pathname, search))


def page_domain(api: ReadAPI, r: Route) -> str | None:
    """The domain a page is about (a domain's page, a measure's), whose newest data the pin line names; None: all."""
    if r.page == "domain":
        return r.key
    if r.page == "measure":
        m = api.catalogue.measure(r.key)
        return m.domain if m else None
    return None


def pin_line(api: ReadAPI, pathname: str | None, search: str | None) -> tuple[list, str]:
    """The line above a page of data (what it is as at, and pinning it for a meeting: layouts.shell.pin_bar) and the
    same in a few words for presenter view's header line; nothing on a page without data."""
    r = route(pathname)
    if r.page == "changes":  # it names its own two points; a slide's header line says the newest data
        shown = view(api, search)
        return [], as_at_words(shown.as_at(), shown.newest_data())
    if r.page not in PAGE or not PAGE[r.page].pinnable or not exists(api, pathname):
        return [], ""
    query = {k: v for k, v in query_dict(search).items() if k != PIN}
    shown = view(api, search)
    as_at, newest = shown.as_at(), shown.newest_data(page_domain(api, r))
    # A presenter's heatmap slide is one domain's, a measure's slide one measure's: its header names their newest data.
    heat = query.get("domain") if r.page == "overview" else None
    measure = api.catalogue.measure(query.get("measure", "")) if r.page == "domain" else None
    slide = (shown.newest_data(heat) if heat and api.catalogue.domain(heat)
             else shown.newest_data(r.key, measure.id) if measure and measure.domain == r.key else newest)
    return pin_bar(as_at, newest, pathname or "/", query), as_at_words(as_at, slide)


def render(api: ReadAPI, pathname: str | None, search: str | None = None, narrow: bool = False,
           present: Presenting | None = None) -> Page:
    """(title, page children, active domain slug) for a URL, drawn: `narrow` lays its charts out for a phone,
    `present` for presenter view."""
    r = route(pathname)
    if r.page not in PAGE:
        return _missing(api, "page", r.key)
    if not exists(api, pathname):
        return _missing(api, PAGE[r.page].key, r.key)
    if PAGE[r.page].needs_data and not api.periods():
        return "No data yet", [html.P("The warehouse holds no data yet. Run `scorecard init`.")], None
    return BUILDERS[r.page](view(api, search), r, Asked(pathname, search, narrow, present))


# What the router writes, in answer()'s order.
ROUTED = ((ids.PAGE, "children"), (ids.DOMAIN_NAV, "children"), (ids.TITLE, "data"), (ids.PIN_BAR, "children"),
          (ids.SLIDE_AS_AT, "children"), (ids.PLAIN_LINK, "href"), (ids.PAGE_FOR, "data"))


def answer(api: ReadAPI, pathname: str | None, search: str | None, narrow: bool = False,
           present: Presenting | None = None, page_for: dict | None = None) -> tuple:
    """The router's outputs for an address: the page, drawn, and the header and pin line that go with it."""
    title, children, _active = render(api, pathname, search, narrow, present)
    return (children, nav(api, pathname, search), f"{title} — {PRODUCT}", *pin_line(api, pathname, search),
            plain_address(pathname, search), page_for)


def first_page(api: ReadAPI, referrer: object, host: str) -> tuple | None:
    """The router's outputs for the page whose frame the browser is asking for (app.py), so that the first answer
    it gets holds the page drawn, not waiting for two or three callbacks in turn. The page is the request's
    Referer's (routes.page_address), read as every page reads a URL (unknown parameters make no difference);
    without one, None: the router draws the page when the browser says where it is, as it always did. What the
    page was drawn for is kept (ids.PAGE_FOR) so that the router does not draw it again."""
    address = page_address(referrer, host)
    if address is None:
        return None
    pathname, search = address
    return answer(api, pathname, search, page_for={"pathname": pathname, "search": search})


def arrived_drawn(page_for, pathname: str | None, search: str | None, narrow: bool) -> bool:
    """Whether the page on screen is the one first_page drew for this address (wide, not presenting: a phone's
    charts are laid out again; presenter view redraws its chart when presenter.js says the size)."""
    return (page_for == {"pathname": pathname or "/", "search": read_search(search)}
            and not (narrow and route(pathname).page in FOR_THE_SCREEN))


def _clientside(app, function: str, *dependencies, **kwargs) -> None:
    app.clientside_callback(ClientsideFunction(namespace="scorecard", function_name=function), *dependencies,
                            **kwargs)


def _register_my_council(app) -> None:
    """"My council" and the jump to a linked row: all in the browser (assets/scorecard.js), so the reader's own
    council stays in localStorage and never reaches the server."""
    _clientside(app, "pickerValue", Output(ids.COUNCIL_PICKER, "value"), Input(ids.URL, "pathname"),
                Input(ids.MY_COUNCIL, "data"))
    _clientside(app, "myCouncilLink", Output(ids.MY_COUNCIL_LINK, "children"), Input(ids.MY_COUNCIL, "data"),
                State(ids.COUNCIL_NAMES, "data"))
    _clientside(app, "toggleMyCouncil", Output(ids.MY_COUNCIL, "data"), Output(ids.SET_MY_COUNCIL, "children"),
                Input(ids.SET_MY_COUNCIL, "n_clicks"), State(ids.URL, "pathname"), State(ids.MY_COUNCIL, "data"),
                State(ids.COUNCIL_NAMES, "data"))
    _clientside(app, "highlightMine", Output(ids.D_COUNCIL, "value", allow_duplicate=True),
                Input(ids.D_URL, "id"), State(ids.D_URL, "search"), State(ids.MY_COUNCIL, "data"),
                State(ids.COUNCIL_NAMES, "data"), prevent_initial_call="initial_duplicate")
    _clientside(app, "markMine", Output(ids.JUMPED, "data", allow_duplicate=True), Input(ids.O_HEATMAP, "children"),
                State(ids.MY_COUNCIL, "data"), prevent_initial_call="initial_duplicate")
    _clientside(app, "jumpToHash", Output(ids.JUMPED, "data"), Input(ids.PAGE, "children"))
    _clientside(app, "print", Output(ids.PRINT, "title"), Input(ids.PRINT, "n_clicks"), prevent_initial_call=True)
    _clientside(app, "toggleMenu", Output(ids.DOMAIN_NAV, "className"), Output(ids.MENU_TOGGLE, "aria-expanded"),
                Input(ids.MENU_TOGGLE, "n_clicks"), Input(ids.URL, "pathname"), State(ids.MENU_TOGGLE, "aria-expanded"),
                prevent_initial_call=True)


def register(app, api: ReadAPI) -> None:
    """Wire the router and the council picker to this app."""

    @app.callback(*(Output(id_, prop) for id_, prop in ROUTED),
                  Input(ids.URL, "pathname"), Input(ids.URL, "search"), Input(ids.VIEWPORT, "data"),
                  State(ids.PRESENTER, "data"), State(ids.PAGE_FOR, "data"))
    def _route(pathname, search, viewport, presenter, page_for):
        # The overview and domain pages follow their own query string (callbacks/overview_callbacks.py and
        # domain_callbacks.py): rebuilding them on every control change would lose the reader's place and focus.
        pathname, search = (v if isinstance(v, str) else None for v in (pathname, search))
        if ctx.triggered_prop_ids == {f"{ids.URL}.search": ids.URL} and route(pathname).follows_own_query:
            raise PreventUpdate
        if arrived_drawn(page_for, pathname, search, viewport == "narrow"):
            return (no_update,) * (len(ROUTED) - 1) + (None,)  # once: back to this address later is a new visit
        return answer(api, pathname, search, viewport == "narrow", presenting(presenter))

    @app.callback(Output(ids.DOMAIN_NAV, "children", allow_duplicate=True),
                  Output(ids.PIN_BAR, "children", allow_duplicate=True),
                  Output(ids.SLIDE_AS_AT, "children", allow_duplicate=True), Input(ids.URL, "search"),
                  State(ids.URL, "pathname"), prevent_initial_call=True)
    def _carry(search, pathname):
        """A page that keeps its own query (overview, domain) changed it: the header's links and the pin carry the
        change."""
        pathname, search = (v if isinstance(v, str) else None for v in (pathname, search))
        return nav(api, pathname, search), *pin_line(api, pathname, search)

    @app.callback(Output(ids.URL, "href"), Input(ids.COUNCIL_PICKER_GO, "n_clicks"),
                  State(ids.COUNCIL_PICKER, "value"), State(ids.URL, "search"), prevent_initial_call=True)
    def _go_to_council(_clicks, code, search):
        """Open the chosen council only when Go is pressed: choosing alone never moves the page (WCAG 3.2.2); a
        pinned view stays pinned."""
        if isinstance(code, str) and api.is_region_council(code):
            pinned = view(api, search if isinstance(search, str) else None).pin
            return f"/council/{code}" + ("" if pinned is None else f"?{PIN}={pinned}")
        raise PreventUpdate

    app.clientside_callback(ClientsideFunction(namespace="scorecard", function_name="viewport"),
                            Output(ids.VIEWPORT, "data"), Input(ids.URL, "pathname"))
    _register_my_council(app)

    # The browser tab's title follows the page (assets/scorecard.js), so screen readers announce it.
    app.clientside_callback(ClientsideFunction(namespace="scorecard", function_name="setTitle"),
                            Output(ids.TITLE, "id"), Input(ids.TITLE, "data"))
