"""The app over HTTP: index in en-GB, no CDN, /health, security headers, crafted callback requests."""

import pytest
from sqlalchemy import update

from app import create_app
from data.db import make_engine, session_factory
from data.schema import SCHEMA_VERSION, SchemaInfo
from data.settings import Settings
from data.warehouse import SchemaVersionError, init_warehouse


@pytest.fixture(scope="module")
def client(demo_db_url):
    return create_app(Settings(database_url=demo_db_url)).server.test_client()


def test_index_is_en_gb_with_local_stylesheets_only(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en-GB">' in html
    assert 'href="/vendor/bootstrap.min.css?v=' in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_bootstrap_css_is_served_from_the_installed_package(client):
    response = client.get("/vendor/bootstrap.min.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert b"Bootstrap  v5.3" in response.data[:200]


def test_health_reports_the_database_and_current_release(client):
    body = client.get("/health").get_json()
    assert body["status"] == "ok" and body["database"]["backend"] == "sqlite"
    assert body["release"]["id"] == 1 and body["release"]["illustrative"] is True


def test_health_says_503_when_the_database_is_gone(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'h.db'}"))
    (tmp_path / "h.db").unlink()
    for wal in tmp_path.glob("h.db-*"):
        wal.unlink()
    app.read_api.engine.dispose()
    response = app.server.test_client().get("/health")
    assert response.status_code == 503 and response.get_json()["status"] == "error"


def test_security_headers_are_set(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"


def _route_request(pathname, search="", viewport=None):
    return {
        "output": ("..page-content.children...domain-nav.children...page-title.data...pin-bar.children..."
                   "slide-as-at.children.."),
        "outputs": [{"id": "page-content", "property": "children"}, {"id": "domain-nav", "property": "children"},
                    {"id": "page-title", "property": "data"}, {"id": "pin-bar", "property": "children"},
                    {"id": "slide-as-at", "property": "children"}],
        "inputs": [{"id": "url", "property": "pathname", "value": pathname},
                   {"id": "url", "property": "search", "value": search},
                   {"id": "viewport", "property": "data", "value": viewport}],
        "changedPropIds": ["url.pathname"], "state": [],
    }


@pytest.mark.parametrize("pathname, search", [
    ("/domain/not-a-domain", ""), ("/council/' OR 1=1 --", ""), ("/domain/culture-challenge", "?period=1' --"),
    (None, None), ("/" + "x" * 5000, ""), ("/council/E08000009", "?domain=<b>&period=9999-00"),
])
def test_crafted_router_requests_get_a_page_never_a_500(client, pathname, search):
    response = client.post("/_dash-update-component", json=_route_request(pathname, search))
    assert response.status_code == 200
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_council_picker_ignores_codes_it_does_not_know(client):
    request = {
        "output": "url.href", "outputs": {"id": "url", "property": "href"},
        "inputs": [{"id": "council-picker-go", "property": "n_clicks", "value": 1}],
        "state": [{"id": "council-picker", "property": "value", "value": "../../etc/passwd"},
                  {"id": "url", "property": "search", "value": "?as_at=1"}],
        "changedPropIds": ["council-picker-go.n_clicks"],
    }
    assert client.post("/_dash-update-component", json=request).status_code == 204  # no update
    request["state"][0]["value"] = "E08000009"
    body = client.post("/_dash-update-component", json=request).get_json()
    assert body["response"]["url"]["href"] == "/council/E08000009?as_at=1"  # a pinned view stays pinned
    request["state"][1]["value"] = "?as_at=9999"
    body = client.post("/_dash-update-component", json=request).get_json()
    assert body["response"]["url"]["href"] == "/council/E08000009"


def test_the_app_refuses_a_warehouse_of_another_schema_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    init_warehouse(engine, initial="none")
    with session_factory(engine).begin() as session:
        session.execute(update(SchemaInfo).values(version=0))
    with pytest.raises(SchemaVersionError, match=f"needs schema version {SCHEMA_VERSION}"):
        create_app(Settings(database_url=url))


def test_two_apps_in_one_process_both_have_their_callbacks(demo_db_url):
    first, second = (create_app(Settings(database_url=demo_db_url)) for _ in range(2))
    for app in (first, second):
        response = app.server.test_client().post("/_dash-update-component", json=_route_request("/measures"))
        assert "Measures and definitions" in response.get_data(as_text=True)


def test_settings_come_from_the_environment():
    s = Settings.from_env({"DATABASE_URL": "postgresql://u@h/db", "CACHE_REDIS_URL": "redis://127.0.0.1:6379/0",
                           "SCORECARD_DEBUG": "1"})
    assert s.database_url == "postgresql://u@h/db" and s.debug
    assert s.cache_config["CACHE_TYPE"] == "RedisCache"
    assert Settings.from_env({}).cache_config["CACHE_TYPE"] == "SimpleCache"
    assert Settings.from_env({}).database_url.endswith("instance/scorecard.db")


@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/domain/resource-workforce", 200), ("/council/E08000009", 200), ("/council/e08000009", 200),
    ("/measures", 200), ("/measures/ascof_1a", 200), ("/about", 200),
    ("/domain/nope", 404), ("/council/E09000001", 404), ("/measures/nope", 404), ("/nope", 404), ("/a/b/c", 404),
])
def test_a_path_that_names_nothing_answers_404_with_the_friendly_page(client, path, status):
    response = client.get(path)
    assert response.status_code == status and response.mimetype == "text/html"
    assert '<html lang="en-GB">' in response.get_data(as_text=True)  # the app renders its not-found view


@pytest.mark.parametrize("path, mimetype", [
    ("/download/domain/nope.csv", "text/plain"), ("/download/council/E09000001.csv", "text/plain"),
    ("/download/council/%3Cscript%3E.csv", "text/plain"),
    ("/download/domain/..%2F..%2Fapp.py.csv", "text/html"),  # no download route matches: the friendly page
])
def test_a_download_that_names_nothing_answers_404(client, path, mimetype):
    response = client.get(path)
    text = response.get_data(as_text=True)
    assert response.status_code == 404 and response.mimetype == mimetype and "Traceback" not in text
    assert "<script>" not in text
