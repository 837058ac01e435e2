"""Callback answers kept whole (callbacks/answers.py): a question asked again is answered from the cache with the
same bytes and without Flask or the page running again; a publication or a new release changes the answer within a
second; a refused request is never kept; each encoding gets its own bytes."""

from __future__ import annotations

import gzip
import shutil

import brotli
import pytest

from app import create_app
from data.accounts import Actor
from data.db import make_engine, session_factory
from data.releases import withdraw
from data.settings import Settings
from data.statements import Content, publish, save, submit
from page_models import council_model
from tests.data.test_versions import Clock
from tests.test_app import _route_request

TRAFFORD = "E08000009"


@pytest.fixture
def app(published_engine, tmp_path):
    shutil.copy(published_engine.url.database, tmp_path / "w.db")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}"))
    yield app
    app.read_api.engine.dispose()


def _ask(client, body, encoding="br"):
    response = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": encoding})
    return response.status_code, response.headers.get("Content-Encoding"), response.get_data()


def test_the_same_question_gets_the_same_bytes_without_building_the_page_again(app, monkeypatch):
    built = []
    real = council_model.build
    monkeypatch.setattr(council_model, "build", lambda *a, **k: built.append(1) or real(*a, **k))
    client = app.server.test_client()
    first = _ask(client, _route_request(f"/council/{TRAFFORD}"))
    again = _ask(client, _route_request(f"/council/{TRAFFORD}"))
    assert first[0] == 200 and first[1] == "br" and again == first and len(built) == 1
    other = _ask(client, _route_request(f"/council/{TRAFFORD}", "?benchmark=england"))  # another question
    assert other[0] == 200 and other[2] != first[2] and len(built) == 2
    zipped = _ask(client, _route_request(f"/council/{TRAFFORD}"), encoding="gzip")  # its own encoding
    assert zipped[1] == "gzip" and gzip.decompress(zipped[2]) == brotli.decompress(first[2])
    plain = _ask(client, _route_request(f"/council/{TRAFFORD}"), encoding="identity")
    assert plain[1] is None and plain[2] == brotli.decompress(first[2])


def test_a_publication_or_a_withdrawal_changes_the_answer_within_a_second(app):
    """Made by another process (its own engine), as the editor's publication or `scorecard withdraw` would be: the
    version the answers are kept under is read at most once a second (data/versions.py)."""
    clock = app.versions.clock = Clock()
    client = app.server.test_client()
    before = brotli.decompress(_ask(client, _route_request(f"/council/{TRAFFORD}"))[2])
    engine = make_engine(str(app.read_api.engine.url))
    editor, analyst = Actor("jo", "council_editor", TRAFFORD), Actor("sam", "regional_analyst")
    with session_factory(engine).begin() as s:
        draft = save(s, editor, TRAFFORD, "resource-workforce", "2025-26", Content("WORDS-JUST-PUBLISHED"))
        submit(s, editor, draft.id)
        publish(s, analyst, draft.id)
    clock.now += 0.5
    assert brotli.decompress(_ask(client, _route_request(f"/council/{TRAFFORD}"))[2]) == before  # within its second
    clock.now += 0.5
    published = brotli.decompress(_ask(client, _route_request(f"/council/{TRAFFORD}"))[2])
    assert b"WORDS-JUST-PUBLISHED" not in before and b"WORDS-JUST-PUBLISHED" in published
    newest = app.read_api.newest_release_id()
    with session_factory(engine).begin() as s:
        withdraw(s, newest, "a test", "tester")
    clock.now += 1
    assert brotli.decompress(_ask(client, _route_request(f"/council/{TRAFFORD}"))[2]) != published
    engine.dispose()


def test_a_refused_question_is_never_kept(app):
    client = app.server.test_client()
    hostile = _route_request(f"/council/{TRAFFORD}")
    hostile["outputs"].append({"id": "editor", "property": "children"})  # names no callback's outputs
    assert [_ask(client, hostile)[0] for _ in range(3)] == [400, 400, 400]
    stores = list(app.server.extensions["cache"].values())
    assert stores  # the cache is there …
    assert [k for store in stores for k in store._cache if k.startswith("answer-slot:")] == []  # … and holds no answer
    assert _ask(client, _route_request(f"/council/{TRAFFORD}"))[0] == 200  # a good question is kept
    assert [k for store in stores for k in store._cache if k.startswith("answer-slot:")]


