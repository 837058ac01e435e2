"""Councils' own targets: for a council, a measure and the year whose value is judged against it, a value (or a
range), a tolerance, an owner and why.

Versioned like statements (data.statements): saving makes a new draft version; the council's editor or a regional
analyst publishes it (the version published before it is superseded) or withdraws a published one; a version never
changes except in status and nothing is deleted. Every write is authorised here, by the actor's role and council,
whatever the request said, and recorded in the audit log in the same transaction. Only published targets leave this
module for the public (`published`), and their status against the value follows METHODS.md's target rule
(analysis.rating.target).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from analysis.formatting import with_unit
from analysis.rating import Rating, target
from data.accounts import Actor
from data.audit import record
from data.catalogue import Measure, catalogue
from data.periods import (
    EARLIEST,
    current_financial_year,
    financial_year,
    is_financial_year,
    period_end,
    period_start,
    start_year,
    within,
)
from data.reference import NORTH_WEST
from data.schema import Area, SchemaInfo, Target
from data.statements import Invalid, checked_text, may_write_for, refused

MAX_OWNER = 120
MAX_RATIONALE = 2_000
YEARS_AHEAD = 3  # a target may be due up to three years after the current one


@dataclass(frozen=True)
class TargetEntry:
    """What a form or a row of the import template gives: the target before it is checked."""

    measure: str
    period: str
    value: float
    high: float | None = None       # a range target runs from `value` to `high`
    tolerance: float = 0.0
    owner: str = ""
    rationale: str = ""


def last_due_year() -> str:
    return financial_year(start_year(current_financial_year()) + YEARS_AHEAD)


def target_measure(measure: object) -> Measure:
    """The catalogue's measure, if a target can be set for it (a number, rated); raises Invalid otherwise."""
    m = catalogue().measure(measure) if isinstance(measure, str) else None
    if m is None:
        raise Invalid("That is not a measure in the catalogue.")
    if m.is_categorical or m.rating_method == "not_rated":
        raise Invalid(f"{m.short_name} is shown, not rated: it cannot have a target.")
    return m


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Invalid(f"{what} must be a number.")
    return float(value)


def checked(entry: TargetEntry) -> TargetEntry:
    """The entry with every field checked and trimmed; raises Invalid with the first problem, in words for a form."""
    m = target_measure(entry.measure)
    if not (isinstance(entry.period, str) and is_financial_year(entry.period)
            and within(entry.period, EARLIEST, last_due_year())):
        raise Invalid(f"The year is a financial year from {EARLIEST} to {last_due_year()}, such as 2026-27.")
    low = _number(entry.value, "The target")
    high = None if entry.high is None else _number(entry.high, "The top of the range")
    tolerance = _number(entry.tolerance, "The tolerance")
    floor = m.min_value or 0.0
    for n, what in ((low, "The target"), (high, "The top of the range")):
        if n is not None and not floor <= n <= m.upper_bound:
            raise Invalid(f"{what} is {n:g}, but {m.short_name} runs from {floor:g} to {m.upper_bound:g} ({m.unit}).")
    if high is not None and high < low:
        raise Invalid("A range runs from the lower value to the higher one.")
    if high is None and m.polarity == "no_judgement":
        raise Invalid(f"For {m.short_name} higher is neither better nor worse: give a range (from and to).")
    if not 0 <= tolerance <= m.upper_bound - floor:
        raise Invalid("The tolerance is a number from 0 up to the measure's whole scale.")
    owner = checked_text(entry.owner, MAX_OWNER, "The owner", required=True)
    rationale = checked_text(entry.rationale, MAX_RATIONALE, "Why this target", required=True)
    return TargetEntry(m.id, entry.period, low, high, tolerance, owner, rationale)


def _council(session: Session, council: object) -> str:
    area = session.get(Area, council) if isinstance(council, str) else None
    if area is None or area.kind != "council" or area.region_code != NORTH_WEST:
        raise Invalid("That is not a North West council.")
    return area.code


def _name(t: Target) -> str:
    return f"{t.council_code} {t.measure_id} {t.period} target v{t.version}"


