"""`/domain/<slug>` wiring: the URL and the controls stay in step; the chart, table and trend follow them."""

from __future__ import annotations

from dash import Input, Output, Patch, State, ctx, no_update

from callbacks.state import BENCHMARK_LABELS, DOMAIN_KEYS, domain_state, to_search
from data import views
from layouts import ids
from layouts.domain_view import NO_COUNCIL, categories_table, ratings_table
from layouts.figures import highlight_patch_values, ranked_bars, trend_lines


def slug_of(pathname: str | None) -> str:
    parts = [p for p in (pathname or "").split("/") if p]
    return parts[1] if len(parts) == 2 and parts[0] == "domain" else ""


def sync(wh, pathname, search, measure, period, benchmark, council, chosen, triggered):
    """One source of truth: a changed control rewrites the URL; a changed URL (a link, back or forward) resets the
    controls. Everything is checked against the allow-lists in callbacks.state."""
    slug = slug_of(pathname)
    if wh.catalogue.domain(slug) is None:
        return (no_update,) * 8
    if triggered == ids.D_URL or triggered is None:
        state, _ = domain_state(wh, slug, search)
        new_search = no_update
    else:
        wanted = {"measure": measure, "period": period, "benchmark": benchmark,
                  "council": "" if council in (None, NO_COUNCIL) else council,
                  "chosen": ",".join(chosen or [])}
        state, _ = domain_state(wh, slug, to_search(wanted, DOMAIN_KEYS))
        new_search = to_search(state, DOMAIN_KEYS)
        new_search = no_update if new_search == (search or "") else new_search
    return (new_search, state["measure"], state["period"], state["benchmark"], state["council"] or NO_COUNCIL,
            state["chosen"], state, state["benchmark"] != "chosen")


def render(wh, state: dict, built: dict | None):
    """Chart, caption, table, download link, trend and narrative for a state. Only the highlight changed → Patch."""
    m = wh.catalogue.measure(state["measure"])
    period, benchmark, council = state["period"], state["benchmark"], state["council"]
    label = BENCHMARK_LABELS[benchmark]
    release = wh.current_release()
    release_text = f"{release.source}, {release.status} release {release.id}" if release else "no release"
    source = f"Source: {m.source}. {release_text}."
    rows = views.domain_rows(wh, m.id, period, benchmark, state["chosen"])
    key = [m.id, period, benchmark, state["chosen"]]
    names = {r["code"]: r["name"] for r in rows}
    caption = views.caption(rows, m, period, label, council)
    table = ratings_table(rows, m, period, release_text, label, council)
    download = f"/download/domain/{state['slug']}.csv" + to_search(state, DOMAIN_KEYS)
    if m.is_categorical:
        periods = [p for p in wh.periods() if p <= period][-5:]
        history = wh.trend_series(m.id, list(names))
        categories = categories_table(history, names, periods, m)
        return ({"data": [], "layout": {}}, True, "", categories, table, download, {"data": [], "layout": {}},
                "Categories are shown, not trended.", "", {"key": key, "codes": []})
    if built and built.get("key") == key:  # only the highlighted council changed: patch the outlines
        values = highlight_patch_values(built["codes"], council, [names[c] for c in built["codes"]])
        bar = Patch()
        bar["data"][0]["marker"]["line"]["width"] = values["widths"]
        bar["layout"]["yaxis"]["ticktext"] = values["ticktext"]
        new_built = no_update
    else:
        bench_name, bench_value = views.benchmark_line(rows, benchmark, council)
        bar = ranked_bars(rows, m, title=f"{m.short_name}, {period}: North West councils against {label}",
                          source=source, benchmark_name=bench_name or label, benchmark_value=bench_value,
                          quartiles=views.quartiles(rows), selected=council)
        codes = [r["code"] for r in sorted((r for r in rows if r["value"] is not None), key=lambda r: r["value"])]
        new_built = {"key": key, "codes": codes}
    row = next((r for r in rows if r["code"] == council), None)
    trend = trend_lines(views.trend_series(wh, m, council, period), m,
                        title=f"{m.short_name} over time" + (f": {row['name']}" if row else ""), source=source)
    if row:
        trend_caption = f"{row['name']}: {row['trend_reason']}"
        narrative = row["narrative"] or f"{row['name']}: {row['reason']}"
    else:
        trend_caption = "The North West and England over time. Highlight a council to add its line and its trend."
        narrative = "Highlight a council to read how it compares in words."
    return (bar, False, caption, None, table, download, trend, trend_caption, narrative, new_built)


def register(app, wh) -> None:
    @app.callback(
        Output(ids.D_URL, "search"), Output(ids.D_MEASURE, "value"), Output(ids.D_PERIOD, "value"),
        Output(ids.D_BENCHMARK, "value"), Output(ids.D_COUNCIL, "value"), Output(ids.D_CHOSEN, "value"),
        Output(ids.D_STATE, "data"), Output(ids.D_CHOSEN_WRAP, "hidden"),
        Input(ids.D_URL, "search"), Input(ids.D_MEASURE, "value"), Input(ids.D_PERIOD, "value"),
        Input(ids.D_BENCHMARK, "value"), Input(ids.D_COUNCIL, "value"), Input(ids.D_CHOSEN, "value"),
        State(ids.D_URL, "pathname"))
    def _sync(search, measure, period, benchmark, council, chosen, pathname):
        return sync(wh, pathname, search, measure, period, benchmark, council, chosen, ctx.triggered_id)

    @app.callback(
        Output(ids.D_BAR, "figure"), Output(ids.D_BAR_FIGURE, "hidden"), Output(ids.D_BAR_CAPTION, "children"),
        Output(ids.D_CATEGORIES, "children"), Output(ids.D_TABLE, "children"), Output(ids.D_DOWNLOAD, "href"),
        Output(ids.D_TREND, "figure"), Output(ids.D_TREND_CAPTION, "children"), Output(ids.D_NARRATIVE, "children"),
        Output(ids.D_BUILT, "data"),
        Input(ids.D_STATE, "data"), State(ids.D_BUILT, "data"), prevent_initial_call=True)
    def _render(state, built):
        if not state:
            return (no_update,) * 10
        return render(wh, state, built)
