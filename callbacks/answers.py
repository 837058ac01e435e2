"""Callback answers kept whole: a callback is a pure function of the JSON the browser posts and of what the
warehouse holds, so its answer — compressed, as sent — is kept under a hash of that JSON (and of the encodings the
browser accepts) with the warehouse's version, a digest of the app's code and today's date. The second reader who
asks the same question gets the bytes from the cache without Dash, the page model or the compressor running again.

Only answers that succeeded (200) are kept; a request that was refused, or that changed nothing (204), is
answered afresh every time, so nothing a hostile request sends can be served to anyone else. If the version
cannot be read (the warehouse is down), the answer is the app's 503 "data unavailable", as for any request.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from pathlib import Path

import flask

from data.read_api import ReadAPI
from data.resilience import ResilientCache

ROUTE = "/_dash-update-component"


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


def _key(api: ReadAPI) -> str:
    """A database error here is the app's as anywhere (app.py: 503 "data unavailable")."""
    request = flask.request
    version = api.answers_version()
    digest = hashlib.sha256(request.headers.get("Accept-Encoding", "").encode() + b"\0" + request.get_data())
    return f"answer:{code_version()}:{version}:{datetime.date.today().isoformat()}:{digest.hexdigest()}"


def install(server: flask.Flask, api: ReadAPI, cache: ResilientCache) -> None:
    """Register before the compressor (its after_request then runs first, so the kept bytes are the compressed
    ones) and before the callback guard (a kept answer was checked when it was made)."""

    @server.before_request
    def _kept_answer():
        request = flask.request
        if request.path != ROUTE or request.method != "POST" or (request.content_length or 0) > 1_000_000:
            return None
        key = _key(api)
        kept = cache.get(key)
        if kept is None:
            flask.g.answer_key = key
            return None
        body, headers = kept
        return flask.Response(body, status=200, headers=headers)

    @server.after_request
    def _keep_answer(response: flask.Response) -> flask.Response:
        key = flask.g.pop("answer_key", None)
        if key is not None and response.status_code == 200 and not response.is_streamed:
            headers = {name: response.headers[name] for name in ("Content-Type", "Content-Encoding")
                       if name in response.headers}
            cache.set(key, (response.get_data(), headers))
        return response
