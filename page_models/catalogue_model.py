"""`/measures` and `/measures/<id>`: the measure catalogue by domain, and one measure's definition."""

from __future__ import annotations

from dataclasses import dataclass

from data.catalogue import Domain, Measure
from data.read_api import ReadAPI


@dataclass(frozen=True)
class MeasuresPage:
    domains: tuple[tuple[Domain, tuple[Measure, ...]], ...]


@dataclass(frozen=True)
class MeasurePage:
    measure: Measure
    domain: Domain


def build_measures(api: ReadAPI) -> MeasuresPage:
    return MeasuresPage(tuple((d, tuple(api.catalogue.measures_in(d.slug))) for d in api.catalogue.domains))


def build_measure(api: ReadAPI, measure_id: str) -> MeasurePage | None:
    """One measure's page, or None when the catalogue has no such measure."""
    m = api.catalogue.measure(measure_id)
    return None if m is None else MeasurePage(m, api.catalogue.domain(m.domain))
