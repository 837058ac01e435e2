"""Which observation rows are current: now, or as they were when a given release was the newest."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_

from data.schema import Observation


def current_as_at(release_id: int | None) -> ColumnElement[bool]:
    """Which observations were current when release `release_id` was the newest (None: which are current now):
    those it or an earlier release brought that nothing up to it had superseded. Nothing is deleted, so any
    earlier state can be read back, except that a withdrawn release's rows are hidden from every view, pinned or
    not (docs/adr/0003-observations-are-superseded-not-updated.md)."""
    if release_id is None:
        return Observation.superseded_by_release_id.is_(None)
    return and_(Observation.release_id <= release_id,
                or_(Observation.superseded_by_release_id.is_(None), Observation.superseded_by_release_id > release_id))
