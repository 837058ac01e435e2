"""The read API's ratings made on demand (data.on_demand): against the councils a reader chose, and a council beside
its nearest neighbours."""

from __future__ import annotations

from collections.abc import Sequence

from data.breakdowns import read_breakdowns
from data.comparisons import england_comparator, load_context, year_method
from data.on_demand import rate_against_chosen, rate_beside_neighbours
from data.read_plumbing import Plumbing
from data.read_records import RatingRecord
from data.spread import EnglandValues, FunnelData, england_values, funnel_data


class OnDemand(Plumbing):
    """Mixed into data.read_api.ReadAPI, whose plumbing (sessions, cache, pin, stored ratings) it uses."""

    def rate_against_chosen(self, measure_id: str, period: str, chosen: Sequence[str]) -> list[RatingRecord]:
        """The region's councils rated against the median of the councils a reader chose, computed on demand (not
        cached: the choice is the reader's) by the same code that precomputes the standing comparators: their
        ratings against the region, with the chosen comparator's rating and reason."""
        codes = {c["code"] for c in self.councils_in(period)}
        stored = [r for r in self.ratings(comparator="region", period=period, measure=measure_id)
                  if r.area_code in codes]
        with self.sessions() as session:
            return rate_against_chosen(session, self.catalogue.known_measure(measure_id), period, chosen, stored,
                                       self.pin)

    def beside_neighbours(self, measure_id: str, period: str, council: str) -> list[RatingRecord]:
        """A council and its named nearest neighbours (from anywhere in England), each with its value and interval,
        all rated against the council's neighbours' median (data.comparisons.rate_beside_neighbours). Only those
        with a row in `period`; the caller lists the others as without a value."""
        def compute():
            group = self.nearest_neighbours(council)
            codes = {council, *(group["members"] if group else ())}
            stored = [r for r in self.ratings(comparator="nearest_neighbours", period=period, measure=measure_id)
                      if r.area_code in codes]
            with self.sessions() as session:
                return rate_beside_neighbours(session, self.catalogue.known_measure(measure_id), period, council,
                                              stored, self.pin)
        return self._cached("beside_neighbours", (measure_id, period, council), compute)

    def funnel(self, measure_id: str, period: str) -> FunnelData | None:
        """England's councils for a funnel plot of one measure and year, when it is rated by significance that year
        (data.spread.funnel_data); None otherwise."""
        def compute():
            m = self.catalogue.known_measure(measure_id)
            with self.sessions() as session:
                ctx = load_context(session, [m.id], [period], self.pin)
            if year_method(ctx, m, period) != "significance":
                return False  # cached as "no funnel" (None would mean "not cached")
            return funnel_data(ctx, m, period, england_comparator(ctx, m, period).value) or False
        return self._cached("funnel", (measure_id, period), compute) or None

    def england_values(self, measure_id: str, period: str) -> EnglandValues | None:
        """Every English council's published value of a measure in a year, with its region, and England's value
        (data.spread.england_values); None when fewer than two English regions' councils are loaded."""
        def compute():
            m = self.catalogue.known_measure(measure_id)
            with self.sessions() as session:
                ctx = load_context(session, [m.id], [period], self.pin)
            return england_values(ctx, m, period, england_comparator(ctx, m, period).value) or False
        return self._cached("england_values", (measure_id, period), compute) or None

    def breakdowns(self, measure_id: str, period: str) -> list[dict]:
        """A measure's values by age and sex in a year, for every area the source gives them (data.breakdowns)."""
        def compute():
            with self.sessions() as session:
                return read_breakdowns(session, measure_id, period, self.pin)
        return self._cached("breakdowns", (measure_id, period), compute)

    def breakdown_periods(self, measure_id: str) -> list[str]:
        """The years with breakdowns of a measure, oldest first."""
        return [p for p in self.periods() if self.breakdowns(measure_id, p)]
