"""`/domain/<slug>`: one measure for every council of the region, rated against the benchmark the reader picked,
with the chart's finding in words, the ratings table, the trend and its download."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analysis.rating import quartile_cut_points
from analysis.vocabulary import METHOD_WORDS, RATING_WORDS, known_benchmark, marker_words
from data.catalogue import Domain, Measure
from data.rated_rows import (
    RATING_CSV_COLUMNS,
    Credit,
    RatedRow,
    against_target,
    credits,
    csv_row,
    rated_row,
    unpublished,
    with_targets,
)
from data.read_api import ReadAPI
from data.read_records import ObservationRecord
from page_models import breakdown_model, quarters_model
from page_models.account_model import accounts
from page_models.breakdown_model import Breakdowns
from page_models.latest import councils_for, england_councils, period_for, period_options, period_words
from page_models.quarters_model import QuarterlyView
from page_models.routes import DOMAIN_KEYS, LATEST, PAGE, STANDING, council_href, to_search
from page_models.source_lines import sources_sentence
from page_models.states import DomainState
from page_models.tile_map import TileMap, measure_map
from page_models.trend_model import TrendChart, trend_chart


@dataclass(frozen=True)
class Controls:
    """What the page's controls offer, as (value, label) pairs, and the checked state they start from."""

    domain: Domain
    measures: tuple[tuple[str, str], ...]
    periods: tuple[tuple[str, str], ...]
    benchmarks: tuple[tuple[str, str], ...]
    councils: tuple[tuple[str, str], ...]
    state: DomainState
    ignored: tuple[str, ...]
    illustrative: bool
    accounts: tuple = ()          # councils' own published accounts of this domain (account_model.Account)
    choosable: tuple[tuple[str, str], ...] = ()   # every English council of the period: "Councils I choose"

    @property
    def chosen_options(self) -> tuple[tuple[str, str], ...]:
        return chosen_options(self.councils, self.choosable, self.state.chosen)


def chosen_options(region: tuple[tuple[str, str], ...], choosable: tuple[tuple[str, str], ...],
                   chosen: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The ticks of "Councils I choose": the region's councils, then the councils chosen from elsewhere."""
    names = dict(choosable)
    inside = {code for code, _ in region}
    return (*region, *((code, names.get(code, code)) for code in chosen if code not in inside))


@dataclass(frozen=True)
class RankedChart:
    title: str
    source: str
    benchmark_name: str
    benchmark_value: float | None
    quartiles: tuple[float, float] | None
    rows: tuple[RatedRow, ...]    # every council in the chart's order: highest value first, then those without one
    # Each council against its own comparator (its nearest neighbours' median, or its own target): that value marked
    # on its row and named by these words, and no line across the chart
    own_mark: str = ""
    definition: str = ""          # the measure's definition page, named after the sources (layouts add the site)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.record.area_code for r in self.rows)


@dataclass(frozen=True)
class Timeline:
    """A categorical measure (political control, a CQC rating word): shown over five periods, never rated."""

    title: str
    caption: str
    periods: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]   # (council, what each period says)


@dataclass(frozen=True)
class NeighboursView:
    """One council beside its named nearest neighbours (from anywhere in England): every value and interval, and the
    one median the council is rated against, which every colour of this view is measured against."""

    heading: str
    note: str                     # what the view shows, or why it is empty
    chart: RankedChart | None
    rows: tuple[RatedRow, ...]    # the council and its neighbours, in the chart's order


@dataclass(frozen=True)
class DomainPage:
    slug: str
    measure: Measure
    period: str                   # the year shown
    period_words: str             # "2022-23", or "2022-23 (latest available)"
    benchmark: str                # the label: North West
    selected: str | None          # the highlighted council's code
    rows: tuple[RatedRow, ...]    # every council of the region, by name
    caption: str
    table_caption: str
    column_notes: dict[str, str]  # "change" / "trend": why that column is not shown (no council has one), once
    sources: str                  # "Sources: …", every release whose values the page shows
    empty: str | None             # no values at all: what would fill the page, in words
    chart: RankedChart | None     # None for a categorical measure
    timeline: Timeline | None
    trend: TrendChart
    narrative: str
    download: str
    csv_name: str
    key: str                      # what the chart depends on apart from the highlight
    trend_download: str = ""      # the trend's values as CSV
    neighbours: NeighboursView | None = None   # against nearest neighbours: the highlighted council beside its group
    quarterly: QuarterlyView | None = None     # a quarterly measure's provisional returns (quarters_model)
    tiles: TileMap | None = None  # the ratings on a tile map of the region (None: a category, or nothing to show)
    breakdowns: Breakdowns | None = None  # by age and sex, where the source publishes them


