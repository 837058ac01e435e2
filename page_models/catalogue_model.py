"""`/measures` and `/measures/<id>`: the measure catalogue by domain, and one measure's definition."""

from __future__ import annotations

from dataclasses import dataclass

from data.catalogue import Domain, Measure
from data.read_api import ReadAPI
from page_models import england_map, funnel_model, strip_model
from page_models.england_map import EnglandMap
from page_models.funnel_model import Funnel
from page_models.strip_model import EnglandStrip


@dataclass(frozen=True)
class MeasuresPage:
    domains: tuple[tuple[Domain, tuple[Measure, ...]], ...]   # each domain's measures with values
    loaded: dict[str, str]        # measure id → what the warehouse holds of it, in words
    not_collected: tuple[Measure, ...] = ()                   # no published values in any year


@dataclass(frozen=True)
class MeasurePage:
    measure: Measure
    domain: Domain
    loaded: str
    funnel: Funnel | None = None  # a measure rated by significance: is the colour about size?
    councils: tuple[tuple[str, str], ...] = ()   # the region's councils, to name one on the funnel
    strip: EnglandStrip | None = None  # every English council's value, region by region
    england: EnglandMap | None = None  # every English council's rating against England, as small multiples


def loaded_words(latest_periods: dict[str, str], m: Measure, collected: bool = True) -> str:
    """Whether the warehouse holds published values of a measure, and up to which year."""
    latest = latest_periods.get(m.id)
    if latest and not collected:
        return (f"Not yet collected for the region: values for a few councils only (up to {latest}), too few to "
                "compare the region's councils. They are shown on those councils' pages.")
    if latest:
        return f"Values loaded up to {latest}."
    return f"Not yet collected: no source the scorecard holds publishes this measure. It would come from {m.source}."


def build_measures(api: ReadAPI) -> MeasuresPage:
    latest = api.latest_periods()
    collected = {m.id for m in api.collected()}
    return MeasuresPage(tuple((d, tuple(m for m in api.catalogue.measures_in(d.slug) if m.id in collected))
                              for d in api.catalogue.domains),
                        {m.id: loaded_words(latest, m, m.id in collected) for m in api.catalogue.measures},
                        tuple(m for m in api.catalogue.measures if m.id not in collected))


def build_measure(api: ReadAPI, measure_id: str, period: str | None = None,
                  council: str | None = None) -> MeasurePage | None:
    """One measure's page (its funnel plot in `period`, or the newest year with one, naming `council`), or None when
    the catalogue has no such measure."""
    m = api.catalogue.measure(measure_id)
    if m is None:
        return None
    funnel = funnel_model.build(api, m, period, council) if m.rating_method == "significance" else None
    strip = strip_model.build(api, m, period, council)
    return MeasurePage(m, api.catalogue.known_domain(m.domain),
                       loaded_words(api.latest_periods(), m, any(c.id == m.id for c in api.collected())), funnel,
                       tuple((c["code"], c["name"]) for c in api.region_councils()),
                       strip, england_map.build(api, m, strip.period, council) if strip else None)
