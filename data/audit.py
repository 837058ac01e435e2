"""The audit log: one appended row for each sign-in (succeeded or failed), submission, publication, return, import and
user change, with who, their role, when, from where and whether it was allowed. Read by administrators in the
editor and with `scorecard audit`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.schema import AuditEvent


class Acting(Protocol):
    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


def record(session: Session, actor: Acting | str, action: str, target: str | None = None, *, outcome: str = "ok",
           address: str | None = None, detail: str | None = None) -> None:
    """Append one event in the caller's transaction (so an action and its record land together, or neither)."""
    name, role = (actor, None) if isinstance(actor, str) else (actor.username, actor.role)
    session.add(AuditEvent(at=datetime.now(UTC), actor=name[:80], role=role, action=action,
                           target=None if target is None else target[:200], outcome=outcome,
                           address=None if address is None else address[:45],
                           detail=None if detail is None else detail[:2000]))


def events(session: Session, limit: int = 200) -> list[AuditEvent]:
    """The newest events first."""
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
