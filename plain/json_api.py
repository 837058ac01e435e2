"""The release's static JSON API, written with its account under `api/v1/`: an index, every release, one file per
measure (every council × year × benchmark rating, with its reason) and one per council (each measure's newest year
against each benchmark), and an OpenAPI 3.1 description of them all (`openapi.json`). Files, not a service: any web
server or CDN serves them, and a release's files never change.

The rows are the CSVs' rows (plain/open_data.py) and their schema is made from the same field list as the data
package's, so a value, a type or a rating word is the same in every form."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from data.read_api import ReadAPI
from plain.open_data import (
    MEASURE_COLUMNS,
    RELEASE_COLUMNS,
    STANDING,
    Table,
    field,
)

VERSION = "v1"
# What a rating row says in the API: the CSV's columns without those the file it is in already says.
PER_MEASURE = ("domain", "measure_id", "measure", "unit")


def json_type(spec: dict) -> dict:
    """A Table Schema field as JSON Schema (null where a cell may be blank)."""
    kind = {"number": "number", "integer": "integer", "boolean": "boolean"}.get(spec["type"], "string")
    out: dict = {"type": [kind, "null"]}
    constraints = spec.get("constraints", {})
    if "enum" in constraints:
        out = {"enum": constraints["enum"]}
    elif "pattern" in constraints:
        out = {"type": "string", "pattern": constraints["pattern"]}
    if "description" in spec:
        out["description"] = spec["description"]
    return out


def object_schema(columns, required=()) -> dict:
    return {"type": "object", "additionalProperties": False, "required": list(required),
            "properties": {c: json_type(field(c)) for c in columns}}


def openapi(rating_columns: tuple[str, ...], release: int) -> dict:
    """The OpenAPI 3.1 description of the files (GET only, each a static file)."""
    rating = object_schema([c for c in rating_columns if c not in PER_MEASURE],
                           ("council_code", "period", "benchmark", "rating", "colour", "reason"))
    link = {"type": "object", "required": ["href"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "code": {"type": "string"}, "name": {"type": "string"},
                           "domain": {"type": "string"}, "href": {"type": "string"}}}

    def ok(schema: str, what: str) -> dict:
        return {"get": {"summary": what, "responses": {"200": {"description": what, "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}}}}
    measure_id = {"name": "measure_id", "in": "path", "required": True, "schema": {"type": "string"}}
    council_code = {"name": "council_code", "in": "path", "required": True,
                    "schema": {"type": "string", "pattern": "^E[0-9]{8}$"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "North West adult social care balanced scorecard: static JSON API",
                 "version": f"{VERSION}, release {release}",
                 "description": "Static files published with each release's account. Every rating of the North "
                                "West's councils with its reason, against the North West, England and each council's "
                                "nearest neighbours. A release's files never change; a new release is a new set.",
                 "license": {"name": "Open Government Licence v3.0", "identifier": "OGL-UK-3.0"}},
        "servers": [{"url": ".", "description": "the folder this description is in (api/v1/ of an account)"}],
        "paths": {
            "/index.json": ok("Index", "What the API holds: its release, every measure and council, with links"),
            "/releases.json": ok("Releases", "Every release of data behind this account"),
            "/measures/{measure_id}.json": {**ok("MeasureFile", "One measure: its definition and every rating"),
                                            "parameters": [measure_id]},
            "/councils/{council_code}.json": {**ok("CouncilFile", "One council: each measure's newest year, rated"),
                                              "parameters": [council_code]},
        },
        "components": {"schemas": {
            "Rating": rating,
            "Measure": object_schema(MEASURE_COLUMNS, ("measure_id", "name", "unit", "polarity")),
            "Release": object_schema(RELEASE_COLUMNS, ("release_id", "source", "status")),
            "Link": link,
            "Index": {"type": "object", "required": ["release", "releases", "measures", "councils"],
                      "additionalProperties": False,
                      "properties": {"release": {"type": "integer"}, "title": {"type": "string"},
                                     "licence": {"type": "string"}, "benchmarks": {"type": "array", "items":
                                                                                   {"type": "string"}},
                                     "openapi": {"type": "string"}, "releases": {"type": "string"},
                                     "measures": {"type": "array", "items": {"$ref": "#/components/schemas/Link"}},
                                     "councils": {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}}},
            "Releases": {"type": "object", "required": ["release", "releases"], "additionalProperties": False,
                         "properties": {"release": {"type": "integer"}, "releases": {
                             "type": "array", "items": {"$ref": "#/components/schemas/Release"}}}},
            "MeasureFile": {"type": "object", "required": ["release", "measure", "ratings"],
                            "additionalProperties": False,
                            "properties": {"release": {"type": "integer"},
                                           "measure": {"$ref": "#/components/schemas/Measure"},
                                           "ratings": {"type": "array",
                                                       "items": {"$ref": "#/components/schemas/Rating"}}}},
            "CouncilFile": {"type": "object", "required": ["release", "council", "ratings"],
                            "additionalProperties": False,
                            "properties": {"release": {"type": "integer"},
                                           "council": {"type": "object", "required": ["code", "name"],
                                                       "properties": {"code": {"type": "string"},
                                                                      "name": {"type": "string"}}},
                                           "ratings": {"type": "array", "items": {"type": "object", "properties": {
                                               "measure_id": {"type": "string"}, "measure": {"type": "string"},
                                               "rating": {"$ref": "#/components/schemas/Rating"}}}}}},
        }},
    }


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write(api: ReadAPI, found: list[Table], folder: Path, release: int) -> int:
    """Every file of the API in `folder` (api/v1/); returns how many."""
    by_name = {t.name: t for t in found}
    ratings = [r for slug, _ in STANDING for r in by_name[f"ratings-{slug}"].rows]
    shown = [c for c in by_name[f"ratings-{STANDING[0][0]}"].columns if c not in PER_MEASURE]
    measures = {r["measure_id"]: r for r in by_name["measures"].rows}
    councils = {c["code"]: c["name"] for c in api.region_councils()}
    by_measure: dict[str, list[dict]] = defaultdict(list)
    newest: dict[tuple[str, str, str], dict] = {}
    for r in ratings:
        by_measure[r["measure_id"]].append({c: r[c] for c in shown})
        key = (r["council_code"], r["measure_id"], r["benchmark"])
        if key not in newest or r["period"] > newest[key]["period"]:
            newest[key] = r
    for m, row in measures.items():
        _dump(folder / "measures" / f"{m}.json", {"release": release, "measure": row, "ratings": by_measure[m]})
    for code, name in councils.items():
        mine = sorted((r for (c, _, _), r in newest.items() if c == code),
                      key=lambda r: (r["measure_id"], r["benchmark"]))
        _dump(folder / "councils" / f"{code}.json", {"release": release, "council": {"code": code, "name": name},
                                                      "ratings": [{"measure_id": r["measure_id"],
                                                                   "measure": r["measure"],
                                                                   "rating": {c: r[c] for c in shown}}
                                                                  for r in mine]})
    _dump(folder / "releases.json", {"release": release, "releases": by_name["releases"].rows})
    _dump(folder / "index.json", {
        "release": release, "title": f"North West adult social care balanced scorecard, release {release}",
        "licence": "Open Government Licence v3.0", "benchmarks": [slug for slug, _ in STANDING],
        "openapi": "openapi.json", "releases": "releases.json",
        "measures": [{"id": m, "name": row["name"], "domain": row["domain"], "href": f"measures/{m}.json"}
                     for m, row in measures.items()],
        "councils": [{"code": code, "name": name, "href": f"councils/{code}.json"} for code, name in councils.items()]})
    (folder / "openapi.json").write_text(json.dumps(openapi(by_name[f"ratings-{STANDING[0][0]}"].columns, release),
                                                    indent=1), encoding="utf-8")
    return len(measures) + len(councils) + 3
