"""Serving for real (issue 15): compressed responses, and gunicorn with the repo's config — two workers on PostgreSQL
answering 200 requests from a fresh start with no error, idle connections that do not stall a normal request, an
oversized body refused, and a frozen database that holds no request for long."""

from __future__ import annotations

import gzip
import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import pytest

from app import create_app
from data.db import make_engine
from data.settings import Settings
from tests.conftest import POSTGRES_URL
from tests.test_faults import Gate, _free_port, postgres_schema

pytestmark = pytest.mark.serial  # gunicorn, frozen services and timings: alone, after the parallel part

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/domain/performance-outcomes", "/council/E08000009", "/council/E08000009/briefing", "/about",
         "/measures", "/health", "/download/overview.csv", "/self-assessment", "/_dash-layout"]


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/download/overview.csv", "/vendor/bootstrap.min.css",
                                  "/assets/vendor/plotly-basic.min.js"])
def test_responses_are_compressed_and_say_so(published_engine, path):
    client = create_app(Settings(database_url=str(published_engine.url))).server.test_client()
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    squeezed = client.get(path, headers={"Accept-Encoding": "br, gzip"})
    assert plain.headers.get("Content-Encoding") is None and squeezed.headers["Content-Encoding"] == "br"
    unpacked = brotli.decompress(squeezed.get_data())
    assert unpacked == plain.get_data() or (path == "/" and len(unpacked) == len(plain.get_data()))  # a nonce
    assert len(squeezed.get_data()) < 0.5 * len(plain.get_data())
    if path.startswith(("/_dash", "/download", "/")) and not path.startswith(("/vendor", "/assets")):
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["Content-Encoding"] == "gzip"
        assert len(gzip.decompress(zipped.get_data())) == len(plain.get_data())


