"""For the overview, a domain and a council: the CSV a reader downloads holds exactly the page model's rows, and
those are the rows the page renders, in the same order, with the same words."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from dash import html

from app import create_app
from callbacks.state import domain_state, overview_state, profile_state
from data.csvout import safe_cell
from data.settings import Settings
from layouts import council_layout, domain_layout, overview_layout
from layouts.raw_html import RawHtml
from page_models import council_model, domain_model, overview_model
from tests.callbacks.test_router import text_of


@pytest.fixture(scope="module")
def client(demo_db_url):
    return create_app(Settings(database_url=demo_db_url, initial_data="none")).server.test_client()


def download(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def as_csv(rows: list[dict]) -> list[dict]:
    """Model rows as they read back from a CSV file: every cell text, escaped as the download escapes it."""
    return [{k: str(safe_cell(v)) for k, v in r.items()} for r in rows]


def body_rows(node) -> list:
    """The <tr> elements of every table body in a component tree, in document order; a table that travels as HTML
    (layouts/raw_html.py) gives each of its rows as a RawHtml with the row's id (text_of reads it)."""
    found = []

    def walk(n):
        if isinstance(n, (list, tuple)):
            for child in n:
                walk(child)
        elif isinstance(n, RawHtml):
            for body in re.findall(r"<tbody>(.*?)</tbody>", n.html, re.S):
                for attributes, inner in re.findall(r"<tr([^>]*)>(.*?)</tr>", body, re.S):
                    row_id = re.search(r' id="([^"]*)"', attributes)
                    found.append(RawHtml(html=inner, id=unescape(row_id.group(1)) if row_id else None))
        elif isinstance(n, html.Tbody):
            found.extend(n.children)
        elif hasattr(n, "children"):
            walk(n.children)
    walk(node)
    return found


def test_the_domain_download_is_the_domain_table(api, client):
    search = "?measure=ascof_2a2&period=2023-24&benchmark=england&council=E08000009"
    page = domain_model.build(api, domain_state(api, "national-priorities-partnerships", search)[0])
    rows = domain_model.csv_rows(page)
    assert download(client, page.download) == as_csv(rows) and page.download.endswith(search)
    rendered = body_rows(domain_layout.ratings_table(page))
    assert len(rendered) == len(rows) == 24
    for tr, row in zip(rendered, rows, strict=True):
        text = text_of(tr)
        assert text.startswith(row["council"]) and row["value_shown"] in text and row["rating"] in text
        assert row["reason"] in text and row["trend"] in text


def test_the_overview_download_is_the_heatmap(api, client):
    page = overview_model.build(api, overview_state(api, "?domain=resource-workforce&benchmark=england")[0])
    rows = overview_model.csv_rows(page)
    assert download(client, page.download) == as_csv(rows)
    rendered = {}
    for tr in body_rows(overview_layout.heatmap(page, with_map=False)):
        council, *cells = tr.children
        rendered[text_of(council).split(" (my council)")[0].strip()] = [text_of(td) for td in cells]
    measures = [measure_id for measure_id, *_ in page.measures]
    assert len(rendered) == 24 and len(rows) > 24 * 4
    for row in rows:
        assert rendered[row["council"]][measures.index(row["measure_id"])].endswith(row["rating"])


@pytest.mark.parametrize("search", ["?benchmark=north-west&period=2023-24", "?domain=commissioning-quality"])
def test_the_council_download_is_the_profile(api, client, search):
    page = council_model.build(api, "E08000009", profile_state(api, "E08000009", search))
    rows = council_model.csv_rows(page)
    assert download(client, page.download) == as_csv(rows)
    rendered = [tr for tr in body_rows(council_layout.council_page(page))
                if str(getattr(tr, "id", "")).startswith("measure-")]  # not the at-a-glance table
    assert len(rendered) == len(rows) == sum(len(s.rows) for s in page.sections)
    for tr, row in zip(rendered, rows, strict=True):
        text = text_of(tr)
        assert row["value_shown"] in text and row["rating"] in text and row["reason"] in text
    assert {r["domain"] for r in rows} == {s.domain.slug for s in page.sections}
