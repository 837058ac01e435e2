"""The editor over HTTP (issue 14): sign-in and its limiter, CSRF tokens and the Origin check, every endpoint refused
without a session, a council editor held to their own council whatever the request says, and nothing protected
reachable through Dash's callback route."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app import create_app
from data.accounts import Actor, add_user
from data.db import make_engine, session_factory
from data.schema import AuditEvent, Statement
from data.settings import Settings
from data.statements import Content, save, submit
from data.warehouse import init_warehouse

TRAFFORD, WIGAN = "E08000009", "E08000010"
PASSWORD = "correct horse battery"
HTTPS = "https://scorecard.example"


def editor_app(tmp_path):
    """An app with the editor on, over an empty SQLite warehouse, with a council editor, an analyst and an
    administrator."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    init_warehouse(engine, initial="none")
    with session_factory(engine).begin() as s:
        root = Actor("ops", "administrator")
        add_user(s, root, "jo", PASSWORD, "council_editor", TRAFFORD)
        add_user(s, root, "sam", PASSWORD, "regional_analyst")
        add_user(s, root, "ada", PASSWORD, "administrator")
    app = create_app(Settings(database_url=url, initial_data="none", secret_key="k" * 48,
                              instance_dir=str(tmp_path / "instance")))
    app.sessions = session_factory(engine)
    return app


@pytest.fixture
def app(tmp_path):
    return editor_app(tmp_path)


def _token(client, path: str = "/editor/sign-in") -> str:
    page = client.get(path, base_url=HTTPS).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def signed_in(app, name: str, address: str = "10.0.0.1"):
    client = app.server.test_client()
    response = client.post("/editor/sign-in", base_url=HTTPS, environ_base={"REMOTE_ADDR": address},
                           data={"username": name, "password": PASSWORD, "csrf_token": _token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def test_every_editor_endpoint_refuses_a_request_without_a_session(app):
    client = app.server.test_client()
    paths = {re.sub(r"<(int:)?[a-z_]+>", lambda m: "1" if m.group(1) else TRAFFORD, str(rule))
             for rule in app.server.url_map.iter_rules() if str(rule).startswith("/editor/")}
    paths.discard("/editor/sign-in")
    assert len(paths) >= 6
    for path in sorted(paths):
        for method in ("GET", "POST"):
            response = client.open(path.replace(f"{TRAFFORD}/{TRAFFORD}/{TRAFFORD}",
                                                f"{TRAFFORD}/resource-workforce/2025-26"), method=method,
                                   base_url=HTTPS)
            # 404: a GET of a POST-only address is the public site's "page not found"
            assert response.status_code in (401, 403, 404, 405), (method, path, response.status_code)
            assert response.status_code != 404 or method == "GET", (method, path)


def test_sign_in_cookies_are_secure_httponly_strict_and_expire_when_idle(app):
    client = app.server.test_client()
    response = client.post("/editor/sign-in", base_url=HTTPS, data={"username": "jo", "password": PASSWORD,
                                                                   "csrf_token": _token(client)})
    cookie = response.headers["Set-Cookie"]
    assert all(part in cookie for part in ("Secure", "HttpOnly", "SameSite=Strict", "Expires=", "Path=/editor/"))
    with app.sessions() as s:
        assert s.scalars(select(AuditEvent.action)).all()[-1] == "signed_in"


def _attempt(client, token, name: str, address: str, password: str = "wrong password here") -> int:
    return client.post("/editor/sign-in", base_url=HTTPS, environ_base={"REMOTE_ADDR": address},
                       data={"username": name, "password": password, "csrf_token": token}).status_code


def test_the_sign_in_limiter_counts_failures_per_address_and_per_account(app):
    client = app.server.test_client()
    token = _token(client)
    # One address guessing: five failures, then it waits (whatever name it tries)
    assert [_attempt(client, token, f"guess{n}", "10.0.0.9") for n in range(6)] == [401] * 5 + [429]
    # One account tried from many addresses (four each, under the address limit): held after twenty, and told why
    codes = [_attempt(client, token, "sam", f"10.1.0.{n // 4}") for n in range(21)]
    assert codes == [401] * 20 + [429]
    refused = client.post("/editor/sign-in", base_url=HTTPS, environ_base={"REMOTE_ADDR": "10.9.9.9"},
                          data={"username": "sam", "password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 429 and "several places" in refused.get_data(as_text=True)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "sign_in_failed")) == 25


def test_a_stranger_cannot_lock_the_owner_out(app):
    """Issue 26: ten sign-in attempts naming a user, from one address, with no cookie: the owner still signs in
    from their own address, and successful sign-ins never count."""
    stranger, owner = app.server.test_client(), app.server.test_client()
    token = _token(stranger)
    assert [_attempt(stranger, token, "jo", "203.0.113.5") for _ in range(10)] == [401] * 5 + [429] * 5
    assert _attempt(owner, _token(owner), "jo", "10.0.0.1", PASSWORD) == 302
    for _ in range(8):  # signing in again and again is not a failure
        fresh = app.server.test_client()
        assert _attempt(fresh, _token(fresh), "sam", "10.0.0.2", PASSWORD) == 302


def test_a_cross_site_request_without_the_token_or_from_another_origin_is_refused(app):
    client = signed_in(app, "jo")
    page = "/editor/statement/E08000009/resource-workforce/2025-26"
    token = _token(client, page)
    no_token = client.post(page, base_url=HTTPS, data={"commentary": "forged", "save": "1"})
    assert no_token.status_code == 400
    foreign = client.post(page, base_url=HTTPS, headers={"Origin": "https://evil.example"},
                          data={"commentary": "forged", "save": "1", "csrf_token": token})
    assert foreign.status_code == 403
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Statement)) == 0
    ok = client.post(page, base_url=HTTPS, headers={"Origin": HTTPS},
                     data={"commentary": "Vacancies fell.", "save": "1", "csrf_token": token})
    assert ok.status_code == 302


def test_a_council_editor_cannot_write_another_council_or_publish_by_crafting_requests(app):
    with app.sessions.begin() as s:
        theirs = save(s, Actor("kim", "council_editor", WIGAN), WIGAN, "resource-workforce", "2025-26",
                      Content("Wigan's own words.")).id
        mine = save(s, Actor("jo", "council_editor", TRAFFORD), TRAFFORD, "resource-workforce", "2025-26",
                    Content("Trafford's words.")).id
        submit(s, Actor("jo", "council_editor", TRAFFORD), mine)
    client = signed_in(app, "jo")
    token = _token(client, "/editor/")
    wigan = "/editor/statement/E08000010/resource-workforce/2025-26"
    assert client.get(wigan, base_url=HTTPS).status_code == 403
    assert client.post(wigan, base_url=HTTPS, data={"commentary": "overwritten", "save": "1",
                                                    "csrf_token": token}).status_code == 403
    for action, target in (("publish", mine), ("return", mine), ("submit", theirs)):
        response = client.post(f"/editor/statement/{target}/{action}", base_url=HTTPS,
                               data={"csrf_token": token, "note": "no"})
        assert response.status_code == 403, action
    assert client.get("/editor/audit", base_url=HTTPS).status_code == 403
    with app.sessions() as s:
        assert [st.status for st in s.scalars(select(Statement).order_by(Statement.id))] == ["draft", "submitted"]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.outcome == "refused")) >= 4


