"""The warehouse schema (SQLAlchemy 2 typed ORM): the same tables on SQLite and PostgreSQL.

Data flows one way and is never overwritten: every observation names the release that brought
it, and a newer release marks the rows it replaces as superseded instead of changing them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from analysis.vocabulary import MARKER_WORDS, VALUE_REPLACING_MARKERS

SCHEMA_VERSION = 9  # 2: ratings table; 3: publication dates, each rating names its value's release; 4: ratings
# record their methods; 5: withdrawn releases; 6: the editor (users, statements, risks, audit log); 7: users' session
# versions; 8: versioned targets, challenge questions, quarters; 9: breakdowns by age and sex (data/breakdowns.py)
UPGRADABLE_FROM = (3, 4, 5, 6, 7, 8)  # `scorecard init` (and the app's start) adds what these lack; no data changes

AREA_KINDS = ("council", "region", "country")
ROLES = ("council_editor", "regional_analyst", "administrator")
STATEMENT_STATUSES = ("draft", "submitted", "published", "returned", "superseded")
SELF_RATINGS = ("low", "medium", "high")
TARGET_STATUSES = ("draft", "published", "superseded", "withdrawn")
RELEASE_STATUSES = ("provisional", "final", "revised")
# GSS statistical markers (analysis.vocabulary): some stand in for a value (value NULL), the others qualify one.
MARKERS = tuple(MARKER_WORDS)
MARKER_OR_BLANK = "COALESCE(marker, '')"


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    pass


class SchemaInfo(Base):
    """One row: the schema version this warehouse was created with."""

    __tablename__ = "schema_info"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Area(Base):
    """A council, region or country, by ONS GSS code, with the dates it existed."""

    __tablename__ = "areas"
    __table_args__ = (CheckConstraint(_in("kind", AREA_KINDS), name="ck_area_kind"),)
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10))
    council_type: Mapped[str | None] = mapped_column(String(40))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    cassr_code: Mapped[str | None] = mapped_column(String(3))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Succession(Base):
    """A boundary change: `predecessor` stopped and `successor` took over its duties on `effective_from`."""

    __tablename__ = "area_successions"
    predecessor_code: Mapped[str] = mapped_column(ForeignKey("areas.code"), primary_key=True)
    successor_code: Mapped[str] = mapped_column(ForeignKey("areas.code"), primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)


class PeerGroup(Base):
    """A set of areas compared together: the North West region, or one council's nearest neighbours."""

    __tablename__ = "peer_groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))  # "region" or "nearest_neighbours"
    owner_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    source: Mapped[str] = mapped_column(Text)
    members: Mapped[list[PeerGroupMember]] = relationship(back_populates="group", cascade="all, delete-orphan")


class PeerGroupMember(Base):
    __tablename__ = "peer_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("peer_groups.id"), primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code"), primary_key=True)
    group: Mapped[PeerGroup] = relationship(back_populates="members")


class DomainRow(Base):
    """One of the six TEASC risk domains."""

    __tablename__ = "domains"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    short_name: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)


class MeasureRow(Base):
    """A measure from the catalogue, copied into the warehouse so that every query can join on it."""

    __tablename__ = "measures"
    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id"))
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(20))
    decimals: Mapped[int] = mapped_column(Integer)
    polarity: Mapped[str] = mapped_column(String(20))
    rating_method: Mapped[str] = mapped_column(String(20))
    interval_method: Mapped[str] = mapped_column(String(10))
    multiplier: Mapped[int] = mapped_column(Integer)
    min_denominator: Mapped[int] = mapped_column(Integer)
    value_type: Mapped[str] = mapped_column(String(12))
    collection: Mapped[str] = mapped_column(String(20))
    first_period: Mapped[str | None] = mapped_column(String(7))
    last_period: Mapped[str | None] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(Text)
    caveats: Mapped[str | None] = mapped_column(Text)
    references: Mapped[str] = mapped_column(Text)  # "; "-joined published codes


