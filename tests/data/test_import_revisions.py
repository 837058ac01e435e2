"""Revisions and concurrency, on SQLite and PostgreSQL: the same file is a no-op, changed values supersede,
two imports at once are serialised, and readers see the old values until the new release commits."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.db import session_factory
from data.imports.run import import_file
from data.read_api import ReadAPI
from data.releases import ReleaseMeta, add_release
from data.schema import Observation, RatingRow, Release

META = {"source": "ASCOF", "publisher": "NHS England", "licence": "OGL v3"}
HEADER = "area_code,period,measure_id,value,numerator,denominator"



@pytest.fixture
def engine(empty_engine):
    """Each test's warehouse starts ready and empty, on SQLite and on PostgreSQL."""
    return empty_engine

def write(tmp_path, name, *rows):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def history(engine, area="E08000009"):
    with Session(engine) as s:
        return [(o.value, o.release_id, o.superseded_by_release_id, o.revised_on) for o in s.scalars(
            select(Observation).where(Observation.area_code == area, Observation.measure_id == "ascof_2d")
            .order_by(Observation.id))]


def releases(engine):
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(Release))


ROWS = ["E08000009,2022-23,ascof_2d,45.5,297,653", "E08000001,2022-23,ascof_2d,70.0,700,1000"]


def test_the_same_file_twice_is_a_no_op_and_says_so(engine, tmp_path):
    path = write(tmp_path, "a.csv", *ROWS)
    first = import_file(engine, path, "csv", metadata=META)
    again = import_file(engine, path, "csv", metadata=META)
    assert again.outcome == f"already imported as release {first.release_id}; nothing changed"
    assert releases(engine) == 1


def test_the_same_values_in_another_file_change_nothing(engine, tmp_path):
    import_file(engine, write(tmp_path, "a.csv", *ROWS), "csv", metadata=META)
    same = import_file(engine, write(tmp_path, "b.csv", *reversed(ROWS)), "csv", metadata=META)
    assert same.outcome == "every value matches the current data; nothing changed" and releases(engine) == 1


def test_changed_values_make_a_revised_release_and_the_old_values_stay(engine, tmp_path):
    first = import_file(engine, write(tmp_path, "a.csv", *ROWS), "csv", metadata=META)
    second = import_file(engine, write(tmp_path, "b.csv", "E08000009,2022-23,ascof_2d,47.5,310,653", ROWS[1]),
                         "csv", metadata=META)
    assert second.revised == 1 and "revising 1 values" in second.outcome
    assert history(engine) == [(45.5, first.release_id, second.release_id, None),
                               (47.5, second.release_id, None, date.today())]
    with Session(engine) as s:
        assert s.get(Release, second.release_id).status == "revised"
    api = ReadAPI(engine)
    (rating,) = [r for r in api.ratings(comparator="region", period="2022-23", measure="ascof_2d")
                 if r.area_code == "E08000009"]
    assert rating.value == 47.5 and rating.release_id == second.release_id


def test_two_imports_at_once_are_serialised(engine, tmp_path):
    paths = [write(tmp_path, f"{i}.csv", f"E08000009,{2015 + i}-{16 + i},ascof_2d,45.5,297,653")
             for i in range(4)]
    paths.append(paths[0])  # the same file twice, at the same moment
    results, errors = [], []

    def run(path):
        try:
            results.append(import_file(engine, path, "csv", metadata=META))
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=run, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    outcomes = sorted(r.outcome.split(" release")[0] for r in results)
    assert outcomes == ["already imported as", "imported as", "imported as", "imported as", "imported as"]
    assert releases(engine) == 4


def test_readers_see_the_old_release_until_the_new_one_commits(engine):
    meta = ReleaseMeta("ASCOF", "NHS England", "OGL v3", "a.csv", "a" * 64)
    with session_factory(engine).begin() as session:
        add_release(session, meta, [{"measure_id": "ascof_2d", "area_code": "E08000009", "period": "2022-23",
                                     "value": 45.5, "numerator": 297, "denominator": 653}])
    reader_values = []
    writer = session_factory(engine)()
    with writer.begin():
        add_release(writer, ReleaseMeta("ASCOF", "NHS England", "OGL v3", "b.csv", "b" * 64),
                    [{"measure_id": "ascof_2d", "area_code": "E08000009", "period": "2022-23", "value": 50.0,
                      "numerator": 500, "denominator": 1000}])
        with Session(engine) as reader:  # another connection, mid-import
            reader_values.append(reader.scalar(select(Observation.value).where(
                Observation.superseded_by_release_id.is_(None), Observation.area_code == "E08000009")))
            reader_values.append(reader.scalar(select(func.count()).select_from(RatingRow)
                                               .where(RatingRow.value == 50.0)))
    with Session(engine) as reader:
        reader_values.append(reader.scalar(select(Observation.value).where(
            Observation.superseded_by_release_id.is_(None), Observation.area_code == "E08000009")))
    assert reader_values == [45.5, 0, 50.0]
