"""`/domain/<slug>` wiring: the URL and the controls stay in step; the chart, table and trend follow them."""

from __future__ import annotations

from dash import Input, Output, State, ctx, no_update

from callbacks.state import checked_domain_state, domain_state, domain_state_from, view
from data.read_api import ReadAPI
from layouts import domain_layout, ids
from layouts.presenting import presenting
from page_models import domain_model
from page_models.routes import DOMAIN_KEYS, route, to_search


def sync(api: ReadAPI, pathname, search, measure, period, benchmark, council, chosen, triggered):
    """One source of truth: a changed control rewrites the URL; a changed URL (a link, back or forward) resets the
    controls. Everything is checked against the allow-lists in callbacks.state."""
    r = route(pathname if isinstance(pathname, str) else None)
    if r.page != "domain" or api.catalogue.domain(r.key) is None:
        return (no_update,) * 10
    search = search if isinstance(search, str) else ""
    api = view(api, search)
    if triggered == ids.D_URL or triggered is None:
        state = domain_state(api, r.key, search)[0]
    else:
        state = domain_state_from(api, r.key, {"measure": measure, "period": period, "benchmark": benchmark,
                                               "council": None if council == domain_layout.NO_COUNCIL else council,
                                               "chosen": chosen})
    written = to_search(state.as_dict(), DOMAIN_KEYS)
    new_search = no_update if written == search or triggered in (ids.D_URL, None) else written
    checks, choosable = domain_model.chooser(api, state)
    return (new_search, state.measure, state.period, state.benchmark, state.council or domain_layout.NO_COUNCIL,
            list(state.chosen), state.as_dict(), state.benchmark != "chosen", domain_layout.chosen_checks(checks),
            domain_layout.chosen_names(choosable) if state.benchmark == "chosen" else [])


def add_council(api: ReadAPI, typed, chosen, held) -> tuple:
    """"Add an English council": the council typed (by name) joins the chosen ones; anything else is said."""
    state = checked_domain_state(api := view(api, held), held)
    if state is None or not isinstance(typed, str) or not typed.strip():
        return no_update, no_update, ""
    code = domain_model.find_council(domain_model.chooser(api, state)[1], typed[:100])
    if code is None:
        return no_update, no_update, f"No English council of {state.period} is called “{typed.strip()[:100]}”."
    chosen = [c for c in chosen if isinstance(c, str)] if isinstance(chosen, list) else []
    return ([*chosen, code] if code not in chosen else chosen), "", ""


def render(api: ReadAPI, held, viewport=None, presenter=None) -> tuple:
    """The chart, caption, table, download, trend and narrative for the state the browser holds (checked again:
    anyone can post any JSON), laid out for the reader's screen and for presenter view when it is on."""
    state = checked_domain_state(api := view(api, held), held)
    if state is None:
        return (no_update,) * len(domain_layout.DRAWN)
    return domain_layout.outputs(domain_model.build(api, state), narrow=viewport == "narrow",
                                 present=presenting(presenter))


def register(app, api: ReadAPI) -> None:
    @app.callback(
        Output(ids.D_URL, "search"), Output(ids.D_MEASURE, "value"), Output(ids.D_PERIOD, "value"),
        Output(ids.D_BENCHMARK, "value"), Output(ids.D_COUNCIL, "value"), Output(ids.D_CHOSEN, "value"),
        Output(ids.D_STATE, "data"), Output(ids.D_CHOSEN_WRAP, "hidden"), Output(ids.D_CHOSEN, "options"),
        Output(ids.D_CHOSEN_NAMES, "children"),
        Input(ids.D_URL, "search"), Input(ids.D_MEASURE, "value"), Input(ids.D_PERIOD, "value"),
        Input(ids.D_BENCHMARK, "value"), Input(ids.D_COUNCIL, "value"), Input(ids.D_CHOSEN, "value"),
        State(ids.D_URL, "pathname"), prevent_initial_call=True)  # a page arrives drawn (callbacks/router.py)
    def _sync(search, measure, period, benchmark, council, chosen, pathname):
        return sync(api, pathname, search, measure, period, benchmark, council, chosen, ctx.triggered_id)

    @app.callback(
        Output(ids.D_CHOSEN, "value", allow_duplicate=True), Output(ids.D_CHOSEN_ADD, "value"),
        Output(ids.D_CHOSEN_STATUS, "children"),
        Input(ids.D_CHOSEN_ADD_BUTTON, "n_clicks"), Input(ids.D_CHOSEN_ADD, "n_submit"),
        State(ids.D_CHOSEN_ADD, "value"), State(ids.D_CHOSEN, "value"), State(ids.D_STATE, "data"),
        prevent_initial_call=True)
    def _add(_clicks, _submitted, typed, chosen, held):
        return add_council(api, typed, chosen, held)

    @app.callback(
        *(Output(id_, prop) for id_, prop in domain_layout.DRAWN),
        Input(ids.D_STATE, "data"), Input(ids.PRESENTER, "data"), State(ids.VIEWPORT, "data"),
        prevent_initial_call=True)
    def _render(held, presenter, viewport):
        return render(api, held, viewport, presenter)
