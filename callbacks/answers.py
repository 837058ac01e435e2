"""Callback answers kept whole: a callback is a pure function of the JSON the browser posts and of what the
warehouse holds, so its answer — compressed, as sent — is kept under a hash of that JSON (and of the encodings the
browser accepts and the host it asked: printed pages carry the site's address) with the warehouse's version
(data/versions.py), a digest of the app's code and today's date. The second reader who asks the same question gets
the bytes from the cache without Flask, Dash, the page model or the compressor running again: this is a WSGI layer
in front of the app (KeptAnswers), so a kept answer costs a hash and a cache read (Flask's request handling alone
took more than the whole answer now does; benchmarks/RESULTS.md).
The layout is kept the same way: it holds the page drawn for the address it is asked from (its Referer;
callbacks/router.py first_page), so its question is that address.

The JSON is hashed as the pages read it: an address's query string normalised (routes.normal_search), so
`?anything=1` is the same question as none (junk parameters were a way round the cache: 1,000 of them stored 197
MB). And the cache holds at most SLOTS answers of at most MAX_BYTES each, whatever is asked: an answer goes into
one of SLOTS places chosen by its key, replacing what was there.

Only answers that succeeded (200) are kept; a request that was refused, or that changed nothing (204), is
answered afresh every time, so nothing a hostile request sends can be served to anyone else. If the version
cannot be read (the warehouse is down), the answer is the app's 503 "data unavailable", as for any request.

An answer not kept that rates data as at a pin, or builds a meeting pack or briefing, is costly: it is marked
(`costly()`) for the per-address limit (rate_limits.py). A kept answer is never counted.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import flask
from werkzeug.wsgi import get_host

from data.resilience import ResilientCache
from data.versions import Unreadable
from page_models.routes import PIN, normal_search, page_address, query_dict

ROUTE = "/_dash-update-component"
LAYOUT = "/_dash-layout"  # the frame with the page drawn for its Referer (callbacks/router.py first_page)
SLOTS = 512             # answers kept at most (in Redis, shared by every worker; else in each worker) …
MAX_BYTES = 512_000     # … of at most this size: 256 MB at worst (as browsers ask, compressed, most are 10-60 KB)
COSTLY_PAGES = ("/pack",)


@functools.cache
def code_version() -> str:
    """A digest of the app's own code: an answer made by another version of it (before a deploy, in a shared
    Redis) is never served."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in [root / "app.py", *sorted(p for folder in CODE for p in (root / folder).rglob("*.py"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE = ("analysis", "callbacks", "data", "layouts", "page_models")  # and app.py


def _question(body: bytes) -> tuple[bytes, bool] | None:
    """The request's JSON with every address's query string normalised, as bytes to hash, and whether answering
    it is costly; None if it is not a callback's JSON (it is then answered, or refused, afresh)."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested past Python's depth: Dash's guard refuses it
        return None
    if not isinstance(payload, dict):
        return None
    found: dict[str, object] = {}

    def normalise(item):
        if isinstance(item, list):
            return [normalise(i) for i in item]
        if isinstance(item, dict) and item.get("property") in ("search", "pathname") and "value" in item:
            found[item["property"]] = item["value"]
            if item["property"] == "search":
                return {**item, "value": normal_search(item["value"])}
        return item

    try:
        for part in ("inputs", "state"):
            payload[part] = normalise(payload.get(part))
    except RecursionError:
        return None
    return (json.dumps(payload, sort_keys=True, separators=(",", ":")).encode(),
            _costly(found.get("pathname"), found.get("search")))


def _costly(path: object, search: object) -> bool:
    return (isinstance(search, str) and PIN in query_dict(search)) or (
        isinstance(path, str) and (path.startswith(COSTLY_PAGES) or path.endswith("/briefing")))


def _first_page(referrer: object, host: str) -> tuple[bytes, bool]:
    """The layout request as a question: the address of the page it is drawn for, read as the pages read it."""
    address = page_address(referrer, host)
    path, search = address if address else (None, None)
    return json.dumps({"layout": path, "search": search}).encode(), _costly(path, search)


def _asked(environ: dict) -> tuple[bytes, bool] | None:
    """The question a request asks, if its answer may be kept: a callback's, or the layout's. A callback's body is
    read here and put back for the app."""
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
    if path == ROUTE and method == "POST":
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None  # no length (chunked) or a false one: the app answers, or refuses, it afresh
        if not 0 < length <= 1_000_000:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        return _question(body)
    if path == LAYOUT and method == "GET":
        return _first_page(environ.get("HTTP_REFERER"), get_host(environ))
    return None


def key(version: str, environ: dict, question: bytes) -> str:
    """The question with what else the answer depends on: the encodings the browser accepts, and the host it asked
    (printed pages carry the scorecard's address: callbacks/router.py _site)."""
    asked_of = f"{environ.get('HTTP_ACCEPT_ENCODING', '')}\0{environ.get('wsgi.url_scheme', '')}://{get_host(environ)}"
    digest = hashlib.sha256(asked_of.encode() + b"\0" + question)
    return f"answer:{code_version()}:{version}:{datetime.date.today().isoformat()}:{digest.hexdigest()}"


def not_kept() -> None:
    """This request's answer is not to be kept (it was made without part of what it should hold)."""
    flask.request.environ.pop(KEEP, None)


def costly() -> bool:
    """Whether this request's answer was not kept and is costly to make (rate_limits.py counts it)."""
    return bool(flask.request.environ.get(COSTLY))


def slot(key: str) -> str:
    """The one place in the cache where the answer under `key` may be kept."""
    return f"answer-slot:{int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % SLOTS}"


KEEP, COSTLY = "scorecard.answer_key", "scorecard.costly"  # what this layer tells the app, in the WSGI environ
NOT_KEPT_HEADERS = ("set-cookie", "connection", "transfer-encoding")


class KeptAnswers:
    """The WSGI layer in front of the app (inside ProxyFix, so it sees the host the browser used): a kept answer is
    sent from here, without Flask, Dash or the compressor running (the bytes and headers the app sent when it made
    it: compressed, with its security headers); any other answer is made by the app and kept on its way out."""

    def __init__(self, app, version: Callable[[], str], cache: ResilientCache):
        self.app, self.version, self.cache = app, version, cache

    def __call__(self, environ: dict, start_response):
        asked = _asked(environ)
        if asked is None:
            return self.app(environ, start_response)
        try:
            answer_key = key(self.version(), environ, asked[0])
        except Unreadable:  # the warehouse is down: the app answers "data unavailable"
            return self.app(environ, start_response)
        kept = self.cache.get(slot(answer_key))
        if kept is not None and kept[0] == answer_key:
            _, body, headers = kept
            start_response("200 OK", headers)
            return [body]
        environ[KEEP], environ[COSTLY] = answer_key, asked[1]
        sent: dict = {}

        def remember(status, headers, exc_info=None):
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        answer = self.app(environ, remember)
        try:
            body = b"".join(answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        headers = sent.get("headers") or []
        if (environ.get(KEEP) == answer_key and sent.get("status", "").startswith("200 ") and len(body) <= MAX_BYTES
                and not any(name.lower() in NOT_KEPT_HEADERS for name, _ in headers)):
            self.cache.set(slot(answer_key), (answer_key, body, list(headers)))
        return [body]


def install(server: flask.Flask, version: Callable[[], str], cache: ResilientCache) -> None:
    """Put the layer in front of the app's WSGI function (before ProxyFix wraps it)."""
    server.wsgi_app = KeptAnswers(server.wsgi_app, version, cache)  # type: ignore[method-assign]
