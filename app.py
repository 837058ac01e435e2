"""The North West adult social care balanced scorecard: the Dash app factory and `python app.py`.

    create_app(settings)   build an app (each test gets its own; callbacks are registered per app)
    app, server            module attributes built on first use, for `gunicorn app:server`
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import hashlib
from html import escape as html_escape
from pathlib import Path

import dash
import flask
from dash import html
from flask_caching import Cache
from flask_compress import Compress
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.middleware.proxy_fix import ProxyFix

import editor
import published_account
import rate_limits
import static_files
from callbacks import answers, domain_callbacks, downloads, guard, overview_callbacks, router
from data.catalogue import catalogue
from data.db import describe, make_engine
from data.read_api import ReadAPI, log
from data.resilience import Availability, ResilientCache
from data.settings import Settings
from data.versions import VersionReader
from data.warehouse import init_warehouse
from layouts.filling import fill
from layouts.shell import INDEX_STRING, PRODUCT, frame
from page_models.routes import plain_address

BOOTSTRAP_ROUTE = "/vendor/bootstrap.min.css"


def _bootstrap_css() -> Path:
    """Bootstrap 5.3's CSS from the installed Bootstrap-Flask package: no CDN at run time."""
    import flask_bootstrap

    return Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5" / "css" / "bootstrap.min.css"


def _versioned_bootstrap() -> str:
    """Bootstrap's address with its package's version, so browsers may keep it a year (static_files)."""
    from importlib.metadata import version

    return f"{BOOTSTRAP_ROUTE}?v={version('Bootstrap-Flask')}"


def _add_server_routes(server: flask.Flask, api: ReadAPI, cache: ResilientCache, availability: Availability) -> None:
    css = _bootstrap_css()

    @server.route(BOOTSTRAP_ROUTE)
    def bootstrap_css():
        return flask.send_file(css, mimetype="text/css", max_age=86400)

    @server.after_request
    def not_found_status(response):
        """A Dash page path that names nothing (an unknown domain, council, measure or page) answers 404, with the
        app's friendly not-found view as its body; while the warehouse cannot be read, a page answers the 503 "data
        unavailable" rather than a frame its callbacks could never fill (one small read tells: the newest release,
        which every callback of the page reads anyway)."""
        if (flask.request.method != "GET" or response.status_code != 200 or response.mimetype != "text/html"
                or flask.request.blueprint is not None):
            return response
        try:
            api.newest_release_id()
            if not router.exists(api, flask.request.path):
                response.status_code = 404
        except WAREHOUSE_ERRORS as error:  # after the request, Flask's error handlers do not apply
            return _warehouse_failed(error, availability)
        return response

    @server.after_request
    def layout_follows_the_page(response):
        """The layout holds the page it is asked from (its Referer: router.first_page): no cache between here and
        the browser may give it to another page."""
        if flask.request.path == answers.LAYOUT:
            response.vary.add("Referer")
            response.headers["Cache-Control"] = "no-cache"
        return response

    @server.route("/health")
    def health():
        cache.get("health:probe")  # the cache's state as it is now, not as the last page that used it found it
        # a warehouse that was down is tried again (every few seconds at most); while it is down, say so at once
        report = api.health() if availability.ensure() else {
            "status": "error", "database": {"status": "unavailable", "backend": api.engine.dialect.name}}
        report["cache"] = {"status": cache.status,
                           "backend": "redis" if "Redis" in type(cache.cache.cache).__name__ else "in-process"}
        return flask.jsonify(report), 200 if report["status"] == "ok" else 503


