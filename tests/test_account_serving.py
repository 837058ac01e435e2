"""The app and the published account: every page's own <title> and a plain link are in the HTML the server sends
(before any script), and `/account/` serves the newest release's plain site, written once and again only when
what it shows changes; an earlier release's site only if it was published."""

from __future__ import annotations

import re
import time

import pytest

import published_account
from app import create_app
from data.read_api import ReadAPI
from data.settings import Settings
from plain.command import main as scorecard
from tests.data.test_pin import _publish


@pytest.fixture
def served(published_copy, tmp_path):
    """An app on a copy of the published warehouse, with its own instance folder (where the account is written)."""
    app = create_app(Settings(database_url=str(published_copy.url), instance_dir=str(tmp_path / "instance")))
    return app.server.test_client(), tmp_path / "instance" / "account", published_copy


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S)[1]


def test_each_page_has_its_own_title_before_any_script_runs(client_on_published):
    for path, words in (("/council/E08000009", "Trafford"), ("/council/e08000009/briefing", "Trafford: briefing"),
                        ("/domain/performance-outcomes", "Performance &amp; Outcomes"), ("/measures/ascof_1a",
                         "Quality of life"), ("/about", "About"), ("/", "Regional overview"),
                        ("/council/E99999999", "Page not found")):
        html = client_on_published.get(path).get_data(as_text=True)
        assert title_of(html).startswith(f"{words} — "), path


def test_a_page_says_where_its_plain_version_is_when_scripts_do_not_run(client_on_published):
    html = client_on_published.get("/council/E08000009").get_data(as_text=True)
    noscript = re.search(r"<noscript>(<p.*?)</noscript>", html, re.S)[1]
    assert 'href="/account/council/E08000009.html"' in noscript
    assert "<noscript><style>._dash-loading{display:none}</style></noscript>" in html  # no "Loading..." for ever
    html = client_on_published.get("/domain/performance-outcomes?measure=ascof_1a&x=%22%3E%3Cscript%3E").get_data(
        as_text=True)
    assert 'href="/account/measure/ascof_1a.html"' in html and "%22%3E%3Cscript" not in html
    html = client_on_published.get("/domain/performance-outcomes?measure=%22%3E%3Cb%3E").get_data(as_text=True)
    assert 'href="/account/domain/performance-outcomes.html"' in html  # a measure id that is not one is left out


@pytest.fixture(scope="module")
def client_on_published(published_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("instance")
    return create_app(Settings(database_url=f"sqlite:///{published_file}", instance_dir=str(folder))).server \
        .test_client()


def once_written(client, path: str, wanted: str = "", seconds: float = 240):
    """The answer to `path` once the account being written in the background has been written (and says `wanted`)."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.get(path)
        if response.status_code != 503 and wanted in response.get_data(as_text=True):
            return response
        assert time.monotonic() < deadline, f"{path} was not written within {seconds} s"
        time.sleep(0.5)


def test_the_account_is_written_once_served_without_scripts_and_rewritten_when_a_statement_is_published(served):
    client, root, engine = served
    newest = ReadAPI(engine).newest_release_id()
    first = client.get("/account/")  # nothing written yet: it is being written, and the reader is told so at once
    assert first.status_code == 503 and first.headers["Retry-After"] == "30"
    assert "being prepared" in first.get_data(as_text=True)
    assert client.get(f"/account/{newest}/").status_code == 503  # the release named: being written, not missing
    front = once_written(client, "/account/")
    assert front.status_code == 200 and "<script" not in front.get_data(as_text=True)
    assert "script-src" not in front.headers["Content-Security-Policy"]  # none allowed: default-src 'none'
    page = client.get("/account/council/E08000009.html")
    assert page.status_code == 200 and title_of(page.get_data(as_text=True)).startswith("Trafford – ")
    assert client.get("/account/plain.css").mimetype == "text/css"
    assert page.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in \
        page.headers["Content-Security-Policy"]
    embed = client.get(f"/account/{newest}/embed/ascof_2a2/E08000009.html")  # may sit in a council's own page
    assert embed.status_code == 200 and "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert f'src=&#34;http://localhost/account/{newest}/embed/' in page.get_data(as_text=True)  # the host's address
    written = (root / str(newest) / "index.html").stat().st_mtime_ns
    client.get("/account/measures.html")
    assert (root / str(newest) / "index.html").stat().st_mtime_ns == written  # kept, not written again
    _publish(engine, "OUR-NEW-ACCOUNT", "A risk")
    before = client.get("/account/council/E08000009.html")  # meanwhile, the site as it was
    assert before.status_code == 200 and "OUR-NEW-ACCOUNT" not in before.get_data(as_text=True)
    once_written(client, "/account/council/E08000009.html", "OUR-NEW-ACCOUNT")  # written again, with it


def test_addresses_the_account_does_not_have_are_a_friendly_404(served):
    client, root, engine = served
    published_account.site_for(ReadAPI(engine), root, wait=True)
    for path in ("/account/../app.py", "/account/%2e%2e/%2e%2e/etc/passwd", "/account/nope.html",
                 "/account/council/E99999999.html", "/account/99/", "/account/3/", "/account/0/index.html",
                 "/account/council/"):
        response = client.get(path)
        assert response.status_code == 404 and "Not found" in response.get_data(as_text=True), path


def test_an_earlier_release_is_served_once_published(served, monkeypatch):
    client, root, engine = served
    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    monkeypatch.setenv("SCORECARD_INSTANCE_DIR", str(root.parent))
    assert scorecard(["publish", "--as-at", "3"]) == 0
    assert (root / "3" / "index.html").is_file()
    assert client.get("/account/3").status_code == 308
    page = client.get("/account/3/")
    assert page.status_code == 200 and "release 3" in page.get_data(as_text=True)
