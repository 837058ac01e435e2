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
    assert body["release"]["id"] == 2 and body["release"]["illustrative"] is True  # the demo's quarterly returns


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


def _route_request(pathname, search="", viewport=None, presenter=None, page_for=None):
    """What the browser posts to the router (callbacks/router.py) when the URL changes."""
    routed = [("page-content", "children"), ("domain-nav", "children"), ("page-title", "data"),
              ("pin-bar", "children"), ("slide-as-at", "children"), ("plain-link", "href"), ("page-for", "data")]
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in routed) + "..",
        "outputs": [{"id": i, "property": p} for i, p in routed],
        "inputs": [{"id": "url", "property": "pathname", "value": pathname},
                   {"id": "url", "property": "search", "value": search},
                   {"id": "viewport", "property": "data", "value": viewport}],
        "state": [{"id": "presenter", "property": "data", "value": presenter},
                  {"id": "page-for", "property": "data", "value": page_for}],
        "changedPropIds": ["url.pathname"],
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


def _find(node, id_):
    """The component with this id in a layout as JSON."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == id_:
            return node
        node = list(node.values())
    if isinstance(node, list):
        return next((found for n in node if (found := _find(n, id_)) is not None), None)
    return None


def test_the_layout_holds_the_page_drawn_for_the_address_it_is_asked_from(client):
    """The frame a browser asks for first comes with its page drawn (callbacks/router.py first_page): the domain's
    chart and state, the address it was drawn for, the header's current domain; read as any URL is (unknown
    parameters make no difference)."""
    layout = client.get("/_dash-layout", headers={
        "Referer": "http://localhost/domain/performance-outcomes?measure=ascof_1b&utm=x"}).get_json()
    chart = _find(layout, "domain-bar")["props"]["children"][0]["props"]["html"]
    assert chart.count('class="ranked-mark"') >= 20 and "Quality of life," not in chart
    assert _find(layout, "domain-state")["props"]["data"]["measure"] == "ascof_1b"
    assert _find(layout, "domain-url")["props"]["search"] == "?measure=ascof_1b"
    assert _find(layout, "page-for")["props"]["data"] == {"pathname": "/domain/performance-outcomes",
                                                          "search": "?measure=ascof_1b"}
    assert "Performance & Outcomes" in str(_find(layout, "page-title")["props"]["data"])
    heatmap = _find(client.get("/_dash-layout", headers={"Referer": "http://localhost/"}).get_json(),
                    "overview-heatmap")
    assert "<table" in str(heatmap["props"]["children"])
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/"})
    assert "Referer" in response.headers["Vary"] and response.headers["Cache-Control"] == "no-cache"
    assert '"_dash-layout"' in client.get("/").get_data(as_text=True)  # asked for by the head's script


@pytest.mark.parametrize("referrer", [None, "", "http://elsewhere.example/domain/performance-outcomes",
                                      "javascript:alert(1)", "http://localhost/council/' OR 1=1 --",
                                      "http://localhost/" + "x" * 5000, "http://[::1/", "http://localhost/nope?as_at=１"])
def test_the_layout_for_any_referer_is_the_frame_or_a_friendly_page(client, referrer):
    """Without a Referer from this site the frame comes without a page (the router draws it when the browser says
    where it is); an address that names nothing gets the friendly page."""
    response = client.get("/_dash-layout", headers={"Referer": referrer} if referrer is not None else {})
    assert response.status_code == 200
    layout = response.get_json()
    page = _find(layout, "page-content")["props"].get("children")
    if referrer and referrer.startswith("http://localhost/") and len(referrer) < 4000:
        assert "not found" in str(page).lower() or "Page not found" in str(_find(layout, "page-title")["props"])
    else:
        assert page is None and _find(layout, "page-for")["props"].get("data") is None


def test_the_router_does_not_draw_again_the_page_the_layout_drew(client):
    """The router's first answer, for the address the page was drawn for, changes nothing but forgets that address
    (a later visit to it is drawn afresh); another address, or the same domain page on a phone, is drawn."""
    drawn_for = {"pathname": "/domain/performance-outcomes", "search": "?measure=ascof_1b"}
    same = client.post("/_dash-update-component", json=_route_request(
        "/domain/performance-outcomes", "?utm=1&measure=ascof_1b", "wide", page_for=drawn_for)).get_json()
    assert same["response"] == {"page-for": {"data": None}}
    for asked in (_route_request("/domain/performance-outcomes", "?measure=ascof_1a", "wide", page_for=drawn_for),
                  _route_request("/domain/performance-outcomes", "?measure=ascof_1b", "narrow", page_for=drawn_for),
                  _route_request("/domain/performance-outcomes", "?measure=ascof_1b", "wide")):
        answer = client.post("/_dash-update-component", json=asked).get_json()["response"]
        assert "domain-bar" in str(answer["page-content"]) and answer["page-for"] == {"data": None}