class ScorecardDash(dash.Dash):
    """Dash, minus what the page would tell an attacker (the `_dash-config` block carries no Python, Dash or
    Plotly version: the browser uses them only for Dash's debug menu, which is off) and minus what it would not
    use (dash_table's bundle). plotly.js is not one of the page's scripts: it is fetched when a page first draws a
    chart (assets/plotly_loader.js; 180 ms of the main thread saved on pages without one), from the address the
    config names."""

    UNSAID = ("python_version", "dash_version", "plotly_version", "dash_version_url", "ddk_version")
    # Dash always sends its table's bundle (no page uses dash_table) and Babel's polyfill of ES2015–2017 for
    # browsers that lack it (IE 11: React 18 does not run there anyway). The polyfill cost every first visit ~110 ms
    # of the main thread. Its one part the bundles use, regeneratorRuntime, dash-bootstrap-components defines as it
    # loads (tests/browser/test_charts.py: charts, loaded on demand through it, still draw).
    UNUSED = ("dash_table/", "polyfill@")

    def _config(self):
        config = super()._config()
        for key in self.UNSAID:
            config.pop(key, None)
        config["plotlyjs_url"] = self.config.requests_pathname_prefix + static_files.plotly_address()
        return config

    def serve_layout(self):
        """The layout as the browser asks for it: with the page it is on drawn (`_shell`). Dash also builds the
        layout to check it, once, before the first request is answered: that one needs no page."""
        flask.g.page_wanted = True
        return super().serve_layout()

    # Run in the head: the tab's pin, then the layout asked for (assets/pin_first.js); allowed by its hash.
    PIN_FIRST = static_files.PIN_FIRST.read_text(encoding="utf-8")

    def csp_hashes(self, hash_algorithm="sha256"):
        digest = base64.b64encode(hashlib.new(hash_algorithm, self.PIN_FIRST.encode()).digest()).decode()
        return [*super().csp_hashes(hash_algorithm), f"'{hash_algorithm}-{digest}'"]

    def interpolate_index(self, **kwargs):
        """The page asks for its layout (which holds the page drawn: router.first_page) and the callbacks' list as
        it starts, alongside its scripts, not after them: the renderer's own requests then find the answers
        there (~100 ms of a first visit). A tab's pin is put in the address first, so the layout is the pinned
        page's (assets/pin_first.js)."""
        prefix = self.config.requests_pathname_prefix
        kwargs["metas"] += f'\n<script data-prefix="{html_escape(prefix)}">{self.PIN_FIRST}</script>'
        if flask.has_request_context() and hasattr(self, "read_api"):  # the page's own title, and its plain page
            path = flask.request.path
            try:
                kwargs["title"] = router.tab_title(self.read_api, path)
            except DBAPIError:  # the warehouse is away: the product's name will do until the page is drawn
                pass
            plain = plain_address(path, flask.request.query_string.decode("latin-1"))
            kwargs["app_entry"] = (f'<noscript><p class="container-fluid">This page needs JavaScript. <a href='
                                   f'"{html_escape(plain)}">The same page without scripts, with its data</a>.</p>'
                                   f"</noscript>\n{kwargs['app_entry']}")
            kwargs["metas"] += "\n<noscript><style>._dash-loading{display:none}</style></noscript>"
        kwargs["title"] = html_escape(kwargs["title"])
        return super().interpolate_index(**kwargs)

    def _collect_and_register_resources(self, resources, *args, **kwargs):
        """The page's scripts and styles, without those of components the scorecard never uses."""
        def used(path) -> bool:
            return not any(part in str(path) for part in self.UNUSED)

        kept = []
        for r in resources:
            paths = r.get("relative_package_path", "")
            if isinstance(paths, list):  # Dash's renderer names its dependencies (React, …) in one resource
                kept.append({**r, "relative_package_path": [p for p in paths if used(p)]})
            elif used(paths):
                kept.append(r)
        return super()._collect_and_register_resources(kept, *args, **kwargs)


PERMISSIONS = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
               "payment=(), usb=(), fullscreen=(self)")


def _add_security_headers(app: dash.Dash) -> None:
    script_hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-...'
    policy = ("default-src 'self'; "
              f"script-src 'self' {script_hashes}; "
              "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
              "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")

    @app.server.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if "frame-ancestors *" not in response.headers["Content-Security-Policy"]:  # an embed may be framed
            response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        if flask.request.is_secure:  # over TLS (directly, or behind a proxy that says so: SCORECARD_BEHIND_PROXY)
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response


def once_per_request(name: str, compute):
    """Keep `compute()` for the rest of the current web request (the read API's memo); outside one, compute."""
    if not flask.has_request_context():
        return compute()
    memo = flask.g.setdefault("scorecard_memo", {})
    if name not in memo:
        memo[name] = compute()
    return memo[name]