def tile_href(r: RatedRow, state: DomainState, period: str) -> str:
    """A tile opens the council's profile at this measure, against the same benchmark where the profile offers it.
    "Latest" on a profile is the council's own latest value: a council without one in the measure's latest year is
    opened at that year (as the overview's heatmap cells are)."""
    pinned = state.period if state.period != LATEST or r.shows_value else period
    return council_href(r.record.area_code, {"period": pinned, "measure": state.measure, "as_at": state.as_at,
                                             "benchmark": state.benchmark if state.benchmark in STANDING else None})


def controls(api: ReadAPI, domain: Domain, state: DomainState, ignored: list[str]) -> Controls:
    councils = councils_for(api, state.period)
    return Controls(domain, tuple((m.id, m.short_name) for m in api.catalogue.measures_in(domain.slug)),
                    period_options(api),
                    tuple((b.slug, b.label) for b in PAGE["domain"].offers()),
                    tuple((c["code"], c["name"]) for c in councils), state, tuple(ignored),
                    api.shows_illustrative(),
                    tuple(sorted(accounts(api, domain=domain.slug).values(), key=lambda a: a.council_name)),
                    tuple(england_councils(api, state.period)))


def chooser(api: ReadAPI, state: DomainState) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """"Councils I choose" for a state: (the ticks offered, every English council of the period)."""
    choosable = tuple(england_councils(api, state.period))
    region = tuple((c["code"], c["name"]) for c in councils_for(api, state.period))
    return chosen_options(region, choosable, state.chosen), choosable


def find_council(choosable: tuple[tuple[str, str], ...], typed: str) -> str | None:
    """The council a reader typed: its name (any case), else the only name starting with what was typed."""
    wanted = " ".join(typed.split()).casefold()
    if not wanted:
        return None
    exact = [code for code, name in choosable if name.casefold() == wanted]
    starting = [code for code, name in choosable if name.casefold().startswith(wanted)]
    return exact[0] if exact else starting[0] if len(starting) == 1 else None


def rows_for(api: ReadAPI, m: Measure, period: str, bench: str, chosen: tuple[str, ...] = (),
             credited: dict[int, Credit] | None = None) -> tuple[RatedRow, ...]:
    """Every council of the region for a measure and period, rated against the benchmark (on demand for chosen, and
    against each council's own target), each with its own target beside its rating where it has one."""
    b = known_benchmark(bench)
    names = {c["code"]: c["name"] for c in api.councils_in(period)}
    if b.precomputed:
        found = api.ratings(comparator=b.comparator, period=period, measure=m.id)
    elif b.comparator == "target":  # their values (as rated against the region), rated again below
        found = api.ratings(comparator="region", period=period, measure=m.id)
    else:  # the reader's own choice is rated now, not stored
        found = api.rate_against_chosen(m.id, period, chosen)
    records = {r.area_code: r for r in found}
    credited = credits(api) if credited is None else credited
    rows = with_targets((rated_row(records.get(code) or unpublished(m, code, period, b.comparator, b.label), m, name,
                                   b.label, credited)
                         for code, name in sorted(names.items(), key=lambda kv: kv[1])),
                        api.targets(measure=m.id), {m.id: m})
    if b.comparator == "target":
        rows = tuple(rated_row(against_target(r.record, r.target, r.name), m, r.name, b.label, credited, r.target)
                     for r in rows)
    return rows


def benchmark_line(rows: tuple[RatedRow, ...]) -> tuple[str | None, float | None]:
    """The benchmark drawn across the chart, when every council is compared with the same value (against nearest
    neighbours each has its own: none is drawn, METHODS.md)."""
    values = {r.record.comparator_value for r in rows if r.record.comparator_value is not None}
    if len(values) != 1 or any(r.record.comparator in ("nearest_neighbours", "target") for r in rows):
        return None, None
    name = next(r.record.comparator_name for r in rows if r.record.comparator_value is not None)
    return name[0].upper() + name[1:], values.pop()


