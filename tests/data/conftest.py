"""Fixtures the import tests share."""

import pytest

from data.db import make_engine
from data.warehouse import init_warehouse


@pytest.fixture
def warehouse(published_copy):
    """A copy of the published warehouse of this test's own, to change."""
    return published_copy


@pytest.fixture
def empty(tmp_path):
    """An empty SQLite warehouse file of this test's own (the command line can open it by its URL)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    init_warehouse(engine, initial="none")
    yield engine
    engine.dispose()