UNAVAILABLE_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data unavailable — {product}</title><link rel="stylesheet" href="{css}"></head>
<body><main class="container py-5" style="max-width:40rem"><h1>The scorecard's data are unavailable</h1>
<p class="lead">The data warehouse cannot be reached at the moment. Nothing is lost: the page will work again as
soon as it can be reached, without anything for you to do.</p>
<p><a href="" class="btn btn-primary">Try again</a></p></main></body></html>"""
OPEN_WITHOUT_DATA = ("/health", "/assets/", "/_dash-component-suites/", BOOTSTRAP_ROUTE, "/_favicon.ico")


def _unavailable() -> flask.Response:
    """503 for a request that needs the warehouse while it cannot be reached: a page for a browser, JSON for a
    callback, text for a download; the browser is told when to try again."""
    path = flask.request.path
    if path.endswith("_dash-update-component"):
        response = flask.jsonify(error="The scorecard's data are unavailable; try again shortly.")
    elif path.startswith("/download/") or path.startswith("/_dash-"):
        response = flask.Response("The scorecard's data are unavailable; try again shortly.\n", mimetype="text/plain")
    else:
        response = flask.Response(UNAVAILABLE_PAGE.format(product=PRODUCT, css=BOOTSTRAP_ROUTE), mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    response.headers["Cache-Control"] = "no-store"
    return response


def _add_fault_handling(server: flask.Flask, availability: Availability) -> None:
    """Until the warehouse answers, every request that needs it gets the 503 above (retried every few seconds, so
    the app recovers without a restart); a database error in any later request gets it too, with one log line."""

    @server.before_request
    def _warehouse_gate():
        if flask.request.path.startswith(OPEN_WITHOUT_DATA) or availability.ensure():
            return None
        return _unavailable()

    @server.errorhandler(DBAPIError)
    @server.errorhandler(OperationalError)
    @server.errorhandler(PoolTimeout)
    def _database_error(error):
        return _warehouse_failed(error, availability)


WAREHOUSE_ERRORS = (DBAPIError, OperationalError, PoolTimeout)


def _warehouse_failed(error: Exception, availability: Availability) -> flask.Response:
    """The 503 for a database error, with one log line. An error that means the server is gone (no connection,
    one cut by the watchdog, a server shutting down, no connection free within the pool's wait) also stops the
    next requests trying it for a few seconds: they answer 503 at once instead of each waiting for a deadline."""
    original = getattr(error, "orig", None)
    log.warning("warehouse error on %s: %s", flask.request.path, type(original or error).__name__)
    state = getattr(original, "sqlstate", "a statement's")  # PostgreSQL's error class; None: the client's own
    if isinstance(error, PoolTimeout) or state is None or state.startswith(("08", "57P")):
        availability.lost()
    return _unavailable()


COMPRESSED = ["text/html", "text/css", "text/csv", "text/plain", "application/json", "application/javascript",
              "text/javascript", "image/svg+xml"]


def _compress(server: flask.Flask) -> None:
    """Brotli or gzip (whichever the browser offers first of the two) for pages, callbacks, scripts, styles and
    downloads: the page's 1.5 MB plotly.js bundle travels as ~0.5 MB."""
    server.config.update(COMPRESS_MIMETYPES=COMPRESSED, COMPRESS_ALGORITHM=["br", "gzip"],
                         COMPRESS_ALGORITHM_STREAMING=["br"], COMPRESS_BR_LEVEL=5, COMPRESS_LEVEL=6,
                         COMPRESS_MIN_SIZE=500, COMPRESS_CACHE_BACKEND=static_files.CompressedOnce,
                         COMPRESS_CACHE_KEY=static_files.compressed_key)
    Compress(server)


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the scorecard: open (and if needed create and fill) the warehouse, then the Dash app on it. If the
    warehouse cannot be reached, the app still starts, answers 503 "data unavailable" and keeps trying.

    Raises data.warehouse.SchemaVersionError if the warehouse was made by another schema version.
    """
    settings = settings or Settings.from_env()
    static_files.check_bundle()  # never the full plotly.js instead (4.8 MB): refuse to start and say why
    engine = make_engine(settings.database_url, statement_timeout=settings.statement_timeout)
    availability = Availability(lambda: _initialise(engine, settings),
                                unavailable=(OperationalError, DBAPIError, OSError))
    availability.ensure()
    server = flask.Flask(__name__, instance_path=str(Path(settings.instance_dir).resolve()) if settings.instance_dir
                         else None)
    server.config["MAX_CONTENT_LENGTH"] = 2_000_000  # nothing the scorecard accepts is larger (callbacks: 1 MB)
    cache = ResilientCache(Cache(server, config=settings.cache_config))
    api = ReadAPI(engine, cache=cache, memo=once_per_request, health_timeout=settings.health_timeout)
    versions = VersionReader(engine)  # what kept answers are kept under, read at most once a second
    answers.install(server, versions, cache)  # a WSGI layer in front of Flask: callbacks/answers.py
    if settings.behind_proxy:  # trust one proxy's X-Forwarded-For/-Proto/-Host (HTTPS, HSTS and logs then see it)
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)  # in front of answers
    limiter = rate_limits.install(server, settings)
    _compress(server)
    static_files.install(server)  # precompressed plotly.js; versioned addresses cached a year
    app = ScorecardDash(__name__, server=server, title=PRODUCT, index_string=INDEX_STRING,
                        external_stylesheets=[_versioned_bootstrap()], suppress_callback_exceptions=True,
                        serve_locally=True, update_title=None, assets_ignore=static_files.NOT_PAGE_SCRIPTS,
                        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                                   {"name": "description", "content": "Published adult social care performance "
                                                                      "data for the North West's councils."}])
    app.layout = _shell(api, availability)
    for module in (router, overview_callbacks, domain_callbacks, downloads):
        module.register(app, api)
    guard.install(app)  # after every callback is registered: it knows them all
    _add_fault_handling(server, availability)
    _add_server_routes(server, api, cache, availability)
    _add_security_headers(app)
    editor.install(server, engine, settings, limiter)  # plain forms, no Dash callbacks (docs/adr/0007)
    published_account.install(server, api, server.instance_path)  # /account/: the plain site of each release
    app.server.config["SCORECARD_WAREHOUSE"] = describe(engine)
    app.server.config["SCORECARD_CONTACT"] = settings.contact  # /about's accessibility statement names it
    app.read_api = api  # what pages read; the warehouse itself is the database
    app.availability = availability
    app.versions = versions
    # Dash does its once-only setup (which of its scripts it will serve, among the rest) at the first request, and
    # marks it done before doing it: in a new worker, the threads answering a browser's scripts at once found none
    # registered and answered 404 — a blank page after every worker restart (max_requests). Done here, before any.
    with server.test_request_context("/"):
        app._setup_server()
    return app


def _initialise(engine, settings: Settings) -> None:
    """Make the warehouse ready (data.warehouse.init_warehouse). On PostgreSQL through an engine of its own without
    the web's statement timeout: a first fill, or a worker waiting for another's, may take longer than a page may."""
    if engine.dialect.name != "postgresql":
        init_warehouse(engine, initial=settings.initial_data)
        return
    with engine.connect() as connection:  # first the web's engine: a server that does not answer fails in ~2 s,
        connection.execute(text("SELECT 1"))  # so a worker starting during an outage is serving 503s at once
    patient = make_engine(settings.database_url)
    try:
        init_warehouse(patient, initial=settings.initial_data)
    finally:
        patient.dispose()


def _shell(api: ReadAPI, availability: Availability):
    """The app's layout: the page frame (its header lists the region's councils, read from the warehouse once it
    can be read) with, when the browser asks for it, the page it is on already drawn (router.first_page)."""
    parts: list = []

    def layout():
        try:
            if not parts and availability.ensure():
                parts.append((catalogue().domains, api.region_councils(), api.collected()))
        except DBAPIError as error:  # Dash also asks for the layout outside page requests (at its set-up)
            log.warning("warehouse error building the page frame: %s", type(error.orig).__name__)
        if not parts:
            return html.Main("The scorecard's data are unavailable; try again shortly.")
        page = frame(*parts[0])
        if flask.has_request_context() and flask.g.get("page_wanted"):
            try:
                first = router.first_page(api, flask.request.referrer, flask.request.host)
            except DBAPIError as error:  # the router draws it when the browser says where it is
                log.warning("warehouse error drawing the first page: %s", type(error.orig).__name__)
                answers.not_kept()
                first = None
            if first is not None:
                fill(page, router.ROUTED, first)
        return page
    return layout


_built: dict[str, object] = {}


def __getattr__(name: str):
    """`app` and `server` are built on first use, so importing this module has no side effects."""
    if name in ("app", "server"):
        if "app" not in _built:
            _built["app"] = create_app()
        return _built["app"] if name == "app" else _built["app"].server
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=f"Serve the {PRODUCT}.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8050, help="port to listen on (default 8050)")
    args = parser.parse_args(argv)
    settings = dataclasses.replace(Settings.from_env(), development=True)  # this machine's own server
    app = create_app(settings)
    release = app.read_api.current_release()
    print(f"Warehouse: {app.server.config['SCORECARD_WAREHOUSE']}"
          + (f" (release {release.id}: {release.source})" if release else " (no data yet)"))
    print(f"Serving the scorecard at http://{args.host}:{args.port}/  (press Ctrl+C to stop)")
    app.run(host=args.host, port=args.port, debug=settings.debug)


if __name__ == "__main__":
    main()
