"""The read API: everything a page may read from the warehouse, one SQL query where one will do.

`ReadAPI` is the only way page models reach the warehouse. Its answers are plain records (the TypedDicts
below), cached under keys that include the warehouse's version (its newest release and its withdrawals), so
a new release can never be mixed with cached answers from an old one. It knows nothing of Flask or Dash:
the app passes in the cache and a `memo` function that keeps a value for one web request
(docs/adr/0006-import-rules.md). A current value whose period the app cannot show is skipped and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol, TypeVar, cast

from sqlalchemy import case, exists, func, select, text
from sqlalchemy.engine import Engine

from data import reference
from data.catalogue import Catalogue, catalogue
from data.current_rows import current_as_at
from data.db import session_factory
from data.periods import skipped_period, usable
from data.read_currency import Currency
from data.read_on_demand import OnDemand
from data.read_own_words import OwnWords
from data.read_pins import Pinning
from data.read_records import RATING_FIELDS, Council, ObservationRecord, RatingRecord, ReleaseInfo, value_cell
from data.resilience import Deadline
from data.schema import (
    Area,
    Observation,
    PeerGroup,
    PeerGroupMember,
    QuestionVersion,
    RatingRow,
    Release,
    Statement,
    Succession,
    Target,
    Withdrawal,
)

NW_GROUP = f"region-{reference.NORTH_WEST}"
RATING_COLUMNS = tuple(RatingRow.__table__.c[name] for name in RATING_FIELDS)  # a row of these is a RatingRecord
log = logging.getLogger("scorecard")


T = TypeVar("T")
# The warehouse's version (newest release, withdrawals) and the newest publication of a council's statement or target
# (or withdrawal of a target, or a new wording of challenge questions), in one query.
_VERSIONS = select(func.coalesce(func.max(Release.id), 0), select(func.count(Withdrawal.id)).scalar_subquery(),
                   select(func.max(Statement.decided_at)).where(Statement.status == "published").scalar_subquery(),
                   select(func.max(Target.decided_at)).scalar_subquery(),
                   select(func.max(Target.withdrawn_at)).scalar_subquery(),
                   select(func.max(QuestionVersion.created_at)).scalar_subquery())


def read_versions(engine: Engine) -> tuple[int, int, datetime | None]:
    """(newest release, withdrawals, newest publication of a council's statement or target), in one statement
    without a transaction around it: what every cache key, and every kept answer (data/versions.py), depends on."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        newest, withdrawals, *published = connection.execute(_VERSIONS).one()
    moments = [m if m.tzinfo else m.replace(tzinfo=UTC) for m in published if m is not None]  # SQLite: naive UTC
    return int(newest), int(withdrawals), max(moments, default=None)


class Memo(Protocol):
    """Keeps a value for the current web request: `memo(name, compute)`."""

    def __call__(self, name: str, compute: Callable[[], T], /) -> T: ...


def _every_time(_name: str, compute: Callable[[], T]) -> T:
    """The default memo: no request to remember anything for, so compute every time."""
    return compute()


class ReadAPI(Currency, OnDemand, Pinning, OwnWords):
    """What pages may read, for one engine. `cache` is any object with get/set (Flask-Caching's, in the app);
    `memo(name, compute)` keeps a value for the current web request (the default computes every time).

    `pinned(release)` gives the same API reading the warehouse as it was when that release was the newest (a
    meeting's `?as_at=`): later imports do not change what it answers."""


    def __init__(self, engine: Engine, cache=None, cat: Catalogue | None = None,
                 memo: Memo = _every_time, health_timeout: float = 3.0):
        self.engine = engine
        self.health_deadline: Deadline[ReleaseInfo | None] = Deadline(health_timeout)
        self.sessions = session_factory(engine)
        self.cache = cache
        self.catalogue = cat or catalogue()
        self.memo = memo

    # ------------------------------------------------------------------ plumbing
    def _cached(self, name: str, args: tuple, compute: Callable[[], T]) -> T:
        """Shared through the cache, and kept for the rest of the web request, so a page that asks twice (or a cache
        that is down) costs one computation."""
        if self.cache is None:
            return self.memo(f"cached:{name}:{self.pin}:{args!r}", compute)
        key = f"{name}:{self._release_key()}:{args!r}"

        def shared() -> T:
            found = self.cache.get(key)
            if found is None:
                found = compute()
                self.cache.set(key, found)
            return found
        return self.memo(f"cached:{key}", shared)

    def _release_key(self) -> str:
        """The version of what this view reads, for cache keys: the warehouse's (changed by every import and every
        withdrawal), or a pinned view's (changed only by a withdrawal). Looked up once per web request."""
        newest, withdrawals = self._version()
        return f"{newest}.{withdrawals}" if self.pin is None else f"pin{self.pin}.{withdrawals}"

    def _versions(self) -> tuple[int, int, datetime | None]:
        """(newest release, withdrawals, newest publication), read once per web request."""
        return self.memo("versions", lambda: read_versions(self.engine))

    def _version(self) -> tuple[int, int]:
        return self._versions()[:2]

    def newest_release_id(self) -> int:
        """The newest release's id (0 in an empty warehouse): what a "pin for this meeting" link pins to."""
        return self._version()[0]

    def _observations(self, where, columns=None) -> list[ObservationRecord]:
        cols = columns or [Observation.measure_id, Observation.area_code, Observation.period, Observation.value,
                           Observation.text_value, Observation.numerator, Observation.denominator,
                           Observation.lower_ci, Observation.upper_ci, Observation.ci_level, Observation.marker,
                           Observation.note, Observation.release_id]
        query = select(*cols).where(current_as_at(self.pin), *where)
        with self.sessions() as session:
            return [cast(ObservationRecord, dict(row._mapping)) for row in session.execute(query)
                    if "period" not in row._fields
                    or usable(row.period) or skipped_period(row.period)]

    # ------------------------------------------------------------------ releases and health
    def current_release(self) -> ReleaseInfo | None:
        """The newest release that still has current rows (in a pinned view: the pinned release)."""
        query = select(Release).where(Release.superseded_by_id.is_(None)).order_by(Release.id.desc()).limit(1)
        if self.pin is not None:
            query = select(Release).where(Release.id == self.pin)
        with self.sessions() as session:
            r = session.scalar(query)
        if r is None:
            return None
        return ReleaseInfo(r.id, r.source, r.publisher, r.status, f"{r.imported_at:%d %B %Y}", bool(r.illustrative),
                           f"{r.published_on:%-d %B %Y}" if r.published_on else None)

    def releases(self) -> list[dict]:
        """Every release, newest first, with its row counts: the /about page's list of sources and revisions."""
        from data.releases import release_record, release_summaries

        def compute():
            with self.sessions() as session:
                return [release_record(s) for s in release_summaries(session)]
        return self._cached("releases", (), compute)

    def shows_illustrative(self) -> bool:
        """True when any current observation comes from an illustrative (demo) release."""
        query = select(func.count()).select_from(Release).where(Release.illustrative.is_(True),
                                                                 Release.superseded_by_id.is_(None))
        if self.pin is not None:
            query = select(exists().where(Observation.release_id == Release.id, Release.illustrative.is_(True),
                                          current_as_at(self.pin)))
        with self.sessions() as session:
            return bool(session.scalar(query))

    def health(self) -> dict:
        """Liveness for /health: can we query the database within `health_timeout` seconds, and which release is
        current."""
        def probe() -> ReleaseInfo | None:
            with self.sessions() as session:
                session.execute(text("SELECT 1"))
            return self.current_release()

        try:  # on its own thread: a frozen database makes this 503 within the deadline, not hang the request
            release = self.health_deadline.run(probe)
        except Exception as error:  # noqa: BLE001 - health reports any failure as data
            status = "not answering" if isinstance(error, TimeoutError) else "unreachable"
            return {"status": "error", "database": {"status": status, "backend": self.engine.dialect.name},
                    "error": type(error).__name__}
        return {  # status, backend and data facts only: nothing that names a host, user or version
            "status": "ok",
            "database": {"status": "ok", "backend": self.engine.dialect.name},
            "release": None if release is None else {
                "id": release.id, "source": release.source, "status": release.status,
                "imported_at": release.imported_at, "illustrative": release.illustrative},
        }

    # ------------------------------------------------------------------ areas and periods
    def area(self, code: str) -> dict | None:
        return self.areas().get(code)

    def known_area(self, code: str) -> dict:
        """An area the caller already knows is in the warehouse (a checked state's council)."""
        found = self.areas().get(code)
        if found is None:
            raise LookupError(f"{code!r} is not an area of this warehouse")
        return found

    def areas(self) -> dict[str, dict]:
        def compute():
            with self.sessions() as session:
                rows = session.scalars(select(Area)).all()
                return {a.code: {"code": a.code, "name": a.name, "kind": a.kind, "council_type": a.council_type,
                                 "region_code": a.region_code, "valid_from": a.valid_from, "valid_to": a.valid_to}
                        for a in rows}
        return self._cached("areas", (), compute)

    def region_councils(self) -> list[Council]:
        """The North West councils with adult social care duties since 2015, by name."""
        def compute():
            query = (select(Area).join(PeerGroupMember, PeerGroupMember.area_code == Area.code)
                     .join(PeerGroup, PeerGroup.id == PeerGroupMember.group_id)
                     .where(PeerGroup.slug == NW_GROUP).order_by(Area.name))
            with self.sessions() as session:
                return [{"code": a.code, "name": a.name, "council_type": a.council_type,
                         "valid_from": a.valid_from, "valid_to": a.valid_to} for a in session.scalars(query)]
        return self._cached("region_councils", (), compute)

    def is_region_council(self, code: object) -> bool:
        """Is `code` (anything a request sent) one of the region's councils with adult social care duties since
        2015?"""
        return isinstance(code, str) and any(c["code"] == code for c in self.region_councils())

    def councils_in(self, period: str) -> list[Council]:
        """The region's councils that had their duties for the whole of `period`."""
        refs = {a.code: a for a in reference.areas()}
        return [c for c in self.region_councils() if c["code"] in refs and refs[c["code"]].exists_in(period)]

    def periods(self) -> list[str]:
        """Every period with current data, oldest first."""
        def compute():
            with self.sessions() as session:
                query = select(Observation.period).where(current_as_at(self.pin)).distinct()
                return sorted(p for p in session.scalars(query) if usable(p) or skipped_period(p))
        return self._cached("periods", (), compute)

    def rated_counts(self, comparator: str = "region") -> dict[tuple[str, str], tuple[int, int]]:
        """For each (measure, period): how many of the region's councils are rated (not grey), and how many have a
        value or a category."""
        def compute():
            codes = [c["code"] for c in self.region_councils()]
            if not self._stored_ratings_apply():
                counts: dict[tuple[str, str], tuple[int, int]] = {}
                for r in self._pinned_ratings(comparator, [m.id for m in self.catalogue.measures]):
                    if r.area_code in codes:
                        n_rated, n_shown = counts.get((r.measure_id, r.period), (0, 0))
                        has_value = r.value is not None or r.text_value is not None
                        counts[(r.measure_id, r.period)] = (n_rated + (r.colour != "grey"), n_shown + has_value)
                return counts
            rated = func.sum(case((RatingRow.colour != "grey", 1), else_=0))
            shown = func.sum(case(((RatingRow.value.is_not(None)) | (RatingRow.text_value.is_not(None)), 1), else_=0))
            query = (select(RatingRow.measure_id, RatingRow.period, rated, shown)
                     .where(RatingRow.comparator == comparator, RatingRow.area_code.in_(codes))
                     .group_by(RatingRow.measure_id, RatingRow.period))
            with self.sessions() as session:
                return {(m, p): (int(r or 0), int(v or 0)) for m, p, r, v in session.execute(query)}
        return self._cached("rated_counts", (comparator,), compute)

    def successions_of(self, code: str) -> dict:
        """Boundary changes touching a council: what it replaced and what replaced it."""
        def compute():
            with self.sessions() as session:
                before = session.scalars(select(Succession).where(Succession.successor_code == code)).all()
                after = session.scalars(select(Succession).where(Succession.predecessor_code == code)).all()
                return {"predecessors": [(s.predecessor_code, s.effective_from, s.note) for s in before],
                        "successors": [(s.successor_code, s.effective_from, s.note) for s in after]}
        return self._cached("successions_of", (code,), compute)

    def nearest_neighbours(self, code: str) -> dict | None:
        """A council's nearest-neighbour group: name, source and member codes."""
        def compute():
            with self.sessions() as session:
                group = session.scalar(select(PeerGroup).where(PeerGroup.kind == "nearest_neighbours",
                                                                PeerGroup.owner_code == code))
                if group is None:
                    return False  # cached as "no group" (None would mean "not cached")
                return {"name": group.name, "source": group.source,
                        "members": sorted(m.area_code for m in group.members)}
        return self._cached("nearest_neighbours", (code,), compute) or None

    # ------------------------------------------------------------------ observations
    def council_values(self, code: str, period: str) -> list[dict]:
        """Every measure for one council in `period`, with the North West and England alongside."""
        def compute():
            rows = self._observations([Observation.period == period,
                                       Observation.area_code.in_([code, reference.NORTH_WEST, reference.ENGLAND])])
            index = {(r["measure_id"], r["area_code"]): r for r in rows}
            return [{"measure": m, "council": value_cell(index.get((m.id, code))),
                     "north_west": value_cell(index.get((m.id, reference.NORTH_WEST))),
                     "england": value_cell(index.get((m.id, reference.ENGLAND)))}
                    for m in self.catalogue.measures]
        return self._cached("council_values", (code, period), compute)

    # ------------------------------------------------------------------ ratings (precomputed per release)
    def ratings(self, *, comparator: str = "region", period: str | None = None, domain: str | None = None,
                area: str | None = None, measure: str | None = None) -> list[RatingRecord]:
        """Precomputed ratings, filtered; one query. Each row carries its reason, the release that computed it and
        the release of the value it rates."""
        def own() -> list[RatingRecord]:  # a pinned view's own ratings
            measures = [m.id for m in (self.catalogue.measures_in(domain) if domain else self.catalogue.measures)
                        if measure in (None, "", m.id)]
            return [r for r in self._pinned_ratings(comparator, measures)
                    if (not period or r.period == period) and (not area or r.area_code == area)]

        def compute():
            if not self._stored_ratings_apply():
                return own()
            query = select(*RATING_COLUMNS).where(RatingRow.comparator == comparator)
            if period:
                query = query.where(RatingRow.period == period)
            if area:
                query = query.where(RatingRow.area_code == area)
            if measure:
                query = query.where(RatingRow.measure_id == measure)
            if domain:
                query = query.where(RatingRow.measure_id.in_([m.id for m in self.catalogue.measures_in(domain)]))
            with self.sessions() as session:
                found = [RatingRecord._make(row) for row in session.execute(query)]
            return own() if self._computed_after_pin(found) else found
        return self._cached("ratings", (comparator, period, domain, area, measure), compute)

    def _computed_after_pin(self, rows: list[RatingRecord]) -> bool:
        """A view pinned to the newest release reads the stored ratings; if a release landed between reading which
        release is newest and reading the rows, some rows were computed after the pin and the view rates its own."""
        return self.pin is not None and any(r.release_id > self.pin for r in rows)

    def ratings_at(self, comparator: str, keys: tuple[tuple[str, str], ...]) -> list[RatingRecord]:
        """Precomputed ratings of the region's councils at the given (measure, period) pairs, e.g. each measure in
        its own latest period: one query a period, cached as one small answer."""
        def compute():
            codes = [c["code"] for c in self.region_councils()]
            if not self._stored_ratings_apply():
                wanted = set(keys)
                return [r for r in self._pinned_ratings(comparator, sorted({m for m, _ in keys}))
                        if (r.measure_id, r.period) in wanted and r.area_code in codes]
            by_period: dict[str, list[str]] = {}
            for measure_id, period in keys:
                by_period.setdefault(period, []).append(measure_id)
            out = []
            with self.sessions() as session:
                for period, measure_ids in sorted(by_period.items()):
                    query = select(*RATING_COLUMNS).where(
                        RatingRow.comparator == comparator, RatingRow.period == period,
                        RatingRow.measure_id.in_(measure_ids), RatingRow.area_code.in_(codes))
                    out += [RatingRecord._make(row) for row in session.execute(query)]
            if self._computed_after_pin(out):
                wanted = set(keys)
                return [r for r in self._pinned_ratings(comparator, sorted({m for m, _ in keys}))
                        if (r.measure_id, r.period) in wanted and r.area_code in codes]
            return out
        return self._cached("ratings_at", (comparator, keys), compute)

    def trend_series(self, measure_id: str, area_codes: list[str]) -> dict[str, list[ObservationRecord]]:
        """One measure over every period for several areas (oldest first); one query."""
        def compute():
            rows = self._observations([Observation.measure_id == measure_id, Observation.area_code.in_(area_codes)])
            series: dict[str, list[ObservationRecord]] = {code: [] for code in area_codes}
            for r in sorted(rows, key=lambda r: r["period"]):
                series[r["area_code"]].append(r)
            return series
        return self._cached("trend_series", (measure_id, tuple(area_codes)), compute)

    def quarterly(self, measure_id: str) -> list[dict]:
        """A measure's quarterly returns for every area, current in this view (data.quarters)."""
        from data.quarters import quarterly_rows

        def compute():
            with self.sessions() as session:
                return quarterly_rows(session, measure_id, self.pin)
        return self._cached("quarterly", (measure_id,), compute)

    def area_series(self, area_code: str) -> dict[str, list[ObservationRecord]]:
        """Every measure for one area over every period (oldest first): the council profile's sparklines."""
        def compute():
            out: dict[str, list[ObservationRecord]] = {}
            for r in sorted(self._observations([Observation.area_code == area_code]), key=lambda r: r["period"]):
                out.setdefault(r["measure_id"], []).append(r)
            return out
        return self._cached("area_series", (area_code,), compute)
