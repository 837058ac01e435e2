"""Councils' own accounts (issue 14, data layer), on SQLite and PostgreSQL: who may write what is decided here, by
role and council, whatever a request says; every version is kept; only published text is public; passwords are
stored hashed; every action and refusal is in the audit log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from data.accounts import AccountError, Actor, add_user, authenticate, remove_user, set_role
from data.audit import events
from data.db import session_factory
from data.schema import AuditEvent, Statement, User
from data.statements import (
    MAX_COMMENTARY,
    Content,
    Invalid,
    NotAllowed,
    RiskEntry,
    history,
    publish,
    published,
    return_,
    save,
    submit,
)

TRAFFORD, WIGAN = "E08000009", "E08000010"
ROOT = Actor("ops", "administrator")
EDITOR = Actor("jo", "council_editor", TRAFFORD)
ANALYST = Actor("sam", "regional_analyst")
KEY = (TRAFFORD, "resource-workforce", "2025-26")
CONTENT = Content("Vacancies fell after the **recruitment drive**.", "medium", "Turnover is still above the region's.",
                  (RiskEntry("Home care capacity", "Framework retender", "Head of commissioning", date(2026, 3, 31)),))


@pytest.fixture
def engine(empty_engine):
    """Each test's warehouse starts ready and empty, on SQLite and on PostgreSQL."""
    return empty_engine


@pytest.fixture
def sessions(engine):
    return session_factory(engine)


def test_passwords_are_stored_hashed_and_checked(sessions):
    with sessions.begin() as s:
        add_user(s, ROOT, "jo", "correct horse battery", "council_editor", TRAFFORD)
    with sessions() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "jo"))
        assert "correct horse" not in stored and stored.startswith("$argon2id$")
        assert authenticate(s, "jo", "correct horse battery") == Actor("jo", "council_editor", TRAFFORD)
        assert authenticate(s, "jo", "wrong horse battery") is None
        assert authenticate(s, "nobody", "correct horse battery") is None
        assert authenticate(s, ["jo"], {"p": 1}) is None
    with sessions.begin() as s:
        remove_user(s, ROOT, "jo")
    with sessions() as s:
        assert authenticate(s, "jo", "correct horse battery") is None  # removed: deactivated, not deleted
        assert s.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize("name, password, role, council, said", [
    ("Jo Smith", "long enough password", "administrator", None, "user name"),
    ("jo", "short", "administrator", None, "12 to 200"),
    ("jo", "long enough password", "superuser", None, "role must be"),
    ("jo", "long enough password", "council_editor", None, "ONS code"),
    ("jo", "long enough password", "council_editor", "E12000002", "ONS code"),  # a region, not a council
    ("jo", "long enough password", "regional_analyst", TRAFFORD, "Only a council editor"),
])
def test_a_user_that_cannot_be_made_is_refused(sessions, name, password, role, council, said):
    with pytest.raises(AccountError, match=said), sessions.begin() as s:
        add_user(s, ROOT, name, password, role, council)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0


def test_the_workflow_keeps_every_version_and_publishes_only_what_an_analyst_approved(sessions):
    with sessions.begin() as s:
        first = save(s, EDITOR, *KEY, CONTENT).id
    with sessions.begin() as s:
        assert published(s) == []  # a draft is never public
        submit(s, EDITOR, first)
    with sessions.begin() as s:
        return_(s, ANALYST, first, "Say what the turnover figure is.")
    with sessions.begin() as s:
        second = save(s, EDITOR, *KEY, Content("Turnover 28.6%, down from 31%.", "medium", "Still high.")).id
        submit(s, EDITOR, second)
    with sessions.begin() as s:
        publish(s, ANALYST, second)
    with sessions.begin() as s:
        third = save(s, EDITOR, *KEY, Content("A correction: turnover 28.1%.", "medium", "Still high.")).id
        submit(s, EDITOR, third)
        publish(s, ANALYST, third)
    with sessions() as s:
        versions = [(v.version, v.status, v.author) for v in history(s, *KEY)]
        assert versions == [(3, "published", "jo"), (2, "superseded", "jo"), (1, "returned", "jo")]
        public = published(s, TRAFFORD)
        assert [p["commentary"] for p in public] == ["A correction: turnover 28.1%."]
        assert public[0]["author_role"] == "council_editor" and public[0]["published_on"] is not None
        actions = [(e.actor, e.action, e.outcome) for e in reversed(events(s))]
        assert actions == [("jo", "saved", "ok"), ("jo", "submitted", "ok"), ("sam", "returned", "ok"),
                           ("jo", "saved", "ok"), ("jo", "submitted", "ok"), ("sam", "published", "ok"),
                           ("jo", "saved", "ok"), ("jo", "submitted", "ok"), ("sam", "published", "ok")]


