"""`/changes?from=…&to=…`: what changed between two points (two meetings' pins, or the last meeting's pin and now), for
the region or one council: ratings that became red or green, measures that entered or left "worse and getting
worse", values revised (old and new), new data (the years that arrived), and councils' targets newly met or missed.
Each view is read as it was at its point, rated by the same code as every page (against the North West, each
measure in its latest year), so a change here is a change a reader of the two pages would have seen."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.formatting import value_text
from analysis.vocabulary import known_benchmark
from data.catalogue import Measure
from data.periods import is_quarter
from data.read_api import ReadAPI
from data.read_records import RatingRecord
from data.targets import for_row
from page_models.council_model import Link
from page_models.routes import PAGE, to_search

# Each kind of change: its heading and what the page says when there is none.
KINDS = {
    "newly_red": ("Ratings that became red", "No rating became red."),
    "newly_green": ("Ratings that became green", "No rating became green."),
    "entered_red_red": ("Now worse and getting worse", "No measure became worse and getting worse."),
    "left_red_red": ("No longer worse and getting worse", "No measure stopped being worse and getting worse."),
    "revised": ("Values revised", "No published value was revised."),
    "new_data": ("New data", "No new year of data arrived."),
    "target_met": ("Targets newly met", "No council's target became met."),
    "target_missed": ("Targets newly missed", "No council's target became missed."),
}
CSV_COLUMNS = ("change", "council_code", "council", "measure_id", "measure", "period_before", "before",
               "period_after", "after")


@dataclass(frozen=True)
class ChangeRow:
    kind: str                 # a key of KINDS
    council_code: str         # "" for the region's new data
    council: str
    measure: Measure
    before_period: str
    before: str               # the rating, value or years before, in words ("Similar", "45.5%", "none")
    after_period: str
    after: str
    colour: str = ""          # the rating colour after (a badge), or ""


@dataclass(frozen=True)
class ChangeSection:
    kind: str
    heading: str
    rows: tuple[ChangeRow, ...]
    empty: str


@dataclass(frozen=True)
class ChangesPage:
    before: dict              # the earlier point's as_at (release, its source, when)
    after: dict
    council: str | None       # the council's code, or None for the region
    council_name: str
    summary: str
    sections: tuple[ChangeSection, ...]
    points: tuple[tuple[str, str], ...]     # the releases a reader can choose, newest first: (pin, words)
    councils: tuple[tuple[str, str], ...]
    benchmark: str            # the comparator every rating here is against: North West
    benchmark_slug: str       # as the address writes it: north-west
    benchmark_links: tuple[Link, ...]
    download: str
    csv_name: str
    comparable: bool = True   # False: the two points are the same (nothing can have changed)
    illustrative: bool = False  # the demo's invented data

    @property
    def rows(self) -> tuple[ChangeRow, ...]:
        return tuple(r for s in self.sections for r in s.rows)


def point_words(as_at: dict | None, sources: dict[int, str]) -> str:
    """"release 7 (Council political control 2016 to 2025, 6 December 2026)"."""
    if not as_at:
        return "an empty warehouse"
    return f"release {as_at['release']} ({sources.get(as_at['release'], 'a release')}, {as_at['date']})"


def _latest(api: ReadAPI, comparator: str) -> dict[tuple[str, str], RatingRecord]:
    keys = tuple(sorted(api.latest_periods().items()))
    return {(r.area_code, r.measure_id): r for r in api.ratings_at(comparator, keys)}


def _rating_changes(before: ReadAPI, after: ReadAPI, names: dict[str, str], council: str | None,
                    comparator: str) -> list[ChangeRow]:
    old, new = _latest(before, comparator), _latest(after, comparator)
    measures = {m.id: m for m in after.catalogue.measures}
    rows = []
    for (code, measure), b in sorted(new.items(), key=lambda kv: (names.get(kv[0][0], ""), kv[0][1])):
        if code not in names or (council and code != council) or measure not in measures:
            continue
        a = old.get((code, measure))
        was = (a.rating, a.period) if a else ("not rated", "")
        row = (code, names[code], measures[measure], was[1], was[0], b.period, b.rating, b.colour)
        if b.colour in ("red", "green") and (a is None or a.colour != b.colour):
            rows.append(ChangeRow(f"newly_{b.colour}", *row))
        if b.red_red != (a.red_red if a else False):
            rows.append(ChangeRow("entered_red_red" if b.red_red else "left_red_red", *row))
    return rows


def _revisions(before: ReadAPI, after: ReadAPI, names: dict[str, str], council: str | None) -> list[ChangeRow]:
    if before.pin is None:
        return []
    measures = {m.id: m for m in after.catalogue.measures}
    areas = {code: a["name"] for code, a in after.areas().items()}
    rows = []
    for r in after.revised_since(before.pin):
        m = measures.get(r["measure"])
        if m is None or (council and r["area"] != council):
            continue
        rows.append(ChangeRow("revised", r["area"], areas.get(r["area"], r["area"]), m, r["period"],
                              value_text(r["old"], r["old_text"], r["old_marker"], m.unit, m.decimals), r["period"],
                              value_text(r["new"], r["new_text"], r["new_marker"], m.unit, m.decimals)))
    return rows


def _new_data(before: ReadAPI, after: ReadAPI) -> list[ChangeRow]:
    old, new = before.years_held(), after.years_held()
    rows = []
    for m in after.catalogue.measures:
        arrived = sorted(new.get(m.id, set()) - old.get(m.id, set()))
        if arrived:
            had = max(old.get(m.id, set()), default="")
            rows.append(ChangeRow("new_data", "", "North West", m, "", f"newest {had}" if had else "none", "",
                                  arrived_words(arrived)))
    return rows


def arrived_words(periods: list[str]) -> str:
    """New periods in words: years listed, quarters counted ("2024-25; 6 quarterly returns, 2025-26 Q1 to 2026-27
    Q2, provisional")."""
    years = [p for p in periods if not is_quarter(p)]
    quarters = [p for p in periods if is_quarter(p)]
    said = [", ".join(years)] if years else []
    if len(quarters) == 1:
        said.append(f"the quarterly return for {quarters[0]}, provisional")
    elif quarters:
        said.append(f"{len(quarters)} quarterly returns, {quarters[0]} to {quarters[-1]}, provisional")
    return "; ".join(said)


def _target_statuses(api: ReadAPI, council: str | None) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """Each published target judged against this view's value for its year: (council, measure, year) → (status,
    colour, aim)."""
    out = {}
    for t in api.targets(council):
        m = api.catalogue.measure(t["measure"])
        if m is None:
            continue
        series = api.trend_series(m.id, [t["council"]]).get(t["council"], [])
        value = next((o["value"] for o in series if o["period"] == t["period"]), None)
        shown = for_row([t], m, t["period"], value)
        if shown is not None:
            out[(t["council"], m.id, t["period"])] = (shown.status, shown.colour, shown.aim)
    return out


def _target_changes(before: ReadAPI, after: ReadAPI, names: dict[str, str], council: str | None) -> list[ChangeRow]:
    old, new = _target_statuses(before, council), _target_statuses(after, council)
    rows = []
    for (code, measure, period), (status, colour, aim) in sorted(new.items()):
        was = old.get((code, measure, period), ("no target or no value", "", ""))
        if status in ("Target met", "Target missed") and was[0] != status and code in names:
            rows.append(ChangeRow("target_met" if status == "Target met" else "target_missed", code, names[code],
                                  after.catalogue.known_measure(measure), period, was[0], period,
                                  f"{status} ({aim})", colour))
    return rows


def _summary(sections: tuple[ChangeSection, ...], between: str, where: str) -> str:
    counted = [f"{s.heading.lower()}: {len(s.rows)}" for s in sections if s.rows]
    said = "; ".join(counted) if counted else "nothing changed"
    return f"{where}, {between}: {said}."


def build(api: ReadAPI, before: ReadAPI, after: ReadAPI, council: str | None,
          benchmark: str = "north-west") -> ChangesPage:
    """The changes from the view `before` to the view `after` (each a ReadAPI, pinned or now; the caller checks
    them), for the region or one of its councils, ratings against a standing `benchmark` (checked)."""
    b = known_benchmark(benchmark)
    names = {c["code"]: c["name"] for c in after.region_councils()}
    comparable = (before.pin, before.pin_moment) != (after.pin or after.newest_release_id(), after.pin_moment)
    found = (_rating_changes(before, after, names, council, b.comparator) + _revisions(before, after, names, council)
             + _new_data(before, after) + _target_changes(before, after, names, council)) if comparable else []
    sections = tuple(ChangeSection(kind, heading, tuple(r for r in found if r.kind == kind), empty)
                     for kind, (heading, empty) in KINDS.items())
    b_at, a_at = before.as_at(), after.as_at()
    where = names.get(council or "", "The North West")
    start = before.pin_text or str(before.newest_release_id())
    query = {"from": start, "to": after.pin_text, "council": council,
             "benchmark": None if benchmark == PAGE["changes"].default_benchmark else benchmark}
    keys = ("from", "to", "council", "benchmark")
    releases = api.releases()
    sources = {r["id"]: r["source"] for r in releases}
    between = (f"between {point_words(b_at, sources)} and {point_words(a_at, sources)}, ratings against "
               f"{b.label}")
    return ChangesPage(
        before=b_at or {}, after=a_at or {}, council=council, council_name=where, benchmark=b.label,
        benchmark_slug=benchmark,
        benchmark_links=tuple(Link(o.label, PAGE["changes"].path + to_search({**query, "benchmark": o.slug}, keys),
                                   o.slug == benchmark) for o in PAGE["changes"].offers()),
        summary=_summary(sections, between, where) if comparable else
        "The two points are the same release: choose an earlier one to compare with.",
        sections=sections, comparable=comparable, illustrative=after.shows_illustrative(),
        points=tuple((str(r["id"]), f"Release {r['id']}: {r['source']} ({r['imported_at']})") for r in releases
                     if not r["withdrawn"]),
        councils=tuple(sorted(((code, name) for code, name in names.items()), key=lambda kv: kv[1])),
        download=PAGE["changes"].download_href() + to_search(query, keys),
        csv_name=f"changes-{start.split('~')[0]}-to-{(after.pin_text or 'now').split('~')[0]}"
                 + (f"-{council}" if council else "") + ".csv")


def csv_rows(page: ChangesPage) -> list[dict]:
    """The download: every change as the page lists it."""
    return [{"change": KINDS[r.kind][0], "council_code": r.council_code, "council": r.council,
             "measure_id": r.measure.id, "measure": r.measure.name, "period_before": r.before_period,
             "before": r.before, "period_after": r.after_period, "after": r.after} for r in page.rows]
