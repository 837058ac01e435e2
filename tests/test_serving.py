"""Serving for real (issue 15, first part): compressed responses, and gunicorn with the repo's config — two workers on
PostgreSQL answering 200 requests from a fresh start with no error, idle connections that do not stall a normal
request, an oversized body refused."""

from __future__ import annotations

import gzip
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
from data.settings import Settings
from tests.conftest import POSTGRES_URL
from tests.test_faults import _free_port, postgres_schema

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/domain/performance-outcomes", "/council/E08000009", "/council/E08000009/briefing", "/about",
         "/measures", "/health", "/download/overview.csv", "/self-assessment", "/_dash-layout"]


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/download/overview.csv", "/vendor/bootstrap.min.css",
                                  "/assets/vendor/plotly-cartesian.min.js"])
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
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 120.0) -> None:
    end = time.time() + seconds
    while time.time() < end:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {process.stdout.read()[-3000:]}")
        try:
            if _get(base + "/health", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("gunicorn did not come up")


def test_gunicorn_with_two_workers_on_postgresql_answers_200_requests_from_a_fresh_start(tmp_path):
    with postgres_schema() as schema:
        port = _free_port()
        env = {**os.environ, "DATABASE_URL": f"{POSTGRES_URL}?options=-csearch_path%3D{schema}",
               "SCORECARD_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2", "SCORECARD_INITIAL_DATA": "published",
               "SCORECARD_SECRET_KEY": "k" * 48, "SCORECARD_INSTANCE_DIR": str(tmp_path)}
        env.pop("CACHE_REDIS_URL", None)
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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

            # An oversized body is refused before the app reads it.
            request = urllib.request.Request(base + "/_dash-update-component", data=b"x" * 3_000_000,
                                             headers={"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(request, timeout=10)
                status = 200
            except urllib.error.HTTPError as error:
                status = error.code
            assert status == 413
        finally:
            process.terminate()
            output = process.communicate(timeout=30)[0]
        assert "Traceback" not in output and " 500 " not in output, output[-3000:]
