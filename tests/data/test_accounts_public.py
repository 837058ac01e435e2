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
    briefing = _text(pages[1])
    assert "self-assessed high risk" in briefing and "Published words." in briefing
    assert "Top risks: Home care (Head of commissioning)." in briefing
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


@pytest.mark.parametrize("rating, better, worse, red_red, verdict, words", [
    ("low", 1, 2, 1, "disagrees", "Self-assessed low risk; 2 measures significantly worse, 1 worse and getting worse; "
                                  "1 measure better."),
    ("low", 3, 1, 0, "agrees", "Self-assessed low risk; 1 measure significantly worse; 3 measures better."),
    ("high", 2, 0, 0, "disagrees", "Self-assessed high risk; the data show none worse and 2 measures better."),
    ("medium", 0, 0, 0, "no rated data", "Self-assessed medium risk; no measure is rated better or worse"),
    (None, 0, 1, 0, "no self-assessment", "Not self-assessed. The data: 1 measure significantly worse"),
])
def test_disagreement_is_said_in_words(rating, better, worse, red_red, verdict, words):
    from page_models.self_assessment_model import judge

    found = judge(rating, better, worse, red_red)
    assert found[0] == verdict and found[1].startswith(words)


def test_the_self_assessment_view_and_its_csv(published_account):
    from page_models.self_assessment_model import build

    api = ReadAPI(published_account)
    rows = build(api)
    mine = next(r for r in rows if r.council == TRAFFORD and r.domain.slug == DOMAIN)
    assert mine.self_rating == "high" and mine.period == "2025-26"
    from page_models.latest import councils_for

    assert len(rows) == 6 * len(councils_for(api, "latest"))  # every council of today × every domain
    page = _text(render(api, "/self-assessment")[1])
    assert "1 self-assessment published; 0 disagree" in page and mine.words in page
    client = create_app(Settings(database_url=str(published_account.url))).server.test_client()
    body = client.get("/download/self-assessment.csv").get_data(as_text=True)
    assert body.splitlines()[0].startswith("council_code,council,domain,self_assessed_risk")
    assert f"{TRAFFORD},Trafford,Resource & Workforce,high,2025-26" in body
    assert "DRAFT-NEVER-PUBLIC" not in body
