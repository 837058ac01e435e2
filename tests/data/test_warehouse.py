"""The warehouse on SQLite and on PostgreSQL: schema round trip, supersession, markers, schema version."""

from datetime import date

import pytest
from sqlalchemy import func, inspect, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data import demo
from data.breakdowns import Breakdown
from data.comparisons import ratings_stale
from data.db import session_factory
from data.demo_quarters import quarterly_rows
from data.read_api import ReadAPI
from data.releases import ReleaseMeta, add_release, release_summaries
from data.schema import (
    SCHEMA_VERSION,
    Area,
    AuditEvent,
    Observation,
    PeerGroup,
    QuestionVersion,
    RatingRow,
    RatingsBasis,
    Release,
    Risk,
    SchemaInfo,
    Statement,
    Succession,
    Target,
    User,
    Withdrawal,
)
from data.warehouse import SchemaVersionError, check_schema, init_warehouse


def _current(session, measure, area, period):
    return session.scalars(select(Observation).where(
        Observation.measure_id == measure, Observation.area_code == area, Observation.period == period,
        Observation.superseded_by_release_id.is_(None))).all()


def test_round_trip_the_demo_release(engine):
    report = init_warehouse(engine, initial="demo", demo_scope="north_west")
    assert report.created_schema and report.loaded_demo
    rows = demo.generate("north_west")
    quarters = quarterly_rows(demo.LAST_PERIOD, rows)
    with Session(engine) as session:
        annual, quarterly = session.scalars(select(Release).order_by(Release.id)).all()
        assert annual.illustrative and annual.sha256 == demo.fingerprint(rows) and annual.status == "final"
        # the quarterly returns: a second release, provisional, the newest
        assert quarterly.illustrative and quarterly.status == "provisional" and report.release_id == quarterly.id
        assert {r["period"] for r in quarters} == {"2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4",
                                                   "2026-27 Q1", "2026-27 Q2"}
        count = len(session.scalars(select(Observation.id)).all())
        assert count == len(rows) + len(quarters)
        # A counted proportion, a survey value with its interval, a category and a marker, exactly as generated.
        for wanted in (
            next(r for r in rows if r["measure_id"] == "ascof_2d" and r["area_code"] == "E08000009"
                 and r["period"] == "2020-21"),
            next(r for r in rows if r["measure_id"] == "ascof_1b" and r["area_code"] == "E08000001"
                 and r["period"] == "2019-20"),
            next(r for r in rows if r["measure_id"] == "lg_political_control" and r["area_code"] == "E08000003"),
            next(r for r in rows if r.get("marker") == "[c]"),
        ):
            (obs,) = _current(session, wanted["measure_id"], wanted["area_code"], wanted["period"])
            for key, value in wanted.items():
                assert getattr(obs, key) == value, (wanted, key)


def test_cumbria_and_its_successors_are_linked_with_dates(engine):
    init_warehouse(engine, initial="none")
    with Session(engine) as session:
        cumbria = session.get(Area, "E10000006")
        assert cumbria.valid_to == date(2023, 3, 31) and cumbria.cassr_code == "102"
        for code in ("E06000063", "E06000064"):
            assert session.get(Area, code).valid_from == date(2023, 4, 1)
            assert session.get(Succession, ("E10000006", code)).effective_from == date(2023, 4, 1)
        nw = session.scalar(select(PeerGroup).where(PeerGroup.slug == "region-E12000002"))
        assert len(nw.members) == 25  # 22 unchanged councils, Cumbria and its two successors


