"""Rebuilding NHS Digital's official ASCOF long layout from the tidy copies in the published-data bundle
(data/published/), for the import tests. No file outside the repository is read."""

from __future__ import annotations

import csv
from pathlib import Path

from data.published.sources import rows

# The original file names (as the team's shared data folder has them) → the bundled copies.
BUNDLED = {"ascof_2020_21_official_tidy.csv": "ascof_2020_21",
           "ascof_2018_19_2019_20_outcomes.csv": "ascof_2018_19_2019_20",
           "oflog_asc_measures_2015_2023.csv": "oflog_asc"}
OLD_HEADER = ["Geographical Code", "Geographical Description", "Geographical Level", "ONS Code",
              "ASCOF Measure Code", "Disaggregation Level", "Measure Type", "Measure Value", "Measure Group",
              "Measure Group Description"]
NEW_HEADER = ["Geographical code", "Geographical description", "Geographical level", "ONS code",
              "ASCOF measure code", "Disaggregation level", "Measure type", "Measure value"]
NEW_LEVELS = {"Council": "Local authority", "Region": "Regional", "Council Type": "Council type",
              "England": "National"}


def tidy_rows(name: str, period: str | None = None) -> list[dict]:
    """The rows of a published file, from its bundled copy (England's councils, regions and England)."""
    return [r for r in rows(BUNDLED[name]) if period is None or r["period"] == period]


def official_rows(rows: list[dict], new_layout: bool = False) -> list[list[str]]:
    """One row per measure type, as the official file has them."""
    out = []
    for r in rows:
        geo = r.get("geo_code_source") or {"England": "England"}.get(r["geographical_level"], r.get("cassr_code", ""))
        level = NEW_LEVELS[r["geographical_level"]] if new_layout else r["geographical_level"]
        code = r.get("ascof_measure_code") or r.get("ascof_measure_code_reconstructed")
        if r["disaggregation"] == "Total":
            code = r["measure_id"]
        disagg = r["disaggregation"].replace("-", " to ") if new_layout else r["disaggregation"]
        types = [("Outcome", r["value"] or r.get("value_flag", ""))]
        for column, label in (("numerator", "Numerator"), ("denominator", "Denominator"), ("base", "Base"),
                              ("margin_of_error", "Margin Of Error")):
            if r.get(column):
                types.append((label, r[column]))
        for label, value in types:
            row = [geo, r["area_name"], level, r["area_code"], code, disagg, label, value]
            if not new_layout:
                row += [r["measure_id"], r.get("measure_name", "")]
            out.append(row)
    return out


def write_official(path: Path, rows: list[dict], new_layout: bool = False, bom: bool = False, crlf: bool = False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n" if crlf else "\n")
        writer.writerow(NEW_HEADER if new_layout else OLD_HEADER)
        writer.writerows(official_rows(rows, new_layout))
    return path
