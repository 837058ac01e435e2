"""Shared fixtures: warehouses on SQLite and on the local PostgreSQL, the demo warehouse, browser options."""

from __future__ import annotations

import os
from contextlib import ExitStack

import pytest

from data.db import make_engine, scratch_schema
from data.read_api import ReadAPI
from data.warehouse import init_warehouse

POSTGRES_URL = os.environ.get("SCORECARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# CI sets SCORECARD_REQUIRE_POSTGRES=1: there an unreachable PostgreSQL fails the run instead of skipping.
REQUIRE_POSTGRES = os.environ.get("SCORECARD_REQUIRE_POSTGRES") == "1"


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An empty warehouse engine, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'warehouse.db'}")
        yield eng
        eng.dispose()
        return
    with ExitStack() as stack:
        try:
            eng = stack.enter_context(scratch_schema(POSTGRES_URL, "sc_test"))
        except Exception as error:  # noqa: BLE001
            if REQUIRE_POSTGRES:
                raise
            pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {type(error).__name__}")
        yield eng


def _shared_warehouse(tmp_path_factory, initial: str):
    """A SQLite warehouse filled once with `initial` data ("demo" or "published"), for tests that only read."""
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp(initial) / f'{initial}.db'}")
    init_warehouse(eng, initial=initial)
    return eng


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory):
    """The illustrative demo warehouse."""
    eng = _shared_warehouse(tmp_path_factory, "demo")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def api(demo_engine):
    return ReadAPI(demo_engine)


@pytest.fixture(scope="session")
def published_engine(tmp_path_factory):
    """The warehouse `scorecard init` builds from the published bundle."""
    eng = _shared_warehouse(tmp_path_factory, "published")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def published(published_engine):
    return ReadAPI(published_engine)


@pytest.fixture(scope="session")
def demo_db_url(demo_engine):
    return str(demo_engine.url)


def pytest_setup_options():
    """Options for dash_duo's Chromium: headless as root on a machine without a display or network."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,900"):
        options.add_argument(arg)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    return options
