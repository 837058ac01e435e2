"""How current the data on screen is: each measure's latest year that means something, the measures not yet
collected, and the newest data per domain with its source, publication date and load date (the part of the read
API behind "Newest data: 2023-24 (…)" and the pin line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from analysis.rating import MIN_COMPARATORS
from data import reference
from data.catalogue import Catalogue, Measure
from data.current_rows import current_as_at
from data.read_plumbing import Plumbing
from data.schema import Observation, Release


@dataclass
class Coverage:
    """Per measure: the newest year with values for two-thirds of the region's councils (`full`), the newest with any
    (`newest`), and the most councils with values in any one year (`most`)."""

    full: dict[str, str] = field(default_factory=dict)
    newest: dict[str, str] = field(default_factory=dict)
    most: dict[str, int] = field(default_factory=dict)

    def add(self, measure_id: str, period: str, with_values: int, councils: int) -> None:
        self.newest[measure_id] = max(period, self.newest.get(measure_id, period))
        self.most[measure_id] = max(with_values, self.most.get(measure_id, 0))
        if 3 * with_values >= 2 * councils:
            self.full[measure_id] = max(period, self.full.get(measure_id, period))

    def latest(self) -> dict[str, str]:
        return {measure_id: self.full.get(measure_id, period) for measure_id, period in self.newest.items()}

    def collected(self, cat: Catalogue) -> list[Measure]:
        return [m for m in cat.measures if self.most.get(m.id, 0) >= MIN_COMPARATORS]


class Currency(Plumbing):
    """Mixed into data.read_api.ReadAPI, whose plumbing (sessions, cache, pin, the region's councils) it uses."""

    def latest_periods(self) -> dict[str, str]:
        """Each measure's latest year that means something: the newest in which at least two-thirds of the region's
        councils have a published value (or category); where no year has that many, the newest with any. Sources
        publish on different cycles, so "the latest" is per measure; a sparser year is shown only when picked."""
        return self._coverage().latest()

    def _coverage(self) -> Coverage:
        """How many of the region's councils have values, measure by measure and year by year (one grouped count)."""
        def compute():
            refs = {a.code: a for a in reference.areas()}
            region = [refs[c["code"]] for c in self.region_councils() if c["code"] in refs]
            codes = [a.code for a in region]
            query = (select(Observation.measure_id, Observation.period, func.count(Observation.area_code.distinct()))
                     .where(current_as_at(self.pin), Observation.area_code.in_(codes),
                            Observation.period.in_(self.periods()),
                            (Observation.value.is_not(None)) | (Observation.text_value.is_not(None)))
                     .group_by(Observation.measure_id, Observation.period))
            with self.sessions() as session:
                counts = session.execute(query).all()
            coverage, sizes = Coverage(), {}
            for measure_id, period, n in counts:
                if period not in sizes:  # the region's councils with duties for the whole year
                    sizes[period] = sum(a.exists_in(period) for a in region)
                coverage.add(measure_id, period, n, sizes[period])
            return coverage
        return self._cached("coverage", (), compute)

    def collected(self) -> list[Measure]:
        """The catalogue's measures collected for the region: with a published value (or category) in some year for
        enough of its councils to compare them (four, the fewest a quartile needs; CQC assesses councils on its own
        timetable, so two-thirds would hide a measure that is filling up), in catalogue order. The others (none at
        all, or fewer councils' own series) are "not yet collected" for the region: no heatmap column or slide."""
        return self._coverage().collected(self.catalogue)

    def newest_data(self, domain: str | None = None, measure: str | None = None) -> dict[str, Any] | None:
        """The newest year of the measures shown (a domain's, one measure's, or all) in their latest available years,
        and the releases that brought the region's values for it: {"period", "sources": [{"source", "publisher",
        "published_on"}]}; None when nothing is held. Numbers count before categories, and measures that most of the
        region's councils have before those only a few have (one council's own series would not make a year new)."""
        def compute():
            coverage = self._coverage()
            latest, full = coverage.latest(), coverage.full
            shown = [m for m in coverage.collected(self.catalogue) if (domain is None or m.domain == domain)
                     and (measure is None or m.id == measure)]
            numbers = ([m for m in shown if not m.is_categorical and m.id in full]
                       or [m for m in shown if not m.is_categorical] or shown)
            if not numbers:
                return None
            period = max(latest[m.id] for m in numbers)
            newest = [m.id for m in numbers if latest[m.id] == period]
            codes = [c["code"] for c in self.region_councils()]
            query = (select(Release.source, Release.publisher, Release.published_on, func.count())
                     .join(Observation, Observation.release_id == Release.id)
                     .where(current_as_at(self.pin), Observation.measure_id.in_(newest),
                            Observation.period == period, Observation.area_code.in_(codes))
                     .group_by(Release.id, Release.source, Release.publisher, Release.published_on)
                     .order_by(func.count().desc(), Release.id))
            with self.sessions() as session:
                found = session.execute(query).all()
            return {"period": period, "sources": [{"source": s, "publisher": p, "published_on": on}
                                                  for s, p, on, _ in found]}
        return self._cached("newest_data", (domain, measure), compute)
