"""The records the read API answers with: plain dictionaries and one small dataclass, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict


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


class RatingRecord(TypedDict):
    """One precomputed rating: the columns of data.schema.RatingRow (see data.comparisons.ROW_COLUMNS)."""

    release_id: int
    source_release_id: int | None
    measure_id: str
    area_code: str
    period: str
    comparator: str
    comparator_name: str
    comparator_basis: str | None
    comparator_value: float | None
    value: float | None
    text_value: str | None
    marker: str | None
    lower_ci: float | None
    upper_ci: float | None
    ci_level: float | None
    interval_method: str | None
    method: str
    polarity: str
    rating: str
    colour: str
    reason: str
    change: str
    change_reason: str
    trend: str
    trend_verdict: str
    trend_reason: str
    red_red: bool
    narrative: str | None



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