def test_no_dash_callback_reaches_the_editor(app):
    """The editor registers no Dash callback: a request to Dash's callback route naming anything of the editor's is
    not a callback of this app and is refused before Dash reads it."""
    assert not [k for k in app.callback_map if "editor" in k or "statement" in k]
    client = signed_in(app, "sam")
    forged = {"output": "editor-publish.children", "outputs": {"id": "editor-publish", "property": "children"},
              "inputs": [{"id": "editor-publish", "property": "n_clicks", "value": 1}], "state": [],
              "changedPropIds": ["editor-publish.n_clicks"]}
    response = client.post("/_dash-update-component", json=forged, base_url=HTTPS)
    assert response.status_code == 400


def test_an_analyst_publishes_through_the_forms(app):
    jo = signed_in(app, "jo")
    page = "/editor/statement/E08000009/resource-workforce/2025-26"
    response = jo.post(page, base_url=HTTPS, data={
        "commentary": "Turnover is falling.", "self_rating": "medium", "rationale": "Still above the region.",
        "risk1": "Home care capacity", "mitigation1": "Retender", "owner1": "Head of commissioning",
        "due1": "2026-03-31", "save_and_submit": "1", "csrf_token": _token(jo, page)})
    assert response.status_code == 302
    sam = signed_in(app, "sam", "10.0.0.2")
    with app.sessions() as s:
        statement_id = s.scalar(select(Statement.id))
    assert "Waiting for publication" in sam.get("/editor/", base_url=HTTPS).get_data(as_text=True)
    published = sam.post(f"/editor/statement/{statement_id}/publish", base_url=HTTPS,
                         data={"csrf_token": _token(sam, page)})
    assert published.status_code == 302
    with app.sessions() as s:
        assert s.get(Statement, statement_id).status == "published"


