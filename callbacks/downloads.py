"""`/download/...csv`: the data behind a view, exactly as shown, with the same words and escaped cells."""

from __future__ import annotations

import flask

from callbacks.overview import overview_data
from callbacks.state import BENCHMARK_LABELS, domain_state, overview_state, profile_state
from data import views
from data.csvout import to_csv
from layouts.format import interval_text, row_value_text

DOMAIN_COLUMNS = ["council_code", "council", "period", "measure_id", "measure", "value_shown", "value", "unit",
                  "lower_ci", "upper_ci", "interval", "benchmark", "comparator", "comparator_value", "method",
                  "rating", "reason", "change_since_last_year", "trend", "red_red", "release_id"]
OVERVIEW_COLUMNS = ["council_code", "council", "period", "domain", "measure_id", "measure", "value", "benchmark",
                    "comparator", "comparator_value", "rating", "reason", "red_red"]


def _csv(text: str, name: str) -> flask.Response:
    return flask.Response(text, mimetype="text/csv",
                          headers={"Content-Disposition": f'attachment; filename="{name}"'})


def domain_csv(wh, slug: str, search: str) -> tuple[str, str] | None:
    if wh.catalogue.domain(slug) is None:
        return None
    state, _ = domain_state(wh, slug, search)
    m = wh.catalogue.measure(state["measure"])
    rows = views.domain_rows(wh, m.id, state["period"], state["benchmark"], state["chosen"])
    out = [{"council_code": r["code"], "council": r["name"], "period": state["period"], "measure_id": m.id,
            "measure": m.name, "value_shown": row_value_text(r, m.unit, m.decimals), "value": r["value"],
            "unit": m.unit, "lower_ci": r["lower"], "upper_ci": r["upper"],
            "interval": interval_text({"lower_ci": r["lower"], "upper_ci": r["upper"], "ci_level": r["level"]},
                                      m.decimals),
            "benchmark": BENCHMARK_LABELS[state["benchmark"]], "comparator": r["comparator_name"],
            "comparator_value": r["comparator_value"], "method": r["method"], "rating": r["rating"],
            "reason": r["reason"], "change_since_last_year": r["change"], "trend": r["trend"],
            "red_red": r["red_red"], "release_id": r["release_id"]} for r in rows]
    return to_csv(out, DOMAIN_COLUMNS), f"{slug}-{m.id}-{state['period']}-{state['benchmark']}.csv"


def overview_csv(wh, search: str) -> tuple[str, str]:
    state, _ = overview_state(wh, search)
    councils, _, _, cells = overview_data(wh, state)
    out = []
    for c in councils:
        for m in wh.catalogue.measures_in(state["domain"]):
            r = cells.get((c["code"], m.id))
            if r is None:
                continue
            out.append({"council_code": c["code"], "council": c["name"], "period": state["period"],
                        "domain": state["domain"], "measure_id": m.id, "measure": m.name,
                        "value": row_value_text(r, m.unit, m.decimals),
                        "benchmark": BENCHMARK_LABELS[state["benchmark"]], "comparator": r["comparator_name"],
                        "comparator_value": r["comparator_value"], "rating": r["rating"], "reason": r["reason"],
                        "red_red": r["red_red"]})
    return to_csv(out, OVERVIEW_COLUMNS), f"overview-{state['domain']}-{state['period']}-{state['benchmark']}.csv"


COUNCIL_COLUMNS = ["council_code", "council", "period", "domain", "measure_id", "measure", "value_shown", "value",
                   "unit", "lower_ci", "upper_ci", "benchmark", "comparator", "comparator_value", "method", "rating",
                   "reason", "change_since_last_year", "trend", "trend_reason", "red_red", "release_id"]


def council_csv(wh, code: str, search: str) -> tuple[str, str] | None:
    """The whole council profile as CSV: every measure, as the page shows it."""
    council = next((c for c in wh.region_councils() if c["code"] == code), None)
    if council is None:
        return None
    state = profile_state(wh, code, search)
    period, benchmark = state["period"], state["benchmark"]
    profile = views.council_profile(wh, code, period, benchmark)
    out = []
    for m in wh.catalogue.measures:
        r = profile["rows"].get(m.id)
        if r is None:
            continue
        out.append({"council_code": code, "council": council["name"], "period": period, "domain": m.domain,
                    "measure_id": m.id, "measure": m.name, "value_shown": row_value_text(r, m.unit, m.decimals),
                    "value": r["value"], "unit": m.unit, "lower_ci": r["lower_ci"], "upper_ci": r["upper_ci"],
                    "benchmark": BENCHMARK_LABELS[benchmark], "comparator": r["comparator_name"],
                    "comparator_value": r["comparator_value"], "method": r["method"], "rating": r["rating"],
                    "reason": r["reason"], "change_since_last_year": r["change"], "trend": r["trend"],
                    "trend_reason": r["trend_reason"], "red_red": r["red_red"], "release_id": r["release_id"]})
    return to_csv(out, COUNCIL_COLUMNS), f"{code}-{period}-{benchmark}.csv"


def register(app, wh) -> None:
    server = app.server

    @server.route("/download/domain/<slug>.csv")
    def download_domain(slug):
        found = domain_csv(wh, slug, flask.request.query_string.decode("utf-8", "replace"))
        if found is None:
            return flask.Response(f"There is no domain called {slug!r}. See /measures for the domains.", 404,
                                  mimetype="text/plain")
        return _csv(*found)

    @server.route("/download/council/<code>.csv")
    def download_council(code):
        found = council_csv(wh, code.upper(), flask.request.query_string.decode("utf-8", "replace"))
        if found is None:
            return flask.Response(f"There is no North West council with the code {code!r}.", 404,
                                  mimetype="text/plain")
        return _csv(*found)

    @server.route("/download/overview.csv")
    def download_overview():
        return _csv(*overview_csv(wh, flask.request.query_string.decode("utf-8", "replace")))
