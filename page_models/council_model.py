"""`/council/<code>`: one council across the six domains in the Fingertips manner: a summary sentence, then per
domain the counts, strengths and areas for improvement, a spine chart and a table with sparklines."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from analysis.formatting import with_unit
from analysis.rating import rollup, tallies
from analysis.spine import Spine, spine
from analysis.vocabulary import STRENGTHS, WEAKNESSES, known_benchmark
from data.catalogue import Domain, Measure
from data.comparisons import NO_ENGLAND_QUARTILES
from data.periods import financial_year, start_year
from data.rated_rows import RATING_CSV_COLUMNS, RatedRow, credits, csv_row, rated_row, with_targets
from data.read_api import ReadAPI
from page_models.account_model import Account, accounts
from page_models.latest import periods_of, shown_periods
from page_models.overview_model import count_words, empty_domain
from page_models.routes import COUNCIL_KEYS, LATEST, PAGE, PIN, council_href, domain_href, to_search
from page_models.source_lines import sources_sentence
from page_models.states import ProfileState

LISTED = 5  # strengths and areas for improvement shown per domain


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class BoundaryNote:
    """A boundary change in words; `link` names the council to see, when there is one."""

    before: str
    link: Link | None = None
    after: str = ""


@dataclass(frozen=True)
class ProfileRow:
    measure: Measure
    row: RatedRow
    note: str | None              # the publisher's note on the value, shown as text
    england_text: str             # England's value (shown when the benchmark is not England)
    history: tuple[tuple[str, float | None], ...]  # (period, value) over every period, oldest first (the sparkline)
    compare: Link                 # the domain view against nearest neighbours with this council highlighted
    selected: bool = False        # the measure a link asked for (a heatmap cell): highlighted, scrolled to
    # Where this council is worse or getting worse: councils rated better on the measure against the same
    # benchmark, its nearest neighbours first, as (name, value shown): who to learn from (learn_from()).
    learn_from: tuple[tuple[str, str], ...] = ()
    questions: tuple[str, ...] = ()  # where worse or getting worse: the measure's challenge questions to ask


@dataclass(frozen=True)
class SpineEntry:
    name: str
    geometry: Spine
    colour: str
    rating: str


@dataclass(frozen=True)
class DomainSection:
    domain: Domain
    tallies: tuple[tuple[str, str, int], ...]   # (colour, word, how many measures)
    strengths: tuple[tuple[Measure, str], ...]  # (measure, rating), the first few
    weaknesses: tuple[tuple[Measure, str], ...]
    spine_title: str
    spine: tuple[SpineEntry, ...]               # measures with a polarity: worst → best
    spine_plain: tuple[SpineEntry, ...]         # measures with no judgement: lowest → highest
    rows: tuple[ProfileRow, ...]                # worse and getting worse first
    table_caption: str
    sources: str
    empty: str | None = None                    # no values at all: what would fill it, in words
    account: Account | None = None              # the council's own published account of the domain


@dataclass(frozen=True)
class Glance:
    """One domain in the profile's summary: the council's ratings counted by colour, and its red-red measures."""

    domain: Domain
    counts: dict[str, int]
    red_red: int
    href: str                     # the domain's section below
    words: str                    # the counts in words: "3 better, 5 similar, 2 worse"


@dataclass(frozen=True)
class Mover:
    """A measure that moved since the year before: see movers()."""

    measure: Measure
    row: RatedRow
    significant: bool
    direction: str                # "for the better", "for the worse", or "" where neither is better


@dataclass(frozen=True)
class CouncilPage:
    code: str
    name: str
    council_type: str
    period: str                   # "2023-24", or "the latest year for each measure"
    benchmark: str                # the label: England
    sources: str                  # every release whose values the page shows
    illustrative: bool
    political_control: str
    control_change: str | None
    neighbours: tuple[str, str, tuple[str, ...]] | None   # (group name, source, member names)
    boundary_notes: tuple[BoundaryNote, ...]
    summary: str
    benchmark_links: tuple[Link, ...]
    domain_links: tuple[Link, ...]
    sections: tuple[DomainSection, ...]
    glance: tuple[Glance, ...]
    movers: tuple[Mover, ...]
    look_first: tuple[ProfileRow, ...]   # worse and getting worse, then worse: where to look, and who to learn from
    focus: str | None             # the section to open: the domain asked for, or the one holding the measure
    briefing: str                 # the two-page briefing, same period and benchmark
    pack: str                     # a meeting pack with every domain and this council's briefing, same benchmark
    offer: Link | None            # a comparison that can be made, when this one leaves measures unrated
    download: str
    csv_name: str

    @property
    def shows_england(self) -> bool:
        """A separate England column, when the benchmark is not England already."""
        return self.benchmark != "England"

    @property
    def shows_targets(self) -> bool:
        """An "Own target" column, when the council has published a target for any measure shown."""
        return any(r.row.target for s in self.sections for r in s.rows)


def summary_sentence(counts: dict[str, int], red_red: int, label: str, period: str) -> str:
    """Where a council stands in one sentence: better / similar / worse counts and the red-red count."""
    def measures(n: int) -> str:
        return f"{n} measure{'s' if n != 1 else ''}"

    text = (f"Against {label} in {period}: better on {measures(counts['green'])}, similar on "
            f"{measures(counts['amber'])} and worse on {measures(counts['red'])}")
    extras = [f"{counts['neutral']} shown without judgement"] if counts["neutral"] else []
    extras += [f"{counts['grey']} not rated"] if counts["grey"] else []
    if extras:
        text += f" ({'; '.join(extras)})"
    if red_red:
        text += f". {measures(red_red)} {'is' if red_red == 1 else 'are'} worse and getting worse"
    return text + "."


def _glance(s: DomainSection) -> Glance:
    counts, flagged = {c: n for c, _, n in s.tallies}, sum(p.row.record.red_red for p in s.rows)
    return Glance(s.domain, counts, flagged, f"#domain-{s.domain.slug}", count_words(counts, flagged))


MOVES = ("Improved", "Declined", "Increased", "Decreased", "Up", "Down")
MOVERS_SHOWN = 5


def movers(sections: tuple[DomainSection, ...], spread: dict[str, float]) -> tuple[Mover, ...]:
    """The biggest movers since the year before, in the newest year any measure moved (an old series that stopped
    years ago is not news). A move's size is measured against how far apart the region's councils are on that
    measure that year (`spread`: their standard deviation), so 1.8 points on a measure where councils differ by 2
    outranks 5 on one where they differ by 30 (a ranking by per cent of the old value put +1.8 points on a 2.8%
    base first). No move across a change of definition is compared. Each says whether it moved for the better or
    the worse."""
    found = []
    for s in sections:
        for p in s.rows:
            r, m = p.row, p.measure
            before_period = financial_year(start_year(r.record.period) - 1)
            before = dict(p.history).get(before_period)
            if (r.record.change not in MOVES or r.record.value is None or before is None or not spread.get(m.id)
                    or m.breaks_between(before_period, r.record.period)):
                continue
            size = abs(r.record.value - before) / spread[m.id]
            direction = "" if m.polarity == "no_judgement" else (
                "for the better" if (r.record.value > before) == (m.polarity == "higher_better") else "for the worse")
            found.append((size, Mover(m, r, r.record.change in MOVES[:4], direction)))
    newest = max((mover.row.record.period for _, mover in found), default="")
    found = [t for t in found if t[1].row.record.period == newest]
    found.sort(key=lambda t: (-t[0], t[1].measure.short_name))
    return tuple(mover for _, mover in found[:MOVERS_SHOWN])


LOOK_FIRST_SHOWN = 3


def look_first(sections: tuple[DomainSection, ...]) -> tuple[ProfileRow, ...]:
    """The profile's (and the council slide's) first places to look: worse and getting worse, then rated worse,
    then getting worse, in the domains' order; each with who to learn from."""
    rows = [p for s in sections for p in s.rows if needs_learning(p.row)]
    rank = [(not p.row.record.red_red, p.row.record.rating not in WEAKNESSES) for p in rows]
    return tuple(p for _, p in sorted(zip(rank, rows, strict=True), key=lambda t: t[0]))[:LOOK_FIRST_SHOWN]


