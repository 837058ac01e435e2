"""The kept answers' WSGI layer (callbacks/answers.py KeptAnswers) in front of a stand-in app: what it keeps, what it
never keeps, that the app gets the request whole, and that a kept answer is sent without the app running; then the
real app behind a proxy: the first page is the one at the address the browser used."""

from __future__ import annotations

import io
import json
import shutil

import brotli
import pytest
from cachelib import SimpleCache

from app import create_app
from callbacks import answers
from data.resilience import ResilientCache
from data.settings import Settings
from data.versions import Unreadable
from tests.test_app import _route_request

BODY = json.dumps(_route_request("/council/E08000009")).encode()


class StandIn:
    """A WSGI app that answers what it is told to and records what it was sent."""

    def __init__(self, status="200 OK", headers=(("Content-Type", "application/json"),), body=b'{"ok": 1}'):
        self.status, self.headers, self.body, self.bodies = status, list(headers), body, []

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.bodies.append(environ["wsgi.input"].read(length) if length else b"")
        start_response(self.status, self.headers)
        return [self.body[:3], self.body[3:]]  # in parts, as a WSGI app may


def _post(layer, body=BODY, **extra):
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": answers.ROUTE, "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "HTTP_ACCEPT_ENCODING": "br", "HTTP_HOST": "localhost",
               "wsgi.url_scheme": "http", **extra}
    sent = {}
    answer = b"".join(layer(environ, lambda status, headers, exc_info=None: sent.update(s=status, h=headers)))
    return sent["s"], dict(sent["h"]), answer


def _layer(app, version=lambda: "1.0.-"):
    return answers.KeptAnswers(app, version, ResilientCache(SimpleCache()))


def test_a_kept_answer_is_sent_without_the_app_and_with_the_headers_it_was_made_with():
    app = StandIn(headers=[("Content-Type", "application/json"), ("Content-Security-Policy", "default-src 'self'"),
                           ("Content-Encoding", "br"), ("Vary", "Accept-Encoding")])
    layer = _layer(app)
    first = _post(layer)
    assert app.bodies == [BODY]  # the app read the body the layer had read before it
    assert _post(layer) == first and len(app.bodies) == 1
    assert first[1]["Content-Security-Policy"] == "default-src 'self'" and first[2] == b'{"ok": 1}'
    assert _post(layer, HTTP_ACCEPT_ENCODING="gzip") and len(app.bodies) == 2  # another encoding: another answer
    assert _post(layer, HTTP_HOST="scorecard.example") and len(app.bodies) == 3  # another host: another answer


@pytest.mark.parametrize("app", [
    StandIn(status="400 Bad Request"),
    StandIn(status="204 No Content", body=b""),
    StandIn(headers=[("Content-Type", "application/json"), ("Set-Cookie", "session=someone's")]),
    StandIn(body=b"x" * (answers.MAX_BYTES + 1)),
], ids=["refused", "nothing changed", "sets a cookie", "too large"])
def test_what_is_never_kept(app):
    layer = _layer(app)
    assert _post(layer)[0] == app.status and _post(layer)[2] == app.body
    assert len(app.bodies) == 2


def test_what_the_layer_does_not_read_goes_to_the_app_untouched():
    app = StandIn()
    layer = _layer(app)
    for extra in ({"CONTENT_LENGTH": ""}, {"CONTENT_LENGTH": "-1"}, {"CONTENT_LENGTH": "2000000"},
                  {"PATH_INFO": "/download/ratings.csv"}, {"REQUEST_METHOD": "PUT"}):
        _post(layer, **extra)
        _post(layer, **extra)
    assert len(app.bodies) == 10  # each answered afresh


def test_an_unreadable_version_leaves_the_answer_to_the_app():
    def down():
        raise Unreadable("OperationalError")

    app = StandIn(status="503 Service Unavailable")
    layer = _layer(app, version=down)
    assert [_post(layer)[0] for _ in range(2)] == ["503 Service Unavailable"] * 2 and len(app.bodies) == 2


def test_behind_a_proxy_the_first_page_is_the_one_at_the_address_the_browser_used(published_engine, tmp_path):
    """The layout holds the page drawn for its Referer, which names the public host: the layer sits inside
    ProxyFix, so it reads the question with the host the proxy forwarded, as the page itself does."""
    shutil.copy(published_engine.url.database, tmp_path / "w.db")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", behind_proxy=True))
    client = app.server.test_client()

    def layout(referer: str):
        response = client.get("/_dash-layout", headers={
            "Referer": referer, "Accept-Encoding": "br", "Host": "10.0.0.5:8050",
            "X-Forwarded-Host": "scorecard.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.1"})
        return brotli.decompress(response.get_data())

    frame = layout("")  # no page: the router draws it when the browser says where it is
    trafford = layout("https://scorecard.example/council/E08000009")
    assert b"Trafford" in trafford and trafford != frame
    assert layout("https://scorecard.example/council/E08000009") == trafford
    other = layout("https://scorecard.example/council/E08000010")
    assert b"Wigan" in other and other not in (trafford, frame)
    assert layout("https://elsewhere.example/council/E08000009") == frame  # another site's Referer: no page
    app.read_api.engine.dispose()
