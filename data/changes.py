"""What the data changed between two points in the warehouse's history (two releases: two meetings' pins, or a pin and
now), at the level of observations: values revised (old and new) and years that arrived. Nothing is ever overwritten
(observations are superseded, docs/adr/0003), so any earlier state can be read back and compared. The ratings' side
(newly red or green, red-red entered or left, targets newly met or missed) is compared by page_models.changes_model
from the two views' ratings."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.current_rows import current_as_at
from data.schema import Observation

KEY = (Observation.measure_id, Observation.area_code, Observation.period)
SHOWN = (*KEY, Observation.value, Observation.text_value, Observation.marker, Observation.release_id)


def years_held(session: Session, as_at: int | None, areas: Iterable[str]) -> dict[str, set[str]]:
    """Each measure's years with a value (or a category) for any of `areas`, as current at release `as_at` (None:
    now)."""
    query = (select(Observation.measure_id, Observation.period).distinct()
             .where(current_as_at(as_at), Observation.area_code.in_(list(areas)),
                    (Observation.value.is_not(None)) | (Observation.text_value.is_not(None))))
    out: dict[str, set[str]] = {}
    for measure, period in session.execute(query):
        out.setdefault(measure, set()).add(period)
    return out


def revisions(session: Session, before: int, after: int | None, areas: Iterable[str]) -> list[dict]:
    """Values of `areas` current at `after` (None: now) that replaced a different value current at `before`: the
    measure, area and period with the old and new value (or category or marker) and the release of each."""
    areas = list(areas)
    newer = session.execute(select(*SHOWN).where(current_as_at(after), Observation.release_id > before,
                                                 Observation.area_code.in_(areas))).all()
    if not newer:
        return []
    measures = sorted({row.measure_id for row in newer})
    older = {(r.measure_id, r.area_code, r.period): r for r in session.execute(
        select(*SHOWN).where(current_as_at(before), Observation.measure_id.in_(measures),
                             Observation.area_code.in_(areas)))}
    out = []
    for new in newer:
        old = older.get((new.measure_id, new.area_code, new.period))
        if old is None or (old.value, old.text_value, old.marker) == (new.value, new.text_value, new.marker):
            continue
        out.append({"measure": new.measure_id, "area": new.area_code, "period": new.period,
                    "old": old.value, "old_text": old.text_value, "old_marker": old.marker,
                    "new": new.value, "new_text": new.text_value, "new_marker": new.marker,
                    "old_release": old.release_id, "new_release": new.release_id})
    return sorted(out, key=lambda r: (r["measure"], r["area"], r["period"]))