def test_a_second_release_supersedes_the_first_and_both_are_kept(engine):
    init_warehouse(engine, initial="none")
    old = [{"measure_id": "ascof_2d", "area_code": a, "period": "2022-23", "numerator": 70, "denominator": 100,
            "value": 70.0} for a in ("E08000009", "E08000001")]
    new = [{"measure_id": "ascof_2d", "area_code": "E08000009", "period": "2022-23", "numerator": 72,
            "denominator": 100, "value": 72.0, "marker": "[r]"}]
    with session_factory(engine).begin() as session:
        first = add_release(session, ReleaseMeta("ASCOF", "NHS England", "OGL v3", "a.csv", "a" * 64), old)
    with session_factory(engine).begin() as session:
        second = add_release(session, ReleaseMeta("ASCOF", "NHS England", "OGL v3", "b.csv", "b" * 64,
                                                  status="revised"), new)
    with Session(engine) as session:
        history = session.scalars(select(Observation).where(Observation.area_code == "E08000009")
                                  .order_by(Observation.id)).all()
        assert [(o.value, o.release_id, o.superseded_by_release_id) for o in history] == [
            (70.0, first.id, second.id), (72.0, second.id, None)]
        (bolton,) = _current(session, "ascof_2d", "E08000001", "2022-23")
        assert bolton.value == 70.0 and bolton.release_id == first.id  # untouched keys stay current
        summaries = {s["release"].id: s for s in release_summaries(session)}
        assert (summaries[first.id]["rows"], summaries[first.id]["current_rows"]) == (2, 1)
        assert session.get(Release, first.id).superseded_by_id is None  # still has a current row
    with session_factory(engine).begin() as session:
        third = add_release(session, ReleaseMeta("ASCOF", "NHS England", "OGL v3", "c.csv", "c" * 64),
                            [{**old[1], "value": 71.0, "numerator": 71}])
    with Session(engine) as session:
        assert session.get(Release, first.id).superseded_by_id == third.id  # now wholly replaced
        assert len(session.scalars(select(Observation.id)).all()) == 4  # nothing deleted


@pytest.mark.parametrize("row", [
    {"marker": "[c]", "value": 12.0},          # a marker that stands in for a value cannot carry one
    {"marker": None, "value": None},           # a row needs a value, a category or a marker
    {"marker": "[q]", "value": 1.0},           # not a GSS marker
    {"value": 5.0, "lower_ci": 6.0, "upper_ci": 4.0},  # interval upside down
])
def test_the_database_refuses_dishonest_rows(engine, row):
    init_warehouse(engine, initial="none")
    with pytest.raises(IntegrityError):
        with session_factory(engine).begin() as session:
            add_release(session, ReleaseMeta("x", "x", "x", "x.csv", "d" * 64),
                        [{"measure_id": "ascof_2d", "area_code": "E08000009", "period": "2022-23", **row}])
    with Session(engine) as session:  # and nothing of the failed release was written
        assert session.scalars(select(Release.id)).all() == []


def test_init_twice_changes_nothing(engine):
    first = init_warehouse(engine, initial="demo", demo_scope="north_west")
    second = init_warehouse(engine, initial="demo", demo_scope="north_west")
    assert not second.created_schema and not second.loaded_demo and second.release_id == first.release_id
    with Session(engine) as session:
        assert len(session.scalars(select(Release.id)).all()) == 2  # the demo's year and its quarterly returns


def test_another_schema_version_is_refused_with_a_clear_message(engine):
    init_warehouse(engine, initial="none")
    with session_factory(engine).begin() as session:
        session.execute(update(SchemaInfo).values(version=99))
    with pytest.raises(SchemaVersionError, match="has schema version 99, but this version of the scorecard needs"):
        check_schema(engine)
    with pytest.raises(SchemaVersionError):
        init_warehouse(engine)


