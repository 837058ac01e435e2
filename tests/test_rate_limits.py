"""Public requests cannot starve the site (issue 26, rate_limits.py): past its limit an address gets 429 with
Retry-After, in the request's format, while another address is served; a kept answer is never counted."""

from __future__ import annotations

import shutil

import pytest

from app import create_app
from data.settings import Settings
from tests.test_app import _route_request

TRAFFORD = "E08000009"
ONE, OTHER = {"REMOTE_ADDR": "203.0.113.7"}, {"REMOTE_ADDR": "198.51.100.20"}


@pytest.fixture
def app(published_engine, tmp_path):
    shutil.copy(published_engine.url.database, tmp_path / "w.db")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", costly_limit="3/minute",
                              download_limit="4/minute"))
    yield app
    app.read_api.engine.dispose()


def test_downloads_past_the_limit_get_429_with_retry_after_while_another_address_is_served(app):
    client = app.server.test_client()
    codes = [client.get(f"/download/council/{TRAFFORD}.csv", environ_base=ONE).status_code for _ in range(4)]
    assert codes == [200] * 4
    refused = client.get("/download/overview.csv", environ_base=ONE)
    assert refused.status_code == 429 and refused.mimetype == "text/plain"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 and "try again in" in refused.get_data(as_text=True)
    assert client.get("/download/overview.csv", environ_base=OTHER).status_code == 200
    # the limited address still reads pages: only the costly work is limited
    assert client.post("/_dash-update-component", json=_route_request(f"/council/{TRAFFORD}"),
                       environ_base=ONE).status_code == 200


def test_pinned_answers_past_the_limit_get_429_but_a_kept_answer_is_never_counted(app):
    client = app.server.test_client()
    pin = app.read_api.releases()[-1]["id"]  # the oldest release: a view pinned to it rates its own data

    def ask(search, who=ONE):
        return client.post("/_dash-update-component", json=_route_request(f"/council/{TRAFFORD}", search),
                           environ_base=who)

    first = ask(f"?as_at={pin}")
    assert first.status_code == 200
    assert [ask(f"?as_at={pin}").status_code for _ in range(5)] == [200] * 5  # kept: costs nothing, not counted
    assert [ask(f"?as_at={pin}&period={p}").status_code for p in ("2019-20", "2020-21")] == [200, 200]
    refused = ask(f"?as_at={pin}&benchmark=england")
    assert refused.status_code == 429 and "Too many requests" in refused.get_json()["error"]
    assert int(refused.headers["Retry-After"]) >= 1
    assert ask(f"?as_at={pin}&benchmark=england", OTHER).status_code == 200
    assert ask("?period=2020-21").status_code == 200  # the current data: not costly
    pack = client.post("/_dash-update-component", json=_route_request("/pack", "?councils=E08000009"),
                       environ_base=ONE)
    assert pack.status_code == 429


def test_a_pin_s_ratings_are_computed_once_by_readers_arriving_together_and_kept_for_days(app, monkeypatch):
    """Issue 26: each pinned meeting pack rated the pin's data again (1.5-5.5 s); now one computation per pin,
    however many arrive together, kept for a week (a pin's data never change; a withdrawal changes the key)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from data import read_pins

    calls = []
    real = read_pins.compute_rows
    monkeypatch.setattr(read_pins, "compute_rows", lambda *a, **k: calls.append(1) or real(*a, **k))
    pin = app.read_api.releases()[-1]["id"]
    clients = [app.server.test_client() for _ in range(4)]

    def ask(n):
        return clients[n].post("/_dash-update-component", environ_base={"REMOTE_ADDR": f"192.0.2.{n + 1}"},
                               json=_route_request(f"/council/{TRAFFORD}", f"?as_at={pin}&period=2019-20")).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(ask, range(4))) == [200] * 4
    assert len(calls) == 1
    store = next(iter(app.server.extensions["cache"].values()))
    expiries = [store._cache[k][0] for k in list(store._cache) if k.startswith("pinned_ratings:")]
    assert expiries and min(expiries) > time.time() + 6 * 24 * 3600


def test_a_presenter_paging_through_a_pinned_deck_never_meets_the_default_limit(published_engine, tmp_path):
    """A meeting's presenter view pinned to the papers' release: 49 slides, each a new answer from one address,
    paged through in well under a minute, all answered (the default costly limit is 120 a minute)."""
    shutil.copy(published_engine.url.database, tmp_path / "w.db")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}"))
    client = app.server.test_client()
    pin = app.read_api.releases()[-1]["id"]
    councils = [c["code"] for c in app.read_api.region_councils()][:7]
    slides = [f"?as_at={pin}&period={p}" for p in ("2017-18", "2018-19", "2019-20", "2020-21", "2021-22",
                                                    "2022-23", "2023-24")]
    codes = [client.post("/_dash-update-component", json=_route_request(f"/council/{code}", search),
                         environ_base=ONE).status_code for code in councils for search in slides]
    assert len(codes) == 49 and codes == [200] * 49
    app.read_api.engine.dispose()
