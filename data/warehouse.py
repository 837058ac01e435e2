"""Create, check and fill the warehouse: schema version, catalogue, reference areas, and its first data: the
published bundle (the default) or the illustrative demo, never both."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from data import reference
from data.breakdowns import Breakdown
from data.catalogue import Catalogue, catalogue
from data.comparisons import ratings_stale, recompute
from data.db import describe, session_factory
from data.demo import DEFAULT_SCOPE
from data.published.load import backfill_breakdowns
from data.schema import (
    SCHEMA_VERSION,
    UPGRADABLE_FROM,
    Area,
    AuditEvent,
    Base,
    DomainRow,
    MeasureRow,
    PeerGroup,
    PeerGroupMember,
    QuestionVersion,
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


class SchemaVersionError(RuntimeError):
    """The warehouse was made by another version of the scorecard; refuse to run against it."""


INITIAL_DATA = ("published", "demo", "none")


@dataclass(frozen=True)
class InitReport:
    created_schema: bool
    loaded: str | None          # "published" or "demo" when this call loaded it, else None
    release_id: int | None

    @property
    def loaded_demo(self) -> bool:
        return self.loaded == "demo"


def schema_version(engine: Engine) -> int | None:
    """The warehouse's schema version, or None when it has no scorecard tables yet."""
    if not inspect(engine).has_table(SchemaInfo.__tablename__):
        return None
    with Session(engine) as session:
        return session.scalar(select(SchemaInfo.version).order_by(SchemaInfo.id.desc()).limit(1))


def check_schema(engine: Engine) -> None:
    """Raise SchemaVersionError with a plain message unless the warehouse has this app's schema."""
    found = schema_version(engine)
    if found is None:
        raise SchemaVersionError(
            f"The warehouse at {describe(engine)} has no scorecard schema. Run `scorecard init` first.")
    if found in UPGRADABLE_FROM:
        raise SchemaVersionError(
            f"The warehouse at {describe(engine)} has schema version {found}; this version of the scorecard needs "
            f"{SCHEMA_VERSION}. Run `scorecard init` to upgrade it: the ratings are recomputed by the current "
            "methods and no data is changed.")
    if found != SCHEMA_VERSION:
        raise SchemaVersionError(
            f"The warehouse at {describe(engine)} has schema version {found}, but this version of the scorecard "
            f"needs schema version {SCHEMA_VERSION}. Nothing was changed. Point DATABASE_URL at a warehouse of "
            f"version {SCHEMA_VERSION}, or create a new one with `scorecard init` on an empty database.")


def sync_catalogue(session: Session, cat: Catalogue) -> None:
    """Copy the reviewed catalogue into the warehouse (insert new entries, refresh changed wording)."""
    for d in cat.domains:
        session.merge(DomainRow(id=d.id, slug=d.slug, name=d.name, short_name=d.short_name, description=d.description))
    slug_to_id = {d.slug: d.id for d in cat.domains}
    for m in cat.measures:
        session.merge(MeasureRow(
            id=m.id, domain_id=slug_to_id[m.domain], name=m.name, short_name=m.short_name, unit=m.unit,
            decimals=m.decimals, polarity=m.polarity, rating_method=m.rating_method,
            interval_method=m.interval_method, multiplier=m.multiplier, min_denominator=m.min_denominator,
            value_type=m.value_type, collection=m.collection, first_period=m.first_period,
            last_period=m.last_period, source=m.source, source_url=m.source_url,
            definition=m.definition.strip(), caveats=(m.caveats or "").strip() or None,
            references=m.codes))


