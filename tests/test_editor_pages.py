"""The editor's pages as its users met them (issue 26): a Markdown preview, the council's numbers beside the form,
the analyst's decision and a returned statement's note at the top, times with their zone, due dates as text; and
checked uploads that are never confirmed deleted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import create_app
from data.accounts import Actor, add_user
from data.db import session_factory
from data.schema import Statement
from data.settings import Settings
from tests.test_editor import HTTPS, PASSWORD, TRAFFORD, _token, _upload, editor_app, signed_in


@pytest.fixture
def app(tmp_path):
    return editor_app(tmp_path)


PAGE = "/editor/statement/E08000009/resource-workforce/2025-26"


def test_a_preview_shows_the_markdown_as_the_public_reads_it_and_saves_nothing(app):
    """Issue 26: no preview of the Markdown; the history showed raw **bold**."""
    jo = signed_in(app, "jo")
    preview = jo.post(PAGE, base_url=HTTPS, data={
        "commentary": "**Turnover** is falling.\n\n- one\n- <script>two</script>", "preview": "1",
        "risk1": "Capacity", "mitigation1": "Retender", "owner1": "Head", "due1": "2027-03-31",
        "csrf_token": _token(jo, PAGE)})
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Preview: as the public will read it" in page
    section = page.split('id="preview-heading"', 1)[1].split("</section>", 1)[0]
    assert "<strong>Turnover</strong> is falling." in section and "<li>&lt;script&gt;two&lt;/script&gt;</li>" in section
    assert "due 31 March 2027" in section  # as the public page writes it, never in a locale's order
    assert 'value="2027-03-31"' in page  # the form keeps what was typed
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Statement)) == 0
    jo.post(PAGE, base_url=HTTPS, data={"commentary": "**Saved** words.", "save": "1", "csrf_token": _token(jo, PAGE)})
    history = jo.get(PAGE, base_url=HTTPS).get_data(as_text=True).split(">Versions</h2>", 1)[1]
    assert "<strong>Saved</strong> words." in history and "**Saved**" not in history


def test_due_dates_are_typed_as_year_month_day_text_and_times_carry_their_zone(app):
    """Issue 26: a date picker shows each browser's own order (03/31 or 31/03); times had no zone."""
    jo = signed_in(app, "jo")
    form = jo.get(PAGE, base_url=HTTPS).get_data(as_text=True)
    due = re.search(r'<input[^>]*name="due1"[^>]*>', form).group(0)
    assert 'type="text"' in due and 'inputmode="numeric"' in due and "due1-help" in due
    refused = jo.post(PAGE, base_url=HTTPS, data={"commentary": "x", "risk1": "r", "mitigation1": "m", "owner1": "o",
                                                  "due1": "31/03/2027", "save": "1", "csrf_token": _token(jo, PAGE)})
    assert refused.status_code == 400 and "year-month-day, for example 2027-03-31" in refused.get_data(as_text=True)
    for bad in ("2027-02-30", "２027-03-31", "2027-3-31"):
        again = jo.post(PAGE, base_url=HTTPS, data={"commentary": "x", "risk1": "r", "mitigation1": "m",
                                                    "owner1": "o", "due1": bad, "save": "1",
                                                    "csrf_token": _token(jo, PAGE)})
        assert again.status_code == 400, bad
    saved = jo.post(PAGE, base_url=HTTPS, data={"commentary": "x", "risk1": "r", "mitigation1": "m", "owner1": "o",
                                                "due1": "2027-03-31", "save": "1", "csrf_token": _token(jo, PAGE)})
    assert saved.status_code == 302
    page = jo.get(PAGE, base_url=HTTPS).get_data(as_text=True)
    assert re.search(r'name="due1"[^>]*value="2027-03-31"', page)
    assert re.search(r"on \d{1,2} \w+ 20\d\d, \d\d:\d\d (GMT|BST)", page)
    assert "jo (council editor)" in page and "jo:" not in page.split("</header>", 1)[0]  # a name, not a session id


def test_the_analyst_decides_at_the_top_and_a_returned_statement_says_so_at_the_top(app):
    """Issue 26: the Publish button was two screens down under the council's form; a returned statement did not
    say so at the top."""
    jo = signed_in(app, "jo")
    jo.post(PAGE, base_url=HTTPS, data={"commentary": "**For** decision.", "save_and_submit": "1",
                                        "csrf_token": _token(jo, PAGE)})
    waiting = jo.get(PAGE, base_url=HTTPS).get_data(as_text=True)
    assert waiting.index("waiting for a regional analyst to publish it") < waiting.index("Edit the statement")
    sam = signed_in(app, "sam", "10.0.0.2")
    page = sam.get(PAGE, base_url=HTTPS).get_data(as_text=True)
    top = page.split("Edit the statement", 1)[0]
    assert "Your decision on version 1" in top and "Publish version 1" in top and "Return to the council" in top
    assert "<strong>For</strong> decision." in top
    with app.sessions() as s:
        statement_id = s.scalar(select(Statement.id))
    returned = sam.post(f"/editor/statement/{statement_id}/return", base_url=HTTPS,
                        data={"note": "Say what the vacancy rate is.", "csrf_token": _token(sam, PAGE)})
    assert returned.status_code == 302
    page = jo.get(PAGE, base_url=HTTPS).get_data(as_text=True)
    top = page.split("Edit the statement", 1)[0]
    assert "Version 1 was returned by sam on" in top and "Say what the vacancy rate is." in top


def test_the_council_s_numbers_for_the_domain_are_beside_the_form(published_copy, tmp_path):
    """Issue 26: none of the council's numbers were beside the form."""
    with session_factory(published_copy).begin() as s:
        add_user(s, Actor("ops", "administrator"), "jo", PASSWORD, "council_editor", TRAFFORD)
    app = create_app(Settings(database_url=str(published_copy.url), secret_key="k" * 48,
                              instance_dir=str(tmp_path / "instance")))
    page = signed_in(app, "jo").get("/editor/statement/E08000009/performance-outcomes/2025-26",
                                    base_url=HTTPS).get_data(as_text=True)
    aside = page.split('aria-labelledby="numbers"', 1)[1].split("</aside>", 1)[0]
    assert "Trafford's numbers in Performance" in aside
    rows = re.findall(r"<tr><th scope=\"row\"", aside)
    assert len(rows) >= 5 and "2023-24" in aside and 'class="rating-icon" aria-hidden="true"' in aside
    assert re.search(r"</span>(Better|Similar|Worse|Best quartile|Middle quartiles|Worst quartile)</span>", aside)


def test_checked_files_never_confirmed_are_deleted_once_no_session_could_confirm_them(app, tmp_path):
    """Issue 26: uploads checked but never confirmed stayed on disk for ever."""
    import os
    import time

    from tests.data.test_withdraw import release_file

    good = release_file(tmp_path, "good.csv")
    good.write_text("# source: ASCOF\n# publisher: NHS England\n# licence: OGL v3\n" + good.read_text())
    folder = Path(app.server.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    abandoned = folder / ("a" * 32 + ".csv")  # checked 31 minutes ago in a session that has since expired
    abandoned.write_text("x")
    os.utime(abandoned, (time.time() - 31 * 60,) * 2)
    sam = signed_in(app, "sam")
    assert _upload(sam, good).status_code == 200
    first = set(folder.glob("*.csv"))
    assert not abandoned.exists() and len(first) == 1
    assert _upload(sam, good).status_code == 200  # checked again: the first check can no longer be confirmed
    second = set(folder.glob("*.csv"))
    assert len(second) == 1 and second != first
