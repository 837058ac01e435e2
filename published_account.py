"""The published account served by the app: `/account/` is the newest release's plain site (`scorecard publish`),
`/account/<release>/` an earlier release's, from `instance/account/<release>/`.

The newest release's site is written the first time anyone asks for it (about 10 seconds on the published data),
by one process at a time (a lock file), and kept until something it shows changes: a new release, or a council's
statement or target published since (each site records the pin it shows, `pin.txt`).
An earlier release's site is served only if it was published (`scorecard publish --as-at N`). Every answer is a
file from one of those folders, found by Flask's safe join, so no address can reach anything else; the pages have
no script, and their policy allows none."""

from __future__ import annotations

import fcntl
import re
from pathlib import Path

import flask
from werkzeug.exceptions import NotFound

from data.read_api import ReadAPI

POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
          "frame-ancestors 'none'")
RELEASE = re.compile(r"[1-9][0-9]{0,5}")
PIN_FILE = "pin.txt"  # written by plain.publish: the pin the site was published at


def account_dir(instance_dir: str | Path) -> Path:
    return Path(instance_dir) / "account"


def site_for(api: ReadAPI, root: Path, release: int | None = None, base: str = "/account/") -> Path | None:
    """The folder holding a release's site: the newest release's (written now if it is not yet), or an earlier
    release's if it was published; None when there is none."""
    newest = api.newest_release_id()
    if not newest:
        return None
    if release is not None and release != newest:
        found = root / str(release)
        return found if (found / "index.html").is_file() else None
    site, pin = root / str(newest), api.pin_here()
    if _pin_of(site) != pin:
        root.mkdir(parents=True, exist_ok=True)
        with open(root / ".publishing", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be writing it: wait for it, then find it there
            if _pin_of(site) != pin:
                from plain.publish import publish

                publish(api.pinned(pin) or api, site, f"{base}{newest}/")
    return site


def _pin_of(site: Path) -> str | None:
    """What a written site shows: its release and the moment of the newest statement or target it includes."""
    try:
        return (site / PIN_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _missing(what: str) -> flask.Response:
    body = (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Not found – the published account'
            f'</title></head><body><main><h1>Not found</h1><p>{what}</p><p><a href="/account/">The newest published '
            'account</a> · <a href="/">The interactive scorecard</a></p></main></body></html>')
    return flask.Response(body, 404, mimetype="text/html")


def install(server: flask.Flask, api: ReadAPI, instance_dir: str | Path) -> None:
    root = account_dir(instance_dir)
    account = flask.Blueprint("account", __name__)  # a blueprint: the Dash pages' not-found check passes it by

    def serve(release: int | None, path: str) -> flask.Response:
        site = site_for(api, root, release, flask.request.host_url + "account/")
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