def test_a_council_editor_cannot_write_another_council_or_publish(sessions):
    with sessions.begin() as s:
        mine = save(s, EDITOR, *KEY, CONTENT).id
        submit(s, EDITOR, mine)
        theirs = save(s, Actor("kim", "council_editor", WIGAN), WIGAN, "resource-workforce", "2025-26", CONTENT).id
    for attempt in (lambda s: save(s, EDITOR, WIGAN, "resource-workforce", "2025-26", CONTENT),
                    lambda s: submit(s, EDITOR, theirs),
                    lambda s: publish(s, EDITOR, mine),
                    lambda s: return_(s, EDITOR, mine, "no")):
        with pytest.raises(NotAllowed), sessions.begin() as s:
            attempt(s)
    with sessions() as s:
        assert s.get(Statement, mine).status == "submitted" and published(s) == []
        assert s.scalar(select(func.count()).select_from(Statement)) == 2
        refused = s.scalars(select(AuditEvent.action).where(AuditEvent.outcome == "refused")).all()
        assert sorted(refused) == ["published", "returned", "saved", "submitted"]


def test_a_role_change_takes_effect_at_once(sessions):
    with sessions.begin() as s:
        add_user(s, ROOT, "jo", "correct horse battery", "council_editor", TRAFFORD)
        set_role(s, ROOT, "jo", "council_editor", WIGAN)
    with sessions() as s:
        assert authenticate(s, "jo", "correct horse battery").council == WIGAN


@pytest.mark.parametrize("content, said", [
    (Content("x" * (MAX_COMMENTARY + 1)), "at most 10,000"),
    (Content("fine", "catastrophic", "why"), "low, medium or high"),
    (Content("fine", "high", ""), "rationale is empty"),
    (Content("", None, None, ()), "nothing to save"),
    (Content("fine", risks=(RiskEntry("a", "b", "c"),) * 4), "At most 3"),
    (Content("fine", risks=(RiskEntry("", "b", "c"),)), "Risk 1 is empty"),
    (Content("fine", risks=(RiskEntry("a", "b", "c", date(9999, 1, 1)),)), "real date"),
    (Content("nul \x00 byte"), "cannot be stored"),
    (Content(5), "must be text"),
])
def test_what_cannot_be_saved_is_said_and_nothing_is_written(sessions, content, said):
    with pytest.raises(Invalid, match=said), sessions.begin() as s:
        save(s, EDITOR, *KEY, content)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Statement)) == 0


@pytest.mark.parametrize("key", [("E12000002", "resource-workforce", "2025-26"), (TRAFFORD, "nope", "2025-26"),
                                 (TRAFFORD, "resource-workforce", "9999-00"), (TRAFFORD, "resource-workforce", 2025),
                                 (5, "resource-workforce", "2025-26")])
def test_a_key_that_is_not_real_is_refused(sessions, key):
    with pytest.raises(Invalid), sessions.begin() as s:
        save(s, ANALYST, *key, CONTENT)


def test_only_the_newest_submitted_version_can_be_published(sessions):
    with sessions.begin() as s:
        first = save(s, EDITOR, *KEY, CONTENT).id
        submit(s, EDITOR, first)
        save(s, EDITOR, *KEY, Content("newer draft"))
    with pytest.raises(Invalid, match="newest"), sessions.begin() as s:
        publish(s, ANALYST, first)
    with pytest.raises(Invalid, match="no such"), sessions.begin() as s:
        publish(s, ANALYST, 10_000)


def test_users_and_the_audit_log_from_the_command_line(tmp_path, monkeypatch, capsys):
    import io

    from data.cli import main

    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["--database-url", url, "init", "--empty"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["--database-url", url, "users", "add", "first.admin", "--role", "administrator",
                 "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["--database-url", url, "users", "add", "jo", "--role", "council_editor", "--council", TRAFFORD,
                 "--password-stdin"]) == 1
    assert "12 to 200 characters" in capsys.readouterr().err
    assert main(["--database-url", url, "users", "remove", "first.admin"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "users", "list"]) == 0
    assert "first.admin" in (listed := capsys.readouterr().out) and "removed" in listed
    assert main(["--database-url", url, "audit"]) == 0
    log = capsys.readouterr().out.splitlines()
    assert "user_removed" in log[0] and "user_added" in log[1] and "first.admin" in log[1]


def test_the_users_command_checks_the_role_and_council_before_asking_for_a_password(tmp_path, monkeypatch, capsys):
    from data.audit import record
    from data.cli import main
    from data.db import make_engine, session_factory

    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["--database-url", url, "init", "--empty"]) == 0

    def asked(prompt=""):
        raise AssertionError("the password was asked for before the role and council were checked")

    monkeypatch.setattr("getpass.getpass", asked)
    assert main(["--database-url", url, "users", "add", "jo", "--role", "council_editor"]) == 1
    assert "needs the ONS code of their council" in capsys.readouterr().err
    assert main(["--database-url", url, "users", "passwd", "nobody"]) == 1
    assert "There is no user called nobody" in capsys.readouterr().err
    # a stranger's sign-in name with a terminal escape sequence is printed as text, never acted on
    with session_factory(make_engine(url)).begin() as s:
        record(s, "\x1b]0;owned\x07\x1b[2J", "sign_in_failed", outcome="refused")
    assert main(["--database-url", url, "audit"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;owned\\x07" in out
