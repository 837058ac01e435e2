"""Foundation benchmarks: demo generation, warehouse load, and page rendering, each against a floor.

Floors: loading is compared with a bare sqlite3 `executemany` of the same rows into a table with no
constraints or indexes; page rendering is compared with the raw SQL that fetches the page's rows.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask
from flask_caching import Cache

from callbacks.router import render
from data import demo
from data.db import make_engine
from data.read_api import ReadAPI
from data.warehouse import init_warehouse


def timed(fn, repeat: int = 5) -> float:
    """Median wall time of `repeat` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(label: str, ms: float, floor: float) -> None:
    print(label.ljust(44), f"{ms:9.1f}   {floor:10.1f}   {ms / floor:5.1f}x")


def floor_insert(rows: list[dict]) -> float:
    cols = ("measure_id", "area_code", "period", "value", "text_value", "numerator", "denominator", "lower_ci",
            "upper_ci", "ci_level", "marker", "note")
    tuples = [tuple(r.get(c) for c in cols) for r in rows]

    def run():
        conn = sqlite3.connect(":memory:")
        conn.execute(f"CREATE TABLE o ({', '.join(cols)})")
        conn.executemany(f"INSERT INTO o VALUES ({', '.join('?' * len(cols))})", tuples)
        conn.commit()
        conn.close()
    return timed(run, 3)


def bench_published() -> None:
    """`scorecard init` on a fresh machine: the published bundle into an empty SQLite warehouse, with every rating.
    Floor: reading the bundle (gzip and CSV) and inserting the observations it becomes, bare."""
    from data.published.load import CONVERTERS
    from data.published.sources import rows, sources

    def read_bundle():
        return [o for s in sources() if s.id in CONVERTERS for o in CONVERTERS[s.id](rows(s.id))]
    observations = read_bundle()
    floor = timed(read_bundle, 3) + floor_insert(observations)
    with tempfile.TemporaryDirectory() as tmp:
        def load(t=tmp):
            init_warehouse(make_engine(f"sqlite:///{Path(t) / f'{time.perf_counter_ns()}.db'}"))
        load_ms = timed(load, 3)
    report(f"init warehouse + load published ({len(observations):,} obs)", load_ms, floor)


def main() -> None:
    print("benchmark                                    time (ms)   floor (ms)   ratio")
    for scope in ("north_west", "england"):
        rows = demo.generate(scope)
        gen = timed(lambda s=scope: demo.generate(s), 3)
        floor = floor_insert(rows)
        with tempfile.TemporaryDirectory() as tmp:
            def load(s=scope, t=tmp):
                path = Path(t) / f"{time.perf_counter_ns()}.db"
                init_warehouse(make_engine(f"sqlite:///{path}"), initial="demo", demo_scope=s)
            load_ms = timed(load, 3)
        report(f"demo generate ({scope}, {len(rows):,} rows)", gen, floor)
        report(f"init warehouse + load demo ({scope})", load_ms, floor)

    bench_published()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.db"
        engine = make_engine(f"sqlite:///{path}")
        init_warehouse(engine, initial="demo")
        conn = sqlite3.connect(path)

        def floor_query():
            conn.execute("SELECT * FROM observations WHERE period = '2024-25' "
                         "AND superseded_by_release_id IS NULL").fetchall()
        floor = timed(floor_query, 20)
        plain = ReadAPI(engine)
        cached = ReadAPI(engine, cache=Cache(Flask(__name__), config={"CACHE_TYPE": "SimpleCache"}))
        for path_, label in (("/", "overview"), ("/domain/performance-outcomes", "domain"),
                             ("/council/E08000009", "council"), ("/measures", "measures")):
            cold = timed(lambda p=path_: render(plain, p), 10)
            render(cached, path_)
            warm = timed(lambda p=path_: render(cached, p), 10)
            report(f"render {label} (no cache)", cold, floor)
            report(f"render {label} (cached)", warm, floor)
        conn.close()


if __name__ == "__main__":
    main()