def _may_write(session: Session, actor: Actor, council: str, action: str, what: str) -> None:
    if not may_write_for(actor, council):
        raise refused(session, actor, action, what, "you can set only your own council's targets")


def save(session: Session, actor: Actor, council: object, entry: TargetEntry, *, publish_now: bool = False) -> Target:
    """A new draft version of the council's target for the entry's measure and year (published at once with
    `publish_now`, as an import does)."""
    if session.get_bind().dialect.name == "sqlite" and may_write_for(actor, council):
        session.execute(update(SchemaInfo).values(version=SchemaInfo.version))  # saves queue (data.statements.save)
    code = _council(session, council)
    what = f"{code} {getattr(entry, 'measure', '?')} {getattr(entry, 'period', '?')} target"
    _may_write(session, actor, code, "saved", what)
    entry = checked(entry)
    area = session.get(Area, code)
    if area is not None and ((area.valid_to and area.valid_to < period_end(entry.period))
                             or (area.valid_from and area.valid_from > period_start(entry.period))):
        raise Invalid(f"{area.name} did not have adult social care duties for the whole of {entry.period}.")
    if session.get_bind().dialect.name == "postgresql":  # one writer per target at a time: versions never clash
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": what})
    last = session.scalar(select(func.max(Target.version)).where(
        Target.council_code == code, Target.measure_id == entry.measure, Target.period == entry.period)) or 0
    made = Target(council_code=code, measure_id=entry.measure, period=entry.period, version=last + 1, status="draft",
                  value=entry.value, value_high=entry.high, tolerance=entry.tolerance, owner=entry.owner,
                  rationale=entry.rationale, author=actor.username, author_role=actor.role,
                  created_at=datetime.now(UTC))
    session.add(made)
    session.flush()
    record(session, actor, "saved", _name(made))
    if publish_now:
        publish(session, actor, made.id)
    return made


def _version(session: Session, target_id: object) -> Target:
    found = session.get(Target, target_id) if isinstance(target_id, int) and not isinstance(target_id, bool) \
        and 0 < target_id < 2**31 else None
    if found is None:
        raise Invalid("There is no such target.")
    return found


def _newest(session: Session, t: Target) -> bool:
    return t.version == session.scalar(select(func.max(Target.version)).where(
        Target.council_code == t.council_code, Target.measure_id == t.measure_id, Target.period == t.period))


def publish(session: Session, actor: Actor, target_id: object) -> Target:
    """Publish the newest draft: the version published before it is superseded (and stays in the history)."""
    t = _version(session, target_id)
    _may_write(session, actor, t.council_code, "published", _name(t))
    if t.status != "draft" or not _newest(session, t):
        raise Invalid("Only the newest version, as a draft, can be published.")
    for old in session.scalars(select(Target).where(
            Target.council_code == t.council_code, Target.measure_id == t.measure_id, Target.period == t.period,
            Target.status == "published")):
        old.status = "superseded"
    t.status, t.decided_by, t.decided_at = "published", actor.username, datetime.now(UTC)
    record(session, actor, "published", _name(t))
    return t


def withdraw(session: Session, actor: Actor, target_id: object) -> Target:
    """Take a published target back: the measure has no target for that year until another is published."""
    t = _version(session, target_id)
    _may_write(session, actor, t.council_code, "withdrawn", _name(t))
    if t.status != "published":
        raise Invalid("Only a published target can be withdrawn.")
    t.status, t.withdrawn_by, t.withdrawn_at = "withdrawn", actor.username, datetime.now(UTC)
    record(session, actor, "withdrawn", _name(t))
    return t


def history(session: Session, council: str, measure: str | None = None) -> list[Target]:
    """Every version of a council's targets (for the editor: drafts included), newest year and version first."""
    query = select(Target).where(Target.council_code == council)
    if measure is not None:
        query = query.where(Target.measure_id == measure)
    return list(session.scalars(query.order_by(Target.measure_id, Target.period.desc(), Target.version.desc())))