def test_without_a_secret_key_outside_development_the_editor_is_off(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", initial_data="none"))
    client = app.server.test_client()
    assert client.get("/editor/").status_code == 503
    assert client.get("/health").status_code == 200  # the public scorecard still runs


def _upload(client, path, page="/editor/upload"):
    with open(path, "rb") as handle:
        return client.post(page, base_url=HTTPS, content_type="multipart/form-data",
                           data={"kind": "csv", "period": "", "csrf_token": _token(client, page),
                                 "file": (handle, path.name)})


def test_an_analyst_uploads_checks_and_confirms_and_a_bad_file_writes_nothing(app, tmp_path):
    from data.schema import Release
    from tests.data.test_withdraw import release_file

    good = release_file(tmp_path, "good.csv")
    good.write_text("# source: ASCOF\n# publisher: NHS England\n# licence: OGL v3\n" + good.read_text())
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text().replace(",ascof_2d,", ",ascof_2d,１", 1).replace("2022-23", "9999-00", 2))
    sam = signed_in(app, "sam")
    refused = _upload(sam, bad)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "nothing was written" in page
    assert "bad.csv" in page and "<code>period_out_of_range</code>" in page and "<code>not_plain_number</code>" in page
    checked = _upload(sam, good)
    assert checked.status_code == 200 and "passed its checks" in checked.get_data(as_text=True)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Release)) == 0  # nothing until confirmed
    token = _token(sam, "/editor/upload")
    confirmed = sam.post("/editor/upload/confirm", base_url=HTTPS, data={"csrf_token": token})
    assert confirmed.status_code == 302
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Release)) == 1
        assert s.scalar(select(Release.imported_by)) == "sam (editor upload csv)"
        assert "imported" in s.scalars(select(AuditEvent.action)).all()
    again = sam.post("/editor/upload/confirm", base_url=HTTPS, data={"csrf_token": token})
    assert again.status_code == 409  # the checked file was used once and is gone
    jo = signed_in(app, "jo", "10.0.0.3")
    assert jo.get("/editor/upload", base_url=HTTPS).status_code == 403


def test_the_editor_checks_a_file_from_an_address_and_lands_it_on_confirming(app, tmp_path, monkeypatch):
    from data.imports import download as downloads
    from data.schema import Release
    from tests.data.test_import_address import publisher
    from tests.data.test_withdraw import release_file

    good_file = release_file(tmp_path, "good.csv")
    good_file.write_text("# source: ASCOF\n# publisher: NHS England\n# licence: OGL v3\n" + good_file.read_text())
    monkeypatch.setenv(downloads.TEST_SETTING, "1")
    sam = signed_in(app, "sam")
    with publisher(good_file.read_bytes()) as site:
        checked = sam.post("/editor/upload", base_url=HTTPS, data={
            "kind": "csv", "period": "", "address": f"{site}/file.csv", "csrf_token": _token(sam, "/editor/upload")})
        assert checked.status_code == 200 and "passed its checks" in checked.get_data(as_text=True)
        refused = sam.post("/editor/upload", base_url=HTTPS, data={
            "kind": "csv", "period": "", "address": f"{site}/to-file", "csrf_token": _token(sam, "/editor/upload")})
    assert refused.status_code == 400 and "<code>redirect_refused</code>" in refused.get_data(as_text=True)
    confirmed = sam.post("/editor/upload/confirm", base_url=HTTPS, data={"csrf_token": _token(sam, "/editor/upload")})
    assert confirmed.status_code == 302
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Release)) == 1
        assert s.scalar(select(Release.file_name)) == f"{site}/file.csv"


def test_the_editor_pages_answer_200_when_they_exist(app):
    client = signed_in(app, "ada")
    for path in ("/editor/sign-in", "/editor/", "/editor/audit", "/editor/upload",
                 "/editor/statement/E08000009/resource-workforce/2025-26"):
        assert client.get(path, base_url=HTTPS).status_code == 200, path
    assert client.get("/editor/statement/E99999999/resource-workforce/2025-26", base_url=HTTPS).status_code == 404


