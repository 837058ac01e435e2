"""The version kept answers are kept under (data/versions.py), on SQLite and PostgreSQL: it names the newest
publication, is read at most once a second, and a warehouse that does not answer makes it Unreadable at once and is
not asked again for a moment."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import event

from data.accounts import Actor
from data.db import make_engine, session_factory
from data.statements import Content, publish, save, submit
from data.versions import Unreadable, VersionReader

TRAFFORD = "E08000009"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _publish(engine, words: str) -> None:
    editor, analyst = Actor("jo", "council_editor", TRAFFORD), Actor("sam", "regional_analyst")
    with session_factory(engine).begin() as s:
        draft = save(s, editor, TRAFFORD, "resource-workforce", "2025-26", Content(words))
        submit(s, editor, draft.id)
        publish(s, analyst, draft.id)


def test_a_publication_changes_the_version_within_a_second(empty_engine):
    clock = Clock()
    versions = VersionReader(empty_engine, clock=clock)
    empty = versions()
    assert empty == "0.0.-"  # no release, no withdrawal, nothing published
    _publish(empty_engine, "first words")
    clock.now += 0.9
    assert versions() == empty  # read less than a second ago
    clock.now += 0.1
    published = versions()
    assert published.startswith("0.0.") and published != empty
    _publish(empty_engine, "second words")
    clock.now += 1
    assert versions() not in (empty, published)


@pytest.fixture(params=["sqlite", "postgresql"])
def unreachable(request, tmp_path):
    """An engine whose warehouse cannot be reached: a file in a folder that is not there, a port nobody listens on."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
        (tmp_path / "w.db").mkdir()  # a folder where the file should be: SQLite cannot open it
    else:
        engine = make_engine("postgresql://postgres@127.0.0.1:9/test", statement_timeout=5)
    yield engine
    engine.dispose()


def test_a_warehouse_that_does_not_answer_is_unreadable_at_once_and_left_alone_for_a_moment(unreachable):
    tries = []
    event.listen(unreachable, "do_connect", lambda *_: tries.append(1))
    clock = Clock()
    versions = VersionReader(unreachable, hold=2.0, clock=clock)
    started = time.monotonic()
    with pytest.raises(Unreadable):
        versions()
    assert time.monotonic() - started < 2.5 and len(tries) == 1
    clock.now += 1.9
    with pytest.raises(Unreadable):
        versions()
    assert len(tries) == 1  # not asked again within `hold`
    clock.now += 0.1
    with pytest.raises(Unreadable):
        versions()
    assert len(tries) == 2
