"""Faults survived: a shared cache that steps aside when Redis is down or frozen, and a warehouse that may be
unreachable when the app starts (or later) and is retried until it answers, without a restart.

Both log one line per fault (at most one a minute), never a traceback, and report their state for /health.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

log = logging.getLogger("scorecard")
T = TypeVar("T")


class ResilientCache:
    """A cache (Flask-Caching's, over Redis in production) that never fails a request: when a read or write raises
    (Redis down, or slower than its socket timeout), the cache is skipped for `pause` seconds and pages are built
    from the warehouse; one warning a minute says so."""

    def __init__(self, cache, pause: float = 30.0, warn_every: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self.cache, self.pause, self.warn_every, self.clock = cache, pause, warn_every, clock
        self.failed_at: float | None = None
        self.warned_at: float | None = None

    def _skipping(self) -> bool:
        return self.failed_at is not None and self.clock() - self.failed_at < self.pause

    def _failed(self, error: Exception) -> None:
        now = self.clock()
        self.failed_at = now
        if self.warned_at is None or now - self.warned_at >= self.warn_every:
            self.warned_at = now
            log.warning("cache unavailable (%s): serving from the warehouse; retrying in %.0f s",
                        type(error).__name__, self.pause)

    def get(self, key: str):
        if self._skipping():
            return None
        try:
            found = self.cache.get(key)
        except Exception as error:  # noqa: BLE001 - any cache failure means "not cached"
            self._failed(error)
            return None
        self.failed_at = None
        return found

    def set(self, key: str, value, timeout: int | None = None) -> None:
        """Keep `value` for `timeout` seconds (None: the cache's default)."""
        if self._skipping():
            return
        try:
            self.cache.set(key, value, timeout=timeout)
        except Exception as error:  # noqa: BLE001
            self._failed(error)

    @property
    def status(self) -> str:
        """"ok", or "degraded" while the cache is being skipped after a failure."""
        return "degraded" if self._skipping() else "ok"


class Availability:
    """Whether the warehouse is ready: `connect()` (for the app, `init_warehouse`) is tried at start and then, while
    it fails, again at most every `retry_every` seconds as requests arrive. A retry is waited for at most
    `retry_wait` seconds (one at a time: a frozen database holds one thread, not every request's); the first try,
    at start, as long as it takes (it may fill the warehouse). `lost()` says the warehouse stopped answering:
    requests are then answered "data unavailable" at once, until a retry succeeds."""

    def __init__(self, connect: Callable[[], object], retry_every: float = 5.0,
                 unavailable: tuple[type[BaseException], ...] = (OSError,),
                 clock: Callable[[], float] = time.monotonic, retry_wait: float = 0.5):
        self.connect, self.retry_every, self.unavailable, self.clock = connect, retry_every, unavailable, clock
        self.ready = False
        self.tried_at: float | None = None
        self.lock = threading.Lock()
        self.retries: Deadline[None] = Deadline(retry_wait)

    def ensure(self) -> bool:
        """True when the warehouse is ready (trying it again if the last try is old enough)."""
        if self.ready:
            return True
        with self.lock:
            if self.ready or (self.tried_at is not None and self.clock() - self.tried_at < self.retry_every):
                return self.ready
            first, self.tried_at = self.tried_at is None, self.clock()
        try:
            self._try() if first else self.retries.run(self._try)
        except TimeoutError:
            log.warning("warehouse unavailable (no answer within %g s): serving the 'data unavailable' page; "
                        "retrying every %.0f s", self.retries.seconds, self.retry_every)
        except self.unavailable as error:
            log.warning("warehouse unavailable (%s): serving the 'data unavailable' page; retrying every %.0f s",
                        type(error).__name__, self.retry_every)
        return self.ready

    def _try(self) -> None:
        self.connect()
        if not self.ready and self.tried_at is not None:
            log.info("warehouse available")
        self.ready = True

    def lost(self) -> None:
        """The warehouse stopped answering (a lost connection, a frozen server): stop sending requests to it
        until the next retry."""
        with self.lock:
            self.ready, self.tried_at = False, self.clock()


class Deadline(Generic[T]):
    """Run a probe (the health check's query) on its own thread and wait at most `seconds` from its start: a
    database that is frozen, or a network that swallows packets, makes the probe hang, not the caller. One probe
    at a time: callers arriving while it runs share its answer, and while one hangs past its deadline they fail at
    once rather than start another thread."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.lock = threading.Lock()
        self.flight: _Flight[T] | None = None

    def run(self, probe: Callable[[], T]) -> T:
        """`probe()`'s result; raises TimeoutError if it takes longer than the deadline, and whatever it raised."""
        with self.lock:
            if self.flight is None or self.flight.done.is_set():
                self.flight = _Flight(probe)
            flight = self.flight
        if not flight.done.wait(max(0.0, self.seconds - (time.monotonic() - flight.started))):
            raise TimeoutError(f"no answer within {self.seconds:g} s")
        if "error" in flight.outcome:
            raise flight.outcome["error"]
        return flight.outcome["value"]


class _Flight(Generic[T]):
    """One probe running on its own daemon thread."""

    def __init__(self, probe: Callable[[], T]):
        self.outcome: dict[str, Any] = {}
        self.started = time.monotonic()
        self.done = threading.Event()
        threading.Thread(target=self._run, args=(probe,), name="scorecard-probe", daemon=True).start()

    def _run(self, probe: Callable[[], T]) -> None:
        try:
            self.outcome["value"] = probe()
        except BaseException as error:  # noqa: BLE001 - handed to the callers by Deadline.run
            self.outcome["error"] = error
        finally:
            self.done.set()
