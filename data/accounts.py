"""The editor's users: who they are, their role and council, and their password, kept only as an argon2 hash
(argon2-cffi's defaults, RFC 9106's low-memory profile). Nobody is deleted: removing a user deactivates them, so
every version they wrote still names its author. Every change is written to the audit log by the caller's action.

Roles: a council editor writes their own council's statements only; a regional analyst writes any council's,
publishes or returns them and uploads data; an administrator manages users (and may do what an analyst does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from data.audit import record
from data.schema import ROLES, Area, User

HASHER = PasswordHasher()
MIN_PASSWORD = 12          # characters (NCSC: length over complexity rules)
MAX_PASSWORD = 200
USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{1,79}")
IDLE = timedelta(minutes=30)  # an editor session ends after this long unused (and its checked upload with it)
ROLE_WORDS = {"council_editor": "council editor", "regional_analyst": "regional analyst",
              "administrator": "administrator"}
# Verifying against this when the name is unknown makes a wrong name take as long as a wrong password.
_DUMMY = HASHER.hash("not a password anyone has")


class AccountError(ValueError):
    """A user change that cannot be made, in words; nothing was changed."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user (or the command line's operator), as every write checks it."""

    username: str
    role: str
    council: str | None = None
    session_version: int = 0     # the user's, when this actor was read: a session carries it (see end_sessions)

    @property
    def is_analyst(self) -> bool:
        return self.role in ("regional_analyst", "administrator")

    @property
    def is_administrator(self) -> bool:
        return self.role == "administrator"


def _checked_password(password: object) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"A password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long.")
    return password


def _checked(session: Session, username: object, role: object, council: object) -> tuple[str, str, str | None]:
    if not isinstance(username, str) or not USERNAME.fullmatch(username):
        raise AccountError("A user name is 2 to 80 lower-case letters, digits or . _ @ - (e.g. jo.smith).")
    if not isinstance(role, str) or role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
    if role == "council_editor":
        area = session.get(Area, council) if isinstance(council, str) else None
        if area is None or area.kind != "council":
            raise AccountError("A council editor needs the ONS code of their council (--council E08000009).")
    elif council is not None:
        raise AccountError("Only a council editor belongs to one council.")
    return username, role, council if isinstance(council, str) else None


def check_new_user(session: Session, username: object, role: object, council: object) -> tuple[str, str, str | None]:
    """The name, role and council of a user to add, checked (AccountError says what is wrong): the command line
    checks them before it asks for a password."""
    username, role, council = _checked(session, username, role, council)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"There is a user called {username} already.")
    return username, role, council


def check_user(session: Session, username: object) -> None:
    """AccountError unless there is such a user."""
    _user(session, username)


def add_user(session: Session, by: Actor, username: str, password: str, role: str,
             council: str | None = None) -> User:
    username, role, council = check_new_user(session, username, role, council)
    now = datetime.now(UTC)
    user = User(username=username, password_hash=HASHER.hash(_checked_password(password)), role=role,
                council_code=council, active=True, created_at=now, changed_at=now)
    session.add(user)
    record(session, by, "user_added", username, detail=f"{ROLE_WORDS[role]}" + (f" for {council}" if council else ""))
    return user


def _user(session: Session, username: object) -> User:
    user = session.scalar(select(User).where(User.username == username)) if isinstance(username, str) else None
    if user is None:
        raise AccountError(f"There is no user called {username!s:.80}.")
    return user


def remove_user(session: Session, by: Actor, username: str) -> None:
    """Deactivate: they can no longer sign in; what they wrote keeps their name."""
    user = _user(session, username)
    user.active, user.changed_at = False, datetime.now(UTC)
    _end(user)
    record(session, by, "user_removed", username)


def set_password(session: Session, by: Actor, username: str, password: str) -> None:
    user = _user(session, username)
    user.password_hash, user.changed_at = HASHER.hash(_checked_password(password)), datetime.now(UTC)
    _end(user)
    record(session, by, "password_set", username)


def set_role(session: Session, by: Actor, username: str, role: str, council: str | None = None) -> None:
    user = _user(session, username)
    _, role, council = _checked(session, username, role, council)
    user.role, user.council_code, user.active, user.changed_at = role, council, True, datetime.now(UTC)
    _end(user)
    record(session, by, "role_set", username, detail=f"{ROLE_WORDS[role]}" + (f" for {council}" if council else ""))


def _end(user: User) -> None:
    user.session_version = (user.session_version or 0) + 1


def end_sessions(session: Session, username: str) -> None:
    """Signing out ends every session of the user's, everywhere: a cookie copied before is refused after."""
    user = _user(session, username)
    _end(user)
    record(session, Actor(user.username, user.role, user.council_code), "signed_out", username)


def users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: object, password: object) -> Actor | None:
    """The actor for a name and password, or None (unknown name, wrong password, deactivated): the same time and the
    same answer either way. A hash made with older parameters is upgraded."""
    user = session.scalar(select(User).where(User.username == username)) if isinstance(username, str) else None
    given = password if isinstance(password, str) else ""
    try:
        HASHER.verify(user.password_hash if user else _DUMMY, given)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(given)
    return Actor(user.username, user.role, user.council_code, user.session_version or 0)


def actor_for(session: Session, username: object, version: int | None = None) -> Actor | None:
    """The current actor for a signed-in session's user name, read again on every request (a role changed or a user
    removed takes effect at once); None when the session began under another session version (ended since)."""
    user = session.scalar(select(User).where(User.username == username)) if isinstance(username, str) else None
    if user is None or not user.active or (version is not None and version != (user.session_version or 0)):
        return None
    return Actor(user.username, user.role, user.council_code, user.session_version or 0)
