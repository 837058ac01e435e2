"""The published-data bundle's sources (`sources.yaml`): who published each file, under what licence, and where
the bundled copy lives."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from data.catalogue import stripped

BUNDLE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    original: str
    title: str
    publisher: str
    licence: str
    status: str
    published_on: date | None
    origin: str
    caveats: str
    # Values the caveats call anomalous, loaded with the GSS marker [u] (low reliability): shown, but no change or
    # trend is worked out from them. Each {area, period, collection}: every measure of that collection.
    low_reliability: tuple[dict, ...] = ()

    @property
    def path(self) -> Path:
        return BUNDLE_DIR / self.file


@lru_cache(maxsize=1)
def sources() -> tuple[Source, ...]:
    raw = yaml.safe_load((BUNDLE_DIR / "sources.yaml").read_text(encoding="utf-8"))
    return tuple(Source(**{**stripped(s), "low_reliability": tuple(s.get("low_reliability") or ())})
                 for s in raw["sources"])


def source(source_id: str) -> Source:
    found = next((s for s in sources() if s.id == source_id), None)
    if found is None:
        raise KeyError(f"no bundled source {source_id!r}; one of {[s.id for s in sources()]}")
    return found


def rows(source_id: str) -> list[dict]:
    """The bundled copy of a source, as CSV rows (text, as published)."""
    with gzip.open(source(source_id).path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(io.StringIO(f.read())))
