"""Importing from a publisher's address (`scorecard import csv https://…`, and the editor's form): the same release
as importing the file, the address and checksum recorded; a non-https address, a redirect to `file:`, an oversized
or a slow download are refused with a code and nothing is written. A local HTTP server stands in for the publisher,
allowed only under the test setting."""

from __future__ import annotations

import hashlib
import http.server
import threading
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.cli import main
from data.imports import download as downloads
from data.schema import Observation, Release
from tests.data.test_withdraw import release_file


class Publisher(http.server.BaseHTTPRequestHandler):
    """/file.csv: the file; /to-file: a redirect to file:/etc/passwd; /to-http: to a plain-http address elsewhere;
    /moved.csv: a redirect to /file.csv; /slow.csv: the file, a byte a second; /huge.csv: says it is 10 GB."""

    body = b""

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        redirects = {"/to-file": "file:///etc/passwd", "/to-http": "http://example.org/file.csv",
                     "/moved.csv": "/file.csv"}
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
        elif self.path == "/huge.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(10 ** 10))
            self.end_headers()
            self.wfile.write(self.body[:100])
        elif self.path in ("/file.csv", "/slow.csv"):
            self.send_response(200)
            self.send_header("Content-Length", str(len(self.body)))
            self.end_headers()
            if self.path == "/slow.csv":
                for byte in self.body[:30]:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.wfile.write(self.body)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@contextmanager
def publisher(body: bytes):
    handler = type("Handler", (Publisher,), {"body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def empty_engine(empty):
    """A warehouse of its own (the command line opens it by URL): downloading does not differ between back ends."""
    return empty


@pytest.fixture
def good_file(tmp_path):
    path = release_file(tmp_path, "ascof-2d-2022-23.csv")
    path.write_text("# source: ASCOF 2022-23\n# publisher: NHS England\n# licence: OGL v3\n" + path.read_text())
    return path


def _import(url: str, target, *more: str) -> int:
    return main(["--database-url", str(target.url), "import", "csv", url, *more])


def _releases(engine) -> list[Release]:
    with Session(engine) as session:
        return list(session.scalars(select(Release).order_by(Release.id)))


def _observations(engine) -> list[tuple]:
    with Session(engine) as session:
        return sorted(session.execute(select(Observation.area_code, Observation.period, Observation.measure_id,
                                             Observation.value, Observation.numerator)).all())


def test_an_address_lands_the_same_release_as_the_file_and_records_where_it_came_from(empty_engine, good_file,
                                                                                        monkeypatch, capsys):
    monkeypatch.setenv(downloads.TEST_SETTING, "1")
    with publisher(good_file.read_bytes()) as site:
        assert _import(f"{site}/moved.csv", empty_engine) == 0  # a redirect on the same site is followed
    (release,) = _releases(empty_engine)
    assert release.file_name == f"{site}/moved.csv"
    assert release.sha256 == hashlib.sha256(good_file.read_bytes()).hexdigest()
    assert "Downloaded " in capsys.readouterr().out
    landed = _observations(empty_engine)
    assert len(landed) == 25
    assert main(["--database-url", str(empty_engine.url), "import", "csv", str(good_file)]) == 0
    assert len(_releases(empty_engine)) == 1 and _observations(empty_engine) == landed  # the same file: no change


@pytest.mark.parametrize("path, code, setting", [
    ("/file.csv", "not_https", ""),            # plain http outside the test setting
    ("/to-file", "redirect_refused", "1"),      # a redirect to file:
    ("/to-http", "redirect_refused", "1"),      # a redirect to plain http elsewhere
    ("/huge.csv", "file_too_large", "1"),       # says it is larger than the limit
    ("/slow.csv", "timed_out", "1"),            # slower than the time allowed
    ("/missing.csv", "download_failed", "1"),   # 404
])
def test_a_refused_download_names_its_code_and_writes_nothing(empty_engine, good_file, monkeypatch, capsys, path,
                                                             code, setting):
    monkeypatch.setenv(downloads.TEST_SETTING, setting)
    monkeypatch.setattr(downloads, "TIMEOUT", 1.0)
    with publisher(good_file.read_bytes()) as site:
        assert _import(f"{site}{path}", empty_engine) == 1
    report = capsys.readouterr().err
    assert f"[{code}]" in report and "Nothing was imported" in report and site in report
    assert _releases(empty_engine) == [] and _observations(empty_engine) == []


def test_only_https_or_a_local_test_server_is_ever_asked(monkeypatch, tmp_path):
    monkeypatch.setenv(downloads.TEST_SETTING, "1")
    for address in ("ftp://example.org/a.csv", "file:///etc/passwd", "http://example.org/a.csv",
                    "https:///no-host.csv"):
        with pytest.raises(downloads.ImportFailed) as failed:
            downloads.download(address, tmp_path, max_bytes=1000)
        assert [p.code for p in failed.value.problems] == ["not_https"], address
    assert list(tmp_path.iterdir()) == []
    assert downloads.is_address("https://files.digital.nhs.uk/x.csv") and not downloads.is_address("C:\\data\\x.csv")
    assert not downloads.is_address("data/x.csv")
