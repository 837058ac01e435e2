"""The open data published with each release's account: every rating of the region's councils against each standing
benchmark, the measures and the releases, as CSV with a machine-readable description (a Frictionless Tabular Data
Package, `data/datapackage.json`), and the same tables as one accessible spreadsheet (plain/spreadsheet.py).

The rows are the download buttons' rows (data.rated_rows.csv_row: the words on screen beside the raw numbers, each
number rounded to its measure's decimals), so a number in a file is the number on a page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from analysis.vocabulary import RATING_COLOURS, known_benchmark
from data.csvout import write_csv
from data.rated_rows import RATING_CSV_COLUMNS, credits, csv_row, rated_row, with_targets
from data.read_api import ReadAPI

# (the address's slug, the warehouse's comparator): the benchmarks every rating is stored against
STANDING = (("north-west", "region"), ("england", "england"), ("nearest-neighbours", "nearest_neighbours"))
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
PERIOD = r"^[0-9]{4}-[0-9]{2}( Q[1-4])?$"


@dataclass(frozen=True)
class Table:
    """One table of the release: its file name, title, what a row is, its columns and rows, and its key."""

    name: str                     # ratings-north-west (the file is data/<name>.csv)
    title: str
    description: str
    columns: tuple[str, ...]
    rows: list[dict]
    key: tuple[str, ...]


def shown_releases(api: ReadAPI) -> list[dict]:
    """The releases as at the account's release (a pinned account does not know of later ones), newest first."""
    newest = api.pin or api.newest_release_id()
    out = []
    for r in api.releases():
        if r["id"] > newest:
            continue
        later = r["superseded_by"] if r["superseded_by"] and r["superseded_by"] <= newest else None
        out.append({**r, "superseded_by": later})
    return out


def rating_table(api: ReadAPI, slug: str, comparator: str) -> Table:
    """Every rating of the region's councils against one benchmark, every measure and year, with its reasons."""
    b = known_benchmark(slug)
    names = {c["code"]: c["name"] for c in api.region_councils()}
    cat, credited = api.catalogue, credits(api)
    found = [r for r in api.ratings(comparator=comparator) if r.area_code in names]
    rows = with_targets((rated_row(r, cat.known_measure(r.measure_id), names[r.area_code], b.label, credited)
                         for r in found), api.targets(), {m.id: m for m in cat.measures})
    out = sorted((csv_row(r) for r in rows), key=lambda r: (r["measure_id"], r["period"], r["council"]))
    return Table(f"ratings-{slug}", f"Ratings against {b.label}",
                 f"Every North West council's value of every measure in every year, rated against {b.label}, "
                 "with the reason for each rating, its change since the year before and its recent trend.",
                 RATING_CSV_COLUMNS, out, ("measure_id", "council_code", "period"))


MEASURE_COLUMNS = ("measure_id", "domain", "name", "short_name", "unit", "decimals", "polarity", "rating_method",
                   "interval_method", "source", "source_url", "definition", "caveats", "held")


def measure_table(api: ReadAPI) -> Table:
    latest = api.latest_periods()
    rows = [{"measure_id": m.id, "domain": m.domain, "name": m.name, "short_name": m.short_name, "unit": m.unit,
             "decimals": m.decimals, "polarity": m.polarity, "rating_method": m.rating_method,
             "interval_method": m.interval_method, "source": m.source, "source_url": m.source_url,
             "definition": m.definition, "caveats": m.caveats, "held": latest.get(m.id)}
            for m in api.catalogue.measures]
    return Table("measures", "Measures", "Every measure: its definition, unit, which direction is better, how it is "
                 "rated, its source and its newest year held (blank: no values held).", MEASURE_COLUMNS, rows,
                 ("measure_id",))


RELEASE_COLUMNS = ("release_id", "source", "publisher", "licence", "status", "published_on", "imported", "file_name",
                   "values", "values_current", "superseded_by", "withdrawn")


