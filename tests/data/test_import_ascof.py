"""Importing real published files: ASCOF 2020-21 (official layout and template), 2018-19, 2019-20, Oflog."""

import csv
import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data import reference
from data.db import make_engine
from data.imports.ascof import period_from_name
from data.imports.problems import ImportFailed
from data.imports.run import import_file
from data.schema import Observation
from data.warehouse import init_warehouse
from tests.data.official_ascof import tidy_rows, write_official

META = {"source": "Test", "publisher": "Test", "licence": "OGL v3"}


def obs(engine, measure, area, period):
    with Session(engine) as s:
        return s.scalar(select(Observation).where(Observation.measure_id == measure, Observation.area_code == area,
                                                  Observation.period == period,
                                                  Observation.superseded_by_release_id.is_(None)))


def all_current(engine):
    with Session(engine) as s:
        return {(o.measure_id, o.area_code, o.period): (o.value, o.numerator, o.denominator, o.marker,
                                                       None if o.lower_ci is None else round(o.lower_ci, 3))
                for o in s.scalars(select(Observation).where(Observation.superseded_by_release_id.is_(None)))}


@pytest.fixture(scope="module")
def rows_2021():
    return tidy_rows("ascof_2020_21_official_tidy.csv")


def test_the_official_2020_21_file_imports_with_published_values(empty, tmp_path, rows_2021):
    unmapped = {**next(r for r in rows_2021 if r["disaggregation"] == "Total"), "measure_id": "9Z9"}
    path = write_official(tmp_path / "meas-from-asc-of-eng-2021-open-data-csv_v2.csv", [*rows_2021, unmapped],
                          bom=True, crlf=True)
    summary = import_file(empty, path, "ascof")
    assert summary.periods == {"2020-21"} and summary.release_id == 1
    admissions = obs(empty, "ascof_2a2", "E08000009", "2020-21")
    assert (admissions.value, admissions.numerator, admissions.denominator) == (639.4, 265, 41443)
    short_term = obs(empty, "ascof_2d", "E08000009", "2020-21")
    assert (short_term.value, short_term.numerator, short_term.denominator) == (45.5, 297, 653)
    assert obs(empty, "ascof_2d", "E92000001", "2020-21").value == 74.9
    assert obs(empty, "ascof_2d", "E12000002", "2020-21").value == 75.7
    survey = obs(empty, "ascof_1b", "E08000009", "2020-21")
    assert survey.value is None and survey.marker == "[x]"
    assert summary.skipped["breakdowns by age or sex (the scorecard keeps the headline Total)"] > 10_000
    assert summary.skipped["council-type rows (M, U, S, I, O)"] > 0
    assert any("9Z9 is not in the catalogue" in reason for reason in summary.skipped)
    assert obs(empty, "ascof_1c1b", "E08000009", "2020-21").value == 41.0  # carers' self-directed support


def test_survey_margins_become_intervals(empty, tmp_path, rows_2021):
    import_file(empty, write_official(tmp_path / "ascof-2021.csv", rows_2021), "ascof")
    york = obs(empty, "ascof_1a", "E06000014", "2020-21")
    assert (york.value, york.lower_ci, york.upper_ci, york.ci_level) == (19.1, 18.6, 19.6, 95.0)


def test_the_tidy_file_through_the_template_gives_the_same_observations(empty, tmp_path, rows_2021):
    codes = {"2D": "ascof_2d", "2A1": "ascof_2a1", "2A2": "ascof_2a2", "1A": "ascof_1a", "2B1": "ascof_2b1"}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["area_code", "period", "measure_id", "value", "numerator", "denominator", "lower_ci",
                     "upper_ci", "marker"])
    keep = [r for r in rows_2021 if r["measure_id"] in codes and r["disaggregation"] == "Total"
            and r["geographical_level"] != "Council Type"]
    for r in keep:
        margin = float(r["margin_of_error"]) if r["margin_of_error"] else None
        value = float(r["value"]) if r["value"] else None
        lower, upper = ("", "") if margin is None or value is None else (round(value - margin, 6),
                                                                         round(value + margin, 6))
        writer.writerow([r["area_code"], r["period"], codes[r["measure_id"]], r["value"], r["numerator"],
                         r["denominator"], lower, upper, r["value_flag"] if not r["value"] else ""])
    template = tmp_path / "tidy.csv"
    template.write_text(out.getvalue(), encoding="utf-8")
    import_file(empty, template, "csv", metadata=META)
    via_template = all_current(empty)

    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    init_warehouse(other, initial="none")
    official = [r for r in rows_2021 if r["measure_id"] in codes]
    import_file(other, write_official(tmp_path / "ascof-2021.csv", official), "ascof")
    assert via_template == all_current(other) and len(via_template) == len(keep)


@pytest.mark.parametrize("period", ["2018-19", "2019-20"])
def test_the_2018_19_and_2019_20_outcomes_import(empty, tmp_path, period):
    rows = tidy_rows("ascof_2018_19_2019_20_outcomes.csv", period)
    summary = import_file(empty, write_official(tmp_path / f"ascof-{period}.csv", rows), "ascof", period=period)
    assert summary.rows_accepted > 3000
    published = next(float(r["value"]) for r in rows if r["measure_id"] == "2A2" and r["area_code"] == "E08000009"
                     and r["disaggregation"] == "Total")
    assert obs(empty, "ascof_2a2", "E08000009", period).value == published
    if period == "2018-19":  # the carers' survey year and the last full year of delayed transfers
        assert obs(empty, "ascof_1d", "E08000009", period).value is not None
        assert obs(empty, "ascof_2c1", "E08000009", period).value is not None