def test_an_answer_made_by_other_code_is_never_served(app, monkeypatch):
    """A deploy with Redis kept: the old code's answers must not reach the new code's pages."""
    from callbacks import answers

    client = app.server.test_client()
    built = []
    real = council_model.build
    monkeypatch.setattr(council_model, "build", lambda *a, **k: built.append(1) or real(*a, **k))
    _ask(client, _route_request(f"/council/{TRAFFORD}"))
    monkeypatch.setattr(answers, "code_version", lambda: "another-version")
    _ask(client, _route_request(f"/council/{TRAFFORD}"))
    assert len(built) == 2


def _kept(app) -> dict:
    return {k: store.get(k) for store in app.server.extensions["cache"].values() for k in list(store._cache)
            if k.startswith("answer-slot:")}


def test_junk_parameters_are_the_same_question_and_the_kept_answers_are_bounded(app, monkeypatch):
    """Issue 26: any junk query parameter made a new answer (1,000 requests stored 197 MB). 200 requests with
    distinct junk parameters build the page once and keep one answer; 200 with distinct values of a parameter the
    page reads (each a different page: it says which value it ignored) keep at most SLOTS answers of at most
    MAX_BYTES each."""
    from callbacks import answers

    built = []
    real = council_model.build
    monkeypatch.setattr(council_model, "build", lambda *a, **k: built.append(1) or real(*a, **k))
    client = app.server.test_client()
    plain = _ask(client, _route_request(f"/council/{TRAFFORD}", "?period=2022-23"))
    for n in range(200):
        junk = _ask(client, _route_request(f"/council/{TRAFFORD}", f"?junk{n}=<b>{n}&period=2022-23&utm={n}"))
        assert junk == plain
    assert len(built) == 1 and len(_kept(app)) == 1

    monkeypatch.setattr(answers, "SLOTS", 16)
    for n in range(200):
        assert _ask(client, _route_request(f"/council/{TRAFFORD}", f"?period=20{n:02d}-xx"))[0] == 200
    kept = _kept(app)
    assert len(built) == 201 and 0 < len(kept) <= 16 + 1  # 16 slots, and the one from before
    assert sum(len(body) for _, body, _ in kept.values()) <= (16 + 1) * answers.MAX_BYTES


def test_the_first_page_is_kept_by_its_address_as_the_pages_read_it(app, monkeypatch):
    """The layout holds the page drawn for its Referer (callbacks/router.py first_page): asked again from the same
    address, or with junk parameters, it comes from the cache without the page being built again; another address
    is another answer; a release changes it at once."""
    built = []
    real = council_model.build
    monkeypatch.setattr(council_model, "build", lambda *a, **k: built.append(1) or real(*a, **k))
    client = app.server.test_client()

    def layout(address):
        response = client.get("/_dash-layout", headers={"Referer": f"http://localhost{address}",
                                                         "Accept-Encoding": "br"})
        return response.status_code, response.get_data()

    first = layout(f"/council/{TRAFFORD}?period=2022-23")
    assert first[0] == 200 and b"Trafford" in brotli.decompress(first[1]) and len(built) == 1
    assert layout(f"/council/{TRAFFORD}?utm=5&period=2022-23") == first and len(built) == 1
    other = layout(f"/council/{TRAFFORD}")
    assert other[0] == 200 and other[1] != first[1] and len(built) == 2
    engine = make_engine(str(app.read_api.engine.url))
    with session_factory(engine).begin() as s:
        withdraw(s, app.read_api.newest_release_id(), "a test", "tester")
    engine.dispose()
    app.versions.kept = None  # a second later
    assert layout(f"/council/{TRAFFORD}")[1] != other[1] and len(built) == 3
