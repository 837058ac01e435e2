"""The latest available period, per measure: sources publish on different cycles, so unless the reader pins a
year, each measure is shown in its own latest period (and says which)."""

from __future__ import annotations

from data import reference
from data.read_api import Council, ReadAPI
from page_models.routes import LATEST

LATEST_LABEL = "Latest available"


def shown_periods(api: ReadAPI, period: str) -> dict[str, str]:
    """The period each measure is shown in: the pinned one, or the measure's own latest (the newest overall when
    the measure has no values at all). Two reads, whatever the number of measures."""
    if period != LATEST:
        return {m.id: period for m in api.catalogue.measures}
    periods, latest = api.periods(), api.latest_periods()
    newest = periods[-1] if periods else ""
    return {m.id: latest.get(m.id) or newest for m in api.catalogue.measures}


def period_for(api: ReadAPI, measure_id: str, period: str) -> str:
    """The period one measure is shown in (see shown_periods)."""
    return period if period != LATEST else shown_periods(api, period)[measure_id]


def councils_for(api: ReadAPI, period: str) -> list[Council]:
    """The region's councils in a pinned period, or today's councils when each measure shows its latest."""
    periods = api.periods()
    return api.councils_in(periods[-1] if period == LATEST else period) if periods else []


def england_councils(api: ReadAPI, period: str) -> list[tuple[str, str]]:
    """Every English council the warehouse holds that had its duties for the whole of the period (today's councils
    when each measure shows its latest), as (code, name) by name: the councils a reader may choose to compare with."""
    periods = api.periods()
    if not periods:
        return []
    when = periods[-1] if period == LATEST else period
    held = api.areas()
    return sorted(((a.code, a.name) for a in reference.areas()
                   if a.kind == "council" and a.code in held and a.exists_in(when)), key=lambda pair: pair[1])


def periods_of(api: ReadAPI, code: str) -> list[str]:
    """The periods for which a council had its duties for the whole year, oldest first."""
    return [p for p in api.periods() if any(c["code"] == code for c in api.councils_in(p))]


def period_options(api: ReadAPI) -> tuple[tuple[str, str], ...]:
    """The period select: the latest for each measure first, then every year, newest first."""
    return ((LATEST, LATEST_LABEL),
            *((p, p) for p in reversed(api.periods())))


def period_words(period: str, shown: str) -> str:
    """"2022-23" when pinned; "2022-23 (latest available)" when the measure's own latest."""
    return f"{shown} (latest available)" if period == LATEST else shown
