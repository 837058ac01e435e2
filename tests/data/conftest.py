"""Fixtures the import tests share."""

import shutil

import pytest

from data.db import make_engine
from data.warehouse import init_warehouse


@pytest.fixture(scope="session")
def published_file(tmp_path_factory):
    """A warehouse of the published data, made once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("template") / "published.db"
    engine = make_engine(f"sqlite:///{path}")
    init_warehouse(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def warehouse(tmp_path, published_file):
    shutil.copy(published_file, tmp_path / "w.db")
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    yield engine
    engine.dispose()
