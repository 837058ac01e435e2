"""Reference geography shipped with the app: England's councils with social care duties, regions, successions.

`reference/areas.csv` lists every English council with adult social care duties since 2015
(GSS codes, names and types from mySociety's uk_local_authority_names_and_codes, MIT licence;
CASSR codes and source spellings of names from NHS Digital's ASCOF and Oflog files), the nine
regions and England.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from data.periods import period_end, period_start

REFERENCE_DIR = Path(__file__).parent / "reference"
ENGLAND = "E92000001"
NORTH_WEST = "E12000002"
CUMBRIA = "E10000006"
CUMBRIA_SUCCESSORS = ("E06000063", "E06000064")


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    kind: str
    council_type: str | None
    region_code: str | None
    cassr_code: str | None
    valid_from: date | None
    valid_to: date | None
    other_names: tuple[str, ...] = ()   # official and source spellings, e.g. "Bristol, City of"

    def exists_in(self, period: str) -> bool:
        """True if the area had its duties for the whole of the financial year."""
        starts_ok = self.valid_from is None or self.valid_from <= period_start(period)
        ends_ok = self.valid_to is None or self.valid_to >= period_end(period)
        return starts_ok and ends_ok


@dataclass(frozen=True)
class SuccessionRef:
    predecessor_code: str
    successor_code: str
    effective_from: date
    note: str


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def areas() -> tuple[AreaRef, ...]:
    with open(REFERENCE_DIR / "areas.csv", encoding="utf-8", newline="") as f:
        return tuple(
            AreaRef(code=r["code"], name=r["name"], kind=r["kind"], council_type=r["council_type"] or None,
                    region_code=r["region_code"] or None, cassr_code=r["cassr_code"] or None,
                    valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"]),
                    other_names=tuple(n for n in r["other_names"].split("|") if n))
            for r in csv.DictReader(f)
        )


@lru_cache(maxsize=1)
def successions() -> tuple[SuccessionRef, ...]:
    with open(REFERENCE_DIR / "successions.csv", encoding="utf-8", newline="") as f:
        return tuple(SuccessionRef(r["predecessor_code"], r["successor_code"], date.fromisoformat(r["effective_from"]),
                                   r["note"])
                     for r in csv.DictReader(f))


def councils_in(region_code: str) -> list[AreaRef]:
    """Every council that has had social care duties in the region since 2015, by name."""
    return sorted((a for a in areas() if a.kind == "council" and a.region_code == region_code), key=lambda a: a.name)