def published(session: Session, council: str | None = None, measure: str | None = None,
              as_at: datetime | None = None) -> list[dict]:
    """The published targets (never a draft) as plain records: the only way a target reaches a public page, callback
    or download. `as_at`: those published at that moment (a pinned view's), each one's newest version by then, and
    none withdrawn by then."""
    if as_at is None:
        query = select(Target).where(Target.status == "published")
    else:
        query = select(Target).where(Target.status.in_(("published", "superseded", "withdrawn")),
                                     Target.decided_at <= as_at)
    if council is not None:
        query = query.where(Target.council_code == council)
    if measure is not None:
        query = query.where(Target.measure_id == measure)
    found = session.scalars(query.order_by(Target.council_code, Target.measure_id, Target.period, Target.version))
    newest = {(t.council_code, t.measure_id, t.period): t for t in found}  # by then: the last decision of each
    return [{"council": t.council_code, "measure": t.measure_id, "period": t.period, "version": t.version,
             "value": t.value, "high": t.value_high, "tolerance": t.tolerance, "owner": t.owner,
             "rationale": t.rationale, "published_on": t.decided_at}
            for t in newest.values() if t.withdrawn_at is None or (as_at is not None and _after(t.withdrawn_at, as_at))]


def _after(moment: datetime, as_at: datetime) -> bool:
    """SQLite gives back naive UTC."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)) > as_at


def aim_text(t: dict, m: Measure) -> str:
    """The target in words: "at least 80.0%", "at most 5.0 per 100,000", "60.0% to 70.0%"."""
    if t["high"] is not None:
        return f"{with_unit(t['value'], m.unit, m.decimals)} to {with_unit(t['high'], m.unit, m.decimals)}"
    return ("at least " if m.polarity == "higher_better" else "at most ") + with_unit(t["value"], m.unit, m.decimals)


def judged(t: dict, m: Measure, value: float | None) -> Rating | None:
    """The target's status against the council's value for its year (None while no value is published)."""
    if value is None:
        return None
    return target(value, t["value"], t["tolerance"], m.polarity, owner=t["owner"], unit=m.unit, decimals=m.decimals,
                  high=t["high"])


@dataclass(frozen=True)
class TargetShown:
    """A council's target as a row of a page shows it, beside the rating against its peers."""

    period: str          # the year it is due
    aim: str             # "at least 85.0%", "20.0% to 25.0%"
    value: float         # the target (the low end of a range)
    high: float | None
    tolerance: float
    owner: str
    status: str          # Target met / Near target / Target missed, or Not rated (no value for its year yet)
    colour: str
    reason: str          # why, in a sentence or two (with the owner and the council's rationale)


def for_row(targets: list[dict], m: Measure, period: str, value: float | None) -> TargetShown | None:
    """The target beside a council's value for `period`: the one due that year (judged against the value), or else
    the next one due after it (not judged yet); None if the council has neither. `targets`: the council's published
    targets for the measure."""
    due = {t["period"]: t for t in targets}
    t = due.get(period) or min((t for t in targets if t["period"] > period), key=lambda t: t["period"], default=None)
    if t is None:
        return None
    aim = aim_text(t, m)
    rated = judged(t, m, value) if t["period"] == period else None
    if rated is not None:
        status, colour, reason = rated.rating, rated.colour, f"{rated.reason} Why this target: {t['rationale']}"
    elif t["period"] == period:
        status, colour = "Not rated", "grey"
        reason = f"No value for {period} is published yet to judge the target of {aim} set by {t['owner']}."
    else:
        status, colour = "Not rated", "grey"
        reason = (f"Due in {t['period']}: {aim}, set by {t['owner']}. The value for {t['period']} will be judged "
                  f"against it. Why this target: {t['rationale']}")
    return TargetShown(t["period"], aim, t["value"], t["high"], t["tolerance"], t["owner"], status, colour, reason)


def by_council(targets: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """Published targets grouped by (council, measure)."""
    out: dict[tuple[str, str], list[dict]] = {}
    for t in targets:
        out.setdefault((t["council"], t["measure"]), []).append(t)
    return out
