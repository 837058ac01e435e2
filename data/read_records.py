"""The records the read API answers with: plain dictionaries and one small dataclass, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypedDict


class Council(TypedDict):
    code: str
    name: str
    council_type: str
    valid_from: date | None
    valid_to: date | None


class ObservationRecord(TypedDict, total=False):
    """One current observation (the keys of data.schema.Observation a page reads)."""

    measure_id: str
    area_code: str
    period: str
    value: float | None
    text_value: str | None
    numerator: float | None
    denominator: float | None
    lower_ci: float | None
    upper_ci: float | None
    ci_level: float | None
    marker: str | None
    note: str | None
    release_id: int


class RatingRecord(NamedTuple):
    """One council's rating on one measure, period and comparator, with its reasons: the one declaration of the
    rating record. The warehouse stores it (data.schema.RatingRow has these columns, in this order; a test checks),
    data.comparisons computes it, the read API answers with it, and every page, CSV and the CLI read it."""

    release_id: int                   # the release whose landing computed the rating
    source_release_id: int | None     # the release that brought the rated value
    measure_id: str
    area_code: str
    period: str
    comparator: str                   # region / england / nearest_neighbours / chosen
    comparator_name: str              # in words: England, the nearest neighbours' median
    comparator_basis: str | None      # published / pooled / median
    comparator_value: float | None
    value: float | None
    text_value: str | None
    marker: str | None
    lower_ci: float | None
    upper_ci: float | None
    ci_level: float | None
    interval_method: str | None
    method: str                       # significance / quartile / target / not_rated
    polarity: str
    rating: str                       # Better, Similar, Worse, Highest quartile, Not rated, …
    colour: str                       # one of analysis.vocabulary.RATING_COLOURS
    reason: str
    change: str
    change_reason: str
    trend: str
    trend_verdict: str
    trend_reason: str
    red_red: bool
    narrative: str | None

    @property
    def value_release_id(self) -> int:
        """The release a reader is credited to: the one that brought the value (else the one that rated it)."""
        return self.source_release_id or self.release_id


RATING_FIELDS: tuple[str, ...] = RatingRecord._fields


@dataclass(frozen=True)
class ReleaseInfo:
    id: int
    source: str
    publisher: str
    status: str
    imported_at: str
    illustrative: bool
    published_on: str | None = None


def value_cell(obs: ObservationRecord | None) -> dict:
    """One observation as the page shows it: value or text, or the marker standing in for it."""
    if obs is None:
        return {"value": None, "text": None, "marker": None, "note": "No row in the warehouse"}
    return {k: obs.get(k) for k in ("value", "text_value", "numerator", "denominator", "lower_ci", "upper_ci",
                                      "ci_level", "marker", "note", "release_id")}
