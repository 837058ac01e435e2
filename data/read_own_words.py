"""The read API's words that people write rather than import (mixed into data.read_api.ReadAPI): councils' own
published accounts and targets, and the challenge questions regional analysts word. Never cached: a publication shows
at once, and each read is one small query."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


class OwnWords:
    """Mixed into data.read_api.ReadAPI, whose sessions and pin moment it uses."""

    if TYPE_CHECKING:
        sessions: sessionmaker[Session]
        pin_moment: datetime | None

    def accounts(self, council: str | None = None, domain: str | None = None) -> list[dict]:
        """Published statements only (data.statements.published_latest): each council × domain's newest, or in a
        view pinned at a moment, the newest published by then. Not cached: a publication shows at once."""
        from data.statements import published_latest

        with self.sessions() as session:
            return published_latest(session, council, domain, self.pin_moment)

    def targets(self, council: str | None = None, measure: str | None = None) -> list[dict]:
        """Councils' published targets only (data.targets.published), as published now or, in a view pinned at a
        moment, as published by then. Not cached: a publication shows at once."""
        from data.targets import published

        with self.sessions() as session:
            return published(session, council, measure, self.pin_moment)

    def challenge_questions(self) -> dict[str, tuple[str, ...]]:
        """Each measure's challenge questions as shown (data.questions.current): the editor's newest wording."""
        from data.questions import current

        with self.sessions() as session:
            return current(session)

