"""`/`: the six domains at a glance (the region's ratings counted by colour, and the measures worse and getting
worse) and a heatmap of every council × the chosen domain's measures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analysis.rating import rollup, tallies
from analysis.vocabulary import RATING_COLOURS, known_benchmark
from data.catalogue import Catalogue, Domain
from data.rated_rows import RATING_CSV_COLUMNS, RatedRow, credits, csv_row, rated_row
from data.read_api import ReadAPI
from data.read_records import Council, RatingRecord
from page_models.latest import councils_for, period_options, shown_periods
from page_models.routes import LATEST, OVERVIEW_KEYS, PAGE, PIN, council_href, domain_href, overview_href, to_search
from page_models.source_lines import newest_words, sources_sentence
from page_models.states import OverviewState
from page_models.tile_map import TileMap, domain_map

RED_RED_SHOWN = 6


@dataclass(frozen=True)
class Controls:
    periods: tuple[tuple[str, str], ...]
    benchmarks: tuple[tuple[str, str], ...]
    state: OverviewState
    ignored: tuple[str, ...]
    illustrative: bool
    councils: int                  # how many councils had duties in the period
    domains: tuple[tuple[str, str], ...] = ()          # the meeting pack's choices: (slug, name)
    council_options: tuple[tuple[str, str], ...] = ()  # (code, name)


@dataclass(frozen=True)
class DomainSummary:
    domain: Domain
    href: str
    tallies: tuple[tuple[str, str, int], ...]   # (colour, word, how many council × measure ratings)
    red_red: tuple[str, ...]                    # "Council: measure", the first few
    red_red_more: int                           # how many more there are
    empty: str | None = None                    # no values at all: what would fill it, in words
    newest: str = ""                            # "Newest data: 2023-24 (…)."
    no_red_red: str = "None."                   # what the worse-and-getting-worse list says when it is empty


@dataclass(frozen=True)
class HeatCell:
    row: RatedRow | None          # None: the warehouse has no rating for this council and measure
    href: str
    title: str


@dataclass(frozen=True)
class HeatRow:
    code: str
    name: str
    href: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class MatrixCell:
    """One council in one domain: how many of its ratings are better, similar, worse (and the rest)."""

    domain: Domain
    counts: dict[str, int]        # colour → how many of the council's measures in the domain
    red_red: int                  # how many are worse and getting worse
    href: str                     # the council's profile at this domain's section
    words: str                    # the counts in words, as the table alternative reads them


@dataclass(frozen=True)
class MatrixRow:
    code: str
    name: str
    href: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class OverviewPage:
    period: str
    benchmark: str
    summaries: tuple[DomainSummary, ...]
    heat_domain: str
    domain_links: tuple[tuple[Domain, str], ...]   # every domain with the link that shows its heatmap
    # the heatmap's columns: (measure id, short name, period shown, its chart: the councils ranked, same choices)
    measures: tuple[tuple[str, str, str, str], ...]
    heat_rows: tuple[HeatRow, ...]
    matrix: tuple[MatrixRow, ...]                  # every council × the six domains, in the order chosen
    sort: str | None                               # the domain the matrix is sorted by (None: by name)
    sort_links: tuple[tuple[Domain, str], ...]     # each domain with the link that sorts the matrix by it
    matrix_caption: str
    heat_caption: str
    heat_empty: str | None
    sources: str
    download: str
    csv_name: str
    tiles: TileMap | None = None                   # the heatmap domain's counts on a tile map of the region


def controls(api: ReadAPI, state: OverviewState, ignored: list[str]) -> Controls:
    councils = councils_for(api, state.period)
    return Controls(period_options(api), tuple((b.slug, b.label) for b in PAGE["overview"].offers()), state,
                    tuple(ignored), api.shows_illustrative(), len(councils),
                    tuple((d.slug, d.name) for d in api.catalogue.domains),
                    tuple((c["code"], c["name"]) for c in councils))


def shown_ratings(api: ReadAPI, comparator: str, period: str, councils: set[str]) -> list[RatingRecord]:
    """The ratings the overview shows: each measure in the pinned period, or in its own latest one."""
    if period != LATEST:
        return [r for r in api.ratings(comparator=comparator, period=period) if r.area_code in councils]
    latest = tuple(sorted(api.latest_periods().items()))
    return [r for r in api.ratings_at(comparator, latest) if r.area_code in councils]


UNASSESSED = ("cannot be calculated", "not applicable")


def no_red_red(records: list[RatingRecord]) -> str:
    """What an empty worse-and-getting-worse list says: none, among the trends assessed; or that no trend can be
    assessed in the domain, and why (the commonest reason), never a bare "None"."""
    if records and not any(r.colour in ("green", "amber", "red") for r in records):
        return ("None can be: these measures are compared as higher or lower, not better or worse (spending and "
                "demand, for example).")
    assessed = [r for r in records if r.trend not in UNASSESSED]
    if assessed:
        return (f"None: no council is worse and getting worse ({len(assessed)} "
                f"trend{'s' if len(assessed) != 1 else ''} assessed).")
    reasons = Counter(r.trend_reason for r in records if r.trend == "cannot be calculated")
    if not reasons:
        return "Cannot be assessed: these measures are categories, shown but not rated."
    return f"Cannot be assessed: no trend can be worked out here. {reasons.most_common(1)[0][0]}"


def empty_domain(domain_measures) -> str:
    """A domain with no values: which sources would fill it."""
    sources = "; ".join(dict.fromkeys(m.source for m in domain_measures))
    return (f"No published values for this domain are held yet: its measures are not yet collected. They would come "
            f"from {sources}.")


def build(api: ReadAPI, state: OverviewState) -> OverviewPage:
    """The page for a checked state (callbacks.state.overview_state)."""
    cat = api.catalogue
    b = known_benchmark(state.benchmark)
    pinned, heat_domain = state.period, state.domain
    councils = councils_for(api, pinned)
    names = {c["code"]: c["name"] for c in councils}
    collected = {m.id for m in api.collected()}  # a measure not collected for the region has no column or count
    records = [r for r in shown_ratings(api, b.comparator, pinned, set(names)) if r.measure_id in collected]
    measures = {m.id: m for m in cat.measures}
    link_query = to_search({"period": pinned, "benchmark": state.benchmark, PIN: state.as_at}, OVERVIEW_KEYS)
    summaries = []
    for d in cat.domains:
        mine = [r for r in records if measures[r.measure_id].domain == d.slug]
        counts = rollup(r.colour for r in mine)
        flagged = sorted(f"{names[r.area_code]}: {measures[r.measure_id].short_name}" for r in mine
                         if r.red_red)
        has_values = any(r.value is not None or r.text_value for r in mine)
        summaries.append(DomainSummary(d, f"/domain/{d.slug}{link_query}",
                                       tallies(counts),
                                       tuple(flagged[:RED_RED_SHOWN]), max(0, len(flagged) - RED_RED_SHOWN),
                                       None if has_values else empty_domain(cat.measures_in(d.slug)),
                                       newest_words(api.newest_data(d.slug)), no_red_red(mine)))
    matrix = region_matrix(records, councils, cat, {"period": pinned, "benchmark": state.benchmark,
                                                    PIN: state.as_at}, state.sort)
    # Only the heatmap's domain is shown cell by cell: only its ratings become rows in words.
    credited = credits(api)
    rows = [rated_row(r, measures[r.measure_id], names[r.area_code], b.label, credited) for r in records
            if measures[r.measure_id].domain == heat_domain]
    in_domain = [m for m in cat.measures_in(heat_domain) if m.id in collected]
    cells = {(r.record.area_code, r.record.measure_id): r for r in rows}
    shown = shown_periods(api, pinned)
    context = {"domain": heat_domain, "period": pinned, "benchmark": state.benchmark, PIN: state.as_at}
    heat_rows = tuple(HeatRow(c["code"], c["name"], council_href(c["code"], context),
                              tuple(_heat_cell(cells.get((c["code"], m.id)), c, m, context, shown[m.id])
                                    for m in in_domain))
                      for c in councils)
    when = "each measure's latest available year (under its name)" if pinned == LATEST else pinned
    heat_summary = next(s for s in summaries if s.domain.slug == heat_domain)
    return OverviewPage(
        period=pinned, benchmark=b.label, summaries=tuple(summaries), heat_domain=heat_domain,
        domain_links=tuple((d, overview_href({**state.as_dict(), "domain": d.slug})) for d in cat.domains),
        measures=tuple((m.id, m.short_name, shown[m.id],
                        domain_href(heat_domain, {**context, "measure": m.id, "period": pinned}))
                       for m in in_domain), heat_rows=heat_rows,
        matrix=matrix, sort=state.sort,
        sort_links=tuple((d, overview_href({**state.as_dict(), "sort": d.slug})) for d in cat.domains),
        matrix_caption=(f"Each council's ratings against {b.label} in each domain, {when}: how many of its measures "
                        "are better, similar or worse" + (f"; sorted by {cat.known_domain(state.sort).name}, most "
                                                          "worse first" if state.sort else "; by name") + "."),
        heat_caption=f"Ratings of every North West council against {b.label}, {when}.",
        heat_empty=heat_summary.empty, sources=sources_sentence(rows),
        download=PAGE["overview"].download_href() + to_search(state.as_dict(), OVERVIEW_KEYS),
        csv_name=f"overview-{heat_domain}-{pinned}-{state.benchmark}.csv",
        tiles=None if heat_summary.empty else domain_map(
            matrix, cat.known_domain(heat_domain), "each measure's latest year" if pinned == LATEST else pinned,
            b.label))


def count_words(counts: dict[str, int], red_red: int) -> str:
    """"3 better, 5 similar, 2 worse, 1 not rated; 1 worse and getting worse" (colours with none left out)."""
    text = ", ".join(f"{counts[c.key]} {c.counted}" for c in RATING_COLOURS.values() if counts[c.key]) or "no ratings"
    return text + (f"; {red_red} worse and getting worse" if red_red else "")


def region_matrix(records: list[RatingRecord], councils: list[Council], cat: Catalogue, context: dict,
                  sort: str | None) -> tuple[MatrixRow, ...]:
    """Every council × the six domains: each cell the council's ratings in that domain counted by colour, and a
    link to that domain's section of its profile (same period and benchmark). Sorted by a domain: most worse first,
    then fewest better, then by name."""
    domain_of = {m.id: m.domain for m in cat.measures}
    found: dict[tuple[str, str], list] = {}
    for r in records:
        found.setdefault((r.area_code, domain_of[r.measure_id]), []).append(r)
    rows = []
    for c in councils:
        cells = []
        for d in cat.domains:
            mine = found.get((c["code"], d.slug), [])
            counts, flagged = rollup(r.colour for r in mine), sum(bool(r.red_red) for r in mine)
            href = council_href(c["code"], context) + f"#domain-{d.slug}"
            cells.append(MatrixCell(d, counts, flagged, href, count_words(counts, flagged)))
        rows.append(MatrixRow(c["code"], c["name"], council_href(c["code"], context), tuple(cells)))
    if sort:
        at = [d.slug for d in cat.domains].index(sort)
        rows.sort(key=lambda row: (-row.cells[at].counts["red"], row.cells[at].counts["green"], row.name))
    return tuple(rows)


def _heat_cell(row: RatedRow | None, council, m, context: dict, period: str) -> HeatCell:
    """A cell links to the council's profile at that measure, with the same period and benchmark, so the profile
    shows the same rating. "Latest" on a profile means the council's own latest value: a cell without a value
    (in the measure's latest year) names its year instead."""
    word = row.record.rating if row else "No data"
    pinned = context["period"] if context["period"] != LATEST or (row and row.shows_value) else period
    return HeatCell(row, council_href(council["code"], {**context, "period": pinned, "measure": m.id}),
                    f"{council['name']}, {m.short_name}: {word}")


CSV_COLUMNS = RATING_CSV_COLUMNS


def csv_rows(page: OverviewPage) -> list[dict]:
    """The download: the heatmap's cells that hold a rating, council by council, in the heatmap's order."""
    return [csv_row(cell.row) for heat_row in page.heat_rows for cell in heat_row.cells if cell.row is not None]
