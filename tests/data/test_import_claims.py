"""Imports never claim what they did not do (issue 26): a file that lands no row, a file name naming two years, data
for a year that has not ended, and values the measure cannot take are each refused with a code, on SQLite and
PostgreSQL alike, and the warehouse is left as it was."""

from __future__ import annotations

import pytest

from data import reference
from data.imports.ascof import checked_period, last_ended_year
from data.imports.problems import ImportFailed
from data.imports.run import import_file
from data.periods import current_financial_year
from tests.data.official_ascof import tidy_rows, write_official
from tests.data.test_import_template import HEADER, META, csv_text, refused, state, write

# Three 2020-21 measures under the codes the refreshed framework gave them in 2023-24
REFRESHED = {"2A2": "2C", "2D": "2A", "1C1A": "3D1A"}


AREAS = {a.code: a for a in reference.areas()}


def _refreshed_file(tmp_path, name="ascof-outcomes.csv"):
    """(Councils that existed in both 2021-22 and 2023-24: Cumbria, split in 2023, and Northamptonshire are left
    out.)"""
    rows = [dict(r, measure_id=REFRESHED[r["measure_id"]]) for r in tidy_rows("ascof_2020_21_official_tidy.csv")
            if r["measure_id"] in REFRESHED and (r["area_code"] not in AREAS or AREAS[r["area_code"]].kind != "council"
                                                 or all(AREAS[r["area_code"]].exists_in(p)
                                                        for p in ("2021-22", "2023-24")))]
    return write_official(tmp_path / name, rows, new_layout=True)


def _refused_ascof(engine, path, **options) -> list:
    before = state(engine)
    with pytest.raises(ImportFailed) as failed:
        import_file(engine, path, "ascof", **options)
    assert state(engine) == before
    return failed.value.problems


def test_a_file_for_the_wrong_framework_year_is_refused_not_reported_as_unchanged(empty_engine, tmp_path):
    path = _refreshed_file(tmp_path)
    (problem,) = _refused_ascof(empty_engine, path, period="2021-22")
    assert problem.code == "no_rows_used"
    assert "ASCOF from 2023-24 (refreshed framework)" in problem.message and "--period" in problem.message
    # the right year lands every row
    assert import_file(empty_engine, path, "ascof", period="2023-24").rows_accepted > 300


def test_a_file_name_with_two_years_asks_for_the_year(empty_engine, tmp_path):
    path = _refreshed_file(tmp_path, "ascof-2021-22-revised-2023-24.csv")
    (problem,) = _refused_ascof(empty_engine, path)
    assert problem.code == "ambiguous_period" and "2021-22 and 2023-24" in problem.message
    assert checked_period(None, "meas-from-asc-of-eng-2021-open-data-csv.csv") == ("2020-21", None)


def test_ascof_data_for_a_year_that_has_not_ended_is_refused(empty_engine, tmp_path):
    now = current_financial_year()
    assert checked_period(now, "ascof.csv")[1].code == "period_out_of_range"
    assert checked_period(last_ended_year(), "ascof.csv") == (last_ended_year(), None)
    (problem,) = _refused_ascof(empty_engine, _refreshed_file(tmp_path), period=now)
    assert problem.code == "period_out_of_range" and "has not ended yet" in problem.message
    # the same rule for an ASCOF measure in the scorecard's own template
    template = write(tmp_path, csv_text(f"E08000009,{now},ascof_2d,45.5,297,653,,,,,"))
    assert "has not ended yet" in refused(empty_engine, template, "period_out_of_range").problems[0].message


SHORT = "area_code,period,measure_id,value,numerator,denominator"
IMPOSSIBLE = [
    ("a CQC rating that is not one of CQC's words", "E08000009,2024-25,lg_cqc_overall,Excellent,,", "unknown_category"),
    ("a CQC score of 0 on its 1-4 scale", "E08000009,2024-25,lg_cqc_qs8_governance,0,,", "below_scale"),
    ("50% from 0 of 0", "E08000009,2022-23,ascof_2d,50,0,0", "zero_denominator"),
    ("500 per 100,000 from 0 of 0", "E08000009,2022-23,ascof_2a2,500,0,0", "zero_denominator"),
    ("a value of -0", "E08000009,2022-23,rw_turnover,-0,,", "negative_zero"),
    ("a rate of -0.0", "E08000009,2022-23,ascof_2a2,-0.0,,", "negative_zero"),
]


@pytest.mark.parametrize("case,row,code", IMPOSSIBLE, ids=[c[0] for c in IMPOSSIBLE])
def test_a_value_the_measure_cannot_take_is_refused(empty_engine, tmp_path, case, row, code):
    refused(empty_engine, write(tmp_path, csv_text(row, header=SHORT)), code)


def test_a_template_whose_rows_are_all_skipped_lands_nothing_and_says_so(empty_engine, tmp_path):
    path = write(tmp_path, csv_text("E08000009,2022-23,not_a_measure,45.5,,,,,,,", header=HEADER))
    problem = refused(empty_engine, path, "no_rows_used", skip_unknown_measures=True).problems[0]
    assert "every row was skipped" in problem.message and "not_a_measure" in problem.message


def test_the_words_of_a_category_with_a_fixed_list_land(empty_engine, tmp_path):
    path = write(tmp_path, csv_text("E08000009,2024-25,lg_cqc_overall,Requires improvement,,",
                                    "E08000009,2024-25,lg_cqc_qs8_governance,1,,", header=SHORT))
    assert import_file(empty_engine, path, "csv", metadata=META).rows_accepted == 2
