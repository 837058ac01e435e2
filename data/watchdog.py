"""A client-side deadline for the web's round trips to PostgreSQL (issue 26).

PostgreSQL's own `statement_timeout` needs a server that runs; a frozen one (a stopped process, a hung host, a
network that holds packets while the kernel still acknowledges them) answers nothing, so a request waited for as
long as the freeze lasted (40 s in one trial) and once every thread waited, `/health` and static files waited too.

The watchdog watches every round trip of the web's engine (each statement, ping, commit and rollback):
- one waiting longer than `suspect` seconds makes it ask the server `SELECT 1` on a fresh connection. A slow
  query is not a frozen server: an answer vouches for everything waiting then. No answer within `probe_wait`
  seconds means the server is frozen, and every waiting round trip is cut at once;
- any round trip waiting longer than `limit` seconds is cut, whatever the probe said;
- for `hold` seconds after a frozen verdict no new connection is tried (one would wait for its 2 s connect
  timeout): the attempt fails at once, as the cut round trips did.

To cut is to shut the connection's socket down: the driver's wait returns, psycopg raises OperationalError, the
connection is discarded and the request answers the app's 503 "data unavailable" (app.py), which also stops other
requests trying the warehouse for a few seconds (data.resilience.Availability.lost).
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import event

from data.resilience import Deadline

log = logging.getLogger("scorecard")

# The dialect's methods that wait for the server, and how each finds its DBAPI connection from its first argument.
WATCHED = {"do_execute": "cursor", "do_execute_no_params": "cursor", "do_executemany": "cursor",
           "do_ping": "connection", "do_commit": "connection", "do_rollback": "connection"}


class _Trip:
    __slots__ = ("fd", "started", "vouched", "cut")

    def __init__(self, fd: int):
        self.fd, self.started, self.vouched, self.cut = fd, time.monotonic(), False, False


class Watchdog:
    def __init__(self, connect: Callable[[], Any], limit: float, suspect: float = 0.25, probe_wait: float = 1.0,
                 hold: float = 2.0, tick: float = 0.1):
        self.connect = connect  # opens a new DBAPI connection (for the probe), outside the pool
        self.limit, self.suspect, self.hold, self.tick = limit, suspect, hold, tick
        self.frozen_at: float | None = None
        self.probe: Deadline[None] = Deadline(probe_wait)
        self.lock = threading.Lock()
        self.trips: dict[int, _Trip] = {}
        self.thread: threading.Thread | None = None

    def install(self, engine) -> None:
        """Watch every round trip `engine` makes."""
        dialect = engine.dialect
        for name, kind in WATCHED.items():
            setattr(dialect, name, self._watched(getattr(dialect, name), kind))

        @event.listens_for(engine, "do_connect")
        def _not_while_frozen(*_):
            if self.frozen_at is not None and time.monotonic() - self.frozen_at < self.hold:
                raise dialect.loaded_dbapi.OperationalError("the warehouse is not answering (just found frozen)")

    def _watched(self, method, kind: str):
        @functools.wraps(method)
        def call(first, *args, **kwargs):
            with self.trip(first.connection if kind == "cursor" else first):
                return method(first, *args, **kwargs)
        return call

    @contextmanager
    def trip(self, connection):
        try:
            fd = connection.fileno()
        except Exception:  # noqa: BLE001 - a closed connection: the driver will say so itself
            yield
            return
        trip = _Trip(fd)
        with self.lock:
            self.trips[id(trip)] = trip
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="scorecard-watchdog", daemon=True)
                self.thread.start()
        try:
            yield
        finally:
            with self.lock:  # under the lock: a cut never reaches a socket that was closed and its number reused
                self.trips.pop(id(trip), None)

    def _watch(self) -> None:
        while True:
            time.sleep(self.tick)
            now = time.monotonic()
            with self.lock:
                overdue = [t for t in self.trips.values() if not t.cut and now - t.started > self.limit]
                self._cut(overdue, f"no answer within {self.limit:g} s")
                suspected = [t for t in self.trips.values() if not t.vouched and now - t.started > self.suspect]
            if suspected:
                self._ask(suspected)

    def _ask(self, suspected: list[_Trip]) -> None:
        """Is the server answering at all? Yes: the suspected trips are only slow. No: cut them."""
        try:
            self.probe.run(self._select_one)
        except TimeoutError:
            self.frozen_at = time.monotonic()
            with self.lock:
                self._cut([t for t in suspected if id(t) in self.trips],
                          f"the server did not answer a new connection's SELECT 1 within {self.probe.seconds:g} s")
            return
        except Exception:  # noqa: BLE001 - refused or reset: the waiting trips will fail by themselves
            pass
        self.frozen_at = None
        for trip in suspected:
            trip.vouched = True

    def _select_one(self) -> None:
        connection = self.connect()
        try:
            with self.trip(connection):  # watched like any other: cut at `limit` if the freeze outlasts the probe
                connection.execute("SELECT 1")
        finally:
            with suppress(Exception):
                connection.close()

    @staticmethod
    def _cut(trips: list[_Trip], reason: str) -> None:
        """Shut the trips' sockets down (called under the lock, so each socket is still the trip's)."""
        trips = [t for t in trips if not t.cut]
        if not trips:
            return
        for trip in trips:
            trip.cut = True
            with suppress(OSError), socket.socket(fileno=os.dup(trip.fd)) as sock:
                sock.shutdown(socket.SHUT_RDWR)
        log.warning("warehouse not answering: %d waiting round trip(s) cut (%s)", len(trips), reason)
