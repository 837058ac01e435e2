"""The gate in front of Dash's callback route. A body that is not a well-formed request for one of this app's server
callbacks (not JSON, not an object, nested too deep, an unknown or browser-only callback, inputs, state or outputs
that do not match it) gets 400 with a short JSON message and one log line, before Dash reads it. What passes is
shaped right; each callback still checks the types and values of what it receives (callbacks/state.py)."""

from __future__ import annotations

import logging

import flask
from dash.exceptions import DependencyException

log = logging.getLogger("scorecard")
MAX_DEPTH = 32          # the deepest a real request goes is about 12 (a figure in the domain page's state)
MAX_BODY_BYTES = 1_000_000  # the largest real request is about 250 KB (the domain page's built figure)


def _too_deep(value, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return True
    if isinstance(value, dict):
        return any(_too_deep(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_too_deep(v, depth + 1) for v in value)
    return False


def _dependencies(items, wanted: list[dict], name: str) -> str | None:
    """Inputs or state: a list with one {id, property, value} per dependency of the callback, in order."""
    if not isinstance(items, list) or len(items) != len(wanted):
        return f"'{name}' must list the callback's {len(wanted)} {name}"
    for item, dependency in zip(items, wanted, strict=True):
        if (not isinstance(item, dict) or item.get("id") != dependency["id"]
                or item.get("property") != dependency["property"]):
            return f"'{name}' do not match the callback's"
    return None


def _outputs(outputs, spec: dict) -> str | None:
    expected = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    given = outputs if isinstance(spec["output"], list) else [outputs]
    if not isinstance(given, list) or len(given) != len(expected):
        return "'outputs' do not match the callback's"
    for item, output in zip(given, expected, strict=True):
        if (not isinstance(item, dict) or item.get("id") != output.component_id
                or not isinstance(item.get("property"), str)  # with or without an allow_duplicate "@hash"
                or item["property"].split("@")[0] != output.component_property.split("@")[0]):
            return "'outputs' do not match the callback's"
    return None


def problem(body: object, callbacks: dict[str, dict]) -> str | None:
    """Why a parsed body is not a request for one of `callbacks` (the app's server callbacks), or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    if _too_deep(body):
        return "the body is nested too deeply"
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        return "there is no such callback"
    spec = callbacks[output]
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    if "state" not in body and spec["state"]:
        return "'state' is missing"
    return (_dependencies(body.get("inputs"), spec["inputs"], "inputs")
            or _dependencies(body.get("state", []), spec["state"], "state")
            or _outputs(body.get("outputs"), spec))


def install(app) -> None:
    """Check every request to the callback route before Dash does."""
    route = f"{app.config.requests_pathname_prefix}_dash-update-component"
    callbacks = {output: spec for output, spec in app.callback_map.items() if "callback" in spec}

    @app.server.errorhandler(DependencyException)
    def _not_a_component_file(_error):
        """`/_dash-component-suites/<package>/<path>` for a file no component registered (../.., another package):
        not found, like any other path that names nothing."""
        return flask.Response("Not found", 404, mimetype="text/plain")

    @app.server.before_request
    def _check_callback_request():
        request = flask.request
        if request.path != route or request.method != "POST":
            return None
        if (request.content_length or 0) > MAX_BODY_BYTES:
            return _refuse("the body is too large", 413)
        if not request.is_json:
            return _refuse("the body must be JSON (Content-Type: application/json)")
        try:
            body = request.get_json(silent=True)  # parsed once, and kept for Dash; None when it is not JSON
        except RecursionError:
            return _refuse("the body is nested too deeply")
        why = problem(body, callbacks)
        return _refuse(why) if why else None


def _refuse(why: str, status: int = 400):
    request = flask.request
    log.warning("refused callback request from %s: %s", request.remote_addr, why)
    return flask.jsonify(error=f"Bad request: {why}."), status
