"""`/`: the six domains at a glance (the region's ratings counted by colour, and the measures worse and getting
worse) and a heatmap of every council × the chosen domain's measures."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.rating import rollup
from analysis.vocabulary import COLOUR_WORDS, benchmark, benchmarks_for
from data.catalogue import Domain
from data.read_api import ReadAPI
from page_models.rated_rows import ROW_COLUMNS, RatedRow, credits, csv_row, rated_row, sources_sentence
from page_models.routes import OVERVIEW_KEYS, overview_href, to_search

RED_RED_SHOWN = 6


@dataclass(frozen=True)
class Controls:
    periods: tuple[tuple[str, str], ...]
    benchmarks: tuple[tuple[str, str], ...]
    state: dict
    ignored: tuple[str, ...]
    illustrative: bool
    councils: int                  # how many councils had duties in the period


@dataclass(frozen=True)
class DomainSummary:
    domain: Domain
    href: str
    tallies: tuple[tuple[str, str, int], ...]   # (colour, word, how many council × measure ratings)
    red_red: tuple[str, ...]                    # "Council: measure", the first few
    red_red_more: int                           # how many more there are


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
class OverviewPage:
    period: str
    benchmark: str
    summaries: tuple[DomainSummary, ...]
    heat_domain: str
    domain_links: tuple[tuple[Domain, str], ...]   # every domain with the link that shows its heatmap
    measures: tuple[tuple[str, str], ...]          # the heatmap's columns: (measure id, short name)
    heat_rows: tuple[HeatRow, ...]
    heat_caption: str
    sources: str
    download: str
    csv_name: str


def controls(api: ReadAPI, state: dict, ignored: list[str]) -> Controls:
    return Controls(tuple((p, p) for p in reversed(api.periods())),
                    tuple((b.slug, b.label) for b in benchmarks_for("overview")), dict(state), tuple(ignored),
                    api.shows_illustrative(), len(api.councils_in(state["period"])))


def build(api: ReadAPI, state: dict) -> OverviewPage:
    """The page for a checked state (callbacks.state.overview_state)."""
    cat = api.catalogue
    b = benchmark(state["benchmark"])
    period, heat_domain = state["period"], state["domain"]
    councils = api.councils_in(period)
    names = {c["code"]: c["name"] for c in councils}
    records = [r for r in api.ratings(comparator=b.comparator, period=period) if r["area_code"] in names]
    measures = {m.id: m for m in cat.measures}
    link_query = to_search({"period": period, "benchmark": state["benchmark"]}, OVERVIEW_KEYS)
    summaries = []
    for d in cat.domains:
        mine = [r for r in records if measures[r["measure_id"]].domain == d.slug]
        counts = rollup(r["colour"] for r in mine)
        flagged = sorted(f"{names[r['area_code']]}: {measures[r['measure_id']].short_name}" for r in mine
                         if r["red_red"])
        summaries.append(DomainSummary(d, f"/domain/{d.slug}{link_query}",
                                       tuple((c, w, counts[c]) for c, w in COLOUR_WORDS.items()),
                                       tuple(flagged[:RED_RED_SHOWN]), max(0, len(flagged) - RED_RED_SHOWN)))
    # Only the heatmap's domain is shown cell by cell: only its ratings become rows in words.
    credited = credits(api)
    rows = [rated_row(r, measures[r["measure_id"]], names[r["area_code"]], b.label, credited) for r in records
            if measures[r["measure_id"]].domain == heat_domain]
    in_domain = cat.measures_in(heat_domain)
    cells = {(r.code, r.measure_id): r for r in rows}
    heat_rows = tuple(HeatRow(c["code"], c["name"], f"/council/{c['code']}?domain={heat_domain}",
                              tuple(_heat_cell(cells.get((c["code"], m.id)), c, m, heat_domain) for m in in_domain))
                      for c in councils)
    return OverviewPage(
        period=period, benchmark=b.label, summaries=tuple(summaries), heat_domain=heat_domain,
        domain_links=tuple((d, overview_href({**state, "domain": d.slug})) for d in cat.domains),
        measures=tuple((m.id, m.short_name) for m in in_domain), heat_rows=heat_rows,
        heat_caption=f"Ratings of every North West council against {b.label}, {period}. Each cell opens that council.",
        sources=sources_sentence(rows),
        download="/download/overview.csv" + to_search(state, OVERVIEW_KEYS),
        csv_name=f"overview-{heat_domain}-{period}-{state['benchmark']}.csv")


def _heat_cell(row: RatedRow | None, council, m, heat_domain: str) -> HeatCell:
    word = row.rating if row else "No data"
    return HeatCell(row, f"/council/{council['code']}?domain={heat_domain}&measure={m.id}",
                    f"{council['name']}, {m.short_name}: {word}")


CSV_COLUMNS = ("domain", *ROW_COLUMNS)


def csv_rows(page: OverviewPage) -> list[dict]:
    """The download: the heatmap's cells that hold a rating, council by council, in the heatmap's order."""
    return [{"domain": page.heat_domain, **csv_row(cell.row)}
            for heat_row in page.heat_rows for cell in heat_row.cells if cell.row is not None]
