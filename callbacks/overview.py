"""`/` wiring: period and benchmark controls and the heatmap's domain links stay in step with the URL."""

from __future__ import annotations

from dash import Input, Output, ctx, no_update

from callbacks.state import BENCHMARK_LABELS, OVERVIEW_KEYS, overview_state, to_search
from data.views import COMPARATOR_FOR
from layouts import ids
from layouts.overview_view import domain_cards, domain_links, heatmap


def sync(wh, search, period, benchmark, triggered):
    if triggered == ids.O_URL or triggered is None:
        state, _ = overview_state(wh, search)
        new_search = no_update
    else:
        current, _ = overview_state(wh, search)
        state, _ = overview_state(wh, to_search({**current, "period": period, "benchmark": benchmark},
                                                OVERVIEW_KEYS))
        new_search = to_search(state, OVERVIEW_KEYS)
        new_search = no_update if new_search == (search or "") else new_search
    return new_search, state["period"], state["benchmark"], state


def overview_data(wh, state: dict):
    """Tallies and red-red lists per domain, and the heatmap cells, for a period and benchmark."""
    comparator = COMPARATOR_FOR[state["benchmark"]]
    rows = wh.ratings(comparator=comparator, period=state["period"])
    councils = wh.councils_in(state["period"])
    names = {c["code"]: c["name"] for c in councils}
    domain_of = {m.id: m.domain for m in wh.catalogue.measures}
    tallies = {d.slug: {} for d in wh.catalogue.domains}
    red_red = {d.slug: [] for d in wh.catalogue.domains}
    for r in rows:
        if r["area_code"] not in names:
            continue
        slug = domain_of[r["measure_id"]]
        tallies[slug][r["colour"]] = tallies[slug].get(r["colour"], 0) + 1
        if r["red_red"]:
            red_red[slug].append((names[r["area_code"]], wh.catalogue.measure(r["measure_id"]).short_name))
    cells = {(r["area_code"], r["measure_id"]): r for r in rows if domain_of[r["measure_id"]] == state["domain"]}
    return councils, tallies, {k: sorted(v) for k, v in red_red.items()}, cells


def render(wh, state: dict):
    councils, tallies, red_red, cells = overview_data(wh, state)
    label = BENCHMARK_LABELS[state["benchmark"]]
    domain_query = to_search({"period": state["period"], "benchmark": state["benchmark"]}, OVERVIEW_KEYS)

    def link_for(slug):
        return "/" + to_search({**state, "domain": slug}, OVERVIEW_KEYS)

    return (domain_cards(wh.catalogue.domains, tallies, red_red, domain_query),
            domain_links(wh.catalogue.domains, state["domain"], link_for),
            heatmap(councils, wh.catalogue.measures_in(state["domain"]), cells, state["domain"], state["period"],
                    label),
            "/download/overview.csv" + to_search(state, OVERVIEW_KEYS))


def register(app, wh) -> None:
    @app.callback(Output(ids.O_URL, "search"), Output(ids.O_PERIOD, "value"), Output(ids.O_BENCHMARK, "value"),
                  Output(ids.O_STATE, "data"),
                  Input(ids.O_URL, "search"), Input(ids.O_PERIOD, "value"), Input(ids.O_BENCHMARK, "value"))
    def _sync(search, period, benchmark):
        return sync(wh, search, period, benchmark, ctx.triggered_id)

    @app.callback(Output(ids.O_CARDS, "children"), Output(ids.O_DOMAIN_LINKS, "children"),
                  Output(ids.O_HEATMAP, "children"), Output(ids.O_DOWNLOAD, "href"),
                  Input(ids.O_STATE, "data"), prevent_initial_call=True)
    def _render(state):
        if not state:
            return (no_update,) * 4
        return render(wh, state)
