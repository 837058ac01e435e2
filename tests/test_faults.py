"""Faults survived, against the real PostgreSQL and Redis: the app starts while the warehouse is down, says "data
unavailable" (503) and recovers without a restart; Redis down or frozen costs a short timeout, never a 500."""

import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app import create_app
from data.db import make_engine
from data.resilience import Deadline
from data.settings import Settings
from tests.conftest import POSTGRES_URL, REQUIRE_POSTGRES
from tests.test_app import _route_request

pytestmark = pytest.mark.serial  # frozen services and timings: alone, after the parallel part


class Gate:
    """A TCP port that is closed, forwards to a real server, or accepts and never answers (frozen). `freeze()`
    stops a forwarding gate passing bytes either way on every connection, old and new, as a stopped or hung
    server does (the kernel still takes the data, so nothing fails: nothing answers); `thaw()` lets them through."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = _free_port()
        self.mode = "closed"
        self.listener: socket.socket | None = None
        self.stalled = threading.Event()
        self.piped: list[socket.socket] = []

    def freeze(self) -> None:
        self.stalled.set()

    def thaw(self) -> None:
        self.stalled.clear()

    def open(self, mode: str = "forward") -> None:
        self.mode = mode
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        held = []
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.mode == "frozen":
                held.append(client)  # never read, never answered
                continue
            upstream = socket.create_connection(self.target)
            self.piped += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b, self.stalled), daemon=True).start()

    def close(self) -> None:
        if self.listener:
            try:  # wakes the thread waiting in accept(): closing alone would leave the port listening until then
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()

    def down(self) -> None:
        """The server stops: no new connection, and every open one is cut."""
        self.close()
        for s in self.piped:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.piped.clear()


def _pipe(source: socket.socket, sink: socket.socket, stalled: threading.Event) -> None:
    try:
        while data := source.recv(65536):
            while stalled.is_set():  # held, as a frozen server holds what it was sent
                time.sleep(0.05)
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _eventually(check, seconds: float = 15.0) -> None:
    end = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < end, "not recovered"
        time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_schema():
    """A scratch schema on the local PostgreSQL, dropped afterwards; skipped (or failed in CI) when unreachable."""
    admin = make_engine(POSTGRES_URL)
    schema = f"sc_fault_{int(time.time() * 1000) % 10**9}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as error:  # noqa: BLE001
        admin.dispose()
        if REQUIRE_POSTGRES:
            raise
        pytest.skip(f"PostgreSQL not reachable: {type(error).__name__}")
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_the_app_starts_while_postgresql_is_down_and_recovers_without_a_restart(caplog):
    with postgres_schema() as schema:
        gate = Gate(("127.0.0.1", 5432))
        url = (POSTGRES_URL.replace("127.0.0.1:5432", f"127.0.0.1:{gate.port}")
               + f"?options=-csearch_path%3D{schema}")
        with caplog.at_level(logging.WARNING, logger="scorecard"):
            app = create_app(Settings(database_url=url, initial_data="none"))  # the database is not there
        assert "warehouse unavailable (OperationalError)" in caplog.text and "Traceback" not in caplog.text
        client = app.server.test_client()
        page = client.get("/council/E08000009")
        assert page.status_code == 503 and page.headers["Retry-After"] == "30"
        assert "data are unavailable" in page.get_data(as_text=True) and 'lang="en-GB"' in page.get_data(as_text=True)
        callback = client.post("/_dash-update-component", json=_route_request("/"))
        assert callback.status_code == 503 and "unavailable" in callback.get_json()["error"]
        assert client.get("/download/overview.csv").status_code == 503
        assert client.get("/health").status_code == 503

        gate.open()  # the database is back: making the warehouse's tables goes on past a request's short wait
        app.availability.retry_every = 0
        try:
            _eventually(lambda: client.get("/health").status_code == 200)
            assert client.get("/").status_code == 200
            assert client.post("/_dash-update-component", json=_route_request("/about")).status_code == 200
        finally:
            gate.close()
            app.read_api.engine.dispose()


def test_a_database_that_goes_down_gives_every_page_callback_and_download_a_quick_503(caplog):
    """Issue 26: PostgreSQL stops under a running app: every page (the frame's own after-request check included),
    callback and download answers the 503 "data unavailable" within 5 s, none a 500 or an empty 200; and it
    recovers without a restart."""
    with postgres_schema() as schema:
        gate = Gate(("127.0.0.1", 5432))
        gate.open()
        url = (POSTGRES_URL.replace("127.0.0.1:5432", f"127.0.0.1:{gate.port}")
               + f"?options=-csearch_path%3D{schema}")
        app = create_app(Settings(database_url=url, initial_data="none"))
        client = app.server.test_client()
        pages = ["/", "/domain/performance-outcomes", "/council/E08000009", "/measures/ascof_2a2", "/about",
                 "/pack", "/council/E08000009/briefing"]
        try:
            assert [client.get(p).status_code for p in pages] == [200] * len(pages)
            gate.down()
            with caplog.at_level(logging.WARNING, logger="scorecard"):
                for send in [*(lambda p=p: client.get(p) for p in pages),
                             lambda: client.get("/download/overview.csv"),
                             lambda: client.post("/_dash-update-component", json=_route_request("/council/E08000009"))]:
                    started = time.monotonic()
                    response = send()
                    assert response.status_code == 503 and time.monotonic() - started < 5
                    assert "unavailable" in response.get_data(as_text=True)
            assert "Traceback" not in caplog.text
            gate.open()
            app.availability.retry_every = 0
            # Serving again within seconds of the database returning (README), without a restart: on a busy
            # machine the first reconnection can take longer than a request waits for it (0.5 s).
            _eventually(lambda: client.get("/").status_code == 200, seconds=10)
            assert [client.get(p).status_code for p in pages] == [200] * len(pages)
        finally:
            gate.down()
            app.read_api.engine.dispose()


def test_a_database_lost_after_start_gives_503_not_500(tmp_path, caplog):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'w.db'}", initial_data="none"))
    (tmp_path / "w.db").unlink()
    for wal in tmp_path.glob("w.db-*"):
        wal.unlink()
    app.read_api.engine.dispose()
    client = app.server.test_client()
    with caplog.at_level(logging.WARNING, logger="scorecard"):
        response = client.post("/_dash-update-component", json=_route_request("/council/E08000009"))
    assert response.status_code == 503 and "Traceback" not in caplog.text
    assert "warehouse error on /_dash-update-component: OperationalError" in caplog.text


@pytest.mark.parametrize("mode", ["closed", "frozen"])
def test_redis_down_or_frozen_is_served_from_the_warehouse(demo_db_url, caplog, mode):
    gate = Gate(("127.0.0.1", 6379))
    if mode == "frozen":
        gate.open("frozen")
    try:
        with caplog.at_level(logging.WARNING, logger="scorecard"):
            client = create_app(Settings(database_url=demo_db_url,
                                         cache_redis_url=f"redis://127.0.0.1:{gate.port}/15")).server.test_client()
            # /health asked first, before any page has used the cache, says so (issue 26: it said "ok")
            first = client.get("/health").get_json()["cache"]
            assert first == {"status": "degraded", "backend": "redis"}
            start = time.perf_counter()
            for page in ("/", "/council/E08000009", "/domain/performance-outcomes", "/about"):
                assert client.post("/_dash-update-component", json=_route_request(page)).status_code == 200
                assert client.get(f"/download/council/E08000009.csv?page={page}").status_code == 200
            elapsed = time.perf_counter() - start
        health = client.get("/health")
    finally:
        gate.close()
    assert health.status_code == 200 and health.get_json()["cache"] == {"status": "degraded", "backend": "redis"}
    warnings = [r for r in caplog.records if "cache unavailable" in r.getMessage()]
    assert len(warnings) == 1, "one warning a minute, not one a request"
    assert elapsed < 8, f"{elapsed:.1f} s for 8 requests: the cache must be skipped after its first timeout"


def test_the_health_probe_gives_up_at_its_deadline_and_never_piles_up_threads():
    answer, calls = threading.Event(), []

    def frozen():
        calls.append(1)
        answer.wait(10)
        return "late"

    deadline = Deadline(0.3)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        deadline.run(frozen)
    assert 0.25 < time.monotonic() - started < 1.0
    started = time.monotonic()
    with pytest.raises(TimeoutError):  # the first still hangs: fail at once, start nothing
        deadline.run(frozen)
    assert time.monotonic() - started < 0.1 and len(calls) == 1
    answer.set()
    time.sleep(0.05)
    assert deadline.run(lambda: "ok") == "ok"  # answered again: a new probe
    with pytest.raises(ZeroDivisionError):
        deadline.run(lambda: 1 / 0)


def test_callers_arriving_together_share_one_probe():
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "ok"

    deadline = Deadline(2)
    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(lambda _: deadline.run(slow), range(6))) == ["ok"] * 6
    assert len(calls) == 1


def test_a_first_fill_on_postgresql_is_not_held_to_the_web_statement_timeout(tmp_path):
    with postgres_schema() as schema:
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        app = create_app(Settings(database_url=url, statement_timeout=0.05, secret_key="k" * 48))
        try:
            assert app.availability.ready  # loading the published bundle has statements far over 50 ms
            assert app.read_api.current_release() is not None
        finally:
            app.read_api.engine.dispose()


def test_the_watchdog_cuts_a_frozen_server_s_round_trips_but_never_a_slow_query():
    """Issue 26: a frozen PostgreSQL cannot enforce its statement timeout, so the web's engine cuts a round trip the
    server no longer answers (a new connection's SELECT 1 gets no answer either) within about a second and a half;
    a query that is only slow, on a server that answers, runs to its end."""
    gate = Gate(("127.0.0.1", 5432))
    gate.open()
    engine = make_engine(POSTGRES_URL.replace("127.0.0.1:5432", f"127.0.0.1:{gate.port}"), statement_timeout=5)
    try:
        with engine.connect() as connection:
            started = time.monotonic()
            assert connection.execute(text("SELECT pg_sleep(2), 1")).one()[1] == 1
            assert time.monotonic() - started >= 2
        gate.freeze()
        started = time.monotonic()
        with pytest.raises(OperationalError), engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert time.monotonic() - started < 4  # cut at ~1.3 s; a new connection is not even tried just after
        gate.thaw()
        time.sleep(2)  # the verdict's hold is over: the next request uses the server again, no restart
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        gate.thaw()
        gate.down()
        engine.dispose()


def test_no_connection_free_within_the_pool_s_wait_is_a_quick_503_and_stops_the_next_requests_trying():
    """A pool with every connection held (each request stuck on a slow server) made SQLAlchemy's TimeoutError a 500;
    it is the 503 "data unavailable", after the pool's 2 s wait, and the next request does not wait again."""
    with postgres_schema() as schema:
        app = create_app(Settings(database_url=f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"))
        engine = app.read_api.engine
        held = [engine.connect() for _ in range(engine.pool.size() + engine.pool._max_overflow)]
        try:
            client = app.server.test_client()
            started = time.monotonic()
            response = client.get("/download/council/E08000009.csv?period=2019-20")
            assert response.status_code == 503 and 1.5 < time.monotonic() - started < 5
            started = time.monotonic()
            assert client.get("/council/E08000010").status_code == 503 and time.monotonic() - started < 0.5
        finally:
            for connection in held:
                connection.close()
            engine.dispose()
