"""`/` wiring: period and benchmark controls and the heatmap's domain links stay in step with the URL."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, ctx, no_update

from callbacks.state import checked_overview_state, overview_state, overview_state_from, view
from data.read_api import ReadAPI
from layouts import ids, overview_layout
from page_models import overview_model
from page_models.routes import OVERVIEW_KEYS, to_search


def sync(api: ReadAPI, search, period, benchmark, triggered, pathname="/"):
    """The controls and the URL in step. A URL that is no longer the overview's (a link to another page, a
    presenter's next slide) changes nothing: the page is about to go, and drawing its heatmap again would cost the
    next page ~100 ms."""
    if pathname != "/":
        return (no_update,) * 4
    search = search if isinstance(search, str) else ""
    api = view(api, search)
    current, _ = overview_state(api, search)
    if triggered == ids.O_URL or triggered is None:
        return no_update, current.period, current.benchmark, current.as_dict()
    state = overview_state_from(api, {**current.as_dict(), "period": period, "benchmark": benchmark})
    new_search = to_search(state.as_dict(), OVERVIEW_KEYS)
    return (no_update if new_search == search else new_search), state.period, state.benchmark, state.as_dict()


def render(api: ReadAPI, held) -> tuple:
    """Cards, domain links, heatmap and download for the state the browser holds (checked again)."""
    state = checked_overview_state(api := view(api, held), held)
    if state is None:
        return (no_update,) * 4
    return overview_layout.outputs(overview_model.build(api, state))


def register(app, api: ReadAPI) -> None:
    @app.callback(Output(ids.O_URL, "search"), Output(ids.O_PERIOD, "value"), Output(ids.O_BENCHMARK, "value"),
                  Output(ids.O_STATE, "data"),
                  Input(ids.O_URL, "search"), Input(ids.O_PERIOD, "value"), Input(ids.O_BENCHMARK, "value"),
                  State(ids.O_URL, "pathname"), prevent_initial_call=True)  # it arrives drawn (callbacks/router.py)
    def _sync(search, period, benchmark, pathname):
        return sync(api, search, period, benchmark, ctx.triggered_id, pathname)

    @app.callback(*(Output(id_, prop) for id_, prop in overview_layout.DRAWN), Input(ids.O_STATE, "data"),
                  prevent_initial_call=True)
    def _render(held):
        return render(api, held)

    # The meeting pack's link follows its choices, in the browser (nothing to look up).
    app.clientside_callback(ClientsideFunction(namespace="scorecard", function_name="packLink"),
                            Output(ids.PACK_LINK, "href"), Input(ids.PACK_DOMAINS, "value"),
                            Input(ids.PACK_COUNCILS, "value"), Input(ids.PACK_DATE, "value"))
