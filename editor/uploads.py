"""Uploads for regional analysts: the command line's importers and problem report, in the editor. A file is checked
first (nothing written); with no problems it waits, under a random name only this session knows, until the analyst
confirms, and then lands in one transaction exactly as `scorecard import` would land it.

A checked file that is never confirmed is deleted once no session could confirm it: when another file passes its
checks in the same session, and, for any session, once it is older than a session's idle time (each upload sweeps
the folder)."""

from __future__ import annotations

import re
import secrets
import tempfile
import time
from pathlib import Path

import flask
from flask_login import current_user, login_required

from data.accounts import IDLE
from data.imports.download import download
from data.imports.problems import ImportFailed
from data.imports.run import land, read
from editor.forms import ConfirmForm, UploadForm
from editor.views import bp

MAX_UPLOAD = 20_000_000  # bytes; larger files go through `scorecard import`
SHOWN = 200              # problems listed


def _folder() -> Path:
    folder = Path(flask.current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _forget_pending(folder: Path) -> None:
    """Delete this session's checked file (another has passed its checks and takes its place)."""
    pending = flask.session.pop("upload", None)
    if isinstance(pending, dict) and re.fullmatch(r"[0-9a-f]{32}", str(pending.get("token", ""))):
        (folder / f"{pending['token']}.csv").unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    """Delete the checked files no session can confirm any more: any older than a session lives idle (a session's
    cookie expires then, and with it the file's random name)."""
    too_old = time.time() - IDLE.total_seconds()
    for path in folder.glob("*.csv"):
        try:
            if path.stat().st_mtime < too_old:
                path.unlink(missing_ok=True)
        except OSError:  # another worker deleted it first
            pass


def _analyst() -> None:
    if not current_user.actor.is_analyst:
        flask.abort(403, "Only a regional analyst can import data.")


def _read(path: Path, kind: str, period: str | None, origin: str | None = None):
    """The command line's reader and checks, the release credited to the signed-in analyst (and to the address the
    file was downloaded from, if it was)."""
    by = f"{current_user.actor.username} (editor upload {kind})"
    return read(path, kind, period=period or None, imported_by=by, max_bytes=MAX_UPLOAD, origin=origin or None)


def _receive(form: UploadForm, path: Path, address: str) -> None:
    """The uploaded file, or the one at the address given, saved at `path`."""
    if not address:
        form.file.data.save(path)
        return
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        download(address, Path(folder), max_bytes=MAX_UPLOAD).replace(path)


@bp.route("/upload", methods=["GET", "POST"])
@login_required
def upload():
    _analyst()
    flask.request.max_content_length = MAX_UPLOAD + 100_000
    form = UploadForm()
    if not form.validate_on_submit():
        return flask.render_template("editor/upload.html", form=form), 400 if form.errors else 200
    _sweep(_folder())
    token = secrets.token_hex(16)
    path = _folder() / f"{token}.csv"
    origin = (form.address.data or "").strip()
    name = origin[:120] or Path(form.file.data.filename or "upload.csv").name[:120]
    try:
        _receive(form, path, origin)
        meta, observations, summary = _read(path, form.kind.data, form.period.data, origin)
    except ImportFailed as failed:
        path.unlink(missing_ok=True)
        return flask.render_template("editor/upload.html", form=form, failed=failed, name=name, shown=SHOWN), 400
    except BaseException:  # a full disk, a lost connection: the app's error answer, and no file left behind
        path.unlink(missing_ok=True)
        raise
    _forget_pending(_folder())
    flask.session["upload"] = {"token": token, "kind": form.kind.data, "period": form.period.data or "",
                               "name": name, "origin": origin}
    return flask.render_template("editor/upload.html", form=form, summary=summary, meta=meta, name=name,
                                 confirm=ConfirmForm())


@bp.route("/upload/confirm", methods=["POST"])
@login_required
def confirm_upload():
    _analyst()
    if not ConfirmForm().validate_on_submit():
        flask.abort(400, "The form had expired; nothing was imported.")
    pending = flask.session.pop("upload", None)
    token = pending.get("token", "") if isinstance(pending, dict) else ""
    path = _folder() / f"{token}.csv"
    if not re.fullmatch(r"[0-9a-f]{32}", token) or not path.is_file():
        flask.abort(409, "There is no checked file waiting to be imported; upload it again.")
    try:
        meta, observations, summary = _read(path, pending["kind"], pending["period"], pending.get("origin"))
        summary = land(flask.current_app.extensions["scorecard_editor_engine"], meta, observations, summary)
    except ImportFailed:
        flask.abort(409, "The file no longer passes its checks; nothing was imported.")
    finally:
        path.unlink(missing_ok=True)
    flask.flash(f"{pending['name']}: {summary.outcome}.", "ok")
    return flask.redirect(flask.url_for("editor.upload"))
