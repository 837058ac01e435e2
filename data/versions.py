"""The version every public answer depends on (callbacks/answers.py keys kept answers by it), read at most once a
second per worker process.

Read on every request, it was most of what a kept answer cost: a round trip to the warehouse (with the pool's
checkout and ping) took ~0.3 ms of the ~1 ms a kept answer took under gunicorn, beside ~0.4 ms for a static file.
Kept for `fresh` seconds (1), a new release, a withdrawal or a council's statement published by any process shows
on every page within that second, and the warehouse is asked about once a second per worker instead of a few
hundred times. A version that cannot be read raises Unreadable (and is not asked again for `hold` seconds): the
request then goes on to the app, which answers "data unavailable" as for any request while the warehouse is down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy.engine import Engine

from data.read_api import read_versions


class Unreadable(Exception):
    """The version could not be read now (the warehouse did not answer, or failed a moment ago)."""


class VersionReader:
    def __init__(self, engine: Engine, fresh: float = 1.0, hold: float = 2.0,
                 clock: Callable[[], float] = time.monotonic):
        self.engine, self.fresh, self.hold, self.clock = engine, fresh, hold, clock
        self.lock = threading.Lock()
        self.kept: tuple[str, float] | None = None  # (version, when it was read)
        self.failed_at: float | None = None

    def __call__(self) -> str:
        """The version as of at most `fresh` seconds ago; raises Unreadable if the warehouse cannot say."""
        now = self.clock()
        kept = self.kept
        if kept is not None and now - kept[1] < self.fresh:
            return kept[0]
        if self.failed_at is not None and now - self.failed_at < self.hold:
            raise Unreadable("the warehouse failed a moment ago")
        with self.lock:  # one thread asks; the others waiting here get its answer
            kept = self.kept
            if kept is not None and self.clock() - kept[1] < self.fresh:
                return kept[0]
            try:
                version = self._read()
            except Exception as error:  # noqa: BLE001 - any failure: the app's own request path says what it is
                self.failed_at = self.clock()
                raise Unreadable(type(error).__name__) from error
            self.kept, self.failed_at = (version, now), None
            return version

    def _read(self) -> str:
        newest, withdrawals, published = read_versions(self.engine)
        return f"{newest}.{withdrawals}.{published.isoformat() if published else '-'}"