def test_with_redis_down_sign_in_still_works_and_is_still_limited(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    init_warehouse(make_engine(url), initial="none")
    with session_factory(make_engine(url)).begin() as s:
        add_user(s, Actor("ops", "administrator"), "jo", PASSWORD, "council_editor", TRAFFORD)
    app = create_app(Settings(database_url=url, initial_data="none", secret_key="k" * 48,
                              cache_redis_url="redis://127.0.0.1:9/0"))  # nothing listens on port 9
    client = app.server.test_client()
    token = _token(client)
    codes = [client.post("/editor/sign-in", base_url=HTTPS, data={"username": "jo", "password": "wrong password x",
                                                                   "csrf_token": token}).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    assert client.get("/health").status_code == 200


def _statement_page_status(client) -> int:
    return client.get("/editor/statement/E08000009/resource-workforce/2025-26", base_url=HTTPS).status_code


@pytest.mark.parametrize("ending", ["sign_out", "password", "role", "removal"])
def test_a_session_copied_before_it_ended_is_refused_after(app, ending):
    """Issue 26: a cookie copied before sign-out (or before a new password, a new role, or removal) no longer works:
    sessions end on the server, not only in the browser that signed out."""
    from data.accounts import remove_user, set_password, set_role
    from data.db import session_factory

    browser = signed_in(app, "jo")
    copy = app.server.test_client()  # another browser, given a copy of the session cookie
    host = HTTPS.split("//")[1]
    name = app.server.config["SESSION_COOKIE_NAME"]
    copy.set_cookie(name, browser.get_cookie(name, domain=host, path="/editor/").value, domain=host, path="/editor/")
    assert _statement_page_status(copy) == 200
    admin = Actor("ops", "administrator")
    if ending == "sign_out":
        token = _token(browser, "/editor/")
        assert browser.post("/editor/sign-out", base_url=HTTPS, data={"csrf_token": token}).status_code == 302
    else:
        with session_factory(app.read_api.engine).begin() as s:
            {"password": lambda: set_password(s, admin, "jo", "another long passphrase"),
             "role": lambda: set_role(s, admin, "jo", "council_editor", "E08000009"),
             "removal": lambda: remove_user(s, admin, "jo")}[ending]()
    assert _statement_page_status(copy) != 200
    assert _statement_page_status(browser) != 200
    if ending != "removal":  # signing in again starts a new session that works
        password = "another long passphrase" if ending == "password" else PASSWORD
        fresh = app.server.test_client()
        assert fresh.post("/editor/sign-in", base_url=HTTPS, environ_base={"REMOTE_ADDR": "10.0.0.1"},
                          data={"username": "jo", "password": password, "csrf_token": _token(fresh)}).status_code == 302
        assert _statement_page_status(fresh) == 200


@pytest.mark.parametrize("path, method", [
    ("/editor/statement/E0800%0009/resource-workforce/2025-26", "GET"),
    ("/editor/statement/E08000009%00/resource-workforce/2025-26", "POST"),
    ("/editor/statement/E080000099999999999/resource-workforce/2025-26", "GET"),
    ("/editor/statement/E08000009/resource-workforce/2025-26%00", "GET"),
    ("/editor/statement/2147483648/submit", "POST"), ("/editor/statement/99999999999999999999/publish", "POST"),
    ("/editor/statement/0/return", "POST")])
def test_impossible_codes_and_ids_in_editor_addresses_are_404_before_the_database(app, path, method):
    client = signed_in(app, "sam")
    token = _token(client, "/editor/")
    response = client.open(path, method=method, base_url=HTTPS, data={"csrf_token": token})
    assert response.status_code == 404, response.status_code


@pytest.fixture(params=["sqlite", "postgresql"])
def both(request, tmp_path):
    """The editor on an empty warehouse, once on SQLite and once on PostgreSQL (what locking does differs)."""
    from tests.conftest import POSTGRES_URL
    from tests.test_faults import postgres_schema

    def made(url: str, engine):
        init_warehouse(engine, initial="none")
        with session_factory(engine).begin() as s:
            add_user(s, Actor("ops", "administrator"), "jo", PASSWORD, "council_editor", TRAFFORD)
        return create_app(Settings(database_url=url, initial_data="none", secret_key="k" * 48))

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'w.db'}"
        yield made(url, make_engine(url))
        return
    with postgres_schema() as schema:
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        engine = make_engine(url)
        app = made(url, engine)
        yield app
        app.read_api.engine.dispose()
        engine.dispose()


def test_ten_saves_of_one_statement_at_once_make_ten_versions_never_an_error(both):
    """Issue 26: a double-click on Save answered 503 and lost the second save (7 of 10 on SQLite, 3 of 10 on
    PostgreSQL)."""
    import threading

    page = "/editor/statement/E08000009/resource-workforce/2025-26"
    clients = [signed_in(both, "jo", f"10.0.1.{n}") for n in range(10)]
    tokens = [_token(c, page) for c in clients]
    start, codes = threading.Barrier(10), []

    def click(n: int) -> None:
        start.wait()
        codes.append(clients[n].post(page, base_url=HTTPS, headers={"Origin": HTTPS}, data={
            "commentary": f"Save number {n}.", "self_rating": "medium", "rationale": "Vacancies are up.", "save": "1",
            "csrf_token": tokens[n]}).status_code)

    threads = [threading.Thread(target=click, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [302] * 10, codes
    with session_factory(both.read_api.engine)() as s:
        versions = s.scalars(select(Statement.version).where(Statement.council_code == TRAFFORD)).all()
    assert sorted(versions) == list(range(1, 11))
