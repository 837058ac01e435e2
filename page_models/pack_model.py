"""`/pack`: a meeting pack to print (or save as PDF) from the browser: a cover, contents, the region at a glance,
each chosen domain's heatmap and key charts, and the chosen councils' briefings, in the meeting's agenda order
(page_models.agenda, the same order presenter view steps through), pinned to a release like every other view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from analysis.vocabulary import known_benchmark
from data.catalogue import Domain
from data.read_api import ReadAPI
from page_models import briefing_model, changes_model, domain_model, overview_model
from page_models.agenda import Slide, agenda
from page_models.briefing_model import BriefingPage
from page_models.changes_model import ChangesPage
from page_models.domain_model import DomainPage
from page_models.latest import shown_periods
from page_models.overview_model import OverviewPage
from page_models.routes import LATEST
from page_models.source_lines import newest_words
from page_models.states import DomainState, OverviewState, ProfileState

KEY_CHARTS = 2      # a domain's key measures charted in the pack: those with the most councils rated
MAX_COUNCILS = 6    # briefings in one pack (two pages each)


@dataclass(frozen=True)
class PackState:
    domains: tuple[str, ...]     # slugs, in TEASC order
    councils: tuple[str, ...]    # codes, in the order chosen
    meeting: date | None
    pin: str | None
    benchmark: str = "north-west"   # one comparator for every section (a standing one: the default unless chosen)
    since: str | None = None     # the last meeting's pin: "What changed" starts there (else the release before)


@dataclass(frozen=True)
class Section:
    slide: Slide
    number: int
    overview: OverviewPage | None = None     # matrix (first section), or a domain's heatmap or tile map
    chart: DomainPage | None = None
    briefing: BriefingPage | None = None
    changes: ChangesPage | None = None

    @property
    def anchor(self) -> str:
        return f"pack-{self.number}"


@dataclass(frozen=True)
class Pack:
    title: str
    meeting: str | None                      # "Thursday 10 December 2026"
    as_at: dict | None
    newest: str                              # "Newest data: 2023-24 (…)."
    illustrative: bool
    domains: tuple[Domain, ...]
    councils: tuple[str, ...]                # names
    sections: tuple[Section, ...]
    ignored: tuple[str, ...]
    benchmark: str = "North West"            # the comparator every section uses, as the cover names it


def key_measures(api: ReadAPI, slug: str) -> list:
    """A domain's key measures for the pack: those with the most councils rated in their latest year (of equals,
    the first in the catalogue); categories and measures with no rated council are left to the domain page."""
    counts, latest = api.rated_counts(), shown_periods(api, LATEST)
    rated = [(counts.get((m.id, latest[m.id]), (0, 0))[0], -i, m)
             for i, m in enumerate(api.catalogue.measures_in(slug)) if not m.is_categorical]
    chosen = [m for n, _, m in sorted(rated, key=lambda t: t[:2], reverse=True) if n > 0][:KEY_CHARTS]
    return [m for m in api.catalogue.measures_in(slug) if m in chosen]


def changes_since(api: ReadAPI, since: str | None) -> ChangesPage:
    """What changed from the last meeting's pin (`since`, checked), or else from the release before this view's, to
    this view (pinned to the meeting, or now), for the region."""
    newest = api.pin or api.newest_release_id()
    before = (api.pinned(since) if since else None) or api.pinned(str(max(1, newest - 1))) or api
    return changes_model.build(api, before, api, None)


def build(api: ReadAPI, state: PackState, ignored: list[str]) -> Pack:
    cat = api.catalogue
    domains = [d for d in cat.domains if d.slug in state.domains]
    names = {c["code"]: c["name"] for c in api.region_councils()}
    measures = [m for d in domains for m in key_measures(api, d.slug)]
    overviews: dict[str, OverviewPage] = {}  # one build per heatmap; the matrix is the same in each

    def overview(heat: str) -> OverviewPage:
        if heat not in overviews:
            overviews[heat] = overview_model.build(
                api, OverviewState(heat, LATEST, state.benchmark, as_at=state.pin))
        return overviews[heat]

    sections = []
    for number, slide in enumerate(agenda(domains, measures, [(c, names[c]) for c in state.councils]), start=1):
        if slide.kind == "changes":
            sections.append(Section(slide, number, changes=changes_since(api, state.since)))
        elif slide.kind in ("matrix", "heatmap", "map"):
            heat = slide.domain or (domains[0].slug if domains else cat.domains[0].slug)
            sections.append(Section(slide, number, overview=overview(heat)))
        elif slide.kind == "measure":
            if slide.domain is None or slide.measure is None:
                raise ValueError(f"slide {number}: a measure slide names its domain and measure")
            chart = domain_model.build(api, DomainState(slide.domain, slide.measure, LATEST, state.benchmark,
                                                        as_at=state.pin))
            sections.append(Section(slide, number, chart=chart))
        else:
            if slide.council is None:
                raise ValueError(f"slide {number}: a council slide names its council")
            briefing = briefing_model.build(api, slide.council,
                                            ProfileState(LATEST, state.benchmark, as_at=state.pin))
            sections.append(Section(slide, number, briefing=briefing))
    return Pack(
        title="North West adult social care balanced scorecard: meeting pack",
        meeting=f"{state.meeting:%A %-d %B %Y}" if state.meeting else None, as_at=api.as_at(),
        newest=newest_words(api.newest_data()),
        illustrative=api.shows_illustrative(), domains=tuple(domains),
        councils=tuple(names[c] for c in state.councils), sections=tuple(sections), ignored=tuple(ignored),
        benchmark=known_benchmark(state.benchmark).label)
