"""Shared fixtures: warehouses on SQLite and on the local PostgreSQL, the session warehouses (built once per run and
shared by every test worker), one browser per worker, and the browser's options."""

from __future__ import annotations

import os
import shutil
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from dash.testing.application_runners import BaseDashRunner
from filelock import FileLock

from data.db import make_engine, scratch_schema
from data.read_api import ReadAPI
from data.warehouse import init_warehouse

POSTGRES_URL = os.environ.get("SCORECARD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# CI sets SCORECARD_REQUIRE_POSTGRES=1: there an unreachable PostgreSQL fails the run instead of skipping.
REQUIRE_POSTGRES = os.environ.get("SCORECARD_REQUIRE_POSTGRES") == "1"
# pytest-xdist runs the tests on several workers (gw0, gw1, …): each gets its own ports for the apps it serves.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
BaseDashRunner._next_port = 58050 + 200 * WORKER


@contextmanager
def postgres_engine(prefix: str = "sc_test"):
    """An engine on a new, empty PostgreSQL schema, dropped afterwards; the test is skipped when the server cannot be
    reached (a failure in CI)."""
    with ExitStack() as stack:
        try:
            eng = stack.enter_context(scratch_schema(POSTGRES_URL, prefix))
        except Exception as error:  # noqa: BLE001
            if REQUIRE_POSTGRES:
                raise
            pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {type(error).__name__}")
        yield eng


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An empty warehouse engine, once on SQLite and once on PostgreSQL: for what can differ between the two (SQL,
    types, locking, transactions)."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'warehouse.db'}")
        yield eng
        eng.dispose()
        return
    with postgres_engine() as eng:
        yield eng


def _built_once(tmp_path_factory, name: str, build) -> Path:
    """A SQLite warehouse file built once for the whole run: the first worker to ask builds it (under a lock) in the
    run's shared temporary folder, or in SCORECARD_TEST_WAREHOUSES (`make test` gives its two pytest runs one);
    every other worker uses the same file."""
    if os.environ.get("SCORECARD_TEST_WAREHOUSES"):
        shared = Path(os.environ["SCORECARD_TEST_WAREHOUSES"])
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent
    else:
        shared = tmp_path_factory.getbasetemp()
    path = shared / f"{name}.db"
    with FileLock(str(path) + ".lock"):
        if not path.exists():
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            eng = make_engine(f"sqlite:///{partial}")
            build(eng)
            with eng.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            eng.dispose()
            partial.rename(path)
    return path


# What a test may write into an empty warehouse; emptied again before the next test on the worker's shared
# PostgreSQL schema (the schema, catalogue, areas and region groups stay).
DATA_TABLES = ("releases", "observations", "withdrawals", "target_versions", "ratings_basis", "ratings", "users",
               "statements", "risks", "audit_log", "question_versions", "breakdowns")


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory) -> Path:
    return _built_once(tmp_path_factory, "empty", lambda eng: init_warehouse(eng, initial="none"))


@pytest.fixture(scope="session")
def _empty_postgres():
    """One PostgreSQL schema per worker made ready once (schema, catalogue, areas), for the tests' empty
    warehouses."""
    with postgres_engine("sc_empty") as eng:
        init_warehouse(eng, initial="none")
        yield eng


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path, _empty_template):
    """A warehouse ready for data and holding none (what `scorecard init` with no initial data makes), once on
    SQLite and once on PostgreSQL: a copy of one made once, or the worker's PostgreSQL schema emptied of data."""
    if request.param == "sqlite":
        shutil.copy(_empty_template, tmp_path / "empty.db")
        eng = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
        yield eng
        eng.dispose()
        return
    eng = request.getfixturevalue("_empty_postgres")
    with eng.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {', '.join(DATA_TABLES)} RESTART IDENTITY CASCADE")
        conn.exec_driver_sql("DELETE FROM peer_group_members WHERE group_id IN "
                             "(SELECT id FROM peer_groups WHERE kind <> 'region')")
        conn.exec_driver_sql("DELETE FROM peer_groups WHERE kind <> 'region'")
    yield eng


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory):
    """The illustrative demo warehouse at the North West's scope (its councils, the regions and England; the published
    warehouse holds every English council): only read by the tests."""
    path = _built_once(tmp_path_factory, "demo", lambda eng: init_warehouse(eng, initial="demo",
                                                                              demo_scope="north_west"))
    eng = make_engine(f"sqlite:///{path}")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def api(demo_engine):
    return ReadAPI(demo_engine)


@pytest.fixture(scope="session")
def published_file(tmp_path_factory) -> Path:
    """The warehouse `scorecard init` builds from the published bundle, as a file made once."""
    return _built_once(tmp_path_factory, "published", init_warehouse)


@pytest.fixture(scope="session")
def published_engine(published_file):
    """The published warehouse: only read by the tests."""
    eng = make_engine(f"sqlite:///{published_file}")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def published(published_engine):
    return ReadAPI(published_engine)


@pytest.fixture(scope="session")
def published_site(published, tmp_path_factory) -> Path:
    """The published account of the published warehouse's newest release (`scorecard publish`), written once."""
    from plain.publish import publish

    out = tmp_path_factory.mktemp("account") / "site"
    publish(published, out)
    return out


@pytest.fixture
def published_copy(tmp_path, published_file):
    """A copy of the published warehouse of this test's own, to change (SQLite)."""
    shutil.copy(published_file, tmp_path / "w.db")
    eng = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_db_url(demo_engine):
    return str(demo_engine.url)


def pytest_collection_modifyitems(config, items):
    """Marks from where a test is and what it runs on: `browser` (tests/browser, tests/a11y), `postgres` (the
    PostgreSQL half of a two-back-end test, or a test that reaches the server itself). `serial` tests (gunicorn,
    frozen services, timings) are marked in their modules and run alone after the rest (Makefile)."""
    for item in items:
        if item.path.parent.name in ("browser", "a11y"):
            item.add_marker(pytest.mark.browser)
        params = getattr(item, "callspec", None)
        if params is not None and "postgresql" in params.params.values():
            item.add_marker(pytest.mark.postgres)
    # The longest tests (the browser's) first, so that the workers finish together rather than one waiting for a
    # long test handed out last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


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


@pytest.fixture(scope="session")
def shared_browser(request, tmp_path_factory):
    """One headless Chromium per test worker, for all its browser tests."""
    from tests.browser.helpers import SharedBrowser

    browser = SharedBrowser(browser=request.config.getoption("webdriver"), headless=True,
                            options=request.config.hook.pytest_setup_options(),
                            download_path=str(tmp_path_factory.mktemp("download")),
                            percy_assets_root=request.config.getoption("percy_assets"),
                            percy_finalize=request.config.getoption("nopercyfinalize"))
    with browser:
        yield browser
        browser.stop()


@pytest.fixture
def dash_duo(shared_browser):
    """dash_duo as Dash's plugin offers it, but over the worker's one Chromium and one running app per warehouse
    (tests/browser/helpers.py: start); each test starts from a clean browser."""
    shared_browser.fresh()
    yield shared_browser
    shared_browser.end_test()
