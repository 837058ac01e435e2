"""Reading the warehouse as it was when a given release was the newest (a meeting's `?as_at=`): the part of the read
API that pins a view. Stored ratings are those of what is current now; a view pinned to an earlier release rates its
own data with the same code (docs/adr/0004-ratings-precomputed-per-release.md, addendum)."""

from __future__ import annotations

import copy
import math
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Self, TypeVar

from sqlalchemy import select

from analysis.formatting import uk_time
from data.comparisons import compute_rows, load_context
from data.read_records import RatingRecord
from data.schema import Release, Withdrawal

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
# A pin: the release, and (from issue 26) the moment of the newest publication of a council's statement when it was
# made, so the statements, risks and self-assessments shown are those published by then: "16~20261206083046".
PIN_TEXT = re.compile(r"([0-9]{1,9})(?:~([0-9]{14}))?", re.ASCII)
MOMENT = "%Y%m%d%H%M%S"
KEPT = 7 * 24 * 3600  # seconds a pin's ratings are kept: a pin's data never change (a withdrawal changes the key)
_computing: dict[str, threading.Lock] = {}  # one computation of a pin's ratings at a time in this process …
_computing_lock = threading.Lock()          # … (others wait for it and read what it kept)


def _lock_for(key: str) -> threading.Lock:
    with _computing_lock:
        return _computing.setdefault(key, threading.Lock())


class Pinning:
    """Mixed into data.read_api.ReadAPI, whose plumbing (sessions, cache, memo, `newest_release_id`) it uses."""

    pin: int | None = None  # the release this view is pinned to; None: what is current now
    pin_moment: datetime | None = None  # statements as published by then (None: as published now)

    if TYPE_CHECKING:  # what ReadAPI provides
        cache: Any
        sessions: sessionmaker[Session]

        def newest_release_id(self) -> int: ...

        def _release_key(self) -> str: ...

        def _versions(self) -> tuple[int, int, datetime | None]: ...

        def _cached(self, name: str, args: tuple, compute: Callable[[], T]) -> T: ...

        def region_councils(self) -> list: ...

    def pinned(self, wanted: object) -> Self | None:
        """This API reading the warehouse as it was when release `wanted` (text, as in `?as_at=12`) was the newest;
        None when `wanted` is not one of this warehouse's releases."""
        found = PIN_TEXT.fullmatch(wanted) if isinstance(wanted, str) else None
        if found is None:
            return None
        pin = int(found[1])
        if not 1 <= pin <= self.newest_release_id():
            return None
        moment = None
        if found[2]:
            try:
                moment = datetime.strptime(found[2], MOMENT).replace(tzinfo=UTC)
            except ValueError:
                return None
            if moment > datetime.now(UTC) + timedelta(days=1):  # not a moment a pin was made at
                return None
        view = copy.copy(self)
        view.pin, view.pin_moment = pin, moment
        return view

    @property
    def pin_text(self) -> str | None:
        """The pin as the address writes it (None: not pinned)."""
        if self.pin is None:
            return None
        return f"{self.pin}~{self.pin_moment:{MOMENT}}" if self.pin_moment else str(self.pin)

    def pin_here(self) -> str:
        """What "Pin this view" pins: the newest release and the newest publication's moment (to the second,
        rounded up), so the pinned view shows the statements published now and none published later."""
        newest, _, published = self._versions()
        if published is None:
            return str(newest)
        if published.tzinfo is None:  # SQLite gives back naive UTC
            published = published.replace(tzinfo=UTC)
        moment = datetime.fromtimestamp(math.ceil(published.timestamp()), UTC)
        return f"{newest}~{moment:{MOMENT}}"

    def as_at(self) -> dict | None:
        """What the data on screen is as at: the release (pinned or the newest), its date, whether the view is
        pinned, and the releases withdrawn since the pin (their values are hidden from every view)."""
        release_id = self.pin or self.newest_release_id()
        if not release_id:
            return None

        def compute():
            with self.sessions() as session:
                release = session.get(Release, release_id)
                if release is None:  # never: release_id is the pin (checked) or the newest release
                    raise LookupError(f"release {release_id} is not in the warehouse")
                later = session.execute(select(Withdrawal).where(Withdrawal.release_id <= release_id,
                                                                 Withdrawal.withdrawn_at > release.imported_at)
                                        .order_by(Withdrawal.release_id)).scalars().all()
                return {"release": release_id, "date": f"{release.imported_at:%-d %B %Y}",
                        "pinned": self.pin is not None,
                        "withdrawn_since": [{"release": w.release_id, "reason": w.reason,
                                             "on": f"{w.withdrawn_at:%-d %B %Y}"} for w in later]}
        found = self._cached("as_at", (release_id,), compute)
        moment = self.pin_moment
        return {**found, "pin": self.pin_text if self.pin is not None else self.pin_here(),
                "accounts_as_at": uk_time(moment) if moment else None}

    def _stored_ratings_apply(self) -> bool:
        """The stored ratings are those of what is current now, so they serve a view pinned to the newest release
        too (nothing after it can differ); a view pinned to an earlier release rates its own data."""
        return self.pin is None or self.pin == self.newest_release_id()

    def _pinned_ratings(self, comparator: str, measure_ids: list[str]) -> list[RatingRecord]:
        """Ratings of the data as at the pinned release, by the same code that computes the stored ones, cached per
        measure (every period, every comparator) under the pin; the measures not cached yet are rated together."""
        if self.pin is None:
            raise ValueError("only a pinned view rates its own data")
        pin_key = f"pinned_ratings:{self._release_key()}"
        keys = {m: f"{pin_key}:{m}" for m in measure_ids}

        def kept() -> dict[str, list[RatingRecord]]:
            return {m: self.cache.get(k) for m, k in keys.items()} if self.cache is not None else {}

        found = kept()
        if any(found.get(m) is None for m in measure_ids):
            with _lock_for(pin_key):  # readers of the same pin arriving together: one computes, the rest read it
                found = kept()
                missing = [m for m in measure_ids if found.get(m) is None]
                if missing:
                    with self.sessions() as session:
                        ctx = load_context(session, missing, as_at=self.pin)
                    computed: dict[str, list[RatingRecord]] = {m: [] for m in missing}
                    for record in compute_rows(ctx, self.pin):
                        computed[record.measure_id].append(record)
                    for m, rows in computed.items():
                        found[m] = rows
                        if self.cache is not None:
                            self.cache.set(keys[m], rows, timeout=KEPT)
        return [r for m in measure_ids for r in found[m] if r.comparator == comparator]

    # ------------------------------------------------------------------ what changed between two pins
    def _region_codes(self) -> list[str]:
        from data import reference

        return [c["code"] for c in self.region_councils()] + [reference.NORTH_WEST, reference.ENGLAND]

    def years_held(self) -> dict[str, set[str]]:
        """Each measure's years with a value for the region's councils, the North West or England, as this view
        reads the warehouse (pinned or now)."""
        from data.changes import years_held

        def compute():
            with self.sessions() as session:
                return years_held(session, self.pin, self._region_codes())
        return self._cached("years_held", (), compute)

    def revised_since(self, before: int) -> list[dict]:
        """The region's values this view reads that replaced a different value current at release `before`
        (data.changes.revisions)."""
        from data.changes import revisions

        def compute():
            with self.sessions() as session:
                return revisions(session, before, self.pin, self._region_codes())
        return self._cached("revised_since", (before,), compute)

