"""Callback answers kept whole: a callback is a pure function of the JSON the browser posts and of what the
warehouse holds, so its answer — compressed, as sent — is kept under a hash of that JSON (and of the encodings the
browser accepts) with the warehouse's version, a digest of the app's code and today's date. The second reader who
asks the same question gets the bytes from the cache without Dash, the page model or the compressor running again.
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
(`flask.g.costly`) for the per-address limit (rate_limits.py).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from pathlib import Path

import flask

from data.read_api import ReadAPI
from data.resilience import ResilientCache
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


def _asked(request: flask.Request) -> tuple[bytes, bool] | None:
    """The question a request asks, if its answer may be kept: a callback's, or the layout's."""
    if request.path == ROUTE and request.method == "POST" and (request.content_length or 0) <= 1_000_000:
        return _question(request.get_data())
    if request.path == LAYOUT and request.method == "GET":
        return _first_page(request.referrer, request.host)
    return None


def _key(api: ReadAPI, question: bytes) -> str:
    """A database error here is the app's as anywhere (app.py: 503 "data unavailable")."""
    version = api.answers_version()
    digest = hashlib.sha256(flask.request.headers.get("Accept-Encoding", "").encode() + b"\0" + question)
    return f"answer:{code_version()}:{version}:{datetime.date.today().isoformat()}:{digest.hexdigest()}"


def not_kept() -> None:
    """This request's answer is not to be kept (it was made without part of what it should hold)."""
    flask.g.pop("answer_key", None)


def slot(key: str) -> str:
    """The one place in the cache where the answer under `key` may be kept."""
    return f"answer-slot:{int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % SLOTS}"


def install(server: flask.Flask, api: ReadAPI, cache: ResilientCache) -> None:
    """Register before the compressor (its after_request then runs first, so the kept bytes are the compressed
    ones) and before the callback guard (a kept answer was checked when it was made)."""

    @server.before_request
    def _kept_answer():
        question = _asked(flask.request)
        if question is None:
            return None
        key = _key(api, question[0])
        kept = cache.get(slot(key))
        if kept is None or kept[0] != key:
            flask.g.answer_key, flask.g.costly = key, question[1]
            return None
        _, body, headers = kept
        return flask.Response(body, status=200, headers=headers)

    @server.after_request
    def _keep_answer(response: flask.Response) -> flask.Response:
        key = flask.g.pop("answer_key", None)
        if key is not None and response.status_code == 200 and not response.is_streamed:
            body = response.get_data()
            if len(body) <= MAX_BYTES:
                headers = {name: response.headers[name] for name in ("Content-Type", "Content-Encoding")
                           if name in response.headers}
                cache.set(slot(key), (key, body, headers))
        return response
