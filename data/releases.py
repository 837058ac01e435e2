"""Adding a release: insert its observations, then mark what they replace as superseded.

Nothing is updated in place except the `superseded_by` pointers, so every earlier value stays
queryable and every number on screen traces to the release that brought it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import cast

from sqlalchemy import and_, case, exists, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, aliased

from data.db import bulk_insert
from data.schema import Observation, Release, Withdrawal

OBSERVATION_FIELDS = ("measure_id", "area_code", "period", "value", "text_value", "numerator", "denominator",
                      "lower_ci", "upper_ci", "ci_level", "marker", "note", "revised_on")


@dataclass(frozen=True)
class ReleaseMeta:
    """Who published a file, under what licence, and how this load of it is to be described."""

    source: str
    publisher: str
    licence: str
    file_name: str
    sha256: str
    status: str = "final"
    imported_by: str = "scorecard"
    illustrative: bool = False
    note: str | None = None
    published_on: date | None = None
    imported_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def add_release(session: Session, meta: ReleaseMeta, observations: Iterable[dict], *,
                touched: set[tuple[str, str]] | None = None, recompute_ratings: bool = True) -> Release:
    """Write a release and its observations in the caller's transaction; supersede older rows for the same keys;
    recompute the ratings: all of them, or only those the (measure, period) keys in `touched` can move. Several
    releases landing together pass `recompute_ratings=False` to all but the last, which recomputes them all."""
    release = Release(source=meta.source, publisher=meta.publisher, licence=meta.licence, file_name=meta.file_name,
                      sha256=meta.sha256, imported_at=meta.imported_at, imported_by=meta.imported_by,
                      status=meta.status, illustrative=meta.illustrative, note=meta.note,
                      published_on=meta.published_on)
    session.add(release)
    session.flush()
    rows = [{**{k: obs.get(k) for k in OBSERVATION_FIELDS}, "release_id": release.id} for obs in observations]
    bulk_insert(session, Observation.__table__, rows)
    _supersede(session, release.id)
    session.flush()
    from data.comparisons import recompute  # ratings land in the same transaction as the release

    if recompute_ratings:
        recompute(session, release.id, touched)
    return release


def _supersede(session: Session, new_release_id: int) -> None:
    newer = aliased(Observation)
    same_key = exists().where(and_(
        newer.release_id == new_release_id,
        newer.measure_id == Observation.measure_id,
        newer.area_code == Observation.area_code,
        newer.period == Observation.period,
    ))
    session.execute(
        update(Observation)
        .where(Observation.release_id != new_release_id, Observation.superseded_by_release_id.is_(None), same_key)
        .values(superseded_by_release_id=new_release_id)
        .execution_options(synchronize_session=False)
    )
    # A release none of whose rows is current any more is superseded as a whole.
    still_current = exists().where(Observation.release_id == Release.id, Observation.superseded_by_release_id.is_(None))
    replaced_by_new = exists().where(Observation.release_id == Release.id,
                                     Observation.superseded_by_release_id == new_release_id)
    session.execute(
        update(Release)
        .where(Release.id != new_release_id, Release.superseded_by_id.is_(None), ~still_current, replaced_by_new)
        .values(superseded_by_id=new_release_id)
        .execution_options(synchronize_session=False)
    )


def release_summaries(session: Session) -> list[dict]:
    """Every release, newest first, with its total and still-current row counts and its withdrawal, if any."""
    current = func.sum(case((Observation.superseded_by_release_id.is_(None), 1), else_=0))
    counts = (select(Observation.release_id, func.count().label("rows"), current.label("current_rows"))
              .group_by(Observation.release_id).subquery())
    query = (select(Release, func.coalesce(counts.c.rows, 0), func.coalesce(counts.c.current_rows, 0), Withdrawal)
             .outerjoin(counts, counts.c.release_id == Release.id)
             .outerjoin(Withdrawal, Withdrawal.release_id == Release.id).order_by(Release.id.desc()))
    return [{"release": r, "rows": int(n), "current_rows": int(c), "withdrawal": w}
            for r, n, c, w in session.execute(query)]


def release_record(s: dict) -> dict:
    """A release summary (release_summaries) as the read API gives it: plain values, dates in words, and the moment
    it was imported in ISO 8601 with its zone (the feed's)."""
    r, w = s["release"], s["withdrawal"]
    at = r.imported_at if r.imported_at.tzinfo else r.imported_at.replace(tzinfo=UTC)  # SQLite gives back naive UTC
    return {"id": r.id, "source": r.source, "publisher": r.publisher, "licence": r.licence, "file_name": r.file_name,
            "status": r.status, "imported_at": f"{r.imported_at:%d %B %Y}", "imported_iso": at.isoformat(),
            "superseded_by": r.superseded_by_id, "rows": s["rows"], "current_rows": s["current_rows"],
            "illustrative": r.illustrative, "published_on": r.published_on, "note": r.note,
            "withdrawn": None if w is None else {"reason": w.reason, "on": f"{w.withdrawn_at:%-d %B %Y}"}}


class WithdrawRefused(ValueError):
    """The release cannot be withdrawn (it does not exist, or is withdrawn already); nothing was changed."""


def withdrawn(session: Session) -> dict[int, Withdrawal]:
    """Every withdrawal, by release id."""
    return {w.release_id: w for w in session.scalars(select(Withdrawal))}


def withdraw(session: Session, release_id: int, reason: str, by: str) -> dict:
    """Withdraw a release in the caller's transaction: its current rows stop being current (each now names its own
    release as what superseded it), the rows it had superseded become current again (or, where a later release
    has since replaced its value, name that release), the ratings are recomputed and the withdrawal is recorded.
    Nothing is deleted. Returns counts for the report; raises WithdrawRefused when there is nothing to withdraw."""
    release = session.get(Release, release_id)
    if release is None:
        raise WithdrawRefused(f"There is no release {release_id}: see `scorecard releases`.")
    if session.scalar(select(Withdrawal.id).where(Withdrawal.release_id == release_id)) is not None:
        raise WithdrawRefused(f"Release {release_id} was withdrawn already.")
    reason = " ".join(reason.split())
    if not reason:
        raise WithdrawRefused("Say why the release is withdrawn (--reason).")
    taken = cast(CursorResult, session.execute(update(Observation).where(Observation.release_id == release_id,
                                                      Observation.superseded_by_release_id.is_(None))
                            .values(superseded_by_release_id=release_id)
                            .execution_options(synchronize_session=False))).rowcount
    # The rows this release had superseded take the place its own rows now have: current again where its row was
    # current (now marked withdrawn), else superseded by whatever superseded its row.
    mine = aliased(Observation)
    successor = (select(mine.superseded_by_release_id)
                 .where(mine.release_id == release_id, mine.measure_id == Observation.measure_id,
                        mine.area_code == Observation.area_code, mine.period == Observation.period)
                 .scalar_subquery())
    session.execute(update(Observation).where(Observation.superseded_by_release_id == release_id,
                                              Observation.release_id != release_id)
                    .values(superseded_by_release_id=func.nullif(successor, release_id))
                    .execution_options(synchronize_session=False))
    restored = session.scalar(select(func.count()).select_from(Observation).where(
        Observation.superseded_by_release_id.is_(None), Observation.release_id != release_id,
        exists().where(mine.release_id == release_id, mine.superseded_by_release_id == release_id,
                       mine.measure_id == Observation.measure_id, mine.area_code == Observation.area_code,
                       mine.period == Observation.period)))
    # Releases: this one is superseded by itself (withdrawn); one it had wholly superseded is current again if any
    # of its rows now is.
    session.execute(update(Release).where(Release.id == release_id).values(superseded_by_id=release_id)
                    .execution_options(synchronize_session=False))
    has_current = exists().where(Observation.release_id == Release.id, Observation.superseded_by_release_id.is_(None))
    session.execute(update(Release).where(Release.superseded_by_id == release_id, Release.id != release_id,
                                          has_current).values(superseded_by_id=None)
                    .execution_options(synchronize_session=False))
    session.add(Withdrawal(release_id=release_id, reason=reason[:2000], withdrawn_by=by[:120],
                           withdrawn_at=datetime.now(UTC)))
    session.flush()
    from data.comparisons import recompute

    current = session.scalar(select(Release.id).where(Release.superseded_by_id.is_(None))
                             .order_by(Release.id.desc()).limit(1))
    recompute(session, current or release_id)
    return {"withdrawn": taken, "restored": restored}