def _boundary_notes(api: ReadAPI, code: str) -> tuple[BoundaryNote, ...]:
    """Cumbria points to its successors, and each successor back to Cumbria."""
    names = {c: a["name"] for c, a in api.areas().items()}
    boundary = api.successions_of(code)
    notes = [BoundaryNote(n) for n in dict.fromkeys(n for _, _, n in boundary["predecessors"] + boundary["successors"])]
    notes += [BoundaryNote(f"From {when:%-d %B %Y}: see ", Link(names.get(c, c), f"/council/{c}"), ".")
              for c, when, _ in boundary["successors"]]
    notes += [BoundaryNote(f"Before {when:%-d %B %Y}: see ", Link(names.get(c, c), f"/council/{c}"),
                           f" for the history of {names.get(c, c)}.") for c, when, _ in boundary["predecessors"]]
    return tuple(notes)


LEARN_FROM_SHOWN = 3


def needs_learning(r: RatedRow) -> bool:
    """Rated worse (or worst quartile, or a target missed), or getting worse: where a council looks for others."""
    return r.record.rating in WEAKNESSES or r.record.red_red or r.record.trend_verdict == "getting worse"


def learn_from(better: list[tuple[str, float | None]], neighbours: list[str], m: Measure,
               names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Councils rated better on a measure (`better`: their codes and values), the council's nearest neighbours
    first (most similar), then the others best first; at most LEARN_FROM_SHOWN, each with its value."""
    rank = {c: i for i, c in enumerate(neighbours)}
    sign = 1 if m.polarity == "lower_better" else -1
    ordered = sorted(better, key=lambda cv: (rank.get(cv[0], len(rank)),
                                             sign * cv[1] if cv[1] is not None else 0, names.get(cv[0], cv[0])))
    return tuple((names.get(c, c), with_unit(v, m.unit, m.decimals) if v is not None else "")
                 for c, v in ordered[:LEARN_FROM_SHOWN])


def _section(d: Domain, measures: list[Measure], rows: dict, context: dict, values: dict, history: dict,
             name: str, code: str, shown: str, label: str, selected: str | None = None,
             pin: str | None = None, learn: dict | None = None) -> DomainSection:
    mine = [(m, rows[m.id]) for m in measures if m.id in rows]
    red_red = [(m, r) for m, r in mine if r.record.red_red]
    counts = rollup(r.record.colour for _, r in mine)
    strengths = [(m, r.record.rating) for m, r in mine if r.record.rating in STRENGTHS and not r.record.red_red]
    weaknesses = [(m, r.record.rating) for m, r in red_red] + [
        (m, r.record.rating) for m, r in mine if r.record.rating in WEAKNESSES and not r.record.red_red]
    entries: list[SpineEntry] = []
    plain: list[SpineEntry] = []
    for m, r in mine:
        geometry = None if m.is_categorical else spine(values.get(m.id, []), context[m.id]["england"]["value"],
                                                        m.polarity, r.record.value,
                                                        context[m.id]["north_west"]["value"])
        if geometry is not None:
            entry = SpineEntry(m.short_name, geometry, r.record.colour, r.record.rating)
            (plain if m.polarity == "no_judgement" else entries).append(entry)
    profile_rows = []
    for m, r in red_red + [(m, r) for m, r in mine if not r.record.red_red]:
        england = context[m.id]["england"].get("value")
        compare = domain_href(d.slug, {"measure": m.id, "period": r.record.period, "benchmark": "nearest-neighbours",
                                       "council": code, PIN: pin})
        profile_rows.append(ProfileRow(
            m, r, context[m.id]["council"].get("note"),
            "—" if england is None else with_unit(england, m.unit, m.decimals),
            tuple((p["period"], p["value"]) for p in history.get(m.id, [])),
            Link("Compare", compare), m.id == selected,
            (learn or {}).get(m.id, ()) if needs_learning(r) else ()))
    has_values = any(p.row.shows_value for p in profile_rows)
    return DomainSection(d, tallies(counts), tuple(strengths[:LISTED]),
                         tuple(weaknesses[:LISTED]), f"{name}: {d.name}, {shown}", tuple(entries), tuple(plain),
                         tuple(profile_rows), f"{name}: {d.name}, {shown}, against {label}",
                         sources_sentence([p.row for p in profile_rows]),
                         None if has_values else empty_domain(measures))


def periods_shown(api: ReadAPI, code: str, pinned: str) -> dict[str, str]:
    """The period each measure is shown in: the pinned one, or the latest this council has a value for up to the
    measure's latest available year (a sparser, newer year only when pinned); when it has none, the measure's latest
    in the region, or the council's last year if it ended before that."""
    if pinned != LATEST:
        return {m.id: pinned for m in api.catalogue.measures}
    latest = shown_periods(api, LATEST)
    own = {m: max((o["period"] for o in obs if (o["value"] is not None or o.get("text_value"))
                   and o["period"] <= latest.get(m, o["period"])), default=None)
           for m, obs in api.area_series(code).items()}
    existed = periods_of(api, code)
    last = existed[-1] if existed else ""
    return {m.id: own.get(m.id) or min(latest[m.id], last) for m in api.catalogue.measures}


def build(api: ReadAPI, code: str, state: ProfileState) -> CouncilPage:
    """The page for a council of the region and a checked state (callbacks.state.profile_state)."""
    cat = api.catalogue
    pinned, focus = state.period, state.domain
    b = known_benchmark(state.benchmark)
    area = api.known_area(code)
    shown = periods_shown(api, code, pinned)
    credited = credits(api)
    values: dict[str, list[float]] = {}
    better: dict[str, list[tuple[str, float | None]]] = {}
    rows: dict[str, RatedRow] = {}
    measures = {m.id: m for m in cat.measures}
    region = {p: {c["code"] for c in api.councils_in(p)} for p in set(shown.values()) if p}
    records = api.ratings_at(b.comparator, tuple(sorted(shown.items()))) if pinned == LATEST else \
        api.ratings(comparator=b.comparator, period=pinned)
    for r in records:
        if r.period != shown.get(r.measure_id):
            continue
        if r.area_code == code:
            rows[r.measure_id] = rated_row(r, measures[r.measure_id], area["name"], b.label, credited)
        if r.area_code in region[r.period] and r.value is not None:
            values.setdefault(r.measure_id, []).append(r.value)
        if r.area_code in region[r.period] and r.area_code != code and r.rating in STRENGTHS:
            better.setdefault(r.measure_id, []).append((r.area_code, r.value))
    rows = dict(zip(rows, with_targets(rows.values(), api.targets(council=code), measures), strict=True))
    by_period = {p: {c["measure"].id: c for c in api.council_values(code, p)} for p in region}
    context = {m.id: by_period[shown[m.id]][m.id] for m in cat.measures if shown[m.id] in by_period}
    history = api.area_series(code)
    counts = rollup(r.record.colour for r in rows.values())
    neighbours = api.nearest_neighbours(code)
    names = {c: a["name"] for c, a in api.areas().items()}
    learn = {mid: learn_from(found, (neighbours or {}).get("members", []), measures[mid], names)
             for mid, found in better.items()}
    when = "each measure's latest year" if pinned == LATEST else pinned
    sections = tuple(_section(d, cat.measures_in(d.slug), rows, context, values, history, area["name"], code, when,
                              b.label, state.measure, state.as_at, learn)
                     for d in cat.domains if focus in (None, d.slug))
    own, asked = accounts(api, council=code), api.challenge_questions()
    sections = tuple(replace(s, account=own.get((code, s.domain.slug)), rows=tuple(
        replace(p, questions=asked.get(p.measure.id, ())) if needs_learning(p.row) else p for p in s.rows))
        for s in sections)
    here = {"period": pinned, "benchmark": b.slug, PIN: state.as_at}
    open_domain = focus or (cat.known_measure(state.measure).domain if state.measure else None)
    glance = tuple(_glance(s) for s in sections)
    return CouncilPage(
        code=code, name=area["name"], council_type=area["council_type"], period=when, benchmark=b.label,
        sources=sources_sentence([p.row for s in sections for p in s.rows]), illustrative=api.shows_illustrative(),
        political_control=_context_text(context, "lg_political_control") or "not published",
        control_change=_context_text(context, "lg_control_change"),
        neighbours=(neighbours["name"], neighbours["source"], tuple(names.get(c, c) for c in neighbours["members"]))
        if neighbours else None,
        boundary_notes=_boundary_notes(api, code),
        summary=summary_sentence(counts, sum(r.record.red_red for r in rows.values()), b.label, when),
        benchmark_links=tuple(Link(o.label, council_href(code, {**here, "benchmark": o.slug, "domain": focus}),
                                   o.slug == b.slug) for o in PAGE["council"].offers()),
        domain_links=tuple(Link(d.name, council_href(code, {**here, "domain": d.slug}), d.slug == focus)
                           for d in cat.domains) + (Link("All domains", council_href(code, here)),),
        look_first=look_first(sections),
        sections=sections, glance=glance, movers=movers(sections, {k: statistics.pstdev(v) for k, v in values.items()
                                                                   if len(v) >= 4}), focus=open_domain,
        briefing=PAGE["briefing"].href(code) + to_search(here, COUNCIL_KEYS),
        pack=PAGE["pack"].href() + to_search({"councils": code, "benchmark": b.slug, PIN: state.as_at},
                                             ("councils", "benchmark", PIN)),
        offer=_offer(code, rows.values(), {**here, "domain": focus}),
        download=PAGE["council"].download_href(code) + to_search({**here, "domain": focus}, COUNCIL_KEYS),
        csv_name=f"{code}-{pinned}-{b.slug}" + (f"-{focus}" if focus else "") + ".csv")


def _offer(code: str, rows, here: dict) -> Link | None:
    """Where the benchmark leaves measures unrated (England's quartiles without England's councils), a link to the
    comparison that can be made."""
    unrated = sum(r.record.reason == NO_ENGLAND_QUARTILES for r in rows)
    if not unrated or here["benchmark"] == "north-west":
        return None
    return Link(f"{unrated} measure{'s' if unrated != 1 else ''} cannot be ranked against England here, because only "
                f"the North West's councils are loaded: compare with the North West instead",
                council_href(code, {**here, "benchmark": "north-west"}))


def _context_text(context: dict, measure_id: str) -> str | None:
    return context[measure_id]["council"].get("text_value") if measure_id in context else None


CSV_COLUMNS = RATING_CSV_COLUMNS


def csv_rows(page: CouncilPage) -> list[dict]:
    """The download: every row of every domain the page shows, in the page's order."""
    return [csv_row(p.row) for s in page.sections for p in s.rows]
