"""The page's scripts and styles: the plotly.js bundle the charts need, served precompressed, and every file whose
address carries its version cached by browsers for a year.

    python -m static_files     (run by `make install`) compress the plotly.js bundle once, with Brotli's best
                               setting, beside it in assets/vendor/
    check_bundle()             the app refuses to start without the bundle (no silent fall-back to the full one)
    install(server)            serve the precompressed file; a year's caching for versioned addresses
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import flask

ROOT = Path(__file__).resolve().parent
# plotly.js's "basic" bundle: scatter (with error bars, shapes and date axes, all the scorecard draws), bar and pie;
# 1.2 MB, 0.33 MB as sent. Keep its version equal to the one the installed plotly package expects
# (tests/test_assets.py checks it).
PLOTLY_BUNDLE = ROOT / "assets" / "vendor" / "plotly-basic.min.js"
PLOTLY_ROUTE = "/assets/vendor/plotly-basic.min.js"
# Not among the page's scripts (app.ScorecardDash): plotly.js is loaded when a chart is drawn, pin_first.js is
# written into the page's head.
NOT_PAGE_SCRIPTS = r"^(plotly-basic\.min\.js|pin_first\.js)$"
PIN_FIRST = ROOT / "assets" / "pin_first.js"
YEAR = 365 * 24 * 3600


class MissingBundle(RuntimeError):
    """The plotly.js bundle is not in assets/vendor/: `make install` puts it there."""


def check_bundle() -> None:
    """Raise MissingBundle unless the plotly.js bundle and its precompressed copy are installed."""
    for path in (PLOTLY_BUNDLE, _brotli_path(PLOTLY_BUNDLE)):
        if not path.exists():
            raise MissingBundle(f"{os.path.relpath(path, ROOT)} is missing: run `make install` (it needs npm), which "
                                "puts plotly.js's basic bundle there. Without it every visitor would download "
                                "the full plotly.js (4.8 MB).")


def plotly_address() -> str:
    """The bundle's address without the leading slash, carrying its version (so it is kept a year)."""
    return f"{PLOTLY_ROUTE.lstrip('/')}?m={int(PLOTLY_BUNDLE.stat().st_mtime)}"


def _brotli_path(path: Path) -> Path:
    return path.with_name(path.name + ".br")


def precompress(path: Path = PLOTLY_BUNDLE) -> Path:
    """Write `path`.br, compressed with Brotli's best setting (too slow to do per request: ~3 s for plotly.js)."""
    import brotli

    target = _brotli_path(path)
    target.write_bytes(brotli.compress(path.read_bytes(), quality=11))
    return target


VERSIONED = re.compile(r"^/_dash-component-suites/.+\.v[\w]+m\d+\.")  # Dash's own fingerprint in the file name


def _versioned(request: flask.Request) -> bool:
    """The address names one version of the file (it changes when the file does), so it may be kept for a year."""
    if VERSIONED.match(request.path):
        return True
    return request.path.startswith(("/assets/", "/vendor/", "/_favicon.ico")) and bool(
        request.args.get("m") or request.args.get("v"))


class CompressedOnce:
    """Flask-Compress's cache: the compressed bytes of Dash's own versioned scripts (the address names the version,
    and the installed packages fix the set), made once per worker instead of on every first visit (~1 MB of
    JavaScript through Brotli each time). Every other answer is compressed afresh and not kept (its key is empty)."""

    def __init__(self):
        self._kept: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            self._kept[key] = value


def compressed_key(request: flask.Request) -> str:
    """The cache key of an answer Flask-Compress compresses (with the encoding before it): a versioned script's
    path, or nothing."""
    return request.path if request.method == "GET" and VERSIONED.match(request.path) else ""


def install(server: flask.Flask) -> None:
    """Serve the precompressed plotly.js to browsers that take Brotli, and cache every versioned address a year."""
    compressed = _brotli_path(PLOTLY_BUNDLE)

    @server.before_request
    def _precompressed_plotly():
        if (flask.request.path == PLOTLY_ROUTE and "br" in flask.request.headers.get("Accept-Encoding", "")
                and compressed.exists()):
            response = flask.send_file(compressed, mimetype="application/javascript", conditional=True)
            response.headers["Content-Encoding"] = "br"
            response.headers["Vary"] = "Accept-Encoding"
            return response
        return None

    @server.after_request
    def _cache_for_a_year(response: flask.Response) -> flask.Response:
        if response.status_code == 200 and _versioned(flask.request):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response


if __name__ == "__main__":
    written = precompress(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else PLOTLY_BUNDLE)
    print(f"wrote {os.path.relpath(written, ROOT)} ({written.stat().st_size:,} bytes)")