def sync_reference_areas(session: Session) -> None:
    """Copy the reference areas, successions and one peer group per region into the warehouse."""
    for a in reference.areas():
        session.merge(Area(code=a.code, name=a.name, kind=a.kind, council_type=a.council_type,
                           region_code=a.region_code, cassr_code=a.cassr_code,
                           valid_from=a.valid_from, valid_to=a.valid_to))
    session.flush()
    for s in reference.successions():
        session.merge(Succession(predecessor_code=s.predecessor_code, successor_code=s.successor_code,
                                 effective_from=s.effective_from, note=s.note))
    existing = set(session.scalars(select(PeerGroup.slug)))
    for region in (a for a in reference.areas() if a.kind == "region"):
        slug = f"region-{region.code}"
        if slug not in existing:
            members = [PeerGroupMember(area_code=c.code) for c in reference.councils_in(region.code)]
            session.add(PeerGroup(slug=slug, name=f"{region.name} councils", kind="region",
                                  owner_code=region.code, source="ONS region of each council", members=members))


def upgrade_schema(engine: Engine) -> bool:
    """Version 3 to 8 → 9: add the tables they lack (ratings basis, withdrawals, the editor's, targets, challenge
    questions, breakdowns) and the users' session version, and drop the unversioned `targets` table nothing ever
    wrote to (kept if it holds a row); the published bundle's breakdowns are added to its releases already loaded.
    `_init` then recomputes the ratings if their basis is missing. True if upgraded."""
    if schema_version(engine) not in UPGRADABLE_FROM:
        return False
    added = (RatingsBasis, Withdrawal, User, Statement, Risk, AuditEvent, Target, QuestionVersion, Breakdown)
    Base.metadata.create_all(engine, tables=[Base.metadata.tables[t.__tablename__] for t in added])
    if "session_version" not in {c["name"] for c in inspect(engine).get_columns("users")}:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0"))
    if engine.dialect.name == "postgresql":  # quarters (2025-26 Q2) need ten characters; SQLite has no lengths
        with engine.begin() as conn:
            for table in ("observations", "ratings"):
                conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN period TYPE VARCHAR(10)"))
    if inspect(engine).has_table("targets"):
        with engine.begin() as conn:
            if not conn.scalar(text("SELECT COUNT(*) FROM targets")):
                conn.execute(text("DROP TABLE targets"))
    with Session(engine) as session, session.begin():
        backfill_breakdowns(session)
        session.add(SchemaInfo(version=SCHEMA_VERSION, created_at=datetime.now(UTC)))
    return True


def create_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add(SchemaInfo(version=SCHEMA_VERSION, created_at=datetime.now(UTC)))


INIT_LOCK = 7_272_025  # PostgreSQL advisory lock key: one initialisation at a time


@contextmanager
def _init_lock(engine: Engine):
    """Serialise initialisation across processes (every gunicorn worker calls create_app at start-up)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": INIT_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": INIT_LOCK})
                conn.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.init-lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def init_warehouse(engine: Engine, initial: str = "published", demo_scope: str = DEFAULT_SCOPE) -> InitReport:
    """Make the warehouse ready: create the schema if absent, refuse another version, sync the catalogue and
    reference areas, and, when the warehouse holds no release yet, load its first data: `initial` is "published"
    (the bundle in data/published/), "demo" (the illustrative dataset) or "none". Safe to call from several
    processes at once: they take turns."""
    if initial not in INITIAL_DATA:
        raise ValueError(f"initial data must be one of {INITIAL_DATA}; got {initial!r}")
    with _init_lock(engine):
        return _init(engine, initial, demo_scope)


def _init(engine: Engine, initial: str, demo_scope: str) -> InitReport:
    created = schema_version(engine) is None
    if created:
        create_schema(engine)
    upgrade_schema(engine)
    check_schema(engine)
    loaded = None
    with session_factory(engine).begin() as session:
        sync_catalogue(session, catalogue())
        sync_reference_areas(session)
        session.flush()
        if initial != "none" and not session.scalar(select(func.count()).select_from(Release)):
            if initial == "demo":
                from data.demo import load_demo

                load_demo(session, scope=demo_scope)
            else:
                from data.published.load import load_published

                load_published(session)
            loaded = initial
        current = session.scalar(select(Release.id).where(Release.superseded_by_id.is_(None))
                                 .order_by(Release.id.desc()).limit(1))
        if current is not None and ratings_stale(session):
            recompute(session, current)
    return InitReport(created_schema=created, loaded=loaded, release_id=current)
