"""What changed between two releases (issue 28), on SQLite and PostgreSQL, on a pair of releases made for the purpose
of one quartile-rated measure (qualified workforce, higher is better) for eight councils:

release 1, 2016-17 to 2020-21: Trafford lowest and falling every year (worst quartile and falling each of the last
four steps: red-red); Wigan in the middle quartiles and falling.
release 2, 2021-22 and one revision: Wigan falls to the lowest (newly red, and now red-red: falling each of the last
four steps); Trafford rises (still worst quartile: still red, but no longer red-red); Bolton's 2019-20 value is
revised from 55 to 54. The region gains 2021-22.

Every expected line below follows from those values by METHODS.md's rules, worked by hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest

from data.accounts import Actor
from data.db import session_factory
from data.imports.run import import_file
from data.read_api import ReadAPI
from data.targets import TargetEntry, save
from page_models import changes_model, feed_model

TRAFFORD, WIGAN, BOLTON = "E08000009", "E08000010", "E08000001"
OTHERS = {"E08000002": 62, "E08000004": 65, "E08000005": 70, "E08000006": 75, "E08000007": 80}
YEARS = ["2016-17", "2017-18", "2018-19", "2019-20", "2020-21"]
HEADER = ("# source: Test workforce data\n# publisher: Test\n# licence: OGL v3\n"
          "area_code,period,measure_id,value\n")
META = {"source": None, "publisher": None, "licence": None}


def _write(path, rows: list[tuple[str, str, float]]):
    path.write_text(HEADER + "".join(f"{a},{p},rw_care_qualification,{v}\n" for a, p, v in rows), encoding="utf-8")
    return path


def _releases(engine, tmp_path) -> None:
    first = [(TRAFFORD, p, 48 - 2 * i) for i, p in enumerate(YEARS)]          # 48, 46, 44, 42, 40
    first += [(WIGAN, p, 60 - i) for i, p in enumerate(YEARS)]                 # 60, 59, 58, 57, 56
    first += [(BOLTON, p, 55) for p in YEARS]
    first += [(code, p, v) for code, v in OTHERS.items() for p in YEARS]
    import_file(engine, _write(tmp_path / "one.csv", first), "csv", metadata=META)
    second = [(TRAFFORD, "2021-22", 41), (WIGAN, "2021-22", 30), (BOLTON, "2021-22", 55), (BOLTON, "2019-20", 54)]
    second += [(code, "2021-22", v) for code, v in OTHERS.items()]
    import_file(engine, _write(tmp_path / "two.csv", second), "csv", metadata=META)


def _lines(page) -> set[tuple]:
    return {(r.kind, r.council, r.before_period, r.before, r.after_period, r.after) for r in page.rows}


def test_the_changes_between_two_releases_are_the_ones_the_values_make(empty_engine, tmp_path):
    _releases(empty_engine, tmp_path)
    api = ReadAPI(empty_engine)
    page = changes_model.build(api, api.pinned("1"), api, None)
    assert _lines(page) == {
        ("newly_red", "Wigan", "2020-21", "Middle quartiles", "2021-22", "Worst quartile"),
        ("entered_red_red", "Wigan", "2020-21", "Middle quartiles", "2021-22", "Worst quartile"),
        ("left_red_red", "Trafford", "2020-21", "Worst quartile", "2021-22", "Worst quartile"),
        ("revised", "Bolton", "2019-20", "55.0%", "2019-20", "54.0%"),
        ("new_data", "North West", "", "newest 2020-21", "", "2021-22"),
    }
    assert "ratings that became red: 1" in page.summary and "values revised: 1" in page.summary
    # one council: only its own changes, and the region's new data
    wigan = changes_model.build(api, api.pinned("1"), api, WIGAN)
    assert {r.kind for r in wigan.rows} == {"newly_red", "entered_red_red", "new_data"}
    assert {r.council for r in wigan.rows} == {"Wigan", "North West"}
    # the same point twice: nothing can have changed, and the page says so
    same = changes_model.build(api, api.pinned("2"), api, None)
    assert same.rows == () and "same release" in same.summary
    # the download is the page's rows
    assert [r["change"] for r in changes_model.csv_rows(page)] == [changes_model.KINDS[r.kind][0] for r in page.rows]


def test_a_target_newly_missed_is_listed_once_it_was_published_between_the_points(empty_engine, tmp_path):
    _releases(empty_engine, tmp_path)
    api = ReadAPI(empty_engine)
    before = api.pinned(f"2~{datetime.now(UTC):%Y%m%d%H%M%S}")  # a meeting's pin, before the target was published
    time.sleep(1.1)  # pins are to the second
    with session_factory(empty_engine).begin() as s:
        save(s, Actor("sam", "regional_analyst"), TRAFFORD, TargetEntry(
            "rw_care_qualification", "2021-22", 50, None, 2, "Workforce lead", "Back to 2016-17."), publish_now=True)
    page = changes_model.build(api, before, ReadAPI(empty_engine), TRAFFORD)
    assert ("target_missed", "Trafford", "2021-22", "no target or no value", "2021-22",
            "Target missed (at least 50.0%)") in _lines(page)


def test_the_feed_is_atom_and_lists_the_newest_release_first(empty_engine, tmp_path):
    _releases(empty_engine, tmp_path)
    root = ET.fromstring(feed_model.atom(ReadAPI(empty_engine), "https://scorecard.example"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert root.find(required, ns) is not None, required
    entries = root.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == ["Release 2: Test workforce data",
                                                             "Release 1: Test workforce data"]
    newest = entries[0]
    assert newest.find("a:link", ns).get("href") == "https://scorecard.example/changes?from=1&to=2"
    summary = newest.find("a:summary", ns).text
    assert "New data: Qualified workforce 2021-22." in summary and "1 published value revised." in summary
    for e in entries:  # each entry has what Atom requires, its time with a zone
        assert e.find("a:id", ns).text and e.find("a:updated", ns).text.endswith("+00:00")


@pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)
def test_with_one_release_there_is_nothing_to_compare_and_the_page_says_so(empty_engine, tmp_path):
    import_file(empty_engine, _write(tmp_path / "one.csv", [(TRAFFORD, "2020-21", 40)]), "csv", metadata=META)
    api = ReadAPI(empty_engine)
    page = changes_model.build(api, api.pinned("1"), api, None)
    assert page.rows == () and not page.comparable


def test_new_quarters_are_counted_not_listed():
    assert changes_model.arrived_words(["2024-25", "2025-26 Q1", "2025-26 Q2", "2026-27 Q1"]) == (
        "2024-25; 3 quarterly returns, 2025-26 Q1 to 2026-27 Q1, provisional")
    assert changes_model.arrived_words(["2025-26 Q1"]) == "the quarterly return for 2025-26 Q1, provisional"
