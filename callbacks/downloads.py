"""`/download/...csv`: the data behind a view, exactly as shown. Each route checks its state, builds the same page
model the page renders and writes that model's rows, with spreadsheet-safe cells."""

from __future__ import annotations

import re

import flask

from callbacks.state import domain_state, overview_state, profile_state, view
from data.csvout import to_csv
from data.read_api import ReadAPI
from page_models import council_model, domain_model, overview_model, self_assessment_model


def domain_csv(api: ReadAPI, slug: str, search: str) -> tuple[str, str] | None:
    api = view(api, search)
    if api.catalogue.domain(slug) is None:
        return None
    page = domain_model.build(api, domain_state(api, slug, search)[0])
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
    server = app.server

    @server.route("/download/domain/<slug>.csv")
    def download_domain(slug):
        return _csv(domain_csv(api, slug, _query()), f"There is no domain called {_echo(slug)}. See /measures for "
                                                     "the domains.")

    @server.route("/download/council/<code>.csv")
    def download_council(code):
        return _csv(council_csv(api, code.upper(), _query()), f"There is no North West council with the code "
                                                              f"{_echo(code)}.")

    @server.route("/download/self-assessment.csv")
    def download_self_assessment():
        rows = self_assessment_model.build(api)
        return _csv((to_csv(self_assessment_model.csv_rows(rows), self_assessment_model.CSV_COLUMNS),
                     "self-assessment.csv"), "")

    @server.route("/download/overview.csv")
    def download_overview():
        return _csv(overview_csv(api, _query()), "")
