"""Tools for benchmarks/bench_serving.py: gunicorn with the repo's config (plus the floor's address), headless
Chromium that records the callback requests it sends and the bytes it receives, a replayer and a load generator.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CALLBACK = "/_dash-update-component"
LAYOUT = "/_dash-layout"
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium sends


# ------------------------------------------------------------------ the server
def worker_pids(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def gunicorn(database_url: str, port: int, floor_file: Path, redis_url: str, instance: Path):
    """gunicorn -c gunicorn.conf.py benchmarks.floor:application, two workers, Redis as the cache, no per-address
    limits; yields the master's process once /health answers (its log goes to a file: gunicorn logs every
    request)."""
    env = {**os.environ, "DATABASE_URL": database_url, "SCORECARD_BIND": f"127.0.0.1:{port}",
           "WEB_CONCURRENCY": "2", "CACHE_REDIS_URL": redis_url, "SCORECARD_SECRET_KEY": "b" * 48,
           "SCORECARD_INITIAL_DATA": "none", "SCORECARD_FLOOR_FILE": str(floor_file),
           "SCORECARD_INSTANCE_DIR": str(instance),
           # One address sends all the load: the per-address limits (rate_limits.py, measured in bench_starve)
           # would answer it 429 after 60 downloads a minute.
           "SCORECARD_COSTLY_LIMIT": "1000000/minute", "SCORECARD_DOWNLOAD_LIMIT": "1000000/minute"}
    log = open(instance / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
                                "benchmarks.floor:application"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        end = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.time() > end:
                raise RuntimeError(f"gunicorn did not start: see {instance / 'gunicorn.log'}")
            time.sleep(0.3)
        while len(worker_pids(process.pid)) < 2:
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(30)
        log.close()


# ------------------------------------------------------------------ the browser
def chromium(width: int = 1366, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


def network_events(driver) -> list[dict]:
    return [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]


def callbacks_sent(events: list[dict]) -> list[tuple[str, str]]:
    """The requests a page's content waits for in these events, in the order they were sent: each callback (address
    with its query, body) and the layout, which holds a first visit's page (LAYOUT, the Referer it was asked with;
    ADR 0009)."""
    found = []
    for e in events:
        request = e["params"].get("request", {}) if e["method"] == "Network.requestWillBeSent" else {}
        address = urlsplit(request.get("url", ""))
        if address.path == CALLBACK and request.get("postData"):
            found.append((f"{address.path}?{address.query}" if address.query else address.path, request["postData"]))
        elif address.path == LAYOUT and request.get("method") == "GET":
            found.append((LAYOUT, request.get("headers", {}).get("Referer", "")))
    return found


def bytes_received(events: list[dict]) -> int:
    return int(sum(e["params"]["encodedDataLength"] for e in events if e["method"] == "Network.loadingFinished"))


# ------------------------------------------------------------------ replay and load
def sent(method: str, path: str, body: bytes) -> tuple[str, bytes | None, dict]:
    """How a recorded request goes again: a callback is POSTed with its body; the layout is a GET whose "body" is
    the Referer it was asked with."""
    headers = {"Content-Type": "application/json", "Accept-Encoding": BROWSER_ENCODINGS}
    if path == LAYOUT:
        return "GET", None, headers | {"Referer": body.decode()}
    return method, body or None, headers


def post(connection: http.client.HTTPConnection, path: str, body: bytes) -> tuple[int, bytes, dict]:
    method, payload, headers = sent("POST", path, body)
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, data, dict(response.getheaders())


def replay(port: int, requests: list[tuple[str, bytes]], before=None) -> list[float]:
    """Milliseconds for each request, posted one after another on one kept-alive connection (as a browser does);
    `before()` runs untimed before each (e.g. emptying the cache)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for path, body in requests:
        if before:
            before()
        start = time.perf_counter()
        status, _data, _headers = post(connection, path, body)
        times.append((time.perf_counter() - start) * 1000)
        if status not in (200, 204):
            raise RuntimeError(f"{path} answered {status}")
    connection.close()
    return times


def _load_worker(port: int, requests: list[tuple[str, str, bytes]], threads: int, seconds: float, offset: int):
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    end = time.perf_counter() + seconds

    def run(n: int):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = n * 7 + offset
        mine, wrong = [], []
        while time.perf_counter() < end:
            method, path, body = requests[i % len(requests)]
            i += 1
            start = time.perf_counter()
            try:
                verb, payload, headers = sent(method, path, body)
                connection.request(verb, path, body=payload, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status not in (200, 204):
                    wrong.append(f"{response.status} {method} {path}")
            except (OSError, http.client.HTTPException) as error:
                wrong.append(f"{type(error).__name__} {method} {path}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            errors.extend(wrong)

    pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, errors


def load(port: int, requests: list[tuple[str, str, bytes]], connections: int, seconds: float) -> dict:
    """`connections` clients (over two processes, so the client is not one GIL) each sending the next request as
    soon as the last is answered, for `seconds`: requests a second, latency percentiles, errors."""
    processes = min(2, connections)
    shares = [connections // processes + (1 if p < connections % processes else 0) for p in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        parts = list(pool.map(_load_worker, [port] * processes, [requests] * processes, shares,
                              [seconds] * processes, range(processes)))
    latencies = sorted(x for part in parts for x in part[0])
    errors = [x for part in parts for x in part[1]]
    return {"rps": len(latencies) / seconds, "count": len(latencies), "errors": errors,
            "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99)}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
