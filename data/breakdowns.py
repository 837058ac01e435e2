"""Breakdowns by age (18–64, 65 and over) and sex where the source publishes them: the official ASCOF files of
2018-19 to 2020-21 give each council's, each region's and England's value (and for most measures the counts it was
worked out from) for each group. Their own table: a breakdown is not the headline observation the ratings are made
from, and a measure's page shows them under it (page_models/breakdown_model.py), each rated against the same group
of the benchmark. Rows are added with the release that brought them and are read as at a pin like observations."""

from __future__ import annotations

import re

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from data import reference
from data.catalogue import codes_for
from data.periods import usable
from data.schema import Base, Withdrawal

GROUPS = ("18-64", "65 and over", "Female", "Male")   # as the source names them, and as the warehouse keeps them
BY = {"age": ("18-64", "65 and over"), "sex": ("Female", "Male")}
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")           # ASCII digits only: "１２" is not a number here
LEVELS = ("Council", "Region", "England")


class Breakdown(Base):
    """One published value of a measure for one group (an age band or a sex) of an area's people, in a period."""

    __tablename__ = "breakdowns"
    __table_args__ = (UniqueConstraint("release_id", "measure_id", "area_code", "period", "breakdown",
                                       name="uq_breakdown_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id"))
    measure_id: Mapped[str] = mapped_column(ForeignKey("measures.id"))
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    period: Mapped[str] = mapped_column(String(10))
    breakdown: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)


class BreakdownError(ValueError):
    """A row of a source's breakdowns that is not real: the file, row, column and reason."""


def _number(text: str, where: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    if not NUMBER.fullmatch(text):
        raise BreakdownError(f"{where}: “{text}” is not a number written in digits")
    return float(text)


def breakdown_rows(file: str, source_rows: list[dict]) -> list[dict]:
    """The age and sex breakdowns of an official ASCOF file's councils, regions and England, under the catalogue's
    ids for that year's framework (codes outside the catalogue left out, as their headline rows are); a value in a
    year outside the file's framework, an unknown area or a number not in digits is refused, naming its row."""
    areas = {a.code for a in reference.areas()}
    out = []
    for i, r in enumerate(source_rows, start=2):  # row 1 is the header
        if r["disaggregation"] not in GROUPS or r["geographical_level"] not in LEVELS:
            continue
        where = f"{file}, row {i}"
        if not usable(r["period"]):
            raise BreakdownError(f"{where}, column period: {r['period']!r} is not a financial year from 2010-11 to "
                                 "next year, written like 2020-21")
        codes = codes_for(r["period"])[1]
        measure = codes.get(r["measure_id"])
        value = _number(r["value"], f"{where}, column value")
        if measure is None or value is None:
            continue
        if r["area_code"] not in areas:
            raise BreakdownError(f"{where}, column area_code: {r['area_code']!r} is not an English council, region "
                                 "or England")
        out.append({"measure_id": measure, "area_code": r["area_code"], "period": r["period"],
                    "breakdown": r["disaggregation"], "value": value,
                    "numerator": _number(r.get("numerator", ""), f"{where}, column numerator"),
                    "denominator": _number(r.get("denominator", ""), f"{where}, column denominator")})
    return out


def add_breakdowns(session: Session, release_id: int, rows: list[dict]) -> int:
    session.add_all(Breakdown(release_id=release_id, **r) for r in rows)
    session.flush()
    return len(rows)


def read_breakdowns(session: Session, measure_id: str, period: str, pin: int | None) -> list[dict]:
    """The breakdowns of a measure in a year, as at release `pin` (None: now), without a withdrawn release's; the
    newest release's row for each area and group."""
    query = (select(Breakdown.area_code, Breakdown.breakdown, Breakdown.value, Breakdown.numerator,
                    Breakdown.denominator, Breakdown.release_id)
             .where(Breakdown.measure_id == measure_id, Breakdown.period == period,
                    Breakdown.release_id.not_in(select(Withdrawal.release_id)))
             .order_by(Breakdown.release_id))
    if pin is not None:
        query = query.where(Breakdown.release_id <= pin)
    newest = {(r.area_code, r.breakdown): dict(r._mapping) for r in session.execute(query)}
    return list(newest.values())
