"""Importing a national ASCOF file (~150 councils, ~50,000 rows in NHS Digital's official long layout).

The file is built from the England-scope demo release for 2022-23: for each council, region and
England, every catalogue ASCOF measure's Outcome, Numerator and Denominator (or Margin Of Error) rows,
plus age and sex breakdown rows, as the official file has them. Floor: parsing the same file with
Python's csv module.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.bench_foundation import report
from data import demo, reference
from data.catalogue import catalogue, codes_for
from data.db import make_engine
from data.imports.run import import_file, read
from data.periods import financial_year
from data.warehouse import init_warehouse

HEADER = ["Geographical Code", "Geographical Description", "Geographical Level", "ONS Code", "ASCOF Measure Code",
          "Disaggregation Level", "Measure Type", "Measure Value", "Measure Group", "Measure Group Description"]
BREAKDOWNS = (("18-64", "1864"), ("65 and over", "65OV"), ("Male", "M"), ("Female", "F"))


def national_file(path: Path, period: str = "2022-23", nudge: bool = False) -> int:
    """Write the file; with `nudge`, measures published without counts or intervals move by one last digit."""
    _, codes = codes_for(period)
    # The official file carries only the measures published that year (the demo has every measure every year).
    published = {m.id for m in catalogue().measures if m.period_range()[0] <= period <= m.period_range()[1]}
    by_measure = {v: k for k, v in codes.items() if v in published}
    areas = {a.code: a for a in reference.areas()}
    rows = []
    for o in demo.generate("england"):
        code = by_measure.get(o["measure_id"])
        if code is None or o["period"] != period:
            continue
        a = areas[o["area_code"]]
        level = {"council": "Council", "region": "Region", "country": "England"}[a.kind]
        geo = a.cassr_code or ("England" if a.kind == "country" else a.code)
        value = o.get("value")
        if nudge and value is not None and o.get("numerator") is None and o.get("lower_ci") is None:
            value = round(value + 0.001, 3)
        types = [("Outcome", o.get("marker") or value)]
        if o.get("numerator") is not None:
            types += [("Numerator", o["numerator"]), ("Denominator", o["denominator"])]
        if o.get("lower_ci") is not None:
            types += [("Base", 400), ("Margin Of Error", round((o["upper_ci"] - o["lower_ci"]) / 2, 2))]
        for disaggregation, suffix in (("Total", ""), *BREAKDOWNS):
            for label, value in types:
                rows.append([geo, a.name, level, a.code, code + suffix, disaggregation, label,
                             "" if value is None else value, code, ""])
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return len(rows)


def template_file(path: Path) -> int:
    """The scorecard template with one row for every area that existed from 2010-11 to 2025-26, every year, and every
    numeric measure published in all of them (about 89,000 rows, 4 MB): the largest file a region's analyst
    would load."""
    years = [financial_year(y) for y in range(2010, 2026)]
    areas = [a.code for a in reference.areas() if a.kind != "council" or all(a.exists_in(y) for y in years)]
    measures = [m for m in catalogue().measures if not m.is_categorical and not m.first_period and not m.last_period]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("# source: benchmark\n# publisher: benchmark\n# licence: OGL v3\n")
        f.write("area_code,period,measure_id,value,numerator,denominator\n")
        count = 0
        for year in years:
            for m in measures:
                counts = ",500,1000" if m.interval_method == "wilson" else ",,"
                value = "50.0" if m.interval_method == "wilson" else "0.5"
                for code in areas:
                    f.write(f"{code},{year},{m.id},{value}{counts}\n")
                    count += 1
    return count


def read_template(path: Path) -> None:
    """Reading and checking the template file (no writing): time against the csv module alone, and peak memory."""
    start = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as f:
        for _ in csv.reader(f):
            pass
    floor = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    _, observations, _ = read(path, "csv")
    report(f"read and check {len(observations):,} template rows", (time.perf_counter() - start) * 1000, floor)
    tracemalloc.start()
    read(path, "csv")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  (peak memory while reading: {peak / 1e6:.0f} MB for a {path.stat().st_size / 1e6:.1f} MB file)")


def main() -> None:
    print("benchmark                                    time (ms)   floor (ms)   ratio")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "meas-from-asc-of-eng-2223-open-data-csv.csv"
        count = national_file(path)
        start = time.perf_counter()
        list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        floor = (time.perf_counter() - start) * 1000

        empty = make_engine(f"sqlite:///{Path(tmp) / 'empty.db'}")
        init_warehouse(empty, initial="none")
        start = time.perf_counter()
        summary = import_file(empty, path, "ascof")
        report(f"import {count:,} rows into an empty warehouse", (time.perf_counter() - start) * 1000, floor)

        # The same national file again with some values changed: a revision of what the first import landed.
        # (Demo values are never imported into the demo warehouse itself: the two never mix.)
        national_file(path, nudge=True)
        start = time.perf_counter()
        summary = import_file(empty, path, "ascof")
        report("import as a revision of that national release", (time.perf_counter() - start) * 1000, floor)
        print(f"  ({summary.outcome}; {summary.rows_accepted:,} observations)")

        template = Path(tmp) / "template.csv"
        template_file(template)
        read_template(template)


if __name__ == "__main__":
    main()
