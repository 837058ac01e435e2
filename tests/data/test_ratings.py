"""Precomputed ratings: real published data, comparators, keying by release, the read API and the CSV."""

import csv
import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.catalogue import catalogue
from data.cli import main
from data.comparisons import NO_ENGLAND_QUARTILES
from data.db import session_factory
from data.published.sources import rows as bundled_rows
from data.rated_rows import RATING_CSV_COLUMNS
from data.read_api import ReadAPI
from data.releases import ReleaseMeta, add_release
from data.schema import RatingRow

MEASURES = {"2D": "ascof_2d", "2A2": "ascof_2a2", "2A1": "ascof_2a1", "2B1": "ascof_2b1"}



@pytest.fixture
def engine(empty_engine):
    """Each test's warehouse starts ready and empty, on SQLite and on PostgreSQL."""
    return empty_engine

def real_ascof_2020_21(known_codes: set[str]) -> list[dict]:
    """The headline ("Total") rows of four ASCOF measures from NHS Digital's 2020-21 file (its bundled copy), as
    observations."""
    rows = []
    for r in bundled_rows("ascof_2020_21"):
        if r["measure_id"] in MEASURES and r["disaggregation"] == "Total" and r["area_code"] in known_codes:
            value = float(r["value"]) if r["value"] else None
            rows.append({"measure_id": MEASURES[r["measure_id"]], "area_code": r["area_code"],
                         "period": r["period"], "value": value,
                         "numerator": float(r["numerator"]) if r["numerator"] else None,
                         "denominator": float(r["denominator"]) if r["denominator"] else None,
                         "marker": None if value is not None else (r["value_flag"] or "[x]")})
    return rows


@pytest.fixture
def real_warehouse(engine):
    api = ReadAPI(engine)
    rows = real_ascof_2020_21(set(api.areas()))
    with session_factory(engine).begin() as session:
        meta = ReleaseMeta("ASCOF 2020-21", "NHS Digital", "OGL v3", "ascof_2020_21.csv.gz", "e" * 64)
        add_release(session, meta, rows)
    return api


def _one(api, comparator, measure, area="E08000009"):
    rows = api.ratings(comparator=comparator, period="2020-21", measure=measure)
    (row,) = [r for r in rows if r.area_code == area]
    return row


def test_trafford_short_term_outcomes_are_significantly_worse_than_england(real_warehouse):
    row = _one(real_warehouse, "england", "ascof_2d")
    assert (row.value, row.rating, row.colour) == (45.5, "Worse", "red")
    # England from its published counts, unrounded (METHODS.md): 74.9% as published, 74.903% as counted
    assert round(row.comparator_value, 1) == 74.9 and row.comparator_value != 74.9
    assert (round(row.lower_ci, 1), round(row.upper_ci, 1)) == (41.7, 49.3)
    # and councils differ far more than chance explains, yet Trafford is outside even the wider funnel limits
    assert row.reason == ("Significantly lower than England (45.5%, 95% CI 41.7–49.3; England 74.9%). "
                          "Higher is better. Unusual even allowing for the usual variation between councils "
                          "(outside the funnel plot's wider limits).")


def test_trafford_admissions_65_plus_use_byar_and_the_published_north_west(real_warehouse):
    row = _one(real_warehouse, "region", "ascof_2a2")
    assert row.value == 639.4 and row.interval_method == "Byar's method"
    assert (round(row.lower_ci, 2), round(row.upper_ci, 2)) == (564.75, 721.24)
    assert row.comparator_name == "North West" and row.comparator_basis == "published"


def test_every_north_west_council_is_rated_against_every_standing_comparator(real_warehouse):
    for comparator in ("region", "england", "nearest_neighbours"):
        rated = {r.area_code for r in real_warehouse.ratings(comparator=comparator, period="2020-21",
                                                                measure="ascof_2d")}
        assert {c["code"] for c in real_warehouse.councils_in("2020-21")} <= rated