def release_table(api: ReadAPI) -> Table:
    rows = [{"release_id": r["id"], "source": r["source"], "publisher": r["publisher"], "licence": r["licence"],
             "status": r["status"], "published_on": r["published_on"].isoformat() if r["published_on"] else None,
             "imported": r["imported_iso"], "file_name": r["file_name"], "values": r["rows"],
             "values_current": r["current_rows"], "superseded_by": r["superseded_by"],
             "withdrawn": f"{r['withdrawn']['on']}: {r['withdrawn']['reason']}" if r["withdrawn"] else None}
            for r in shown_releases(api)]
    return Table("releases", "Releases and revisions", "Every release of data behind this account: its source, "
                 "publisher, licence and status, and what revised or withdrew it.", RELEASE_COLUMNS, rows,
                 ("release_id",))


def tables(api: ReadAPI) -> list[Table]:
    return [*(rating_table(api, slug, comparator) for slug, comparator in STANDING), measure_table(api),
            release_table(api)]


# ------------------------------------------------------------------ the description (Frictionless Table Schema)
NUMBERS = {"value", "lower_ci", "upper_ci", "ci_level", "comparator_value"}
INTEGERS = {"release_id", "decimals", "values", "values_current", "superseded_by"}
DESCRIBED = {
    "council_code": "The council's ONS code.", "period": "The financial year (2023-24), or a quarter (2025-26 Q2).",
    "value_shown": "The value as the pages write it, with its unit, or why there is none.",
    "value": "The value, rounded to the measure's decimals; blank where there is none.",
    "colour": "The rating's colour: " + "; ".join(f"{c.key} ({c.counted})" for c in RATING_COLOURS.values()) + ".",
    "reason": "Why the council has this rating, in words: the method, the comparator, the interval and the year.",
    "red_red": "yes: worse than the benchmark and getting worse.",
    "release_id": "The release that brought the value (releases.csv).",
}


def field(name: str) -> dict:
    spec: dict = {"name": name, "type": "string"}
    if name in NUMBERS:
        spec["type"] = "number"
    elif name in INTEGERS:
        spec["type"] = "integer"
    elif name == "red_red":
        spec.update(type="boolean", trueValues=["yes"], falseValues=["no"])
    if name == "colour":
        spec["constraints"] = {"required": True, "enum": list(RATING_COLOURS)}
    elif name == "period":
        spec["constraints"] = {"required": True, "pattern": PERIOD}
    elif name == "council_code":
        spec["constraints"] = {"required": True, "pattern": "^E[0-9]{8}$"}
    if name in DESCRIBED:
        spec["description"] = DESCRIBED[name]
    return spec


def package(api: ReadAPI, written: list[Table], release: int) -> dict:
    sources = [{"title": r["source"], "path": "releases.csv"} for r in shown_releases(api)]
    return {
        "profile": "tabular-data-package", "name": f"north-west-asc-scorecard-release-{release}",
        "title": f"North West adult social care balanced scorecard, release {release}",
        "description": "Ratings of the North West's councils on published adult social care measures, with the "
                       "measures' definitions and the releases the values come from.",
        "licenses": [LICENCE], "sources": sources,
        "resources": [{
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "title": t.title,
            "description": t.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [field(c) for c in t.columns], "primaryKey": list(t.key), "missingValues": [""]},
        } for t in written],
    }


def write(api: ReadAPI, folder: Path, release: int) -> list[Table]:
    """The CSVs and their data package in `folder`; returns the tables (the spreadsheet writes the same)."""
    folder.mkdir(parents=True, exist_ok=True)
    found = tables(api)
    for t in found:
        with open(folder / f"{t.name}.csv", "w", encoding="utf-8", newline="") as out:
            write_csv(t.rows, t.columns, out)
    (folder / "datapackage.json").write_text(json.dumps(package(api, found, release), indent=1), encoding="utf-8")
    return found
