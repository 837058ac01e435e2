"""The published account served by the app: `/account/` is the newest release's plain site (`scorecard publish`),
`/account/<release>/` an earlier release's, from `instance/account/<release>/`.

The newest release's site is written in the background the first time anyone asks for it (about 25 seconds on the
published data; meanwhile the site before it is served, or a "being prepared" page with Retry-After), by one thread
of one process at a time (a lock file), and kept until something it shows changes: a new release, or a council's
statement or target published since (each site records the pin it shows, `pin.txt`).
An earlier release's site is served only if it was published (`scorecard publish --as-at N`). Every answer is a
file from one of those folders, found by Flask's safe join, so no address can reach anything else; the pages have
no script, and their policy allows none."""

from __future__ import annotations

import fcntl
import re
import threading
from pathlib import Path

import flask
from werkzeug.exceptions import NotFound

from data.read_api import ReadAPI, log

POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
          "frame-ancestors 'none'")
RELEASE = re.compile(r"[1-9][0-9]{0,5}")
PIN_FILE = "pin.txt"  # written by plain.publish: the pin the site was published at


def account_dir(instance_dir: str | Path) -> Path:
    return Path(instance_dir) / "account"


def site_for(api: ReadAPI, root: Path, release: int | None = None, base: str = "/account/",
             wait: bool = False) -> Path | None:
    """The folder holding a release's site: for the newest, the newest site written (one is being written in the
    background if it is not the current one), or an earlier release's if it was published; None when there is none
    yet. `wait`: write the current one now, before answering (the tests)."""
    newest = api.newest_release_id()
    if not newest:
        return None
    if release is not None and release != newest:
        found = root / str(release)
        return found if (found / "index.html").is_file() else None
    site, pin = root / str(newest), api.pin_here()
    if _pin_of(site) != pin and not _writing.locked():
        job = threading.Thread(target=_write, args=(api, root, site, pin, f"{base}{newest}/"), daemon=True)
        job.start()
        if wait:
            job.join()
    written = sorted((int(p.name), p) for p in root.glob("[0-9]*") if p.name.isdigit() and (p / "index.html").is_file()
                     and int(p.name) <= newest) if root.is_dir() else []
    return written[-1][1] if written else None  # until the current one is written, the one before it


_writing = threading.Lock()  # one writer in this process; the lock file keeps it to one in every process


def _write(api: ReadAPI, root: Path, site: Path, pin: str, base: str) -> None:
    """Write the site for `pin` unless another thread or process is writing it (then leave it to them)."""
    if not _writing.acquire(blocking=False):
        return
    try:
        root.mkdir(parents=True, exist_ok=True)
        with open(root / ".publishing", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # another worker is writing it
                return
            if _pin_of(site) != pin:
                from plain.publish import publish

                publish(api.pinned(pin) or api, site, base)
    except Exception:  # a failed publish leaves the old site (plain.publish); the next visit tries again
        log.exception("writing the published account failed")
    finally:
        _writing.release()


def _pin_of(site: Path) -> str | None:
    """What a written site shows: its release and the moment of the newest statement or target it includes."""
    try:
        return (site / PIN_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _preparing() -> flask.Response:
    body = ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Being prepared – the published '
            'account</title></head><body><main><h1>The published account is being prepared</h1><p>The newest '
            "release's pages are being written. This takes about half a minute: please try again shortly.</p><p>"
            '<a href="/">The interactive scorecard</a></p></main></body></html>')
    return flask.Response(body, 503, {"Retry-After": "30"}, mimetype="text/html")


def _missing(what: str) -> flask.Response:
    body = (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Not found – the published account'
            f'</title></head><body><main><h1>Not found</h1><p>{what}</p><p><a href="/account/">The newest published '
            'account</a> · <a href="/">The interactive scorecard</a></p></main></body></html>')
    return flask.Response(body, 404, mimetype="text/html")


def install(server: flask.Flask, api: ReadAPI, instance_dir: str | Path) -> None:
    root = account_dir(instance_dir)
    account = flask.Blueprint("account", __name__)  # a blueprint: the Dash pages' not-found check passes it by

    def serve(release: int | None, path: str) -> flask.Response:
        site, newest = site_for(api, root, release, flask.request.host_url + "account/"), api.newest_release_id()
        if newest and release in (None, newest) and (site is None or release and site.name != str(release)):
            return _preparing()  # the newest release's site is being written (never another release's instead)
        if site is None:
            return _missing("No account of that release has been published." if release else
                            "No data has been loaded yet, so there is no account to publish.")
        try:
            wanted = path + "index.html" if not path or path.endswith("/") else path
            response = flask.send_from_directory(site, wanted, max_age=300)
        except NotFound:
            return _missing("The published account has no such page.")
        return response

    @account.route("/account/")
    @account.route("/account/<path:path>")
    def newest(path: str = ""):
        first, _, rest = path.partition("/")
        if RELEASE.fullmatch(first):
            if not rest and not path.endswith("/"):
                return flask.redirect(f"/account/{first}/", 308)
            return serve(int(first), rest)
        return serve(None, path)

    @account.route("/account")
    def bare():
        return flask.redirect("/account/", 308)

    @account.after_request
    def plain_policy(response: flask.Response) -> flask.Response:
        """No script; an embed may sit in any site's page (a council's Local Account), nothing else in a frame."""
        embed = "/embed/" in flask.request.path
        response.headers["Content-Security-Policy"] = POLICY.replace("frame-ancestors 'none'", "frame-ancestors *") \
            if embed else POLICY
        return response

    server.register_blueprint(account)
