"""Imports refuse what is not real and never crash: each case from the hostile-input review (issue 16) gets its
problem code, and the warehouse is left exactly as it was."""

import os
import subprocess
import sys
import threading
import tracemalloc

import pytest

from data.imports.ascof import checked_period
from data.imports.csvfile import MAX_CELL_CHARS
from data.imports.problems import MAX_PROBLEMS, ImportFailed
from data.imports.run import import_file
from tests.data.official_ascof import tidy_rows, write_official
from tests.data.test_import_template import (
    GOOD,
    HEADER,
    META,
    accepted,
    csv_text,
    current,
    refused,
    state,
    write,
)

SHORT = "area_code,period,measure_id,value"


def short(*rows: str) -> str:
    return csv_text(*rows, header=SHORT)


# (case, file contents, expected problem code)
REFUSED = [
    ("the review's row: turnover in 9999-00", short("E08000009,9999-00,rw_turnover,31.5"), "period_out_of_range"),
    ("a year far in the future", short("E08000009,2099-00,ascof_2d,45.5"), "period_out_of_range"),
    ("a year after next", short("E08000009,2030-31,ascof_2d,45.5"), "period_out_of_range"),
    ("year nought", short("E08000009,0000-01,ascof_2d,45.5"), "period_out_of_range"),
    ("before the scorecard's data", short("E08000009,1900-01,ascof_2d,45.5"), "period_out_of_range"),
    ("turnover before Skills for Care's first year", short("E08000009,2015-16,rw_turnover,31.5"),
     "period_out_of_range"),
    ("delayed transfers after the collection stopped", short("E08000009,2023-24,ascof_2c1,10.2"),
     "period_out_of_range"),
    ("an underscore in a number", short("E08000009,2023-24,ascof_2d,1_0"), "not_plain_number"),
    ("Arabic-Indic digits", short("E08000009,2023-24,ascof_2d,٣١"), "not_plain_number"),
    ("full-width digits", short("E08000009,2023-24,ascof_2d,３１"), "not_plain_number"),
    ("an exponent", short("E08000009,2023-24,cq_care_home_beds,1e300"), "not_plain_number"),
    ("more beds than there are people", short("E08000009,2023-24,cq_care_home_beds,"
                                              "1000000000000000000000000000000"), "implausible_value"),
    ("a score above its scale", short("E08000009,2023-24,ascof_1a,25"), "implausible_value"),
    ("a rate above 100,000 per 100,000", short("E08000009,2023-24,ascof_2a2,100001"), "implausible_value"),
    ("half a person", csv_text("E08000009,2023-24,ascof_2d,25,2.5,10,,,,,"), "not_whole_number"),
    ("a trillion people", csv_text("E08000009,2023-24,ascof_2d,100,1000000000000,1000000000000,,,,,"),
     "implausible_value"),
    ("an unclosed quote at the end", short("E08000009,2023-24,ascof_2d,45.5").replace(SHORT, SHORT + ",note")
     .replace("45.5", '45.5,"unterminated note\nE08000001,2023-24,ascof_2d,70.0,\nE08000002,2023-24,ascof_2d,60,'),
     "unclosed_quote"),
    ("a quote that swallows rows before it closes", csv_text(
        'E08000009,2023-24,ascof_2d,45.5,297,653,,,,,"a note\nE08000001,2023-24,ascof_2d,70.0,700,1000,,,,,\n'
        'E08000002,2023-24,ascof_2d,60.0,600,1000,,,,,ends here"'), "unclosed_quote"),
    ("a category longer than 80 characters", short("E08000009,2023-24,lg_political_control," + "C" * 81),
     "cell_too_long"),
    ("a note longer than 1,000 characters", csv_text("E08000009,2023-24,ascof_2d,45.5,297,653,,,,," + "n" * 1001),
     "cell_too_long"),
    ("a cell longer than the cell limit", csv_text("E08000009,2023-24,ascof_2d,45.5,297,653,,,,,"
                                                   + "x" * (MAX_CELL_CHARS + 1)), "cell_too_long"),
    ("a quoted cell over the csv module's 128 KB limit", csv_text('E08000009,2023-24,ascof_2d,45.5,297,653,,,,,"'
                                                                  + "y" * 140_000 + '"'), "cell_too_long"),
    ("a line over 256 KB", short("E08000009,2023-24,ascof_2d," + "9" * 300_000), "line_too_long"),
    ("a NUL byte after the first 4 KB", csv_text(*GOOD, *[f"E08000009,2023-24,ascof_2d,45.5,297,653,,,,,n{i}"
                                                          for i in range(200)]).replace("n199", "n\x00"), "nul_byte"),
    ("a malformed quote mid-cell", short('E08000009,2023-24,ascof_2d,"45"5'), "csv_error"),
]