def test_without_a_published_region_value_the_region_is_pooled(engine):
    api = ReadAPI(engine)
    rows = [r for r in real_ascof_2020_21(set(api.areas())) if r["area_code"] != "E12000002"]
    nw = [r for r in rows if r["measure_id"] == "ascof_2d" and r["area_code"] in
          {c["code"] for c in api.councils_in("2020-21")} and r["value"] is not None]
    with session_factory(engine).begin() as session:
        add_release(session, ReleaseMeta("ASCOF", "NHS Digital", "OGL v3", "f.csv", "f" * 64), rows)
    row = _one(api, "region", "ascof_2d")
    pooled = 100 * sum(r["numerator"] for r in nw) / sum(r["denominator"] for r in nw)
    assert row.comparator_basis == "pooled" and row.comparator_name == "North West (pooled)"
    assert row.comparator_value == pytest.approx(pooled, abs=0.01)


def test_ratings_are_keyed_by_the_newest_release_and_replaced_when_one_lands(real_warehouse):
    engine = real_warehouse.engine
    with session_factory(engine).begin() as session:
        second = add_release(session, ReleaseMeta("fix", "NHS Digital", "OGL v3", "g.csv", "9" * 64, status="revised"),
                             [{"measure_id": "ascof_2d", "area_code": "E08000009", "period": "2020-21",
                               "numerator": 500, "denominator": 653, "value": 76.6, "marker": "[r]"}])
    with Session(engine) as session:
        assert set(session.scalars(select(RatingRow.release_id).distinct())) == {second.id}
    row = _one(ReadAPI(engine), "england", "ascof_2d")
    assert (row.value, row.rating) == (76.6, "Similar")


def test_demo_warehouse_has_ratings_red_red_and_narrative(api):
    councils = {c["code"] for c in api.councils_in("2024-25")}
    rows = [r for r in api.ratings(comparator="region", period="2024-25") if r.area_code in councils]
    assert {r.area_code for r in rows} == councils
    assert len(rows) == len(councils) * len(catalogue().measures)
    assert {r.colour for r in rows} == {"green", "amber", "red", "neutral", "grey"}
    every_year = api.ratings(comparator="england")
    red_red = [r for r in every_year if r.red_red]
    assert red_red and all(r.colour == "red" and r.trend_verdict == "getting worse" for r in red_red)
    assert any(r.narrative and " than North West (" in r.narrative for r in rows)  # the rating's benchmark, named


def test_england_quartiles_are_not_faked_from_one_region(api):
    """A warehouse of one region's councils (the demo at the region's scope) cannot rank them among England's: it
    says so and offers the region."""
    row = next(r for r in api.ratings(comparator="england", period="2024-25", measure="rw_vacancy")
               if r.value is not None)
    assert row.rating == "Not rated" and row.reason == NO_ENGLAND_QUARTILES


def test_england_quartiles_rank_among_every_english_council(published):
    """The published data hold every English council (as the national demo does): quartiles against England are
    made."""
    rows = [r for r in published.ratings(comparator="england", period="2022-23", measure="ascof_1j")
            if r.value is not None]
    assert len(rows) > 140 and {r.rating for r in rows} == {"Best quartile", "Middle quartiles", "Worst quartile"}


def test_categorical_measures_are_shown_not_rated(api):
    rows = api.ratings(comparator="region", period="2024-25", measure="lg_political_control")
    assert rows and all(r.rating == "Not rated" and r.text_value for r in rows)


def test_the_read_api_answers_the_pages_questions(api):
    region = {c["code"] for c in api.councils_in("2024-25")}
    domain = [r for r in api.ratings(comparator="region", period="2024-25", domain="performance-outcomes")
              if r.area_code in region]
    assert len(region) == 24 and len(api.catalogue.measures_in("performance-outcomes")) == 11
    assert len({(r.area_code, r.measure_id) for r in domain}) == len(domain) == 24 * 11
    council = api.ratings(comparator="nearest_neighbours", period="2024-25", area="E08000009")
    assert len(council) == len(catalogue().measures) and {r.comparator for r in council} == {"nearest_neighbours"}
    series = api.trend_series("ascof_2a2", ["E08000009", "E92000001"])
    assert [r["period"] for r in series["E08000009"]] == [f"{y}-{(y + 1) % 100:02d}" for y in range(2015, 2025)]


