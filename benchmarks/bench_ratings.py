"""Rating every measure × council × period × standing comparator at national scale (~150 councils, 10 years).

Floor: reading the current observations with the raw driver, the least any rating run must do.
Figures: reading them into the rating context, computing every rating, and writing the set.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from benchmarks.bench_foundation import report
from data.comparisons import compute_rows, load_context
from data.db import bulk_insert, make_engine, scratch_schema
from data.read_records import RATING_FIELDS
from data.schema import RatingRow
from data.warehouse import init_warehouse

POSTGRES_URL = os.environ.get("SCORECARD_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def run(engine, label: str) -> None:
    init_warehouse(engine, initial="demo", demo_scope="england")
    with Session(engine) as session:
        start = time.perf_counter()
        session.execute(text("SELECT * FROM observations WHERE superseded_by_release_id IS NULL")).fetchall()
        floor = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        ctx = load_context(session)
        loaded = time.perf_counter()
        rows = compute_rows(ctx, 1)
        computed = time.perf_counter()
        session.execute(delete(RatingRow))
        bulk_insert(session, RatingRow.__table__, rows, RATING_FIELDS)
        session.commit()
        written = time.perf_counter()
    report(f"{label}: read context", (loaded - start) * 1000, floor)
    report(f"{label}: compute {len(rows):,} ratings", (computed - loaded) * 1000, floor)
    report(f"{label}: write ratings", (written - computed) * 1000, floor)
    report(f"{label}: total (read + compute + write)", (written - start) * 1000, floor)


def main() -> None:
    print("benchmark                                    time (ms)   floor (ms)   ratio")
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'national.db'}")
        run(engine, "SQLite")
        engine.dispose()
    try:
        with scratch_schema(POSTGRES_URL, "sc_bench") as engine:
            run(engine, "PostgreSQL")
    except OperationalError as error:
        print(f"PostgreSQL skipped: {type(error).__name__}")


if __name__ == "__main__":
    main()
