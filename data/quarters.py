"""Quarterly returns (the North West's regional collection: management information, provisional): a measure's values
for quarters of a financial year (`2025-26 Q2`), read on their own. The annual views leave them out (data.periods.
usable), so a provisional quarter never moves a rating of a year; the quarterly view rates them among themselves."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.current_rows import current_as_at
from data.periods import usable_quarter
from data.schema import Observation, Release


def quarterly_rows(session: Session, measure_id: str, as_at: int | None) -> list[dict]:
    """Every current quarterly value of a measure (as at release `as_at`; None: now), oldest quarter first, each with
    its release's status and number."""
    query = (select(Observation.area_code, Observation.period, Observation.value, Observation.numerator,
                    Observation.denominator, Observation.marker, Observation.release_id, Release.status,
                    Release.source)
             .join(Release, Release.id == Observation.release_id)
             .where(current_as_at(as_at), Observation.measure_id == measure_id, Observation.period.like("% Q_")))
    rows = [dict(r._mapping) for r in session.execute(query) if usable_quarter(r.period)]
    return sorted(rows, key=lambda r: (r["period"], r["area_code"]))