@pytest.mark.parametrize("case,text,code", REFUSED, ids=[c[0] for c in REFUSED])
def test_a_hostile_file_is_refused_with_its_code_and_nothing_changes(warehouse, tmp_path, case, text, code):
    failed = refused(warehouse, write(tmp_path, text), code)
    assert all(p.row or p.column for p in failed.problems if p.code == code), failed.report()


def test_the_reviews_row_is_refused_with_the_measures_published_years(warehouse, tmp_path):
    failed = refused(warehouse, write(tmp_path, short("E08000009,9999-00,rw_turnover,31.5")), "period_out_of_range")
    assert "Staff turnover is published from 2016-17" in failed.report() and "9999-00" in failed.report()


def test_release_metadata_on_the_command_line_is_checked_like_a_cell(warehouse, tmp_path):
    path = write(tmp_path, csv_text(*GOOD))
    for bad in ("=HYPERLINK(\"http://evil\",\"click\")", "@SUM(A1)", "line one\nline two", "s" * 301):
        before = state(warehouse)
        with pytest.raises(ImportFailed) as failed:
            import_file(warehouse, path, "csv", metadata={**META, "source": bad})
        assert [p.code for p in failed.value.problems] == ["bad_metadata"] and state(warehouse) == before
    in_file = write(tmp_path, '# source: =HYPERLINK("http://x","y")\n# publisher: p\n# licence: l\n'
                    + csv_text(*GOOD), "in-file.csv")
    with pytest.raises(ImportFailed) as failed:
        import_file(warehouse, in_file, "csv")
    assert [(p.code, p.column) for p in failed.value.problems] == [("bad_metadata", "source")]
    assert state(warehouse) == before


def test_excels_trailing_empty_columns_are_accepted(warehouse, tmp_path):
    rows = [row + ",,," for row in GOOD]
    accepted(warehouse, write(tmp_path, csv_text(*rows, header=HEADER + ",,,")))
    assert current(warehouse, "ascof_2d", "E08000009").value == 45.5


def test_utf16_is_named_as_utf16(warehouse, tmp_path):
    path = write(tmp_path, csv_text(*GOOD).encode("utf-16"))
    assert "UTF-16" in refused(warehouse, path, "not_utf8").report()
    path = write(tmp_path, csv_text(*GOOD).encode("utf-16-le"), "no-bom.csv")  # no byte-order mark either
    assert "UTF-16" in refused(warehouse, path, "not_utf8").report()


def test_the_size_limit_and_its_message_use_the_same_megabyte(warehouse, tmp_path):
    rows = [f"E08000009,2023-24,ascof_2d,45.5,297,653,,,,,{'n' * 900}" for _ in range(1_700)]
    path = write(tmp_path, csv_text(*rows))
    assert 1_500_000 < path.stat().st_size < 1_700_000
    failed = refused(warehouse, path, "file_too_large", max_bytes=1_000_000)
    assert "the limit of 1 MB" in failed.report()


def test_the_size_limit_holds_for_a_pipe(warehouse, tmp_path):
    """`scorecard import csv <(cat big.csv)`: the limit counts bytes as they are read, not the file's size."""
    row = "E08000009,2023-24,ascof_2d,45.5,297,653,,,,," + "n" * 900 + "\n"
    read_fd, write_fd = os.pipe()

    def feed():
        try:
            with os.fdopen(write_fd, "w") as out:
                out.write(HEADER + "\n")
                for _ in range(5_000):  # 4.7 MB, never all in memory at once
                    out.write(row)
        except BrokenPipeError:
            pass  # the importer stopped reading at the limit

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        failed = refused(warehouse, f"/dev/fd/{read_fd}", "file_too_large", max_bytes=1_000_000)
    finally:
        os.close(read_fd)
        writer.join()
    assert "the limit of 1 MB" in failed.report()


