"""Councils' targets (issue 28, data layer), on SQLite and PostgreSQL: who may set which council's target is decided
here, by role and council, whatever a request says; every version is kept; only published targets are public, and a
pinned moment sees them as they were; the status follows the target rule, the polarity and the tolerance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from data.accounts import Actor
from data.catalogue import catalogue
from data.db import session_factory
from data.read_api import read_versions
from data.schema import AuditEvent, Target
from data.statements import Invalid, NotAllowed
from data.targets import TargetEntry, aim_text, history, judged, publish, published, save, withdraw

TRAFFORD, WIGAN = "E08000009", "E08000010"
EDITOR = Actor("jo", "council_editor", TRAFFORD)
ANALYST = Actor("sam", "regional_analyst")
REABLEMENT = TargetEntry("ascof_2b1", "2025-26", 85.0, None, 1.5, "Head of reablement",
                         "Back to the region's median within two years.")


@pytest.fixture
def sessions(empty_engine):
    return session_factory(empty_engine)


def test_a_target_is_public_only_once_published_and_every_version_is_kept(sessions, empty_engine):
    before = read_versions(empty_engine)[2]
    with sessions.begin() as s:
        first = save(s, EDITOR, TRAFFORD, REABLEMENT).id
    with sessions() as s:
        assert published(s) == []  # a draft is never public
    assert read_versions(empty_engine)[2] == before  # nor does it change what pages show
    with sessions.begin() as s:
        publish(s, EDITOR, first)
    first_published = read_versions(empty_engine)[2]
    assert first_published is not None  # a publication changes the version every kept answer depends on
    with sessions.begin() as s:
        second = save(s, ANALYST, TRAFFORD, TargetEntry("ascof_2b1", "2025-26", 86.0, None, 1.0, "Director",
                                                        "Agreed at the branch meeting.")).id
        publish(s, ANALYST, second)
    with sessions() as s:
        assert [(t.version, t.status, t.author) for t in history(s, TRAFFORD)] == [
            (2, "published", "sam"), (1, "superseded", "jo")]
        public = published(s, TRAFFORD)
        assert [(p["value"], p["owner"], p["period"]) for p in public] == [(86.0, "Director", "2025-26")]
        # pinned at the first publication: the first version, though superseded since
        assert [p["value"] for p in published(s, as_at=first_published)] == [85.0]
    with sessions.begin() as s:
        withdraw(s, EDITOR, second)
    with sessions() as s:
        assert published(s) == [] and s.scalar(select(func.count()).select_from(Target)) == 2  # nothing deleted
        assert published(s, as_at=datetime.now(UTC) + timedelta(seconds=1)) == []  # pinned after the withdrawal
        assert [p["value"] for p in published(s, as_at=first_published)] == [85.0]  # withdrawn later: still seen


def test_a_council_editor_cannot_set_or_publish_another_council_s_target(sessions):
    with sessions.begin() as s:
        theirs = save(s, Actor("kim", "council_editor", WIGAN), WIGAN, REABLEMENT).id
    for attempt in (lambda s: save(s, EDITOR, WIGAN, REABLEMENT),
                    lambda s: save(s, EDITOR, WIGAN, REABLEMENT, publish_now=True),
                    lambda s: publish(s, EDITOR, theirs)):
        with pytest.raises(NotAllowed, match="only your own council's targets"), sessions.begin() as s:
            attempt(s)
    with sessions() as s:
        assert s.get(Target, theirs).status == "draft" and published(s) == []
        assert s.scalar(select(func.count()).select_from(Target)) == 1
        refused = s.scalars(select(AuditEvent.action).where(AuditEvent.outcome == "refused")).all()
        assert sorted(refused) == ["published", "saved", "saved"]


@pytest.mark.parametrize("entry, said", [
    (TargetEntry("no_such_measure", "2025-26", 1, owner="x", rationale="y"), "not a measure"),
    (TargetEntry("lg_political_control", "2025-26", 1, owner="x", rationale="y"), "cannot have a target"),
    (TargetEntry("ascof_2b1", "9999-00", 80, owner="x", rationale="y"), "financial year from"),
    (TargetEntry("ascof_2b1", "2025-26", 101, owner="x", rationale="y"), "runs from 0 to 100"),
    (TargetEntry("ascof_2b1", "2025-26", float("nan"), owner="x", rationale="y"), "must be a number"),
    (TargetEntry("ascof_2b1", "2025-26", True, owner="x", rationale="y"), "must be a number"),  # type: ignore[arg-type]
    (TargetEntry("ascof_2b1", "2025-26", "80", owner="x", rationale="y"), "must be a number"),  # type: ignore[arg-type]
    (TargetEntry("ascof_2b1", "2025-26", 80, 70, owner="x", rationale="y"), "lower value to the higher"),
    (TargetEntry("ascof_2b1", "2025-26", 80, tolerance=-1, owner="x", rationale="y"), "tolerance"),
    (TargetEntry("rw_turnover", "2025-26", 20, owner="x", rationale="y"), "give a range"),
    (TargetEntry("ascof_2b1", "2025-26", 80, owner="", rationale="y"), "owner is empty"),
    (TargetEntry("ascof_2b1", "2025-26", 80, owner="x", rationale=""), "Why this target is empty"),
])
def test_a_target_that_cannot_be_met_or_read_is_refused_in_words(sessions, entry, said):
    with pytest.raises(Invalid, match=said), sessions.begin() as s:
        save(s, EDITOR, TRAFFORD, entry)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Target)) == 0


@pytest.mark.parametrize("measure, target, value, status", [
    ("ascof_2b1", {"value": 85.0, "high": None, "tolerance": 1.5}, 86.0, "Target met"),      # higher is better
    ("ascof_2b1", {"value": 85.0, "high": None, "tolerance": 1.5}, 83.5, "Near target"),
    ("ascof_2b1", {"value": 85.0, "high": None, "tolerance": 1.5}, 83.4, "Target missed"),
    ("ascof_2a2", {"value": 500.0, "high": None, "tolerance": 25.0}, 480.0, "Target met"),   # lower is better
    ("ascof_2a2", {"value": 500.0, "high": None, "tolerance": 25.0}, 525.0, "Near target"),
    ("ascof_2a2", {"value": 500.0, "high": None, "tolerance": 25.0}, 540.0, "Target missed"),
    ("rw_turnover", {"value": 20.0, "high": 25.0, "tolerance": 1.0}, 24.0, "Target met"),   # a range
    ("rw_turnover", {"value": 20.0, "high": 25.0, "tolerance": 1.0}, 18.5, "Target missed"),
    ("rw_turnover", {"value": 20.0, "high": 25.0, "tolerance": 1.0}, 25.9, "Near target"),
])
def test_the_status_follows_polarity_tolerance_and_range(measure, target, value, status):
    m = catalogue().known_measure(measure)
    rated = judged({**target, "owner": "Trafford Council"}, m, value)
    assert rated is not None and rated.rating == status and rated.method == "target"
    assert judged({**target, "owner": "x"}, m, None) is None  # no value yet: no status
    assert aim_text({**target}, m).startswith({"higher_better": "at least", "lower_better": "at most"}.get(
        m.polarity, f"{target['value']:.1f}"))
