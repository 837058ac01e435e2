"""A council's own account beside its numbers: for each council × domain × period, versions of commentary (Markdown),
up to three top risks, and a self-assessed risk (low / medium / high) with its rationale.

Workflow: draft → submitted → published by a regional analyst (or returned with a note) → superseded by the next
published version. Saving makes a new version, always; a version's content never changes, only its status; nothing
is deleted. Every write is authorised here, by the actor's role and council, whatever the request said, and written
to the audit log in the same transaction. Only published text leaves this module for the public (`published`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from data.accounts import Actor
from data.audit import record
from data.catalogue import catalogue
from data.periods import is_financial_year, usable
from data.schema import SELF_RATINGS, Area, Risk, SchemaInfo, Statement

MAX_COMMENTARY = 10_000   # characters
MAX_RISKS = 3
MAX_RISK_TEXT = 500
MAX_RATIONALE = 2_000
MAX_NOTE = 1_000


class NotAllowed(PermissionError):
    """The actor may not do this (their role or council); nothing was changed and the refusal was logged."""


class Invalid(ValueError):
    """What was written cannot be saved, in words for the form; nothing was changed."""


@dataclass(frozen=True)
class RiskEntry:
    risk: str
    mitigation: str
    owner: str
    due: date | None = None


@dataclass(frozen=True)
class Content:
    commentary: str
    self_rating: str | None = None
    rationale: str | None = None
    risks: tuple[RiskEntry, ...] = field(default_factory=tuple)


def checked_text(value: object, limit: int, what: str, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(f"{what} must be text.")
    value = value.replace("\r\n", "\n").strip()
    if "\x00" in value:
        raise Invalid(f"{what} contains a character that cannot be stored.")
    if len(value) > limit:
        raise Invalid(f"{what} is {len(value):,} characters; at most {limit:,}.")
    if required and not value:
        raise Invalid(f"{what} is empty.")
    return value


def checked(content: Content) -> Content:
    """The content with every field checked and trimmed; raises Invalid with the first problem."""
    commentary = checked_text(content.commentary, MAX_COMMENTARY, "The commentary")
    rating = content.self_rating or None
    if rating is not None and rating not in SELF_RATINGS:
        raise Invalid("The self-assessed risk is low, medium or high.")
    rationale = checked_text(content.rationale, MAX_RATIONALE, "The rationale", required=rating is not None) or None
    if len(content.risks) > MAX_RISKS:
        raise Invalid(f"At most {MAX_RISKS} top risks.")
    risks = []
    for n, r in enumerate(content.risks, start=1):
        if r.due is not None and not (isinstance(r.due, date) and 2015 <= r.due.year <= 2100):
            raise Invalid(f"Risk {n}: the due date must be a real date (2015 to 2100).")
        risks.append(RiskEntry(checked_text(r.risk, MAX_RISK_TEXT, f"Risk {n}", required=True),
                               checked_text(r.mitigation, MAX_RISK_TEXT * 2, f"Risk {n}'s mitigation", required=True),
                               checked_text(r.owner, 120, f"Risk {n}'s owner", required=True), r.due))
    if not commentary and rating is None and not risks:
        raise Invalid("There is nothing to save: write commentary, a risk or a self-assessment.")
    return Content(commentary, rating, rationale, tuple(risks))


def _key(session: Session, council: object, domain: object, period: object) -> tuple[str, str, str]:
    area = session.get(Area, council) if isinstance(council, str) else None
    if area is None or area.kind != "council":
        raise Invalid("That is not a council.")
    council = area.code
    if not isinstance(domain, str) or catalogue().domain(domain) is None:
        raise Invalid("That is not one of the six domains.")
    if not (isinstance(period, str) and is_financial_year(period) and usable(period)):
        raise Invalid("The period is a financial year such as 2025-26.")
    return council, domain, period


def refused(session: Session, actor: Actor, action: str, target: str, why: str) -> NotAllowed:
    """Log a refusal in its own transaction (it is kept although the caller's work is not) and return the error."""
    with Session(session.get_bind()) as own, own.begin():
        record(own, actor, action, target, outcome="refused", detail=why)
    return NotAllowed(why[0].upper() + why[1:] + ".")


def may_write_for(actor: Actor, council: object) -> bool:
    return actor.is_analyst or (actor.role == "council_editor" and actor.council == council)


def _may_write(session: Session, actor: Actor, council: str, action: str, target: str) -> None:
    if not may_write_for(actor, council):
        raise refused(session, actor, action, target, "you can write only your own council's statements")


def save(session: Session, actor: Actor, council: str, domain: str, period: str, content: Content) -> Statement:
    """A new draft version (whatever the state of the last one, which stays in the history)."""
    # SQLite: the write lock first, before anything is read, so saves queue (a refusal, logged in a transaction of
    # its own, must not wait behind it)
    if session.get_bind().dialect.name == "sqlite" and may_write_for(actor, council):
        session.execute(update(SchemaInfo).values(version=SchemaInfo.version))
    council, domain, period = _key(session, council, domain, period)
    target = f"{council} {domain} {period}"
    _may_write(session, actor, council, "saved", target)
    content = checked(content)
    if session.get_bind().dialect.name == "postgresql":  # one writer per statement at a time: versions never clash
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"statement {target}"})
    last = session.scalar(select(func.max(Statement.version)).where(
        Statement.council_code == council, Statement.domain_slug == domain, Statement.period == period)) or 0
    statement = Statement(council_code=council, domain_slug=domain, period=period, version=last + 1, status="draft",
                          commentary=content.commentary, self_rating=content.self_rating,
                          rationale=content.rationale, author=actor.username, author_role=actor.role,
                          created_at=datetime.now(UTC))
    session.add(statement)
    session.flush()
    session.add_all(Risk(statement_id=statement.id, position=n, risk=r.risk, mitigation=r.mitigation, owner=r.owner,
                         due=r.due) for n, r in enumerate(content.risks, start=1))
    record(session, actor, "saved", f"{target} v{statement.version}")
    return statement


