"""A reader's pages while eight anonymous clients ask for what costs the server most (issue 26: with eight such
clients a normal reader's page took 23 s). PostgreSQL with Redis under gunicorn with the repo's config, behind a
"proxy" (each client its own X-Forwarded-For address, as nginx would send).

The floor is the same reader alone, in the same run, with the cache emptied before each phase. The hostile clients
ask for views pinned to the oldest release (each rates its own data), with junk query parameters, other periods
and councils, and CSV downloads, as fast as they are answered.

    python -m benchmarks.bench_starve        (make bench runs it with the others)
"""

from __future__ import annotations

import csv
import http.client
import json
import os
import random
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import redis

from benchmarks import serving_tools as tools
from benchmarks.bench_serving import REDIS, warehouse
from tests.test_app import _route_request

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = 8
SECONDS = 30


def _councils() -> list[str]:
    with open(ROOT / "data" / "reference" / "areas.csv", newline="") as areas:
        return [a["code"] for a in csv.DictReader(areas) if a["region_code"] == "E12000002"]


def _ask(connection: http.client.HTTPConnection, method: str, path: str, body: bytes | None,
         address: str) -> tuple[int, float]:
    started = time.perf_counter()
    headers = {"X-Forwarded-For": address, "Accept-Encoding": "br"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


def reader(port: int, councils: list[str]) -> list[float]:
    """A reader going through the region's profiles and a domain page for each: seconds per answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for code in councils:
        for page, search in ((f"/council/{code}", ""), ("/domain/performance-outcomes", f"?council={code}")):
            body = json.dumps(_route_request(page, search)).encode()
            status, seconds = _ask(connection, "POST", "/_dash-update-component", body, "203.0.113.1")
            assert status == 200, status
            times.append(seconds)
    connection.close()
    return times


def hostile(port: int, n: int, pin: int, councils: list[str], stop: threading.Event, seen: Counter) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    address = f"198.51.100.{n + 1}"
    rng = random.Random(n)
    while not stop.is_set():
        code, junk = rng.choice(councils), rng.randrange(10**9)
        if rng.random() < 0.7:
            search = f"?as_at={pin}&period={rng.choice(['2017-18', '2018-19', '2019-20', '2020-21'])}&x{junk}=1"
            body = json.dumps(_route_request(f"/council/{code}", search)).encode()
            status, _ = _ask(connection, "POST", "/_dash-update-component", body, address)
        else:
            status, _ = _ask(connection, "GET", f"/download/council/{code}.csv?as_at={pin}&junk={junk}", None,
                             address)
        seen[status] += 1


def main() -> None:
    councils = _councils()
    os.environ["SCORECARD_BEHIND_PROXY"] = "1"  # trust X-Forwarded-For from this machine, as behind nginx
    cache = redis.Redis.from_url(REDIS)
    with warehouse("published") as url, tempfile.TemporaryDirectory() as folder:
        port = 18_700
        floor_file = Path(folder) / "floor.json"
        floor_file.write_text("{}")
        with tools.gunicorn(url, port, floor_file, REDIS, Path(folder)):
            reader(port, councils[:3])  # every worker started, nothing measured
            cache.flushdb()
            alone = reader(port, councils)
            cache.flushdb()
            stop, seen = threading.Event(), Counter()
            threads = [threading.Thread(target=hostile, args=(port, n, 1, councils, stop, seen))
                       for n in range(HOSTILE)]
            for t in threads:
                t.start()
            time.sleep(2)  # the hostile clients at full speed first
            started = time.monotonic()
            under = reader(port, councils)
            took = time.monotonic() - started
            stop.set()
            for t in threads:
                t.join(60)
    cache.flushdb()
    p = tools.percentile
    print(f"A reader's answers ({len(alone)}), alone (floor) and beside {HOSTILE} hostile clients:")
    for name, q in (("p50", 50), ("p95", 95), ("max", 100)):
        a, u = p(alone, q), p(under, q)
        print(f"  {name}: {a * 1000:7.0f} ms alone, {u * 1000:7.0f} ms beside them ({u / a:.1f}x the floor)")
    print(f"  the reader's whole round: {sum(alone):.1f} s alone, {took:.1f} s beside them")
    print(f"  the hostile clients' answers: {dict(sorted(seen.items()))} (429: past their limit)")


if __name__ == "__main__":
    main()
