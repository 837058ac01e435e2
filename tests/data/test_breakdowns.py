"""Breakdowns by age and sex (issue 31): read from the official ASCOF files with the release that brought them,
refused when a row is not real, read back as at a pin on SQLite and PostgreSQL, and rated: Trafford's short-term
support outcomes (2D) by age in 2020-21, its intervals and ratings worked out here again from the official file."""

from __future__ import annotations

import csv
import gzip
import math
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from data.breakdowns import BreakdownError, add_breakdowns, breakdown_rows, read_breakdowns
from data.db import session_factory
from data.releases import ReleaseMeta, add_release
from page_models import breakdown_model

OFFICIAL = Path(__file__).parents[2] / "data" / "published" / "ascof_2020_21.csv.gz"
Z = 1.959963984540054  # the 97.5th percentile of the normal distribution


def official(area: str, code: str, group: str) -> dict:
    with gzip.open(OFFICIAL, "rt", newline="") as f:
        return next(r for r in csv.DictReader(f) if r["area_code"] == area and r["ascof_measure_code"] == code
                    and r["disaggregation"] == group)


def wilson(k: float, n: float) -> tuple[float, float]:
    """Wilson's score interval for k of n, in per cent (Newcombe 1998, method 3)."""
    p = k / n
    centre, half = p + Z * Z / (2 * n), Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return 100 * (centre - half) / (1 + Z * Z / n), 100 * (centre + half) / (1 + Z * Z / n)


@pytest.mark.parametrize("group, code", [("18-64", "2D1864"), ("65 and over", "2D65OV")])
def test_trafford_s_short_term_outcomes_by_age_as_worked_out_from_the_official_file(published, group, code):
    row, england = official("E08000009", code, group), official("E92000001", code, group)
    k, n, benchmark = float(row["numerator"]), float(row["denominator"]), float(england["value"])
    lower, upper = wilson(k, n)
    expected = "Better" if lower > benchmark else "Worse" if upper < benchmark else "Similar"  # higher is better
    page = breakdown_model.build(published, published.catalogue.known_measure("ascof_2d"), "2020-21", "england")
    assert page is not None and page.period == "2020-21" and page.benchmark == "England"
    by_age = next(t for t in page.tables if t.kind == "age")
    at = breakdown_model.BY_AGE.index(group)
    assert by_age.groups[at] == f"{breakdown_model.GROUP_WORDS[group]} (England: {benchmark:.1f}%)"
    trafford = next(r for r in by_age.rows if r.code == "E08000009").cells[at]
    assert trafford.value == f"{float(row['value']):.1f}%"
    assert trafford.interval == f"95% CI {lower:.1f}–{upper:.1f}"
    assert trafford.rating == expected
    assert f"England's value for people aged {'18 to 64' if group == '18-64' else '65 and over'}" in trafford.reason


def test_the_year_shown_without_breakdowns_gives_the_newest_with_them_and_its_councils(published):
    page = breakdown_model.build(published, published.catalogue.known_measure("ascof_2d"), "2023-24", "north-west")
    assert page.period == "2020-21" and "2023-24" in page.note and page.benchmark == "the North West"
    codes = {r.code for t in page.tables for r in t.rows}
    assert "E10000006" in codes and "E06000063" not in codes  # Cumbria had the duties in 2020-21
    assert len(codes) == 23


def test_survey_years_most_councils_skipped_are_not_shown_as_the_region_s(published):
    """2020-21's user survey ran in 18 councils: quality of life by age is shown for 2019-20 instead."""
    page = breakdown_model.build(published, published.catalogue.known_measure("ascof_1a"), "2020-21", "england")
    assert page is not None and page.period == "2019-20"


def _source(**changed) -> list[dict]:
    row = {"area_code": "E08000009", "geographical_level": "Council", "period": "2020-21", "measure_id": "2D",
           "disaggregation": "18-64", "value": "44.0", "numerator": "22", "denominator": "50"}
    return [{"area_code": "E92000001", **{k: v for k, v in row.items() if k != "area_code"},
             "geographical_level": "England"}, row | changed]


@pytest.mark.parametrize("changed, column", [({"value": "４４.0"}, "value"), ({"period": "9999-00"}, "period"),
                                             ({"area_code": "E99999999"}, "area_code"),
                                             ({"denominator": "fifty"}, "denominator")])
def test_a_row_that_is_not_real_is_refused_naming_its_row_and_column(changed, column):
    with pytest.raises(BreakdownError, match=rf"^ascof\.csv, row 3, column {column}: "):
        breakdown_rows("ascof.csv", _source(**changed))


def test_headline_rows_and_codes_outside_the_catalogue_are_left_out():
    rows = breakdown_rows("ascof.csv", _source() + [{**_source()[1], "disaggregation": "Total"},
                                                     {**_source()[1], "measure_id": "9Z"}])
    assert [(r["area_code"], r["breakdown"], r["value"], r["numerator"]) for r in rows] == [
        ("E92000001", "18-64", 44.0, 22.0), ("E08000009", "18-64", 44.0, 22.0)]


def test_breakdowns_are_read_as_at_a_pin(empty_engine):
    """On SQLite and PostgreSQL: a later release's breakdown replaces the earlier one's, except as at the earlier."""
    with session_factory(empty_engine).begin() as session:
        first = add_release(session, ReleaseMeta("ASCOF", "NHS England", "OGL v3", "a.csv", "a" * 64), [])
        add_breakdowns(session, first.id, breakdown_rows("a.csv", _source()))
    with session_factory(empty_engine).begin() as session:
        second = add_release(session, ReleaseMeta("ASCOF", "NHS England", "OGL v3", "b.csv", "b" * 64), [])
        add_breakdowns(session, second.id, breakdown_rows("b.csv", _source(value="46.0", numerator="23")))
    with Session(empty_engine) as session:
        now = {(r["area_code"], r["value"]) for r in read_breakdowns(session, "ascof_2d", "2020-21", None)}
        then = {(r["area_code"], r["value"]) for r in read_breakdowns(session, "ascof_2d", "2020-21", first.id)}
    assert now == {("E92000001", 44.0), ("E08000009", 46.0)}
    assert then == {("E92000001", 44.0), ("E08000009", 44.0)}
