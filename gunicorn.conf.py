"""gunicorn's settings for the scorecard (`make serve`, and production: `gunicorn -c gunicorn.conf.py app:server`).

Threads, not processes alone: a worker of the gthread class parks idle connections in its event loop (after half a
second, below) and gives a thread to a request that has arrived, so a handful of idle clients cannot hold every
worker. Slow senders are the TLS proxy's to buffer (docs/deploy/nginx.conf). No
preload: each worker builds its own app, so no database connection is ever shared across processes (the warehouse's
first fill is serialised by a lock in data/warehouse.py); if someone preloads anyway, the engine is disposed after
the fork. Every figure can be set from the environment (README, "Settings").
"""

import multiprocessing
import os
import secrets

from gunicorn.workers import gthread

# One key for every worker: the editor's forms and sessions are signed with it, so a form one worker made must be
# accepted by another. Production sets SCORECARD_SECRET_KEY; `make serve` (development) gets one made here, in the
# master, which every worker it forks inherits (each app making its own refused 9 of 10 sign-ins).
if os.environ.get("SCORECARD_DEVELOPMENT", "").lower() in ("1", "true", "yes", "on") \
        and not os.environ.get("SCORECARD_SECRET_KEY"):
    os.environ["SCORECARD_SECRET_KEY"] = secrets.token_urlsafe(32)

bind = os.environ.get("SCORECARD_BIND", "127.0.0.1:8050")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, multiprocessing.cpu_count()))
threads = int(os.environ.get("SCORECARD_THREADS") or 4)
preload_app = False
timeout = 30                 # a worker silent this long is restarted
graceful_timeout = 20
keepalive = 5
max_requests = 2000          # each worker is replaced now and then, so no slow leak can grow for ever
max_requests_jitter = 200    # … and not all at once
limit_request_line = 8190    # bytes: the longest address accepted (414 beyond)
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
# The app's own log lines (warehouse or cache unavailable, refused callbacks) beside gunicorn's, on stderr.
logconfig_dict = {"loggers": {
    "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
    "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    "scorecard": {"level": "INFO", "handlers": ["error_console"], "propagate": False}}}
forwarded_allow_ips = os.environ.get("SCORECARD_PROXY_IPS", "127.0.0.1")

# A new connection holds a thread while it waits for its first bytes, 5 s by default, before it is parked in the
# event loop; so as many idle connections as threads would stall everyone for 5 s or more. Half a second is plenty
# for a real client (a slower one is parked, not dropped). tests/test_serving.py fails without this line.
gthread.DEFAULT_WORKER_DATA_TIMEOUT = 0.5


def post_fork(server, worker):
    """A worker never uses a connection opened before the fork (only possible with --preload)."""
    import app

    built = getattr(app, "_built", {})
    if "app" in built:
        built["app"].read_api.engine.dispose(close=False)


def post_worker_init(worker):
    """Dash sets itself up (assets, scripts, the page frame from the warehouse) on a worker's first request: do it
    now, before the worker takes any, so no visitor waits for it and /health is never the first request (a
    database frozen at that moment would hold it past its deadline)."""
    import app

    app.server.test_client().get("/_dash-layout")
