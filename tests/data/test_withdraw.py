"""`scorecard releases withdraw`, on SQLite and PostgreSQL: the release's values stop being current, the values it
replaced (and their ratings) come back, nothing is deleted, and /about says when and why."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data import reference
from data.cli import main
from data.imports.run import import_file
from data.read_api import ReadAPI
from data.releases import WithdrawRefused, withdraw
from data.schema import Observation, RatingRow, Withdrawal
from page_models import about_model

META = {"source": "ASCOF", "publisher": "NHS England", "licence": "OGL v3"}
HEADER = "area_code,period,measure_id,value,numerator,denominator"
COUNCILS = [c.code for c in reference.councils_in(reference.NORTH_WEST) if c.exists_in("2022-23")]



@pytest.fixture
def engine(empty_engine):
    """Each test's warehouse starts ready and empty, on SQLite and on PostgreSQL."""
    return empty_engine

def release_file(tmp_path, name, shift=0, only=None):
    """ascof_2d for 2022-23: every North West council, the region and England; `shift` moves the numerators of
    the councils in `only` (all when None)."""
    rows = [HEADER]
    for i, code in enumerate(COUNCILS):
        numerator = 400 + 20 * i + (shift if only is None or code in only else 0)
        rows.append(f"{code},2022-23,ascof_2d,{100 * numerator / 1000:.1f},{numerator},1000")
    rows += [f"{reference.NORTH_WEST},2022-23,ascof_2d,60.0,6000,10000", f"{reference.ENGLAND},2022-23,ascof_2d,"
                                                                         "62.0,62000,100000"]
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def values(engine) -> dict:
    with Session(engine) as s:
        return {(o.area_code, o.period): o.value for o in s.scalars(
            select(Observation).where(Observation.superseded_by_release_id.is_(None)))}


def ratings(engine) -> dict:
    with Session(engine) as s:
        return {(r.area_code, r.comparator): (r.rating, r.reason) for r in s.scalars(select(RatingRow))}


def count(engine, model) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def cli_url(engine) -> str:
    """The engine's URL for the command line; on PostgreSQL, with the test's own schema on its search path."""
    url = engine.url
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            schema = conn.exec_driver_sql("SHOW search_path").scalar()
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def test_withdrawing_a_revision_restores_the_values_and_ratings_it_replaced(engine, tmp_path):
    import_file(engine, release_file(tmp_path, "a.csv"), "csv", metadata=META)
    before_values, before_ratings, rows = values(engine), ratings(engine), count(engine, Observation)
    assert {rating for rating, _ in before_ratings.values()} >= {"Better", "Worse"}
    revision = import_file(engine, release_file(tmp_path, "b.csv", shift=150, only=COUNCILS[:5]), "csv",
                           metadata=META)
    assert values(engine) != before_values and ratings(engine) != before_ratings

    url = cli_url(engine)
    assert main(["--database-url", url, "releases", "withdraw", str(revision.release_id), "--reason",
                 "Numerators for five councils were keyed in the wrong column."]) == 0
    assert values(engine) == before_values and ratings(engine) == before_ratings
    assert count(engine, Observation) == 2 * rows, "nothing is deleted (a revision brings its whole file)"

    about = about_model.build(ReadAPI(engine))
    shown = next(r for r in about.releases if r.id == revision.release_id)
    assert shown.replaced_by.startswith("Withdrawn on ") and "keyed in the wrong column" in shown.replaced_by
    assert shown.rows == f"0 of {rows}"
    assert next(r for r in about.releases if r.id != revision.release_id).replaced_by == "—"


def test_withdrawing_a_release_a_later_one_revised_keeps_the_later_values(engine, tmp_path):
    first = import_file(engine, release_file(tmp_path, "a.csv"), "csv", metadata=META)
    middle = import_file(engine, release_file(tmp_path, "b.csv", shift=100, only=COUNCILS[:2]), "csv",
                         metadata=META)
    last = import_file(engine, release_file(tmp_path, "c.csv", shift=200, only=COUNCILS[:1]), "csv", metadata=META)
    with Session(engine) as session, session.begin():
        withdraw(session, middle.release_id, "wrong file", "test")
    now = values(engine)
    assert now[(COUNCILS[0], "2022-23")] == 60.0, "the last release's value stays"
    assert now[(COUNCILS[1], "2022-23")] == 42.0, "the first release's value is back"
    with Session(engine) as s:
        pointers = {o.release_id: o.superseded_by_release_id for o in s.scalars(
            select(Observation).where(Observation.area_code == COUNCILS[0]))}
    assert pointers == {first.release_id: last.release_id, middle.release_id: last.release_id,
                        last.release_id: None}
    again = import_file(engine, release_file(tmp_path, "b.csv", shift=100, only=COUNCILS[:2]), "csv", metadata=META)
    assert again.release_id not in (None, middle.release_id), "a withdrawn file can be imported again"


def test_a_withdrawal_that_cannot_happen_changes_nothing(engine, tmp_path, capsys):
    release = import_file(engine, release_file(tmp_path, "a.csv"), "csv", metadata=META).release_id
    before = values(engine), ratings(engine)
    for release_id, reason in ((release + 10, "no such release"), (release, "   ")):
        with Session(engine) as session, session.begin(), pytest.raises(WithdrawRefused):
            withdraw(session, release_id, reason, "test")
    assert (values(engine), ratings(engine)) == before and count(engine, Withdrawal) == 0
    url = cli_url(engine)
    assert main(["--database-url", url, "releases", "withdraw", str(release), "--reason", "wrong"]) == 0
    assert main(["--database-url", url, "releases", "withdraw", str(release), "--reason", "again"]) == 1
    assert "was withdrawn already. Nothing was changed." in capsys.readouterr().err
    assert main(["--database-url", url, "releases"]) == 0
    listing = capsys.readouterr().out
    assert "withdrawn" in listing and ": wrong" in listing
