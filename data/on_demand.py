"""Ratings made when a reader asks, never stored: the region's councils against the councils a reader chose, and a
council beside its named nearest neighbours. The same code as the stored ratings (data.comparisons) rates them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from data.catalogue import Measure
from data.comparisons import (
    Comparator,
    Context,
    chosen_comparator,
    load_context,
    neighbours_comparator,
    point,
    rate_point,
    year_method,
)
from data.read_records import RatingRecord


def rate_against_chosen(session: Session, m: Measure, period: str, chosen: Sequence[str],
                        stored: list[RatingRecord], as_at: int | None = None) -> list[RatingRecord]:
    """The `stored` ratings (one measure and period) rated again against the median of the councils a reader chose:
    the same records with the chosen comparator's rating and reason, and no red-red flag or sentence."""
    ctx = load_context(session, [m.id], [period], as_at)
    return _rated_again(ctx, m, period, chosen_comparator(ctx, m, period, chosen), stored)


def rate_beside_neighbours(session: Session, m: Measure, period: str, council: str, stored: list[RatingRecord],
                           as_at: int | None = None) -> list[RatingRecord]:
    """A council and its named nearest neighbours (`stored`: their ratings for one measure and period) all rated
    against the one median the council is rated against (its neighbours', never counting itself), so every colour
    of the neighbours view is measured against the one line it draws."""
    ctx = load_context(session, [m.id], [period], as_at)
    comparator = neighbours_comparator(ctx, m, period, council)
    named = replace(comparator, name=f"{ctx.names.get(council, council)}'s nearest neighbours' median")
    return _rated_again(ctx, m, period, named, stored)


def _rated_again(ctx: Context, m: Measure, period: str, comparator: Comparator,
                 stored: list[RatingRecord]) -> list[RatingRecord]:
    out = []
    for record in stored:
        r = rate_point(m, point(ctx, m, record.area_code, period), comparator, year_method(ctx, m, period))
        out.append(record._replace(comparator=comparator.key, comparator_name=comparator.name,
                                   comparator_basis=comparator.basis, comparator_value=comparator.value,
                                   method=r.method, rating=r.rating, colour=r.colour, reason=r.reason, red_red=False,
                                   narrative=None))
    return out