def test_a_callback_response_is_compressed(published_engine):
    from tests.test_app import _route_request

    client = create_app(Settings(database_url=str(published_engine.url))).server.test_client()
    response = client.post("/_dash-update-component", json=_route_request("/council/E08000009"),
                           headers={"Accept-Encoding": "br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"


def _get(url: str, timeout: float = 30.0) -> int:
    return _fetch(url, timeout)[0]


def _fetch(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 120.0) -> None:
    end = time.time() + seconds
    while time.time() < end:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {_stop(process)[-3000:]}")
        try:
            if _get(base + "/health", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("gunicorn did not come up")


def _gunicorn(database_url: str, port: int, instance: Path, **extra: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "SCORECARD_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2",
           "SCORECARD_INITIAL_DATA": "published", "SCORECARD_SECRET_KEY": "k" * 48,
           "SCORECARD_INSTANCE_DIR": str(instance),
           # every client here is 127.0.0.1: the per-address limits are tested in tests/test_rate_limits.py
           "SCORECARD_DOWNLOAD_LIMIT": "100000/minute", "SCORECARD_COSTLY_LIMIT": "100000/minute", **extra}
    env.pop("CACHE_REDIS_URL", None)
    log = open(instance / "gunicorn.log", "w+")  # a file, not a pipe: an unread pipe fills and blocks the server
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    process.log = log
    return process


def _stop(process: subprocess.Popen) -> str:
    """Stop gunicorn and give what it wrote."""
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)
    process.log.seek(0)
    output = process.log.read()
    process.log.close()
    return output


def test_gunicorn_with_two_workers_on_postgresql_answers_200_requests_from_a_fresh_start(tmp_path):
    with postgres_schema() as schema:
        port = _free_port()
        process = _gunicorn(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", port, tmp_path)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process)
            with ThreadPoolExecutor(8) as pool:  # both workers from their first request
                codes = list(pool.map(lambda n: _get(base + PAGES[n % len(PAGES)]), range(200)))
            assert codes == [200] * 200, sorted(set(codes))

            # Twice as many idle connections as the workers have threads (so every thread meets one, whichever worker
            # accepts them): a normal request still answers within 2 s.
            idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2 * 2 * 4)]
            time.sleep(0.2)
            started = time.time()
            assert _get(base + "/health", timeout=15) == 200 and time.time() - started < 2
            for s in idle:
                s.close()

            # An oversized body is refused before the app reads it: the answer comes with none of it sent (sending
            # 3 MB first raced the server's refusal, which closes the connection: a broken pipe, not an answer).
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.putrequest("POST", "/_dash-update-component")
            connection.putheader("Content-Type", "application/json")
            connection.putheader("Content-Length", str(3_000_000))
            connection.endheaders()
            assert connection.getresponse().status == 413
            connection.close()
        finally:
            output = _stop(process)
        assert "Traceback" not in output and " 500 " not in output, output[-3000:]


def _timed(url: str) -> tuple[int, float]:
    started = time.time()
    try:
        status = _get(url, timeout=30)
    except OSError:
        status = 0  # no answer at all
    return status, time.time() - started


def test_a_frozen_database_holds_no_request_past_10_s_and_never_health_or_a_stylesheet(tmp_path):
    """Issue 26: PostgreSQL frozen for 15 s under six clients asking for pages, callbacks' frames and downloads
    (councils in turn, so the cache cannot answer them all): no request waits more than 10 s, none is a 500,
    `/health` and a stylesheet answer within 2 s throughout, and pages answer 200 again once the database does,
    without a restart (was: requests held for the whole freeze, /health 19 s and a CSS file 15 s)."""
    import csv
    import threading

    from sqlalchemy.engine import make_url

    with open(ROOT / "data" / "reference" / "areas.csv", newline="") as areas:
        councils = [a["code"] for a in csv.DictReader(areas) if a["region_code"] == "E12000002"]
    real = make_url(POSTGRES_URL)
    with postgres_schema() as schema:
        gate = Gate((real.host, real.port or 5432))
        gate.open()
        port = _free_port()
        url = real.set(port=gate.port).render_as_string(hide_password=False)
        process = _gunicorn(f"{url}?options=-csearch_path%3D{schema}", port, tmp_path)
        base = f"http://127.0.0.1:{port}"
        busy = [f"/council/{code}" for code in councils] + [f"/download/council/{code}.csv" for code in councils] \
            + ["/", "/domain/performance-outcomes", "/measures/ascof_2a2", "/council/E08000009/briefing"]
        try:
            _wait_until_up(base, process)
            assert _get(base + "/council/E08000009") == 200
            readers: list[tuple[int, float]] = []
            probes: list[tuple[str, int, float]] = []
            frozen = threading.Event()
            stop = threading.Event()

            def read(offset: int) -> None:
                n = offset
                while not stop.is_set():
                    n += 1
                    outcome = _timed(base + busy[n % len(busy)])
                    if frozen.is_set():
                        readers.append((*outcome, busy[n % len(busy)]))
                    time.sleep(0.05)  # a reader's pace, not a flood (rate limits are tested on their own)

            def probe() -> None:
                while not stop.is_set():
                    for path in ("/health", "/vendor/bootstrap.min.css", "/assets/scorecard.css"):
                        probes.append((path, *_timed(base + path)))
                    time.sleep(0.3)

            threads = [threading.Thread(target=read, args=(7 * k,)) for k in range(6)]
            threads.append(threading.Thread(target=probe))
            for thread in threads:
                thread.start()
            time.sleep(1)
            gate.freeze()
            frozen.set()
            probes.clear()
            time.sleep(15)
            gate.thaw()
            stop.set()
            for thread in threads:
                thread.join(40)

            assert readers and max(r[1] for r in readers) < 10, sorted(readers, key=lambda r: -r[1])[:5]
            assert {r[0] for r in readers} <= {200, 503}, readers
            assert 503 in {r[0] for r in readers}  # the freeze was felt, and said so
            slow = [p for p in probes if p[2] >= 2 or (p[0] != "/health" and p[1] != 200)]
            assert len(probes) > 30 and not slow, slow
            assert {status for path, status, _ in probes if path == "/health"} >= {503}

            end = time.time() + 15  # the database answers again: so does every page, without a restart
            while not all(_get(base + page, timeout=10) == 200 for page in ("/health", "/council/E08000009")):
                assert time.time() < end, "no recovery"
                time.sleep(0.5)
        finally:
            gate.thaw()
            output = _stop(process)
            gate.close()
        assert "Traceback" not in output and '" 500 ' not in output, output[-3000:]


def test_postgresql_connections_carry_the_statement_timeout_and_keep_the_url_options():
    with postgres_schema() as schema:
        engine = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", statement_timeout=10)
        try:
            with engine.connect() as connection:
                assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "10s"
                assert connection.exec_driver_sql("SHOW search_path").scalar() == schema
                client = connection.connection.driver_connection.info.get_parameters()
                assert (client["connect_timeout"], client["tcp_user_timeout"]) == ("2", "10000")  # the web's engine
        finally:
            engine.dispose()


def test_make_serve_s_workers_share_one_key_so_every_fresh_sign_in_works(tmp_path):
    """Issue 26: under `make serve` (development, no SCORECARD_SECRET_KEY) each worker made its own key, so a sign-in
    form made by one worker was refused by another. Three workers, ten fresh sign-ins: all succeed."""
    import re

    import requests

    from data.accounts import Actor, add_user
    from data.db import session_factory
    from data.warehouse import init_warehouse

    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    init_warehouse(engine, initial="none")
    with session_factory(engine).begin() as s:
        add_user(s, Actor("ops", "administrator"), "sam", "correct horse battery", "regional_analyst")
    engine.dispose()
    port = _free_port()
    process = _gunicorn(url, port, tmp_path, WEB_CONCURRENCY="3", SCORECARD_DEVELOPMENT="1",
                        SCORECARD_SECRET_KEY="", SCORECARD_INITIAL_DATA="none")
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        outcomes = []
        for _ in range(10):
            with requests.Session() as browser:  # a fresh browser each time: its own cookies, any worker
                browser.headers["Connection"] = "close"  # each request on a new connection: whichever worker takes it
                page = browser.get(base + "/editor/sign-in", timeout=10).text
                token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
                answer = browser.post(base + "/editor/sign-in", timeout=10, allow_redirects=False,
                                      data={"username": "sam", "password": "correct horse battery",
                                            "csrf_token": token})
                outcomes.append(answer.status_code)
        assert outcomes == [302] * 10, outcomes
    finally:
        output = _stop(process)
    assert "Traceback" not in output, output[-3000:]
