"""Councils' accounts on the public pages (issue 14): only published text reaches a page, a callback's output or a
download, and what a council writes is shown as text, never run."""

from __future__ import annotations

import json

import plotly
import pytest

from app import create_app
from callbacks.router import render
from data.accounts import Actor
from data.db import session_factory
from data.read_api import ReadAPI
from data.settings import Settings
from data.statements import Content, RiskEntry, publish, save, submit

TRAFFORD = "E08000009"
EDITOR, ANALYST = Actor("jo", "council_editor", TRAFFORD), Actor("sam", "regional_analyst")
DOMAIN = "resource-workforce"
HOSTILE = ("Published words. <script>alert('x')</script> <img src=x onerror=alert(1)> "
           "[click me](javascript:alert(1)) and [the plan](https://example.org/plan) **kept**")


def _text(children) -> str:
    return json.dumps(children, cls=plotly.utils.PlotlyJSONEncoder)


@pytest.fixture
def published_account(warehouse):
    with session_factory(warehouse).begin() as s:
        first = save(s, EDITOR, TRAFFORD, DOMAIN, "2025-26", Content(HOSTILE, "high", "Turnover above the region.",
                                                                       (RiskEntry("Home care", "Retender", "Head of "
                                                                                  "commissioning"),)))
        submit(s, EDITOR, first.id)
        publish(s, ANALYST, first.id)
        submit(s, EDITOR, save(s, EDITOR, TRAFFORD, DOMAIN, "2025-26", Content("SUBMITTED-NOT-YET-PUBLIC")).id)
        save(s, EDITOR, TRAFFORD, "culture-challenge", "2025-26", Content("DRAFT-NEVER-PUBLIC"))
    return warehouse


def test_only_published_text_reaches_pages_and_downloads(published_account):
    api = ReadAPI(published_account)
    pages = [render(api, f"/council/{TRAFFORD}")[1], render(api, f"/council/{TRAFFORD}/briefing")[1],
             render(api, f"/domain/{DOMAIN}")[1], render(api, "/domain/culture-challenge")[1]]
    shown = " ".join(_text(p) for p in pages)
    assert "Published words." in shown and "Turnover above the region." in shown and "Home care" in shown
    assert "self-assessed high risk" in _text(pages[1])  # the briefing
    assert "Trafford's own account" in _text(pages[2])  # the domain page
    assert "SUBMITTED-NOT-YET-PUBLIC" not in shown and "DRAFT-NEVER-PUBLIC" not in shown
    client = create_app(Settings(database_url=str(published_account.url))).server.test_client()
    for path in (f"/download/council/{TRAFFORD}.csv", f"/download/domain/{DOMAIN}.csv", "/download/overview.csv"):
        body = client.get(path).get_data(as_text=True)
        assert "NOT-YET-PUBLIC" not in body and "NEVER-PUBLIC" not in body


def test_what_a_council_writes_is_shown_as_text_and_never_run(published_account):
    from layouts.prose import markdown

    rendered = markdown(HOSTILE)
    flat = _text(rendered)
    assert '"type": "Script"' not in flat and '"type": "Img"' not in flat
    assert "javascript:" not in json.dumps([c.to_plotly_json() for c in _links(rendered)])
    assert "<script>alert('x')</script>" in flat and "<img src=x onerror=alert(1)>" in flat  # shown, as text
    links = _links(rendered)
    assert [(a.href, a.rel) for a in links] == [("https://example.org/plan", "nofollow noopener")]
    assert '"type": "Strong"' in flat
    profile = _text(render(ReadAPI(published_account), f"/council/{TRAFFORD}")[1])
    assert '"type": "Script"' not in profile and "javascript:alert" not in profile.replace(
        "[click me](javascript:alert(1))", "")


def _links(components) -> list:
    from dash import html

    found = []
    for c in components if isinstance(components, list) else [components]:
        if isinstance(c, html.A):
            found.append(c)
        children = getattr(c, "children", None)
        if children is not None and not isinstance(children, str):
            found += _links(children)
    return found
