"""Make the published-data bundle from the real published files: `python -m data.published.make_bundle DIR`.

DIR holds the originals named in `sources.yaml` (the team's shared data folder). Each original is filtered to
England's councils with social care duties, the regions and England (rows the scorecard can use), cut to the
columns the scorecard reads, and written as gzip-compressed CSV beside this file. Values are copied as they
are: nothing is computed here. The output is byte-for-byte reproducible (no timestamps in the gzip header).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from pathlib import Path

from data import reference
from data.published.sources import BUNDLE_DIR, sources

FIRST_YEAR = 2015  # the reference geography covers councils from April 2015
COLUMNS = {
    "ascof_2018_19_2019_20": ["area_code", "area_name", "geographical_level", "period", "measure_id",
                              "ascof_measure_code_reconstructed", "measure_name", "disaggregation", "value"],
    "ascof_2020_21": ["area_code", "cassr_code", "geo_code_source", "area_name", "geographical_level", "period",
                      "measure_id", "ascof_measure_code", "measure_name", "disaggregation", "value", "numerator",
                      "denominator", "base", "margin_of_error", "value_flag"],
    "ascof_2017_18_to_2023_24": ["area_code", "area_name", "geographical_level", "period", "measure_id",
                                 "measure_id_pre2023", "disaggregation", "value"],
    "ascfr_2021_22": ["area_code", "area_name", "geographical_level", "region_code", "period", "table", "column_label",
                      "value", "value_flag"],
    "oflog_asc": ["area_code", "area_name", "period", "measure_id", "value"],
    "trafford_datalab": ["area_code", "area_name", "period", "period_type", "measure_id", "value"],
    "political_control": ["area_code", "area_name", "year", "control", "control_source"],
    "revenue_outturn": ["area_code", "area_name", "period", "measure_id", "value_gbp_thousands"],
    "cipfa_nearest_neighbours": ["area_code", "area_name", "group_member_code", "group_member_name", "is_self"],
}


def _year(row: dict) -> int | None:
    text = row.get("period") or row.get("year") or ""
    return int(text[:4]) if text[:4].isdigit() else None


def keep(source_id: str, row: dict, areas: set[str], councils: set[str]) -> bool:
    """Rows of England's councils, regions and England (and ASCOF's council-type rows, which the ASCOF importer
    reports as skipped), from April 2015 on."""
    year = _year(row)
    if year is not None and year < FIRST_YEAR:
        return False
    if source_id == "cipfa_nearest_neighbours":
        return row["area_code"] in councils and row["group_member_code"] in councils
    if source_id == "political_control":
        return row["area_code"] in councils
    return row["area_code"] in areas or row.get("geographical_level") == "Council Type"


def make(originals: Path, out_dir: Path = BUNDLE_DIR) -> dict[str, int]:
    """Write every bundle file; return the rows written per source."""
    areas = {a.code for a in reference.areas()}
    councils = {a.code for a in reference.areas() if a.kind == "council"}
    written = {}
    for s in sources():
        with open(originals / s.original, encoding="utf-8-sig", newline="") as f:
            rows = [r for r in csv.DictReader(f) if keep(s.id, r, areas, councils)]
        text = io.StringIO()
        writer = csv.DictWriter(text, COLUMNS[s.id], extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        with open(out_dir / s.file, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                                 compresslevel=9) as gz:
            gz.write(text.getvalue().encode("utf-8"))
        written[s.id] = len(rows)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("originals", type=Path, help="the folder holding the original published files")
    args = parser.parse_args(argv)
    for source_id, n in make(args.originals).items():
        print(f"{source_id}: {n:,} rows")
    total = sum(p.stat().st_size for p in BUNDLE_DIR.glob("*.csv.gz"))
    print(f"bundle: {total / 1e6:.2f} MB in {BUNDLE_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
