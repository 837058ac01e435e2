"""Challenge questions (issue 28, part 4): kept in the catalogue for every rated measure, reworded only by regional
analysts in the editor (every wording kept), and shown on a council's profile and briefing only where the council is
worse or getting worse on the measure."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from data.catalogue import catalogue
from data.questions import current
from data.schema import AuditEvent, QuestionVersion
from page_models import briefing_model, council_model
from page_models.states import ProfileState
from tests.test_editor import HTTPS, _token, editor_app, signed_in

PAGE = "/editor/questions/ascof_2a2"


@pytest.fixture
def app(tmp_path):
    return editor_app(tmp_path)


def test_every_rated_measure_has_one_or_two_neutral_questions_in_the_catalogue():
    for m in catalogue().measures:
        if not m.is_categorical:
            assert 1 <= len(m.challenge_questions) <= 2 and all(q.endswith("?") for q in m.challenge_questions), m.id


def test_an_analyst_rewords_them_a_council_editor_cannot_and_every_wording_is_kept(app):
    jo = signed_in(app, "jo")
    page = jo.get(PAGE, base_url=HTTPS).get_data(as_text=True)
    assert "Only a regional analyst can reword them." in page and "Where do older people" in page
    refused = jo.post(PAGE, base_url=HTTPS, data={"first": "Why?", "save": "1", "csrf_token": _token(jo, "/editor/")})
    assert refused.status_code == 403
    sam = signed_in(app, "sam")
    for wording in ("What happens before an older person is admitted to a care home?",
                    "What would have helped older people admitted to care homes stay at home?"):
        assert sam.post(PAGE, base_url=HTTPS, data={"first": wording, "second": "", "save": "1",
                                                    "csrf_token": _token(sam, PAGE)}).status_code == 302
    bad = sam.post(PAGE, base_url=HTTPS, data={"first": "Not a question.", "save": "1",
                                               "csrf_token": _token(sam, PAGE)})
    assert bad.status_code == 400 and "must be a question" in bad.get_data(as_text=True)
    with app.sessions() as s:
        assert current(s)["ascof_2a2"] == ("What would have helped older people admitted to care homes stay at home?",)
        assert s.scalar(select(func.count()).select_from(QuestionVersion)) == 2  # both kept
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.outcome == "refused")) == 1
    listing = sam.get("/editor/questions", base_url=HTTPS).get_data(as_text=True)
    assert re.search(r"Care home admissions 65\+</a>: What would have helped", listing)


def test_the_profile_and_briefing_ask_them_only_where_the_council_is_worse_or_getting_worse(published):
    code = "E08000009"
    page = council_model.build(published, code, ProfileState("latest", "north-west"))
    rows = [p for s in page.sections for p in s.rows]
    asked = published.challenge_questions()
    assert any(p.questions for p in rows)
    for p in rows:
        expected = asked.get(p.measure.id, ()) if council_model.needs_learning(p.row) else ()
        assert p.questions == expected, p.measure.id
    briefing = briefing_model.build(published, code, ProfileState("latest", "north-west"))
    assert all(p.questions for p in briefing.weaknesses if p.measure.challenge_questions)
