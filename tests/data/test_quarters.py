"""Quarterly periods and provisional returns (issue 28, part 2), on SQLite and PostgreSQL: quarters sort across
financial years, import only for measures collected quarterly and only in a provisional release, never move an
annual rating, add up to a year to date as the catalogue says, are rated among the councils that returned them, and
are superseded, and said to be, once the official annual figure for their year lands."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from data.imports.problems import ImportFailed
from data.imports.run import import_file
from data.periods import is_quarter, quarter_words, usable
from data.read_api import ReadAPI
from data.schema import Observation, RatingRow
from page_models import quarters_model

MEASURE = "np_discharge_same_day"  # quarterly: counts (numerators and denominators add up)
COUNCILS = ["E08000009", "E08000010", "E08000001", "E08000002", "E08000003", "E08000004"]
META = {"source": None, "publisher": None, "licence": None}


def _file(tmp_path, name: str, status: str, rows: list[str]):
    path = tmp_path / name
    path.write_text(f"# source: {name}\n# publisher: Test\n# licence: OGL v3\n# status: {status}\n"
                    "area_code,period,measure_id,value,numerator,denominator\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def _quarterly(tmp_path):
    """Two quarters of 2025-26 for six councils: council i returns 300 + 10i of 500, then 320 + 10i of 500."""
    rows = [f"{c},2025-26 Q1,{MEASURE},{(300 + 10 * i) / 5:.1f},{300 + 10 * i},500" for i, c in enumerate(COUNCILS)]
    rows += [f"{c},2025-26 Q2,{MEASURE},{(320 + 10 * i) / 5:.1f},{320 + 10 * i},500" for i, c in enumerate(COUNCILS)]
    return _file(tmp_path, "quarters.csv", "provisional", rows)


def test_quarters_sort_across_financial_years_and_say_their_months():
    periods = ["2025-26 Q1", "2024-25 Q4", "2025-26", "2024-25 Q1", "2024-25", "2025-26 Q2"]
    assert sorted(periods) == ["2024-25", "2024-25 Q1", "2024-25 Q4", "2025-26", "2025-26 Q1", "2025-26 Q2"]
    assert "2024-25 Q4" < "2025-26 Q1"
    assert quarter_words("2025-26 Q1") == "April to June 2025"
    assert quarter_words("2025-26 Q4") == "January to March 2026"
    assert [is_quarter(p) for p in ("2025-26 Q2", "2025-26 Q5", "2025-27 Q1", "2025-26Q1", "2025-26 q1")] == [
        True, False, False, False, False]
    assert not usable("2025-26 Q1")  # the annual views leave quarters out


def test_provisional_quarters_are_rated_among_themselves_and_superseded_by_the_official_year(empty_engine, tmp_path):
    annual = [f"{c},2024-25,{MEASURE},{60 + i}.0,{300 + 5 * i},500" for i, c in enumerate(COUNCILS)]
    import_file(empty_engine, _file(tmp_path, "annual.csv", "final", annual), "csv", metadata=META)
    with ReadAPI(empty_engine).sessions() as s:
        ratings = s.scalar(select(func.count()).select_from(RatingRow))
    import_file(empty_engine, _quarterly(tmp_path), "csv", metadata=META)
    api = ReadAPI(empty_engine)
    with api.sessions() as s:
        assert s.scalar(select(func.count()).select_from(RatingRow)) == ratings  # no annual rating moved
        assert s.scalar(select(func.count()).select_from(Observation).where(Observation.period.like("% Q_"))) == 12
    assert "2025-26 Q1" not in api.periods()  # the year selector offers years
    m = api.catalogue.known_measure(MEASURE)
    view = quarters_model.build(api, m)
    assert view is not None and view.quarters == ("2025-26 Q1", "2025-26 Q2") and not view.superseded
    assert view.headings[0] == "Q1 (April to June 2025)" and "Provisional" in view.note
    trafford = next(r for r in view.rows if r.code == "E08000009")
    assert trafford.cells == ("60.0%", "64.0%")
    assert trafford.to_date == "62.0%"  # (300 + 320) / (500 + 500): the counts added up, not the percentages
    # the newest quarter among the six that returned it: 64, 66, 68, 70, 72, 74; quartiles 66.5 and 71.5
    words = {r.code: r.latest.rating for r in view.rows}
    assert words["E08000009"] == "Worst quartile" and words["E08000004"] == "Best quartile"
    assert words["E08000001"] == "Middle quartiles"
    # the official year lands: it supersedes the returns, which are no longer rated
    official = [f"{c},2025-26,{MEASURE},{63 + i}.0,{315 + 5 * i},500" for i, c in enumerate(COUNCILS)]
    import_file(empty_engine, _file(tmp_path, "official.csv", "final", official), "csv", metadata=META)
    view = quarters_model.build(ReadAPI(empty_engine), m)
    assert view.superseded and "official annual figure for 2025-26 has been published" in view.note


@pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)
@pytest.mark.parametrize("status, row, code", [
    ("provisional", "E08000009,2025-26 Q1,ascof_2a2,500.0,,", "quarter_not_collected"),  # collected yearly
    ("final", f"E08000009,2025-26 Q1,{MEASURE},60.0,300,500", "quarter_needs_provisional"),
    ("provisional", f"E08000009,2025-26 Q5,{MEASURE},60.0,300,500", "bad_period"),
    ("provisional", f"E10000006,2025-26 Q1,{MEASURE},60.0,300,500", "area_not_in_period"),  # Cumbria had gone
    ("provisional", f"E08000009,9999-00 Q1,{MEASURE},60.0,300,500", "period_out_of_range"),
])
def test_a_quarter_that_is_not_real_or_not_collected_is_refused_with_its_code(empty_engine, tmp_path, status, row,
                                                                              code):
    with pytest.raises(ImportFailed) as failed:
        import_file(empty_engine, _file(tmp_path, "bad.csv", status, [row]), "csv", metadata=META)
    assert code in {p.code for p in failed.value.problems}, failed.value.report()
    with ReadAPI(empty_engine).sessions() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == 0