@pytest.mark.parametrize("version", [3, 4, 5, 6, 7, 8])
def test_an_older_warehouse_is_upgraded_and_its_ratings_recomputed(engine, version):
    """A warehouse made before the ratings recorded their methods (3), before withdrawals (4), before the editor (5),
    before session versions (6) or before versioned targets (7) keeps its data and gets today's ratings and the
    tables and columns it lacked; the old unversioned `targets` table, never written to, goes."""
    init_warehouse(engine, initial="demo", demo_scope="north_west")
    Target.__table__.drop(engine)
    QuestionVersion.__table__.drop(engine)
    with engine.begin() as conn:  # every older version had this table, empty
        conn.execute(text("CREATE TABLE targets (id INTEGER PRIMARY KEY, measure_id VARCHAR(60), value FLOAT)"))
    with session_factory(engine).begin() as session:
        session.execute(update(SchemaInfo).values(version=version))
        if version == 3:
            session.execute(update(RatingRow).values(reason="stale words from old methods"))
        observations = session.scalar(select(func.count()).select_from(Observation))
    if version == 6:  # the editor's tables, without the users' session version
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE users DROP COLUMN session_version"))
    for table in (Risk, Statement, User, AuditEvent) if version < 6 else ():  # none of them had the editor's tables
        table.__table__.drop(engine)
    if version < 5:
        Withdrawal.__table__.drop(engine)
    if version == 3:
        RatingsBasis.__table__.drop(engine)
    Breakdown.__table__.drop(engine)  # before 9, none had breakdowns
    with pytest.raises(SchemaVersionError, match="Run `scorecard init` to upgrade it"):
        check_schema(engine)
    init_warehouse(engine)
    check_schema(engine)
    assert "session_version" in {c["name"] for c in inspect(engine).get_columns("users")}
    assert inspect(engine).has_table("target_versions") and not inspect(engine).has_table("targets")
    assert inspect(engine).has_table("question_versions") and inspect(engine).has_table("breakdowns")
    with Session(engine) as session:
        assert session.scalar(select(SchemaInfo.version).order_by(SchemaInfo.id.desc()).limit(1)) == SCHEMA_VERSION
        assert session.scalar(select(func.count()).select_from(Observation)) == observations
        assert not session.scalars(select(RatingRow.id).where(RatingRow.reason.like("stale%"))).first()
        assert not ratings_stale(session)
        assert session.scalar(select(func.count()).select_from(Withdrawal)) == 0
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_ratings_computed_by_other_methods_are_recomputed_at_init(engine):
    init_warehouse(engine, initial="demo", demo_scope="north_west")
    with session_factory(engine).begin() as session:
        session.execute(update(RatingsBasis).values(fingerprint="methods of an older version"))
        session.execute(update(RatingRow).values(rating="Stale"))
        assert ratings_stale(session)
    init_warehouse(engine)
    with Session(engine) as session:
        assert not session.scalars(select(RatingRow.id).where(RatingRow.rating == "Stale")).first()


def test_read_queries_answer_on_both_backends(engine):
    init_warehouse(engine, initial="demo", demo_scope="north_west")
    api = ReadAPI(engine)
    assert api.periods()[0] == "2015-16" and api.periods()[-1] == "2024-25"
    assert len(api.councils_in("2022-23")) == 23 and len(api.councils_in("2023-24")) == 24
    trafford = {r["measure"].id: r for r in api.council_values("E08000009", "2024-25")}
    assert trafford["ascof_2a2"]["north_west"]["value"] is not None
    assert trafford["ascof_2c1"]["north_west"]["marker"] == "[x]"  # collection stopped after 2019-20
    assert api.health()["status"] == "ok" and api.health()["database"]["backend"] == engine.dialect.name


def test_several_processes_starting_at_once_initialise_the_warehouse_once(engine):
    """Every gunicorn worker calls create_app: concurrent first starts must not race."""
    import threading

    errors, reports = [], []

    def start():
        try:
            reports.append(init_warehouse(engine, initial="demo", demo_scope="north_west"))
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sum(r.created_schema for r in reports) == 1 and sum(r.loaded_demo for r in reports) == 1
    with Session(engine) as session:
        assert len(session.scalars(select(Release.id)).all()) == 2


def test_a_published_warehouse_of_version_8_gets_the_bundle_s_breakdowns(published_copy):
    """Upgraded, a warehouse loaded from the bundle before breakdowns were kept gets those of its official ASCOF
    releases, as a new one has them; nothing else changes."""
    with Session(published_copy) as session:
        before = session.scalar(select(func.count()).select_from(Breakdown))
        observations = session.scalar(select(func.count()).select_from(Observation))
    assert before > 20_000
    Breakdown.__table__.drop(published_copy)
    with session_factory(published_copy).begin() as session:
        session.execute(update(SchemaInfo).values(version=8))
    init_warehouse(published_copy)
    check_schema(published_copy)
    with Session(published_copy) as session:
        assert session.scalar(select(func.count()).select_from(Breakdown)) == before
        assert session.scalar(select(func.count()).select_from(Observation)) == observations
