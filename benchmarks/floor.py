"""The scorecard under gunicorn with one more address, for the benchmarks' floor: `POST /_floor/<name>` reads the
request's body and answers the bytes the app once answered to the same question (recorded in the JSON file named
by SCORECARD_FLOOR_FILE: name → [hex body, content type, content encoding]), as a plain WSGI function — no Flask,
no Dash, no database. Same server, same workers, same bytes: what is left between them is the app's own cost.

    gunicorn -c gunicorn.conf.py benchmarks.floor:application
"""

from __future__ import annotations

import json
import os

import app as scorecard

_recorded: dict = {"mtime": None, "answers": {}}


def _answers() -> dict:
    path = os.environ.get("SCORECARD_FLOOR_FILE", "")
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return {}
    if mtime != _recorded["mtime"]:
        with open(path, encoding="utf-8") as handle:
            _recorded["answers"] = {name: (bytes.fromhex(body), kind, encoding)
                                    for name, (body, kind, encoding) in json.load(handle).items()}
        _recorded["mtime"] = mtime
    return _recorded["answers"]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not path.startswith("/_floor/"):
        return scorecard.server(environ, start_response)
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    found = _answers().get(path[len("/_floor/"):])
    if found is None:
        start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "9")])
        return [b"not found"]
    body, kind, encoding = found
    headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    start_response("200 OK", headers)
    return [body]
