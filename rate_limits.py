"""Per-address limits on what costs the server most (issue 26): eight anonymous clients asking for pinned meeting
packs (1.5-5.5 s each) made a normal reader's page take 23 s.

Counted per client address (behind the proxy, the address it reports: SCORECARD_BEHIND_PROXY), in Redis when there
is one, so every worker shares the counts; else in each worker's memory. Limited:
- callback answers that were not kept (callbacks/answers.py) and rate data as at a pin, or build a meeting pack or
  a briefing: `SCORECARD_COSTLY_LIMIT`, 120 a minute by default, so a presenter paging through a pinned deck
  never meets it (a kept answer costs nothing and is never counted; a pin's ratings are computed once, so what is
  left per answer is drawing it);
- CSV downloads: `SCORECARD_DOWNLOAD_LIMIT`, 60 a minute.
Past a limit the answer is 429 with `Retry-After` (seconds), in the request's format, and the address's other
requests go on being served, as do every other address's. If Redis fails, counting goes on in memory for a while
(never an error page). The sample nginx configuration (docs/deploy/nginx.conf) limits the same paths more coarsely
in front.
"""

from __future__ import annotations

import logging
import math
import time

import flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse

from callbacks import answers
from data.settings import Settings

log = logging.getLogger("scorecard")


def make_limiter(server: flask.Flask, settings: Settings) -> Limiter:
    """The app's one limiter (the editor's sign-in limits use it too). Redis when there is one; if it fails, this
    worker's memory instead, never an error page."""
    return Limiter(get_remote_address, app=server, default_limits=[], headers_enabled=True,
                   storage_uri=settings.cache_redis_url or "memory://", swallow_errors=True,
                   in_memory_fallback_enabled=True, storage_options={"socket_timeout": 0.3,
                                                                      "socket_connect_timeout": 0.3})


class PublicLimits:
    """The costly answers' and the downloads' limits, checked before the request is worked on."""

    def __init__(self, limiter: Limiter, costly: str, downloads: str, pause: float = 30.0):
        self.limiter, self.pause = limiter, pause
        self.costly, self.downloads = parse(costly), parse(downloads)
        self.failed_at: float | None = None

    def install(self, server: flask.Flask) -> None:
        server.before_request(self.check)  # a kept answer never gets here (callbacks/answers.py)

    def check(self) -> flask.Response | None:
        request = flask.request
        if request.path.startswith("/download/"):
            item, scope = self.downloads, "downloads"
        elif answers.costly():
            item, scope = self.costly, "costly"
        else:
            return None
        address = get_remote_address()
        strategy = self._strategy()
        try:
            if strategy.hit(item, scope, address):
                return None
            reset = strategy.get_window_stats(item, scope, address).reset_time
        except Exception as error:  # noqa: BLE001 - a limit we cannot count is not a reason to refuse anyone
            self.failed_at = time.monotonic()
            log.warning("rate limit storage unavailable (%s): counting in memory for %.0f s",
                        type(error).__name__, self.pause)
            return None
        return too_many(max(1, math.ceil(reset - time.time())), str(item))

    def _strategy(self):
        """Flask-Limiter's strategy (over Redis), or its in-memory one for `pause` seconds after Redis failed."""
        if self.failed_at is not None and time.monotonic() - self.failed_at < self.pause:
            fallback = getattr(self.limiter, "_fallback_limiter", None)
            if fallback is not None:
                return fallback
        return self.limiter.limiter


def too_many(retry_after: int, limit: str) -> flask.Response:
    """429 in the request's format: JSON for a callback, text for a download."""
    message = (f"Too many requests from your address for now (the limit is {limit}); "
               f"try again in {retry_after} seconds.")
    if flask.request.path.endswith("_dash-update-component"):
        response = flask.jsonify(error=message)
    else:
        response = flask.Response(message + "\n", mimetype="text/plain")
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    response.headers["Cache-Control"] = "no-store"
    return response


def install(server: flask.Flask, settings: Settings) -> Limiter:
    limiter = make_limiter(server, settings)
    PublicLimits(limiter, settings.costly_limit, settings.download_limit).install(server)
    return limiter
