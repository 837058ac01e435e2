"""The `scorecard` command line: init and releases, with clear help."""

import csv
import io
import subprocess
import sys

from data import demo
from data.catalogue import catalogue
from data.cli import main
from data.demo_quarters import quarterly_rows


def test_init_loads_the_published_bundle_one_release_per_source(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url, "init"]) == 0
    out = capsys.readouterr().out
    assert "Schema created." in out and "Loaded the published data bundle" in out
    assert main(["--database-url", url, "releases"]) == 0
    listing = capsys.readouterr().out
    assert "ASCOF 2020-21" in listing and "Council political control" in listing and "illustrative" not in listing


def test_init_demo_creates_and_loads_the_demo_then_releases_lists_it(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url, "init", "--demo", "--demo-scope", "north_west"]) == 0
    out = capsys.readouterr().out
    assert "Schema created." in out and "Loaded the illustrative demo release 2" in out  # 2: its quarterly returns
    assert main(["--database-url", url, "init"]) == 0
    assert "Schema already present" in capsys.readouterr().out
    assert main(["--database-url", url, "releases"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["id", "status", "rows", "current"]
    rows = demo.generate("north_west")
    n, q = str(len(rows)), str(len(quarterly_rows(demo.LAST_PERIOD, rows)))
    assert lines[2].split()[:4] == ["2", "provisional", q, q] and "[illustrative]" in lines[2]
    assert lines[3].split()[:4] == ["1", "final", n, n] and "[illustrative]" in lines[3]


def test_releases_on_an_empty_database_says_what_to_do(tmp_path, capsys):
    assert main(["--database-url", f"sqlite:///{tmp_path / 'none.db'}", "releases"]) == 2
    assert "Run `scorecard init` first" in capsys.readouterr().err


def test_the_console_script_has_help_for_each_command():
    out = subprocess.run([sys.executable, "-m", "data.cli", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert "init" in out and "releases" in out and "DATABASE_URL" in out
    out = subprocess.run([sys.executable, "-m", "data.cli", "init", "--help"], capture_output=True, text=True,
                         check=True).stdout
    assert "--demo" in out and "--empty" in out and "--demo-scope" in out


def test_import_prints_a_summary_and_export_escapes_formulas(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--database-url", url, "init", "--empty"]) == 0
    data = tmp_path / "sfc.csv"
    data.write_text("# source: Skills for Care\n# publisher: Skills for Care\n# licence: OGL v3\n"
                    "area_code,period,measure_id,value,note\n"
                    "E08000009,2023-24,rw_vacancy,9.1,-5 vacancies since March\n"
                    "E08000001,2023-24,rw_vacancy,7.4,\n\nSource: Skills for Care\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--database-url", url, "import", "csv", str(data)]) == 0
    out = capsys.readouterr().out
    assert "sfc.csv: imported as release 1." in out and "observations accepted: 2" in out
    assert "skipped 1: footnote under the table" in out and "periods: 2023-24" in out
    assert main(["--database-url", url, "export", "-", "--measure", "rw_vacancy"]) == 0
    exported = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["area_name"], r["value"], r["release_status"]) for r in exported] == [
        ("Bolton", "7.4", "final"), ("Trafford", "9.1", "final")]
    assert exported[1]["note"] == "'-5 vacancies since March"  # a spreadsheet would run "-5 …" as a formula


def test_a_failed_import_lists_every_problem_and_exits_1(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    main(["--database-url", url, "init", "--empty"])
    bad = tmp_path / "bad.csv"
    bad.write_text("area_code,period,measure_id,value\nE99999999,2023-24,rw_vacancy,9.1\n"
                   "E08000009,FY23,rw_vacancy,9.1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--database-url", url, "import", "csv", str(bad), "--source", "s", "--publisher", "p",
                 "--licence", "l"]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported from bad.csv: 2 problem(s) found." in err
    assert "bad.csv, row 2, column area_code" in err and "[unknown_area]" in err
    assert "bad.csv, row 3, column period" in err and "[bad_period]" in err


def test_template_writes_the_catalogue(capsys):
    assert main(["template"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("# source:") and lines[4].startswith("area_code,period,measure_id")
    assert len(lines) == 5 + len(catalogue().measures)


def test_the_progress_bar_shows_on_a_terminal(monkeypatch, capsys):
    from data.cli import Progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    bar = Progress("Reading big.csv")
    bar(25_000_000, 50_000_000)
    bar(50_000_000, 50_000_000)
    err = capsys.readouterr().err
    assert "Reading big.csv [###############...............] 25.0/50.0 MB" in err and err.endswith("\n")
    Progress("Reading a pipe")(3_500_000, 0)  # a pipe's size is not known beforehand: only what was read
    assert "Reading a pipe [..............................] 3.5 MB" in capsys.readouterr().err