def _latest(session: Session, s: Statement) -> bool:
    newest = session.scalar(select(func.max(Statement.version)).where(
        Statement.council_code == s.council_code, Statement.domain_slug == s.domain_slug,
        Statement.period == s.period))
    return s.version == newest


def _statement(session: Session, statement_id: object) -> Statement:
    found = session.get(Statement, statement_id) if isinstance(statement_id, int) and statement_id > 0 else None
    if found is None:
        raise Invalid("There is no such statement.")
    return found


def _target(s: Statement) -> str:
    return f"{s.council_code} {s.domain_slug} {s.period} v{s.version}"


def submit(session: Session, actor: Actor, statement_id: int) -> Statement:
    """Send the newest draft (or a returned version) to the regional analysts."""
    s = _statement(session, statement_id)
    _may_write(session, actor, s.council_code, "submitted", _target(s))
    if s.status not in ("draft", "returned") or not _latest(session, s):
        raise Invalid("Only the newest version, as a draft or returned, can be submitted.")
    s.status = "submitted"
    record(session, actor, "submitted", _target(s))
    return s


def _decide(session: Session, actor: Actor, statement_id: int, action: str) -> Statement:
    s = _statement(session, statement_id)
    if not actor.is_analyst:
        raise refused(session, actor, action, _target(s), "only a regional analyst can publish or return a statement")
    if s.status != "submitted" or not _latest(session, s):
        raise Invalid("Only the newest version, once submitted, can be published or returned.")
    s.decided_by, s.decided_at = actor.username, datetime.now(UTC)
    return s


def publish(session: Session, actor: Actor, statement_id: int) -> Statement:
    """Publish a submitted version; the one published before it is superseded (and stays in the history)."""
    s = _decide(session, actor, statement_id, "published")
    for old in session.scalars(select(Statement).where(
            Statement.council_code == s.council_code, Statement.domain_slug == s.domain_slug,
            Statement.period == s.period, Statement.status == "published")):
        old.status = "superseded"
    s.status = "published"
    record(session, actor, "published", _target(s))
    return s


def return_(session: Session, actor: Actor, statement_id: int, note: str) -> Statement:
    """Send a submitted version back to its council with a note saying why."""
    note = checked_text(note, MAX_NOTE, "The note", required=True)
    s = _decide(session, actor, statement_id, "returned")
    s.status, s.decision_note = "returned", note
    record(session, actor, "returned", _target(s), detail=note)
    return s


def history(session: Session, council: str, domain: str, period: str) -> list[Statement]:
    """Every version, newest first (for the editor: drafts included)."""
    return list(session.scalars(select(Statement).where(
        Statement.council_code == council, Statement.domain_slug == domain, Statement.period == period)
        .order_by(Statement.version.desc())))


def waiting(session: Session) -> list[Statement]:
    """Every version submitted and not yet published or returned, oldest first: the regional analysts' queue."""
    return list(session.scalars(select(Statement).where(Statement.status == "submitted")
                                .order_by(Statement.created_at)))


def risks_of(session: Session, statement_id: int) -> list[Risk]:
    return list(session.scalars(select(Risk).where(Risk.statement_id == statement_id).order_by(Risk.position)))


def published(session: Session, council: str | None = None, domain: str | None = None,
              as_at: datetime | None = None) -> list[dict]:
    """The published statements (never a draft, submitted or returned one) as plain records with their risks: the
    only way statement text reaches a public page, callback or download. `as_at`: those that were published at
    that moment (a pinned view's), each council × domain × period's newest by then, though superseded since."""
    if as_at is None:
        query = select(Statement).where(Statement.status == "published")
    else:
        query = select(Statement).where(Statement.status.in_(("published", "superseded")),
                                        Statement.decided_at <= as_at)
    if council is not None:
        query = query.where(Statement.council_code == council)
    if domain is not None:
        query = query.where(Statement.domain_slug == domain)
    statements = session.scalars(query.order_by(Statement.council_code, Statement.domain_slug,
                                                Statement.period, Statement.version)).all()
    if as_at is not None:  # the newest version published by then of each
        statements = list({(s.council_code, s.domain_slug, s.period): s for s in statements}.values())
    risks: dict[int, list[dict]] = {s.id: [] for s in statements}
    for r in session.scalars(select(Risk).where(Risk.statement_id.in_(risks)).order_by(Risk.position)):
        risks[r.statement_id].append({"risk": r.risk, "mitigation": r.mitigation, "owner": r.owner, "due": r.due})
    return [{"council": s.council_code, "domain": s.domain_slug, "period": s.period, "version": s.version,
             "commentary": s.commentary, "self_rating": s.self_rating, "rationale": s.rationale,
             "author_role": s.author_role, "published_on": s.decided_at, "risks": risks[s.id]} for s in statements]


def published_latest(session: Session, council: str | None = None, domain: str | None = None,
                     as_at: datetime | None = None) -> list[dict]:
    """Each council × domain's published statement for the newest period that has one (at the moment `as_at`)."""
    newest: dict[tuple[str, str], dict] = {}
    for p in published(session, council, domain, as_at):
        if (key := (p["council"], p["domain"])) not in newest or p["period"] > newest[key]["period"]:
            newest[key] = p
    return list(newest.values())
