"""The open data published with each account: the CSVs validate against their data package (and a file that breaks
it does not), the workbook opens with pandas as ODS and XLSX with a cover, contents and notes sheet and the same
values as the ratings CSV, and every JSON file validates against the OpenAPI description, releases.json listing
every release."""

from __future__ import annotations

import csv
import json
import shutil

import jsonschema
import pandas as pd
import pytest
from frictionless import validate

from plain.open_data import STANDING

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def test_every_csv_validates_against_its_description(published_site):
    report = validate(published_site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:10]
    package = json.loads((published_site / "data" / "datapackage.json").read_text())
    assert {r["path"] for r in package["resources"]} == {p.name for p in (published_site / "data").glob("*.csv")}
    assert sum(t.stats["rows"] for t in report.tasks) > 15_000  # every row was read: 3 × 5,181 ratings and more


def test_a_csv_that_breaks_its_description_is_caught(published_site, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(published_site / "data", copy)
    path = copy / "ratings-england.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    header = rows[0]
    rows[5][header.index("colour")] = "purple"
    rows[9][header.index("period")] = "9999"
    rows[12][header.index("value")] = "about 12"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    report = validate(copy / "datapackage.json")
    found = {(e[0], e[1]) for e in report.flatten(["rowNumber", "fieldName"])}
    assert {(6, "colour"), (10, "period"), (13, "value")} <= found


@pytest.mark.parametrize("kind", ["ods", "xlsx"])
def test_the_workbook_opens_with_a_cover_contents_and_notes_and_the_ratings_csv_s_values(published_site, kind):
    release = json.loads((published_site / "api" / "v1" / "index.json").read_text())["release"]
    book = pd.read_excel(published_site / "data" / f"scorecard-release-{release}.{kind}", sheet_name=None,
                         header=None, dtype=str)
    assert list(book)[:3] == ["Cover", "Contents", "Notes"]
    assert set(book) == {"Cover", "Contents", "Notes", "Ratings", "Measures", "Releases"}
    assert book["Cover"].iloc[0, 0].startswith("North West adult social care balanced scorecard")
    listed = set(book["Contents"].iloc[3:, 0])
    assert {"Ratings", "Measures", "Releases"} <= listed
    assert book["Notes"].iloc[3:, 1].str.len().min() > 40  # each note has its words
    sheet = book["Ratings"]
    start = sheet.index[sheet.iloc[:, 0] == "domain"][0]  # the header row, under the title and its notes
    table = sheet.iloc[start + 1:].reset_index(drop=True)
    table.columns = sheet.iloc[start]
    assert sheet.iloc[0, 0].startswith("Ratings against North West") and "[note 1]" in sheet.iloc[0, 0]
    expected = pd.read_csv(published_site / "data" / "ratings-north-west.csv", dtype=str, keep_default_na=False)
    assert len(table) == len(expected)
    for column in ("council_code", "period", "measure_id", "rating", "colour", "reason"):
        assert list(table[column].fillna("")) == list(expected[column]), column
    numbers = pd.to_numeric(table["value (in the measure's unit)"])
    assert numbers.round(6).fillna(-1).tolist() == pd.to_numeric(expected["value"]).round(6).fillna(-1).tolist()
    assert "%" not in set(table["unit"].fillna(""))  # a symbol alone in a cell is written in words


def _schema(spec: dict, name: str) -> dict:
    return {"$schema": DRAFT, "components": spec["components"], "$ref": f"#/components/schemas/{name}"}


def test_every_api_file_validates_against_the_openapi_description(published_site, published):
    root = published_site / "api" / "v1"
    spec = json.loads((root / "openapi.json").read_text())
    assert spec["openapi"].startswith("3.1")
    files = {"/index.json": [root / "index.json"], "/releases.json": [root / "releases.json"],
             "/measures/{measure_id}.json": sorted((root / "measures").glob("*.json")),
             "/councils/{council_code}.json": sorted((root / "councils").glob("*.json"))}
    assert set(spec["paths"]) == set(files)
    for path, found in files.items():
        ref = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        validator = jsonschema.Draft202012Validator(_schema(spec, ref.rsplit("/", 1)[1]))
        for f in found:
            errors = list(validator.iter_errors(json.loads(f.read_text(encoding="utf-8"))))
            assert errors == [], (f.name, errors[0].message)
    assert len(files["/measures/{measure_id}.json"]) == len(published.catalogue.measures)
    assert len(files["/councils/{council_code}.json"]) == len(published.region_councils())
    index = json.loads((root / "index.json").read_text())
    assert all((root / link["href"]).is_file() for link in index["measures"] + index["councils"])


def test_the_schema_refuses_a_file_that_breaks_it(published_site):
    root = published_site / "api" / "v1"
    spec = json.loads((root / "openapi.json").read_text())
    data = json.loads((root / "measures" / "ascof_1a.json").read_text())
    data["ratings"][0]["colour"] = "purple"
    data["ratings"][1]["value"] = "45"
    del data["ratings"][2]["reason"]
    errors = list(jsonschema.Draft202012Validator(_schema(spec, "MeasureFile")).iter_errors(data))
    assert len(errors) == 3


def test_releases_json_lists_every_release_and_a_measure_file_holds_every_rating(published_site, published):
    root = published_site / "api" / "v1"
    listed = json.loads((root / "releases.json").read_text())["releases"]
    assert sorted(r["release_id"] for r in listed) == sorted(r["id"] for r in published.releases())
    measure = json.loads((root / "measures" / "ascof_1a.json").read_text())
    councils = {c["code"] for c in published.region_councils()}
    stored = [r for _, comparator in STANDING for r in published.ratings(comparator=comparator, measure="ascof_1a")
              if r.area_code in councils]
    assert len(measure["ratings"]) == len(stored)
    trafford = next(r for r in measure["ratings"] if r["council_code"] == "E08000009" and r["period"] == "2023-24"
                    and r["benchmark"] == "England")
    same = next(r for r in stored if r.area_code == "E08000009" and r.period == "2023-24" and r.comparator == "england")
    assert (trafford["value"], trafford["rating"], trafford["reason"]) == (round(same.value, 1), same.rating,
                                                                         same.reason)