def test_the_2023_24_layout_and_renumbered_codes_are_read(empty, tmp_path, rows_2021):
    renumber = {"2D": "2A", "2A1": "2B", "2A2": "2C", "1G": "2E"}
    gone = {a.code for a in reference.areas() if a.kind == "council" and not a.exists_in("2023-24")}
    rows = [{**r, "measure_id": renumber[r["measure_id"]], "period": "2023-24"} for r in rows_2021
            if r["measure_id"] in renumber and r["area_code"] not in gone]
    path = write_official(tmp_path / "ascof-2023-24.csv", rows, new_layout=True)
    assert path.read_text().splitlines()[0].startswith("Geographical code,Geographical description")
    summary = import_file(empty, path, "ascof")
    assert summary.periods == {"2023-24"}
    assert obs(empty, "ascof_2d", "E08000009", "2023-24").value == 45.5      # new 2A is the old 2D
    assert obs(empty, "ascof_2a2", "E08000009", "2023-24").value == 639.4    # new 2C is the old 2A2


def test_cumbria_in_a_2023_24_file_is_refused_with_its_successors_named(empty, tmp_path, rows_2021):
    rows = [{**r, "measure_id": "2A"} for r in rows_2021 if r["measure_id"] == "2D"]
    before = all_current(empty)
    with pytest.raises(ImportFailed) as failed:
        import_file(empty, write_official(tmp_path / "x.csv", rows, new_layout=True), "ascof", period="2023-24")
    (problem,) = [p for p in failed.value.problems if p.code == "area_not_in_period" and p.value == "E10000006"]
    assert "Cumberland (E06000063) and Westmorland and Furness (E06000064)" in problem.message
    assert all_current(empty) == before


def test_an_ascof_file_must_say_its_year(empty, tmp_path, rows_2021):
    with pytest.raises(ImportFailed) as failed:
        import_file(empty, write_official(tmp_path / "ascof.csv", rows_2021[:50]), "ascof")
    assert [p.code for p in failed.value.problems] == ["missing_period"]


def test_an_ascof_name_or_cassr_code_that_does_not_match_is_refused(empty, tmp_path, rows_2021):
    rows = [dict(r) for r in rows_2021 if r["measure_id"] == "2D"]
    for r in rows:
        if r["area_code"] == "E08000009":
            r["area_name"] = "Stockport"
    with pytest.raises(ImportFailed) as failed:
        import_file(empty, write_official(tmp_path / "a-2021.csv", rows), "ascof")
    assert {p.code for p in failed.value.problems} == {"area_name_mismatch"}


@pytest.mark.parametrize("name, period", [("meas-from-asc-of-eng-2021-open-data-csv_v2.csv", "2020-21"),
                                          ("meas-from-asc-of-eng-1819-open-data-csv-v2.csv", "2018-19"),
                                          ("ascof-2023-24.csv", "2023-24"), ("ascof_2020_21_tidy.csv", "2020-21"),
                                          ("ASCOF-2019_20.csv", "2019-20"), ("ascof.csv", None)])
def test_the_period_is_read_from_the_file_name(name, period):
    assert period_from_name(name) == period


def test_without_a_year_the_message_suggests_the_likely_one(empty, tmp_path, rows_2021):
    from data.imports.ascof import likely_period

    with pytest.raises(ImportFailed) as failed:
        import_file(empty, write_official(tmp_path / "ascof.csv", rows_2021[:50]), "ascof")
    (problem,) = failed.value.problems
    assert problem.code == "missing_period" and f"--period {likely_period()}" in problem.message
    assert likely_period() < "2099-00"


def test_oflog_measures_import_through_the_template(empty, tmp_path):
    codes = {"ASC1": "ascof_1d", "ASC2": "ascof_1j", "ASC3": "ascof_3d1", "ASC4": "ascof_3d2", "ASC5": "ascof_2d",
             "ASC6": "rw_requests_per_100k", "ASC7": "rw_turnover"}
    rows = tidy_rows("oflog_asc_measures_2015_2023.csv")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["area_code", "area_name", "period", "measure_id", "value", "marker", "note"])
    for r in rows:
        writer.writerow([r["area_code"], r["area_name"], r["period"], codes[r["measure_id"]], r["value"],
                         "" if r["value"] else "[x]", "Oflog Local Authority Data Explorer"])
    path = tmp_path / "oflog.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    summary = import_file(empty, path, "csv", metadata={**META, "publisher": "Office for Local Government"})
    assert summary.rows_accepted == len(rows) and len(summary.areas) >= 150
    published = next(float(r["value"]) for r in rows if r["measure_id"] == "ASC5" and r["area_code"] == "E08000009"
                     and r["period"] == "2022-23")
    assert obs(empty, "ascof_2d", "E08000009", "2022-23").value == published
