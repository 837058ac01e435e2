"""`/editor/`: where councils write their own account beside the numbers and regional analysts publish it.

It is a Flask blueprint of plain HTML forms on the same server as the public Dash app, and registers no Dash
callback: no public callback can reach anything it writes (docs/adr/0007-the-editor-is-plain-forms.md). Sessions
are Flask-Login's, every form carries a CSRF token (Flask-WTF) and every state-changing request must come from this
site (Origin); sign-in is rate limited (Flask-Limiter); cookies are Secure, HttpOnly and SameSite=Strict and expire
after 30 idle minutes. Every write is authorised again in `data.statements` / `data.accounts`, by role and
council, whatever the request says.
"""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

import flask
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf.csrf import generate_csrf
from sqlalchemy.engine import Engine

from data.accounts import IDLE
from data.settings import Settings

log = logging.getLogger("scorecard")


def install(server: flask.Flask, engine: Engine, settings: Settings, limiter: Limiter) -> None:
    """Mount the editor on the server; without a secret key outside development, mount a page that says so."""
    key = settings.secret_key or (secrets.token_urlsafe(32) if settings.development else None)
    if key is None:
        log.warning("the editor is off: set SCORECARD_SECRET_KEY (a long random value) to turn it on")

        @server.route("/editor/", defaults={"path": ""}, methods=["GET", "POST"])
        @server.route("/editor/<path:path>", methods=["GET", "POST"])
        def editor_off(path):
            return flask.Response("The editor is not configured on this server (SCORECARD_SECRET_KEY is not set).",
                                  503, mimetype="text/plain")
        return
    server.config.update(
        SECRET_KEY=key, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=not settings.development, SESSION_COOKIE_NAME="scorecard_editor",
        SESSION_COOKIE_PATH="/editor/",  # never sent with a public page's requests
        REMEMBER_COOKIE_DURATION=timedelta(0), PERMANENT_SESSION_LIFETIME=IDLE, SESSION_REFRESH_EACH_REQUEST=True,
        WTF_CSRF_TIME_LIMIT=None)  # the token lives as long as the session (which expires when idle)
    server.jinja_env.globals["csrf_token"] = generate_csrf  # for the forms that are only a button
    logins = LoginManager(server)
    logins.login_view = "editor.sign_in"
    logins.login_message = "Sign in to use the editor."
    from editor import question_views, target_views, uploads, views  # noqa: F401 - they add routes to the blueprint

    views.register(server, logins, limiter, engine)
