"""Importing from a publisher's address: `scorecard import csv https://…` (and the editor's upload form) downloads
the file, then runs the same importers and problem report as a file on disk. The release records the address and
the checksum of what was downloaded.

What is refused, each with a stable code and nothing written: an address that is not https (`not_https`), a
redirect to anything but https (`redirect_refused`) or too many of them (`too_many_redirects`), a file larger than
the import limit (`file_too_large`), a download slower than the time allowed (`timed_out`), and a server that answers
with an error or not at all (`download_failed`). Plain http is allowed only to this machine (127.0.0.1, localhost)
and only when SCORECARD_ALLOW_HTTP_IMPORTS=1: a test setting, for a local test server.
"""

from __future__ import annotations

import os
import re
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from data.imports.problems import ImportFailed, Problem

TIMEOUT = 60.0            # seconds for the whole download
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
TEST_SETTING = "SCORECARD_ALLOW_HTTP_IMPORTS"


def is_address(text: str) -> bool:
    """Does an import argument name an address (scheme://…, or file:) rather than a file on disk?"""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|/)", text)) and not re.match(r"^[A-Za-z]:[\\/]", text)


def _refusal(url: str) -> Problem | None:
    """Why an address may not be downloaded from, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    local_test = (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
                  and os.environ.get(TEST_SETTING, "").strip() == "1")
    if local_test:
        return None
    return Problem("not_https", "Only https:// addresses are imported from (the file's contents and origin must be "
                                "protected on the way).", column="address", value=url[:200])


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address that may be downloaded from (checked before urllib's own checks)."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        newurl = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if _refusal(newurl) is not None:
            raise _Refused(Problem("redirect_refused", f"The address redirected to {newurl[:200]}, which is not "
                                                       "https: nothing was downloaded.", column="address",
                                   value=req.full_url[:200]))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _file_name(url: str) -> str:
    """The name the file is saved under: the address's last part (so an ASCOF file's year is read from it)."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:120].lstrip(".")
    return name if name.lower().endswith(".csv") else (name or "download") + ".csv"


def download(url: str, folder: Path, *, max_bytes: int, timeout: float | None = None) -> Path:
    """Download `url` into `folder` and return the file's path; raise ImportFailed (nothing downloaded is kept)
    with one problem naming the address and the reason. `timeout`: seconds for the whole download (TIMEOUT)."""
    timeout = timeout or TIMEOUT
    refused = _refusal(url)
    if refused is not None:
        raise ImportFailed(url[:200], [refused])
    target = folder / _file_name(url)
    opener = urllib.request.build_opener(_Redirects)
    started = time.monotonic()
    try:
        with opener.open(urllib.request.Request(url, headers={"User-Agent": "nw-asc-scorecard"}),
                         timeout=timeout) as answer, open(target, "wb") as out:
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _Refused(_too_large(url, max_bytes))
            size = 0
            while chunk := answer.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _Refused(_too_large(url, max_bytes))
                if time.monotonic() - started > timeout:
                    raise _Refused(_timed_out(url, timeout))
                out.write(chunk)
    except _Refused as refusal:
        target.unlink(missing_ok=True)
        raise ImportFailed(url[:200], [refusal.problem]) from None
    except (TimeoutError, socket.timeout):
        target.unlink(missing_ok=True)
        raise ImportFailed(url[:200], [_timed_out(url, timeout)]) from None
    except urllib.error.HTTPError as error:
        target.unlink(missing_ok=True)
        code = "too_many_redirects" if 300 <= error.code < 400 else "download_failed"
        raise ImportFailed(url[:200], [Problem(code, f"The server answered {error.code} ({error.reason}): nothing "
                                                     "was downloaded.", column="address", value=url[:200])]) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        target.unlink(missing_ok=True)
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError | socket.timeout):
            raise ImportFailed(url[:200], [_timed_out(url, timeout)]) from None
        raise ImportFailed(url[:200], [Problem("download_failed", f"The file could not be downloaded: {reason}.",
                                               column="address", value=url[:200])]) from None
    return target


def _too_large(url: str, max_bytes: int) -> Problem:
    return Problem("file_too_large", f"The file is larger than the import limit of {max_bytes / 1_000_000:g} MB: "
                                     "nothing was imported.", column="address", value=url[:200])


def _timed_out(url: str, timeout: float) -> Problem:
    return Problem("timed_out", f"The download took longer than {timeout:g} seconds: nothing was imported.",
                   column="address", value=url[:200])