def test_chosen_councils_are_rated_on_demand(api):
    chosen = ["E08000001", "E08000002", "E08000003", "E08000004", "E08000005"]
    rows = api.rate_against_chosen("ascof_2a2", "2024-25", chosen)
    assert len(rows) == 24 and all(r.comparator_name == "the chosen councils' median" for r in rows)
    assert {r.colour for r in rows} <= {"green", "amber", "red", "grey"}
    too_few = api.rate_against_chosen("rw_vacancy", "2024-25", chosen[:3])
    assert all(r.rating == "Not rated" for r in too_few)


def test_scorecard_ratings_writes_the_download_csv(demo_db_url, capsys):
    assert main(["--database-url", demo_db_url, "ratings", "-", "--area", "E08000009", "--period", "2024-25",
                 "--domain", "national-priorities-partnerships", "--comparator", "england"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(catalogue().measures_in("national-priorities-partnerships"))
    assert {r["benchmark"] for r in rows} == {r["comparator"] for r in rows} == {"England"}
    row = next(r for r in rows if r["measure_id"] == "ascof_2a2")
    assert row["council"] == "Trafford" and row["reason"].endswith("Lower is better.")
    assert row["interval_method"] == "Byar's method" and row["source"].endswith(f"final release {row['release_id']}")
    # The same columns, in the same order, as every page's download.
    assert list(rows[0]) == list(RATING_CSV_COLUMNS)


def test_scorecard_ratings_rejects_an_unknown_domain(demo_db_url, capsys):
    assert main(["--database-url", demo_db_url, "ratings", "-", "--domain", "nope"]) == 2
    assert "unknown domain 'nope'" in capsys.readouterr().err


def test_formula_looking_text_is_escaped_in_csv():
    from data.csvout import to_csv

    text = to_csv([{"a": "=HYPERLINK(\"x\")", "b": -1.5, "c": "@cmd", "d": "fine"}], ["a", "b", "c", "d"])
    (row,) = list(csv.reader(io.StringIO(text)))[1:]
    assert row == ["'=HYPERLINK(\"x\")", "-1.5", "'@cmd", "fine"]


def test_without_counts_or_a_published_value_the_region_is_the_median(engine):
    api = ReadAPI(engine)
    councils = [c["code"] for c in api.councils_in("2022-23")]
    values = {code: float(i) for i, code in enumerate(councils, start=20)}
    rows = [{"measure_id": "rw_vacancy", "area_code": code, "period": "2022-23", "value": v}
            for code, v in values.items()]
    with session_factory(engine).begin() as session:
        add_release(session, ReleaseMeta("Skills for Care", "SfC", "OGL v3", "sfc.csv", "5" * 64), rows)
    row = _one_in(api, "region", "rw_vacancy", "2022-23", councils[0])
    assert row.comparator_basis == "median"
    assert row.comparator_name == f"the median of the {len(councils)} North West councils"
    assert row.comparator_value == pytest.approx(sorted(values.values())[len(values) // 2])
    assert row.rating == "Best quartile" and row.colour == "green"  # 20% is the lowest vacancy rate


def test_nearest_neighbours_are_their_group_s_median(api):
    group = api.nearest_neighbours("E08000009")["members"]
    by_area = {r.area_code: r.value for r in api.ratings(comparator="region", period="2023-24",
                                                             measure="ascof_2a2")}
    row = _one_in(api, "nearest_neighbours", "ascof_2a2", "2023-24")
    import statistics

    assert row.comparator_value == pytest.approx(statistics.median(by_area[c] for c in group
                                                                      if by_area.get(c) is not None))


def _one_in(api, comparator, measure, period, area="E08000009"):
    (row,) = [r for r in api.ratings(comparator=comparator, period=period, measure=measure) if r.area_code == area]
    return row