class Release(Base):
    """One load of data: a published file (or the demo generator), who brought it and when."""

    __tablename__ = "releases"
    __table_args__ = (CheckConstraint(_in("status", RELEASE_STATUSES), name="ck_release_status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    publisher: Mapped[str] = mapped_column(Text)
    licence: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(12))
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id"))
    note: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[date | None] = mapped_column(Date)  # when the publisher released the data


class Withdrawal(Base):
    """A release taken back (`scorecard releases withdraw`): why, by whom and when. Nothing is deleted: the release's
    rows stop being current (each marks itself as its superseder, as does the release) and the rows it had
    superseded are current again."""

    __tablename__ = "withdrawals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    withdrawn_by: Mapped[str] = mapped_column(String(120))
    withdrawn_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Observation(Base):
    """One published value of a measure for an area and period, as a release brought it.

    `value` is NULL exactly when a marker ([c] suppressed, [x] not available, [z] not applicable)
    stands in for it. Categorical measures carry `text_value` instead of `value`. A row is never
    updated except to record the release that superseded it.
    """

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("release_id", "measure_id", "area_code", "period", name="uq_observation_key"),
        CheckConstraint(f"marker IS NULL OR {_in('marker', MARKERS)}", name="ck_observation_marker"),
        CheckConstraint(
            # COALESCE: a CHECK that evaluates to NULL passes, so never let the marker be NULL in it.
            f"({_in(MARKER_OR_BLANK, VALUE_REPLACING_MARKERS)} AND value IS NULL AND text_value IS NULL)"
            f" OR (NOT {_in(MARKER_OR_BLANK, VALUE_REPLACING_MARKERS)}"
            " AND (value IS NOT NULL OR text_value IS NOT NULL))"
            f" OR {MARKER_OR_BLANK} = '[u]'",  # [u] may stand alone: it qualifies, it does not replace
            name="ck_observation_value_or_marker",
        ),
        CheckConstraint("lower_ci IS NULL OR upper_ci IS NULL OR lower_ci <= upper_ci", name="ck_observation_interval"),
        Index("ix_observation_current", "measure_id", "period", "superseded_by_release_id"),
        Index("ix_observation_area", "area_code", "measure_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    measure_id: Mapped[str] = mapped_column(ForeignKey("measures.id"))
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    period: Mapped[str] = mapped_column(String(10))  # a financial year (2025-26) or a quarter of one (2025-26 Q2)
    value: Mapped[float | None] = mapped_column(Float)
    text_value: Mapped[str | None] = mapped_column(String(80))
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    lower_ci: Mapped[float | None] = mapped_column(Float)
    upper_ci: Mapped[float | None] = mapped_column(Float)
    ci_level: Mapped[float | None] = mapped_column(Float)
    marker: Mapped[str | None] = mapped_column(String(5))
    note: Mapped[str | None] = mapped_column(Text)
    revised_on: Mapped[date | None] = mapped_column(Date)  # set when this value replaced a different one
    superseded_by_release_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id"))


class Target(Base):
    """One version of a council's own target for a measure and the year it is due (data.targets): a value or a range,
    a tolerance, an owner and why; a draft, then published (superseding the one before) or withdrawn; never deleted."""

    __tablename__ = "target_versions"
    __table_args__ = (
        UniqueConstraint("council_code", "measure_id", "period", "version", name="uq_target_version"),
        CheckConstraint(_in("status", TARGET_STATUSES), name="ck_target_status"),
        CheckConstraint("value_high IS NULL OR value_high >= value", name="ck_target_range"),
        CheckConstraint("tolerance >= 0", name="ck_target_tolerance"),
        Index("ix_target_key", "council_code", "measure_id", "period", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_code: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    measure_id: Mapped[str] = mapped_column(ForeignKey("measures.id"))
    period: Mapped[str] = mapped_column(String(7))  # the year the target is due: its value is judged against it
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    value: Mapped[float] = mapped_column(Float)  # the target, or the low end of a range
    value_high: Mapped[float | None] = mapped_column(Float)  # the high end of a range target
    tolerance: Mapped[float] = mapped_column(Float, default=0.0)
    owner: Mapped[str] = mapped_column(String(120))
    rationale: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(80))
    author_role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(80))  # who published it
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # when it was published
    withdrawn_by: Mapped[str | None] = mapped_column(String(80))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class QuestionVersion(Base):
    """One wording of a measure's challenge questions by a regional analyst; the newest is shown (data.questions)."""

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("measure_id", "version", name="uq_question_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure_id: Mapped[str] = mapped_column(ForeignKey("measures.id"))
    version: Mapped[int] = mapped_column(Integer)
    questions: Mapped[str] = mapped_column(Text)  # one a line
    author: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RatingsBasis(Base):
    """One row: the fingerprint of the methods and catalogue that computed the stored ratings. When the code's
    methods (METHODS.md) or a measure's polarity, unit or method change, the fingerprint differs and the ratings
    are recomputed from the observations: they are derived data, so nothing is lost."""

    __tablename__ = "ratings_basis"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RatingRow(Base):
    """A precomputed rating of one observation against one standing comparator.

    Ratings are recomputed when a release lands, in the same transaction (all of them, or those the release
    can move), and each row records the release whose landing computed it. Readers see the old rows until
    the commit, and cache keys carry the current release id, so old and new never mix. The rows are
    derived from observations that already passed every constraint, so the table carries no foreign
    keys or unique constraint: at national scale (~250,000 rows) those checks doubled the write time.
    """

    __tablename__ = "ratings"
    __table_args__ = (
        Index("ix_rating_measure", "measure_id", "period", "comparator"),
        Index("ix_rating_area", "area_code", "period", "comparator"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(Integer)
    source_release_id: Mapped[int | None] = mapped_column(Integer)  # the release that brought the rated value
    measure_id: Mapped[str] = mapped_column(String(60))
    area_code: Mapped[str] = mapped_column(String(9))
    period: Mapped[str] = mapped_column(String(10))
    comparator: Mapped[str] = mapped_column(String(20))  # region / england / nearest_neighbours
    comparator_name: Mapped[str] = mapped_column(Text)
    comparator_basis: Mapped[str | None] = mapped_column(String(20))  # published / pooled / median
    comparator_value: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    text_value: Mapped[str | None] = mapped_column(String(80))
    marker: Mapped[str | None] = mapped_column(String(5))
    lower_ci: Mapped[float | None] = mapped_column(Float)
    upper_ci: Mapped[float | None] = mapped_column(Float)
    ci_level: Mapped[float | None] = mapped_column(Float)
    interval_method: Mapped[str | None] = mapped_column(String(40))
    method: Mapped[str] = mapped_column(String(20))
    polarity: Mapped[str] = mapped_column(String(20))
    rating: Mapped[str] = mapped_column(String(30))
    colour: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(String(30))
    change_reason: Mapped[str] = mapped_column(Text)
    trend: Mapped[str] = mapped_column(String(30))
    trend_verdict: Mapped[str] = mapped_column(String(20))
    trend_reason: Mapped[str] = mapped_column(Text)
    red_red: Mapped[bool] = mapped_column(Boolean, default=False)
    narrative: Mapped[str | None] = mapped_column(Text)


class User(Base):
    """Someone who signs in to the editor. Never deleted: removing a user deactivates them, so every version they
    wrote still names them. Only a password hash (argon2) is kept."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="ck_user_role"),
                      CheckConstraint("role != 'council_editor' OR council_code IS NOT NULL",
                                      name="ck_user_council_editor_has_council"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    council_code: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Every signed-in session carries the version it began under; a different one here ends it (sign-out, a new
    # password, a new role, removal: accounts.end_sessions)
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Statement(Base):
    """One version of a council's own account of one risk domain in one period: commentary, self-assessed risk and
    its rationale (its top risks are `Risk` rows). Versions are never changed except in status (draft → submitted →
    published, or returned with a note; a published one is superseded by the next published) and never deleted."""

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("council_code", "domain_slug", "period", "version", name="uq_statement_version"),
        CheckConstraint(_in("status", STATEMENT_STATUSES), name="ck_statement_status"),
        CheckConstraint(f"self_rating IS NULL OR {_in('self_rating', SELF_RATINGS)}", name="ck_statement_rating"),
        Index("ix_statement_key", "council_code", "domain_slug", "period", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    council_code: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    domain_slug: Mapped[str] = mapped_column(String(60))
    period: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12))
    commentary: Mapped[str] = mapped_column(Text)
    self_rating: Mapped[str | None] = mapped_column(String(6))
    rationale: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(80))
    author_role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)


class Risk(Base):
    """One of a statement's top risks (at most three), with its mitigation, owner and due date."""

    __tablename__ = "risks"
    __table_args__ = (UniqueConstraint("statement_id", "position", name="uq_risk_position"),
                      CheckConstraint("position BETWEEN 1 AND 3", name="ck_risk_position"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id"))
    position: Mapped[int] = mapped_column(Integer)
    risk: Mapped[str] = mapped_column(Text)
    mitigation: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(120))
    due: Mapped[date | None] = mapped_column(Date)


class AuditEvent(Base):
    """Who did what in the editor and with the command line, and whether it was allowed: sign-ins (succeeded and
    failed), submissions, publications, returns, imports and user changes. Only ever appended."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_at", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))
    role: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(30))
    target: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(10))  # ok / refused / failed
    address: Mapped[str | None] = mapped_column(String(45))
    detail: Mapped[str | None] = mapped_column(Text)
