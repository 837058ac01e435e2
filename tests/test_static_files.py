"""What a first visit downloads: only what the page uses, compressed, plotly.js's basic bundle precompressed, every
versioned address cached by the browser for a year, and no start at all without the bundle."""

from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import brotli
import pytest

import static_files
from app import create_app
from data.settings import Settings

YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def client(published_engine):
    return create_app(Settings(database_url=str(published_engine.url))).server.test_client()


def _page_files(client) -> list[str]:
    """Every file the page names: its scripts and styles, and the plotly.js its config names for charts."""
    html = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html,
                                  re.S).group(1))
    return [*re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html), config["plotlyjs_url"]]


def test_plotly_is_fetched_only_when_a_chart_is_drawn_and_only_the_basic_bundle(client):
    """plotly.js (1.2 MB, ~180 ms of a main thread) is not one of the page's scripts; the address a chart fetches
    it from is the basic bundle's, with its version, never Dash's full plotly.js."""
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert not [s for s in scripts if "plotly" in s and "plotly_loader" not in s]
    assert any("/assets/plotly_loader.js?m=" in s for s in scripts)
    assert re.search(r'"plotlyjs_url":"\\u002fassets\\u002fvendor\\u002fplotly-basic\.min\.js\?m=\d+"', html)


def test_the_page_loads_only_what_it_uses_and_each_file_is_kept_a_year(client):
    files = _page_files(client)
    assert not [f for f in files if "dash_table" in f]  # no page uses Dash's table (34 KB)
    assert not [f for f in files if "polyfill" in f]  # ES2015 for IE 11, where React 18 does not run (~110 ms)
    assert any("plotly-basic.min.js" in f for f in files) and not any("plotly.min.js" in f for f in files)
    assert any("/assets/favicon.ico?m=" in f for f in files)
    for address in files:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.headers["Cache-Control"] == YEAR, address
    # an address that names no version may change under the same name: not kept
    assert client.get("/assets/scorecard.css").headers.get("Cache-Control") != YEAR
    assert "immutable" not in client.get("/").headers.get("Cache-Control", "")


def test_plotly_is_sent_precompressed_and_unpacks_to_the_bundle(client):
    address = next(f for f in _page_files(client) if "plotly-basic.min.js" in f)
    squeezed = client.get(address, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.get_data()) == static_files.PLOTLY_BUNDLE.read_bytes()
    assert len(squeezed.get_data()) < 340_000  # Brotli's best setting: ~0.33 MB of 1.2 MB
    plain = client.get(address, headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("Content-Encoding") is None
    assert plain.get_data() == static_files.PLOTLY_BUNDLE.read_bytes()


def test_a_first_visit_downloads_under_0_8_mb(client):
    """Every file the page names, its layout and callbacks' wiring, as Brotli (Chromium's own count, with the
    callbacks' answers, is in benchmarks/RESULTS.md)."""
    total = 0
    for address in ["/", *_page_files(client), "/_dash-layout", "/_dash-dependencies"]:
        response = client.get(address, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response.status_code == 200, address
        total += len(response.get_data())
    assert total < 800_000, total


def test_without_the_bundle_the_app_refuses_to_start_and_says_why(published_engine, tmp_path, monkeypatch):
    monkeypatch.setattr(static_files, "PLOTLY_BUNDLE", tmp_path / "plotly-basic.min.js")
    with pytest.raises(static_files.MissingBundle, match="make install"):
        create_app(Settings(database_url=str(published_engine.url)))
    (tmp_path / "plotly-basic.min.js").write_text("x")  # the bundle without its compressed copy: still refused
    with pytest.raises(static_files.MissingBundle, match=r"\.br is missing"):
        create_app(Settings(database_url=str(published_engine.url)))


def test_dashs_scripts_are_compressed_once_per_worker_and_answers_every_time(published_engine, monkeypatch):
    """A first visit's ~1 MB of Dash's JavaScript went through Brotli for every new reader; now once per worker.
    An answer (a page, a callback, the layout) is compressed afresh each time: nothing else is kept."""
    import flask_compress.flask_compress as compressor

    squeezed = []
    real = compressor._compress_data
    monkeypatch.setattr(compressor, "_compress_data",
                        lambda app, data, algorithm: squeezed.append(len(data)) or real(app, data, algorithm))
    client = create_app(Settings(database_url=str(published_engine.url))).server.test_client()
    renderer = next(f for f in _page_files(client) if "dash_renderer" in f)
    squeezed.clear()
    first = client.get(renderer, headers={"Accept-Encoding": "br"})
    again = client.get(renderer, headers={"Accept-Encoding": "br"})
    assert first.headers["Content-Encoding"] == "br" and again.get_data() == first.get_data()
    assert len(brotli.decompress(first.get_data())) > 100_000  # the renderer itself
    assert len(squeezed) == 1
    gzipped = client.get(renderer, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip" and len(squeezed) == 2  # each encoding its own bytes
    for _ in range(2):
        client.get("/about", headers={"Accept-Encoding": "br"})
    assert len(squeezed) == 4


def test_a_new_worker_serves_a_browser_s_scripts_asked_for_all_at_once(client, published_engine):
    """A browser asks for a page's scripts together; in a worker just started (gunicorn replaces each now and then)
    they are answered by several threads at once. Dash's first-request setup, done by whichever request came
    first, used to leave the others finding no script registered: 404s and a blank page."""
    scripts = [s for s in _page_files(client) if s.startswith("/_dash-component-suites/")]
    fresh = create_app(Settings(database_url=str(published_engine.url))).server  # no request served yet
    start = threading.Barrier(len(scripts))

    def fetch(path):
        start.wait()
        return fresh.test_client().get(path).status_code

    with ThreadPoolExecutor(len(scripts)) as pool:
        statuses = list(pool.map(fetch, scripts))
    assert len(scripts) >= 6 and statuses == [200] * len(scripts), dict(zip(scripts, statuses, strict=True))