OWN_MARKS = {"nearest-neighbours": "its own nearest neighbours' median", "own-target": "its own target"}
OWN_WORDS = {"nearest-neighbours": "nearest neighbours", "own-target": "targets"}
OWN_MEDIANS = ("Each council is compared with the median of its own nearest neighbours (the upright mark on its row), "
               "not with one line: two councils with the same value can differ in colour.")


def neighbours_view(api: ReadAPI, m: Measure, period: str, shown: str, council: str | None,
                    credited: dict[int, Credit]) -> NeighboursView:
    """The highlighted council beside its nearest neighbours, all against the council's neighbours' median."""
    if council is None:
        return NeighboursView("A council beside its nearest neighbours", "Highlight a council to see it beside each of "
                              "its nearest neighbours, with their values and the median it is compared with.", None, ())
    area = api.known_area(council)["name"]
    group = api.nearest_neighbours(council)
    if not group:
        return NeighboursView(f"{area} beside its nearest neighbours",
                              f"No nearest-neighbour group is loaded for {area}.", None, ())
    found = {r.area_code: r for r in api.beside_neighbours(m.id, period, council)}
    names = api.areas()
    label = f"{area}'s nearest neighbours' median"
    rows = ranked(tuple(rated_row(found.get(code) or unpublished(m, code, period, "nearest_neighbours", label), m,
                                  names[code]["name"] if code in names else code, label, credited)
                        for code in (council, *group["members"])))
    n = len(group["members"])
    own = next(r for r in rows if r.record.area_code == council)
    valued = sum(r.record.value is not None for r in rows if r.record.area_code != council)
    median = own.record.comparator_value
    heading = f"{area} beside its {n} nearest neighbours"
    chart = RankedChart(f"{m.short_name}, {shown}: {heading}",
                        f"{sources_sentence(rows)} Group: {group['name']} ({group['source']}).", label, median, None,
                        rows)
    note = (f"{own.record.reason} {valued} of the {n} neighbours have a value for {period}. Every council here is "
            f"coloured against that one median, which never counts {area} itself; on its own page each neighbour is "
            "rated against its own group.")
    return NeighboursView(heading, note, chart, rows)


def ranked(rows: tuple[RatedRow, ...]) -> tuple[RatedRow, ...]:
    """The chart's order: councils with a value, highest first, then the councils without one, by name."""
    valued = [(value, r) for r in rows if (value := r.record.value) is not None]
    valued.sort(key=lambda pair: -pair[0])
    return tuple([r for _, r in valued] + sorted((r for r in rows if r.record.value is None), key=lambda r: r.name))


def column_notes(rows: tuple[RatedRow, ...]) -> dict[str, str]:
    """When the change since last year, or the recent trend, cannot be calculated for any council, the reason
    once (the table leaves the column out) instead of "Cannot be calculated" on every row."""
    notes = {}
    valued = [r for r in rows if r.record.value is not None]
    if valued and all(r.record.lower_ci is None for r in valued):
        period = valued[0].record.period
        notes["interval"] = (f"Interval: none can be calculated for {period}: the source publishes headline values "
                             "without counts or margins of error.")
    for key, title, word, reason in (("change", "Change since last year", "change", "change_reason"),
                                     ("trend", "Recent trend", "trend", "trend_reason")):
        if rows and all(getattr(r.record, word).lower() == "cannot be calculated" for r in rows):
            why = Counter(getattr(r.record, reason) for r in rows).most_common(1)[0][0]
            notes[key] = f"{title}: cannot be calculated for any council. {why}"
    return notes


def caption(rows: tuple[RatedRow, ...], m: Measure, period: str, label: str, council: str | None) -> str:
    """The chart's finding in words: the highlighted council first, then how the region's councils compare."""
    words = Counter(r.record.rating for r in rows)
    counts = ", ".join(f"{words[w]} {w.lower()}" for w in RATING_WORDS if w in words)
    methods = sorted({METHOD_WORDS.get(r.record.method, r.record.method) for r in rows if r.record.colour != "grey"})
    how = f" Method in {period}: {'; '.join(methods).lower()}." if methods else ""
    sentence = f"{m.short_name}, {period}, against {label}: {counts}.{how}"
    if any(r.record.comparator == "nearest_neighbours" for r in rows):
        sentence += " " + OWN_MEDIANS
    row = next((r for r in rows if r.record.area_code == council), None)
    return f"{row.name}: {row.record.reason} " + sentence if row else sentence