def test_blank_lines_are_counted_in_bounded_memory(warehouse, tmp_path):
    """Blank lines used to be kept (10 MB of them took 1.9 GB; these 3 MB, about 570 MB): now they are counted as
    they are read."""
    path = write(tmp_path, csv_text(*GOOD) + "\n" * 3_000_000)
    tracemalloc.start()
    try:
        summary = accepted(warehouse, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.skipped["blank line"] == 3_000_000 and summary.rows_accepted == 2
    assert peak < 30_000_000, f"peak {peak / 1e6:.0f} MB"


@pytest.mark.parametrize("where", ["missing.csv", "a-folder"])
def test_a_missing_file_or_a_folder_gets_one_clear_line(warehouse, tmp_path, where):
    (tmp_path / "a-folder").mkdir()
    failed = refused(warehouse, tmp_path / where, "no_file")
    assert len(failed.problems) == 1 and ("folder" in failed.report() or "no file" in failed.report())


def test_a_long_login_name_still_imports(warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("LOGNAME", "u" * 200)
    monkeypatch.setenv("USER", "u" * 200)
    accepted(warehouse, write(tmp_path, csv_text(*GOOD)))


def test_thousands_of_problems_are_counted_but_only_a_thousand_kept(warehouse, tmp_path):
    rows = [f"E08000009,2023-24,ascof_2d,bad{i},,,,,,," for i in range(MAX_PROBLEMS + 500)]
    failed = refused(warehouse, write(tmp_path, csv_text(*rows)), "not_a_number")
    total = 2 * (MAX_PROBLEMS + 500) - 1  # each value is not a number, and each row after the first repeats its key
    assert len(failed.problems) == MAX_PROBLEMS and failed.total == total
    assert f"{total:,} problem(s)" in failed.report() and f"… and {total - 50:,} more." in failed.report()


@pytest.mark.parametrize("given,expected", [("2022/23", ("2022-23", None)), ("1990-91", (None, "period_out_of_range")),
                                            ("2099-00", (None, "period_out_of_range")),
                                            ("9999-00", (None, "period_out_of_range")),
                                            ("last year", (None, "bad_period")), ("2022-24", (None, "bad_period"))])
def test_an_ascof_period_is_read_or_refused_with_a_code(given, expected):
    period, problem = checked_period(given, "ascof.csv")
    assert (period, problem.code if problem else None) == expected


def test_an_ascof_file_for_2099_is_refused_not_reported_as_matching(warehouse, tmp_path):
    path = write_official(tmp_path / "ascof.csv", tidy_rows("ascof_2020_21_official_tidy.csv", "2020-21")[:40])
    before = state(warehouse)
    with pytest.raises(ImportFailed) as failed:
        import_file(warehouse, path, "ascof", period="2099-00")
    assert [p.code for p in failed.value.problems] == ["period_out_of_range"] and state(warehouse) == before


def test_the_command_line_refuses_without_a_traceback(tmp_path):
    """Run as a user would: a missing file, a folder and a bad --period each get one line and exit 1."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}"}
    subprocess.run([sys.executable, "-m", "data.cli", "init", "--empty"], env=env, check=True, capture_output=True)
    (tmp_path / "folder").mkdir()
    good = write(tmp_path, csv_text(*GOOD))
    for args in (["csv", str(tmp_path / "nope.csv")], ["csv", str(tmp_path / "folder")],
                 ["ascof", str(good), "--period", "1990-91"], ["ascof", str(good), "--period", "2022/23/24"]):
        run = subprocess.run([sys.executable, "-m", "data.cli", "import", *args, "--source", "s", "--publisher", "p",
                              "--licence", "l"], env=env, capture_output=True, text=True)
        assert run.returncode == 1 and "Traceback" not in run.stderr and "Nothing was imported" in run.stderr, args


def test_a_full_disk_during_an_import_is_one_line_and_changes_nothing(tmp_path):
    """Issue 26: a full disk printed a raw traceback (the data were intact). The process may write no file larger
    than the warehouse is now plus 200 KB (as a disk with that much free space), then fills it with the published
    bundle: one line naming the full disk, exit 1, and the warehouse still opens, with no release in it."""
    import resource
    import signal
    import sqlite3

    database = tmp_path / "w.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, "-m", "data.cli", "init", "--empty"], env=env, check=True, capture_output=True)
    room = database.stat().st_size + 200_000

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    run = subprocess.run([sys.executable, "-m", "data.cli", "init"], env=env, capture_output=True, text=True,
                         preexec_fn=small_disk)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "disk is full" in run.stderr and "nothing was changed" in run.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM releases").fetchone() == (0,)
