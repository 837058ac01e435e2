"""Challenge questions: one or two neutral questions a peer might ask about a measure where a council is worse or
getting worse (the West Midlands' "key lines of enquiry"). The catalogue holds a first wording of each; a regional
analyst may reword them in the editor, which appends a version (nothing is changed or deleted) and the newest is
shown. Every write is authorised here and recorded in the audit log in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data.accounts import Actor
from data.audit import record
from data.catalogue import MAX_QUESTION, MAX_QUESTIONS, catalogue
from data.schema import QuestionVersion
from data.statements import Invalid, refused


def checked(measure: object, questions: list[str]) -> tuple[str, list[str]]:
    """The measure's id and the questions trimmed, blank ones left out; raises Invalid with the first problem."""
    m = catalogue().measure(measure) if isinstance(measure, str) else None
    if m is None:
        raise Invalid("That is not a measure in the catalogue.")
    kept = [" ".join(q.split()) for q in questions if isinstance(q, str) and q.strip()]
    if not kept or len(kept) > MAX_QUESTIONS:
        raise Invalid(f"Give one or two questions (at most {MAX_QUESTIONS}).")
    for n, q in enumerate(kept, start=1):
        if len(q) > MAX_QUESTION or not q.endswith("?") or "\x00" in q:
            raise Invalid(f"Question {n} must be a question (ending with '?') of at most {MAX_QUESTION} characters.")
    return m.id, kept


def save(session: Session, actor: Actor, measure: object, questions: list[str]) -> QuestionVersion:
    """A new wording of a measure's questions, shown from now on (regional analysts only)."""
    if not actor.is_analyst:
        raise refused(session, actor, "saved", f"{measure} questions", "only a regional analyst can word the questions")
    measure_id, kept = checked(measure, questions)
    last = session.scalar(select(func.max(QuestionVersion.version)).where(QuestionVersion.measure_id == measure_id))
    made = QuestionVersion(measure_id=measure_id, version=(last or 0) + 1, questions="\n".join(kept),
                           author=actor.username, created_at=datetime.now(UTC))
    session.add(made)
    session.flush()
    record(session, actor, "saved", f"{measure_id} questions v{made.version}")
    return made


def current(session: Session) -> dict[str, tuple[str, ...]]:
    """Every measure's questions as shown: the newest wording from the editor, else the catalogue's."""
    shown = {m.id: m.challenge_questions for m in catalogue().measures if m.challenge_questions}
    newest = select(QuestionVersion.measure_id, func.max(QuestionVersion.version).label("v")).group_by(
        QuestionVersion.measure_id).subquery()
    for q in session.scalars(select(QuestionVersion).join(newest, (newest.c.measure_id == QuestionVersion.measure_id)
                                                          & (newest.c.v == QuestionVersion.version))):
        shown[q.measure_id] = tuple(q.questions.split("\n"))
    return shown


def history(session: Session, measure: str) -> list[QuestionVersion]:
    return list(session.scalars(select(QuestionVersion).where(QuestionVersion.measure_id == measure)
                                .order_by(QuestionVersion.version.desc())))
