"""`/download/...csv`: the data behind a view, exactly as shown. Each route checks its state, builds the same page
model the page renders and writes that model's rows, with spreadsheet-safe cells."""

from __future__ import annotations

import re
from collections.abc import Callable

import flask

from callbacks.state import changes_points, domain_state, overview_state, profile_state, view
from data.csvout import to_csv
from data.read_api import ReadAPI
from page_models import (
    changes_model,
    council_model,
    domain_model,
    feed_model,
    overview_model,
    self_assessment_model,
    trend_model,
)
from page_models.routes import PAGES, query_dict


def domain_csv(api: ReadAPI, slug: str, search: str) -> tuple[str, str] | None:
    api = view(api, search)
    if api.catalogue.domain(slug) is None:
        return None
    page = domain_model.build(api, domain_state(api, slug, search)[0])
    if query_dict(search).get("part") == "trend":  # the trend chart's values ("Download the trend as CSV")
        return (to_csv(trend_model.trend_csv_rows(page), trend_model.TREND_CSV_COLUMNS),
                page.csv_name.removesuffix(".csv") + "-trend.csv")
    return to_csv(domain_model.csv_rows(page), domain_model.CSV_COLUMNS), page.csv_name


def overview_csv(api: ReadAPI, search: str) -> tuple[str, str]:
    api = view(api, search)
    page = overview_model.build(api, overview_state(api, search)[0])
    return to_csv(overview_model.csv_rows(page), overview_model.CSV_COLUMNS), page.csv_name


def council_csv(api: ReadAPI, code: str, search: str) -> tuple[str, str] | None:
    """The council profile as CSV: every measure of every domain the page shows."""
    api = view(api, search)
    if not api.is_region_council(code):
        return None
    page = council_model.build(api, code, profile_state(api, code, search))
    return to_csv(council_model.csv_rows(page), council_model.CSV_COLUMNS), page.csv_name


def changes_csv(api: ReadAPI, search: str) -> tuple[str, str]:
    before, after, council, benchmark, _ = changes_points(api, search)
    page = changes_model.build(api, before, after, council, benchmark)
    return to_csv(changes_model.csv_rows(page), changes_model.CSV_COLUMNS), page.csv_name


def self_assessment_csv(api: ReadAPI) -> tuple[str, str]:
    rows = self_assessment_model.build(api)
    return to_csv(self_assessment_model.csv_rows(rows), self_assessment_model.CSV_COLUMNS), "self-assessment.csv"


# The download of each page of page_models.routes.PAGES that has one: (api, key, query) → (CSV, file name) or None
# when the key names nothing (tests/callbacks/test_router.py checks every download is here).
DOWNLOADS: dict[str, Callable[[ReadAPI, str, str], tuple[str, str] | None]] = {
    "overview": lambda api, _key, search: overview_csv(api, search),
    "domain": lambda api, key, search: domain_csv(api, key, search),
    "council": lambda api, key, search: council_csv(api, key.upper(), search),
    "self-assessment": lambda api, _key, _search: self_assessment_csv(api),
    "changes": lambda api, _key, search: changes_csv(api, search),
}
MISSING = {"domain": "There is no domain called {}. See /measures for the domains.",
           "council code": "There is no North West council with the code {}."}


def _csv(found: tuple[str, str] | None, missing: str) -> flask.Response:
    if found is None:
        return flask.Response(missing, 404, mimetype="text/plain")
    text, name = found
    return flask.Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _echo(text: str) -> str:
    """What the reader asked for, quoted back only when it is a plain slug or code (never markup or a long string)."""
    return repr(text) if re.fullmatch(r"[A-Za-z0-9_-]{1,60}", text) else "given"


def _query() -> str:
    return flask.request.query_string.decode("utf-8", "replace")


def register(app, api: ReadAPI) -> None:
    """A route for each page's download, at the path its page declares."""
    for page in PAGES:
        if page.download is not None:
            make = DOWNLOADS[page.name]

            def download(key: str = "", make=make, page=page) -> flask.Response:
                return _csv(make(api, key, _query()), MISSING.get(page.key, "{}").format(_echo(key)))

            app.server.add_url_rule(page.download, endpoint=f"download_{page.name}", view_func=download)

    def feed() -> flask.Response:
        return flask.Response(feed_model.atom(api, flask.request.host_url.rstrip("/")),
                              mimetype="application/atom+xml")

    app.server.add_url_rule("/changes.atom", endpoint="changes_feed", view_func=feed)