def timeline(api: ReadAPI, m: Measure, rows: tuple[RatedRow, ...], period: str) -> Timeline:
    periods = tuple([p for p in api.periods() if p <= period][-5:])
    history = api.trend_series(m.id, [r.record.area_code for r in rows])
    lines = []
    for r in rows:
        by_period = {o["period"]: o for o in history.get(r.record.area_code, [])}
        lines.append((r.name, tuple(_category(by_period.get(p)) for p in periods)))
    return Timeline(f"{m.short_name}: shown, not rated", f"{m.name}, {periods[0]} to {periods[-1]}", periods,
                    tuple(lines))


def _category(o: ObservationRecord | None) -> str:
    if o is None:
        return "—"
    return o.get("text_value") or (marker_words(o.get("marker")) if o.get("marker") else "—")


def empty_sentence(m: Measure, period: str | None) -> str:
    """What to say where a measure has no values (at all, or in a pinned year): which source would fill it."""
    when = f" for {period}" if period else ""
    return (f"No published values of {m.short_name}{when} are held. They would come from {m.source} (the About page "
            "lists the data the scorecard holds).")


def build(api: ReadAPI, state: DomainState) -> DomainPage:
    """The page for a checked state (callbacks.state.domain_state)."""
    m = api.catalogue.known_measure(state.measure)
    bench, council = state.benchmark, state.council
    period = period_for(api, m.id, state.period)
    shown = period_words(state.period, period)
    label = known_benchmark(bench).label
    said = "their own targets" if bench == "own-target" else label  # in a sentence
    credited = credits(api)
    rows = rows_for(api, m, period, bench, state.chosen, credited)
    has_any = state.period != LATEST or m.id in api.latest_periods()
    empty = None if any(r.shows_value for r in rows) else empty_sentence(m, period if has_any else None)
    sources = sources_sentence(rows)
    row = next((r for r in rows if r.record.area_code == council), None)
    chart = timeline_ = neighbours = tiles = None
    narrative = ""
    if m.is_categorical:
        timeline_ = timeline(api, m, rows, period)
        trend = TrendChart("", sources, (), "Categories are shown, not trended.", empty=True)
    else:
        trend = trend_chart(api, m, row, council, credited)
        if empty is None:
            name, value = benchmark_line(rows)
            values = [r.record.value for r in rows if r.record.value is not None]
            own_mark = OWN_MARKS.get(bench, "")
            chart = RankedChart(f"{m.short_name}, {shown}: North West councils against "
                                + (f"their own {OWN_WORDS[bench]}" if own_mark else label),
                                sources, name or label, value,
                                quartile_cut_points(values) if len(values) >= 4 else None, ranked(rows), own_mark,
                                f"/measures/{m.id}")
            if bench == "nearest-neighbours":
                neighbours = neighbours_view(api, m, period, shown, council, credited)
            tiles = measure_map(rows, m, shown, said, lambda r: tile_href(r, state, period))
            narrative = (row.record.narrative or f"{row.name}: {row.record.reason}") if row else \
                "Highlight a council to read how it compares in words."
    return DomainPage(
        slug=state.slug, measure=m, period=period, period_words=shown, benchmark=label, selected=council,
        rows=rows, caption=empty or caption(rows, m, shown, said, council),
        table_caption=f"{m.short_name}: every North West council, {shown}, against {said}", sources=sources,
        column_notes={} if m.is_categorical else column_notes(rows),
        empty=empty, chart=chart, timeline=timeline_, trend=trend, narrative=narrative,
        download=PAGE["domain"].download_href(state.slug) + to_search(state.as_dict(), DOMAIN_KEYS),
        csv_name=f"{state.slug}-{m.id}-{period}-{bench}.csv",
        key="|".join((m.id, period, bench, ",".join(state.chosen))), neighbours=neighbours,
        quarterly=quarters_model.build(api, m), tiles=tiles,
        breakdowns=breakdown_model.build(api, m, period, bench) if chart else None,
        trend_download=PAGE["domain"].download_href(state.slug) + to_search({**state.as_dict(), "part": "trend"},
                                                                           (*DOMAIN_KEYS, "part")))


CSV_COLUMNS = RATING_CSV_COLUMNS


def csv_rows(page: DomainPage) -> list[dict]:
    """The download: the ratings table's rows, in the table's order."""
    return [csv_row(r) for r in page.rows]
