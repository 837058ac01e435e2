"""The editor's targets pages (issue 28): a council's editor sets and publishes its own council's targets, never
another's, however the request is crafted; a number is read by the importers' rule; the public sees a target only
once it is published."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from data.accounts import Actor
from data.schema import AuditEvent, Target
from data.targets import TargetEntry, published, save
from tests.test_editor import HTTPS, TRAFFORD, WIGAN, _token, editor_app, signed_in

MINE, THEIRS = f"/editor/targets/{TRAFFORD}", f"/editor/targets/{WIGAN}"
FORM = {"measure": "ascof_2b1", "period": "2026-27", "value": "85", "high": "", "tolerance": "1.5",
        "owner": "Head of reablement", "rationale": "Back to the North West's median."}


@pytest.fixture
def app(tmp_path):
    return editor_app(tmp_path)


def test_a_council_editor_sets_and_publishes_its_own_target_through_the_form(app):
    jo = signed_in(app, "jo")
    draft = jo.post(MINE, base_url=HTTPS, data={**FORM, "save": "1", "csrf_token": _token(jo, MINE)})
    assert draft.status_code == 302
    with app.sessions() as s:
        assert published(s) == []  # a draft is not public
    page = jo.get(MINE, base_url=HTTPS).get_data(as_text=True)
    assert "at least 85.0%" in page and "Version 1: draft" in page
    target_id = re.search(r'/editor/target/(\d+)/publish', page).group(1)
    assert jo.post(f"/editor/target/{target_id}/publish", base_url=HTTPS,
                   data={"csrf_token": _token(jo, MINE)}).status_code == 302
    with app.sessions() as s:
        assert [(p["council"], p["value"], p["tolerance"]) for p in published(s)] == [(TRAFFORD, 85.0, 1.5)]
    # "Change" starts the form from the newest version
    change = jo.get(f"{MINE}?measure=ascof_2b1&period=2026-27", base_url=HTTPS).get_data(as_text=True)
    assert re.search(r'name="value"[^>]*value="85"', change) and "Back to the North West" in change


@pytest.mark.parametrize("field, value, said", [
    ("value", "３１", "plain digits 0-9"), ("value", "1e2", "plain digits 0-9"), ("value", "85%", "percent sign"),
    ("value", "NaN", "must be a number"), ("value", "120", "runs from 0 to 100"), ("period", "9999-00", "from"),
    ("high", "60", "lower value to the higher"), ("measure", "lg_political_control", "Not a valid choice"),
])
def test_what_cannot_be_a_target_is_refused_in_words_and_nothing_is_saved(app, field, value, said):
    jo = signed_in(app, "jo")
    refused = jo.post(MINE, base_url=HTTPS, data={**FORM, field: value, "save": "1", "csrf_token": _token(jo, MINE)})
    assert refused.status_code == 400 and said in refused.get_data(as_text=True)
    with app.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Target)) == 0


def test_a_council_editor_cannot_set_or_publish_another_council_s_target_by_crafting_requests(app):
    with app.sessions.begin() as s:
        theirs = save(s, Actor("kim", "council_editor", WIGAN), WIGAN, TargetEntry(
            "ascof_2b1", "2026-27", 80, None, 1, "Wigan's lead", "Wigan's own.")).id
    jo = signed_in(app, "jo")
    token = _token(jo, MINE)
    assert jo.get(THEIRS, base_url=HTTPS).status_code == 403
    assert jo.post(THEIRS, base_url=HTTPS, data={**FORM, "save_and_publish": "1", "csrf_token": token}).status_code \
        == 403
    for action in ("publish", "withdraw"):
        assert jo.post(f"/editor/target/{theirs}/{action}", base_url=HTTPS,
                       data={"csrf_token": token}).status_code == 403, action
    with app.sessions() as s:
        assert [(t.council_code, t.status) for t in s.scalars(select(Target))] == [(WIGAN, "draft")]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.outcome == "refused")) >= 2
    # an analyst may set any council's
    sam = signed_in(app, "sam")
    assert sam.post(THEIRS, base_url=HTTPS, data={**FORM, "save_and_publish": "1",
                                                  "csrf_token": _token(sam, THEIRS)}).status_code == 302
    with app.sessions() as s:
        assert [p["council"] for p in published(s)] == [WIGAN]


@pytest.mark.parametrize("path, method", [
    ("/editor/targets/E0800%0009", "GET"), ("/editor/targets/E09000001", "GET"),  # not a code; not the region's
    ("/editor/target/2147483648/publish", "POST"), ("/editor/target/0/withdraw", "POST")])
def test_impossible_councils_and_ids_are_404(app, path, method):
    sam = signed_in(app, "sam")
    response = sam.open(path, method=method, base_url=HTTPS, data={"csrf_token": _token(sam, "/editor/")})
    assert response.status_code == 404, response.status_code
