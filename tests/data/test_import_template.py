"""The template importer: every bad input gets its stable code, and the warehouse is left unchanged."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.catalogue import catalogue
from data.imports.problems import ImportFailed
from data.imports.run import import_file
from data.periods import within
from data.schema import Observation, RatingRow, Release

META = {"source": "Test data", "publisher": "Test publisher", "licence": "OGL v3", "status": "final"}
HEADER = "area_code,period,measure_id,value,numerator,denominator,lower_ci,upper_ci,ci_level,marker,note"
GOOD = ["E08000009,2023-24,ascof_2d,45.5,297,653,,,,,", "E08000001,2023-24,ascof_2d,70.0,700,1000,,,,,"]


def state(engine):
    with Session(engine) as s:
        return (s.scalar(select(func.count()).select_from(Observation)),
                s.scalar(select(func.count()).select_from(Release)),
                s.scalar(select(func.count()).select_from(RatingRow)),
                s.scalar(select(func.sum(Observation.value))))


def write(tmp_path, text: str | bytes, name="data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def csv_text(*rows, header=HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def refused(engine, path, code, **options):
    before = state(engine)
    with pytest.raises(ImportFailed) as failed:
        import_file(engine, path, "csv", metadata=META, **options)
    codes = [p.code for p in failed.value.problems]
    assert code in codes, failed.value.report()
    assert state(engine) == before, "nothing may be written when there is any problem"
    return failed.value


def accepted(engine, path, **options):
    summary = import_file(engine, path, "csv", metadata=META, **options)
    assert summary.release_id is not None, summary.report()
    return summary


def current(engine, measure, area, period="2023-24"):
    with Session(engine) as s:
        return s.scalar(select(Observation).where(Observation.measure_id == measure, Observation.area_code == area,
                                                  Observation.period == period,
                                                  Observation.superseded_by_release_id.is_(None)))


def test_a_survey_margin_of_error_becomes_the_interval(warehouse, tmp_path):
    path = tmp_path / "margin.csv"
    path.write_text("area_code,period,measure_id,value,margin_of_error\nE08000009,2023-24,ascof_1b,77.5,2.4\n",
                    encoding="utf-8")
    import_file(warehouse, path, "csv", metadata=META)
    o = current(warehouse, "ascof_1b", "E08000009")  # the published 2023-24 value is superseded by this one
    assert (o.value, o.lower_ci, o.upper_ci, o.ci_level) == (77.5, 75.1, 79.9, 95.0)


@pytest.mark.parametrize("row, code", [("E08000009,2023-24,ascof_1b,77.5,70,80,2.4", "interval_and_margin"),
                                       ("E08000009,2023-24,ascof_1b,77.5,,,-2.4", "negative_value")])
def test_a_margin_with_an_interval_or_below_zero_is_refused(warehouse, tmp_path, row, code):
    path = tmp_path / "margin.csv"
    path.write_text(f"area_code,period,measure_id,value,lower_ci,upper_ci,margin_of_error\n{row}\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_file(warehouse, path, "csv", metadata=META)
    assert [p.code for p in failed.value.problems] == [code]


def test_unknown_measures_can_be_counted_as_skipped_instead(warehouse, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("area_code,period,measure_id,value\nE08000009,2023-24,rw_vacancy,9.1\n"
                    "E08000009,2023-24,asc_new_thing,3\nE08000001,2023-24,asc_new_thing,4\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_file(warehouse, path, "csv", metadata=META)
    assert {p.code for p in failed.value.problems} == {"unknown_measure"}
    summary = import_file(warehouse, path, "csv", metadata=META, skip_unknown_measures=True)
    assert summary.rows_accepted == 1 and summary.skipped["measure not in the catalogue (asc_new_thing)"] == 2


@pytest.mark.parametrize("content, code", [
    ("", "empty_file"),
    ("\n\n  \n", "empty_file"),
    (HEADER + "\n", "no_rows"),
    (csv_text(*GOOD).replace(",", ";"), "wrong_delimiter"),
    (csv_text(*GOOD).replace(",", "\t"), "wrong_delimiter"),
    (csv_text("E08000009,2023-24,ascof_2d", header="area_code,period,measure_id"), "missing_column"),
    (csv_text("E08000009,2023-24,ascof_2d,45.5,x", header="area_code,period,measure_id,value,foo"), "unknown_column"),
    (csv_text("E08000009,2023-24,ascof_2d,45.5,46", header="area_code,period,measure_id,value,Value"),
     "duplicate_column"),
    (csv_text(GOOD[0], "E08000001,2023-24,ascof_2d,70.0"), "ragged_row"),
    (csv_text("E99999999,2023-24,ascof_2d,45.5,297,653,,,,,"), "unknown_area"),
    (csv_text("E10000006,2023-24,ascof_2d,45.5,297,653,,,,,"), "area_not_in_period"),
    (csv_text("45%", header="value").replace("value\n45%", HEADER + "\nE08000009,2023-24,ascof_2d,45%,,,,,,,"),
     "percent_sign"),
    (csv_text("E08000009,2023-24,ascof_2d,NaN,,,,,,,"), "not_a_number"),
    (csv_text("E08000009,2023-24,ascof_2d,inf,,,,,,,"), "not_a_number"),
    (csv_text("E08000009,2023-24,ascof_2d,forty,,,,,,,"), "not_a_number"),
    (csv_text("E08000009,2023-24,rw_net_spend_per_adult,-12,,,,,,,"), "negative_value"),
    (csv_text("E08000009,2023-24,ascof_2d,104.0,,,,,,,"), "percent_over_100"),
    (csv_text("E08000009,2023-24,ascof_2d,45.5,700,653,,,,,"), "numerator_above_denominator"),
    (csv_text("E08000009,2023-24,ascof_2d,80.0,297,653,,,,,"), "value_disagrees_with_counts"),
    (csv_text("E08000009,2023-24,ascof_1b,77.5,,,70.1,75.0,95,,"), "interval_excludes_value"),
    (csv_text("E08000009,2023-24,ascof_1b,77.5,,,70.1,,95,,"), "interval_incomplete"),
    (csv_text("E08000009,2023-24,ascof_1b,77.5,,,70.1,80.0,90,,"), "bad_ci_level"),
    (csv_text("E08000009,2023-13,ascof_2d,45.5,297,653,,,,,"), "bad_period"),
    (csv_text("E08000009,FY23,ascof_2d,45.5,297,653,,,,,"), "bad_period"),
    (csv_text("E08000009,2023/24,ascof_2d,45.5,297,653,,,,,", "E08000001,2022-23,ascof_2d,70.0,700,1000,,,,,"),
     "mixed_period_format"),
    (csv_text(GOOD[0], GOOD[0]), "duplicate_key"),
    (csv_text("E08000009,2023-24,ascof_9z,45.5,,,,,,,"), "unknown_measure"),
    (csv_text("E08000009,2023-24,ascof_2d,=1+2,,,,,,,"), "formula_like"),
    (csv_text("E08000009,2023-24,ascof_2d,45.5,297,653,,,,,=HYPERLINK(\"http://x\")"), "formula_like"),
    (csv_text("@SUM(A1),2023-24,ascof_2d,45.5,297,653,,,,,"), "formula_like"),
    (csv_text("E08000009,2023-24,ascof_2d,45.5,297,653,,,,[q],"), "unknown_marker"),
    (csv_text("E08000009,2023-24,ascof_2d,45.5,,,,,,[c],"), "value_with_marker"),
    (csv_text("E08000009,2023-24,ascof_2d,,,,,,,,"), "no_value"),
    (csv_text(*GOOD, "E08000003,2023-24,ascof_2d,71.0,710,1000,,,,,", "E08000004,2023-24,nope,1,,,,,,,"),
     "unknown_measure"),  # all valid except the last row: rejected whole
])
def test_bad_input_is_refused_with_its_code_and_nothing_changes(warehouse, tmp_path, content, code):
    refused(warehouse, write(tmp_path, content), code)


def test_a_name_that_does_not_match_the_code_is_refused(warehouse, tmp_path):
    text = csv_text("E08000009,Bolton,2023-24,ascof_2d,45.5,,,,,,,", header=HEADER.replace("area_code,",
                                                                                           "area_code,area_name,"))
    problem = refused(warehouse, write(tmp_path, text), "area_name_mismatch").problems[0]
    assert problem.row == 2 and problem.column == "area_code" and "E08000009 is Trafford" in problem.message


def test_windows_1252_is_refused_with_how_to_save_as_utf8(warehouse, tmp_path):
    text = csv_text("E08000009,2023-24,ascof_2d,45.5,297,653,,,,,Café £5 note").encode("cp1252")
    problem = refused(warehouse, write(tmp_path, text), "not_utf8").problems[0]
    assert "CSV UTF-8" in problem.message and problem.row == 2


@pytest.mark.parametrize("magic", [b"PK\x03\x04rest-of-an-xlsx", b"\xd0\xcf\x11\xe0old-xls"])
def test_a_workbook_renamed_csv_is_refused(warehouse, tmp_path, magic):
    assert "not CSV" in refused(warehouse, write(tmp_path, magic), "not_csv").problems[0].message


def test_a_file_over_the_size_limit_is_refused(warehouse, tmp_path):
    refused(warehouse, write(tmp_path, csv_text(*GOOD)), "file_too_large", max_bytes=50)


def test_missing_release_metadata_is_refused(warehouse, tmp_path):
    before = state(warehouse)
    with pytest.raises(ImportFailed) as failed:
        import_file(warehouse, write(tmp_path, csv_text(*GOOD)), "csv", metadata={})
    assert {p.code for p in failed.value.problems} == {"bad_metadata"} and state(warehouse) == before


def test_every_problem_is_reported_at_once_with_row_and_column(warehouse, tmp_path):
    text = csv_text("E99999999,2023-24,ascof_2d,45.5,297,653,,,,,", "E08000009,2023-24,ascof_2d,104,,,,,,,",
                    "E08000001,FY23,ascof_2d,45.5,297,653,,,,,")
    failed = refused(warehouse, write(tmp_path, text), "unknown_area")
    found = {(p.code, p.row, p.column) for p in failed.problems}
    assert {("unknown_area", 2, "area_code"), ("percent_over_100", 3, "value"), ("bad_period", 4, "period")} <= found
    assert "data.csv, row 3, column value" in failed.report()


def test_bom_crlf_other_case_and_order_blank_lines_and_footnotes_are_accepted(warehouse, tmp_path):
    header = "VALUE,Measure_ID,Period,Area_Code"
    text = "\r\n".join([header, "45.5,ascof_2d,2023-24,E08000009", "", "70.0,ascof_2d,2023-24,E08000001", "",
                        "Source: a council's own records", "Note: provisional figures"]) + "\r\n"
    summary = accepted(warehouse, write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert summary.rows_accepted == 2
    assert summary.skipped["footnote under the table"] == 2 and summary.skipped["blank line"] >= 1
    assert current(warehouse, "ascof_2d", "E08000009").value == 45.5


def test_slash_periods_alone_and_thousands_separators_are_accepted(warehouse, tmp_path):
    text = csv_text('E08000009,2023/24,rw_requests_per_100k,"4,512",,,,,,,')
    accepted(warehouse, write(tmp_path, text))
    assert current(warehouse, "rw_requests_per_100k", "E08000009").value == 4512


@pytest.mark.parametrize("symbol, marker", [("[c]", "[c]"), ("[x]", "[x]"), ("[z]", "[z]"), ("[u]", "[u]"),
                                            ("[low]", "[low]"), ("*", "[c]"), ("..", "[x]"), (":", "[z]"),
                                            ("[C]", "[c]")])
def test_every_gss_marker_is_stored_with_value_null(warehouse, tmp_path, symbol, marker):
    accepted(warehouse, write(tmp_path, csv_text(f"E08000009,2023-24,ascof_2d,{symbol},,,,,,,")))
    obs = current(warehouse, "ascof_2d", "E08000009")
    assert obs.value is None and obs.marker == marker


def test_a_script_in_a_note_is_stored_as_plain_text(warehouse, tmp_path):
    note = "<script>alert('x')</script> provisional"
    accepted(warehouse, write(tmp_path, csv_text(f"E08000009,2023-24,ascof_2d,45.5,297,653,,,,,{note}")))
    assert current(warehouse, "ascof_2d", "E08000009").note == note


def test_metadata_can_come_from_a_header_block(warehouse, tmp_path):
    text = "# source: Skills for Care estimates\n# publisher: Skills for Care\n# licence: OGL v3\n" \
           "# status: provisional\n" + csv_text("E08000009,2025-26,rw_vacancy,9.1,,,,,,,")  # a new period
    summary = import_file(warehouse, write(tmp_path, text), "csv")
    with Session(warehouse) as s:
        release = s.get(Release, summary.release_id)
    assert (release.source, release.publisher, release.status) == ("Skills for Care estimates", "Skills for Care",
                                                                   "provisional")


def test_the_example_template_must_be_filled_in_and_then_imports(warehouse, tmp_path):
    import csv
    import io

    from data.imports.template import example_csv

    before = state(warehouse)
    with pytest.raises(ImportFailed) as failed:  # as written, every row still needs its value
        import_file(warehouse, write(tmp_path, example_csv()), "csv")
    measures = len(catalogue().measures)
    assert {p.code for p in failed.value.problems} == {"no_value"} and len(failed.value.problems) == measures
    assert state(warehouse) == before
    lines = example_csv().splitlines(keepends=True)
    block, body = "".join(lines[:4]), list(csv.reader(io.StringIO("".join(lines[4:]))))
    # each measure in a year it is published for: 2024-25, or its last year if its collection stopped before
    assert all(within(row[1], *catalogue().measure(row[2]).period_range()) for row in body[1:])
    assert {row[1] for row in body[1:]} >= {"2024-25", "2019-20"}
    for row in body[1:]:  # a value on each measure's scale: a 1 (a score runs from 1), or a word from its list
        words = catalogue().measure(row[2]).categories
        row[4] = words[0] if words else "1"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(body)
    assert import_file(warehouse, write(tmp_path, block + out.getvalue()), "csv").rows_accepted == measures
