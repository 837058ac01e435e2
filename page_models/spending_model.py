"""`/spending`: spending beside outcomes (issue 31). For one year, every English council's spend (per adult, on
long-term support per adult or per person supported, or the home care hourly rate it paid) against an outcome, as
a scatter: the North West's councils and a chosen council's nearest neighbours marked, the plot cut into four by the
medians of the council's neighbours (without the council, METHODS.md; England's councils when it has too few, or no
council is chosen), and each quarter said in words ("spends more than its neighbours' median, outcomes worse").
Spending more is not good or bad by itself: there is no "value for money" score, only the two values side by side,
each with its year."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from analysis.formatting import with_unit
from data import reference
from data.catalogue import Measure
from data.comparisons import neighbours_median
from data.read_api import ReadAPI

SPEND = ("rw_gross_spend_per_adult", "rw_long_term_spend_per_adult", "rw_long_term_spend_per_client",
         "cq_homecare_hourly_rate")
OUTCOMES = ("ascof_1a", "ascof_1b", "ascof_3a", "ascof_2d", "ascof_2b1", "ascof_2a2", "ascof_1i1", "ascof_4a")
NORTH_WEST = "E12000002"
KINDS = ("england", "region", "neighbour", "council")  # drawn in this order: the council on top


@dataclass(frozen=True)
class Point:
    code: str
    name: str
    spend: float
    outcome: float
    kind: str                     # england, region (a North West council), neighbour, council
    quarter: str                  # "spends more than Trafford's nearest neighbours' median, outcomes worse"


@dataclass(frozen=True)
class SpendingPage:
    spend: Measure
    outcome: Measure
    period: str
    periods: tuple[str, ...]      # the years with values of both, oldest first
    council: str | None
    council_name: str | None
    against: str                  # "Trafford's nearest neighbours' median", "England's median"
    spend_median: float
    outcome_median: float
    points: tuple[Point, ...]
    title: str
    finding: str                  # the chosen council's quarter in a sentence, or the picture's
    note: str                     # why the medians are whose they are
    source: str
    spend_options: tuple[tuple[str, str], ...]
    outcome_options: tuple[tuple[str, str], ...]
    council_options: tuple[tuple[str, str], ...]

    def text(self, p: Point) -> tuple[str, str]:
        return (with_unit(p.spend, self.spend.unit, self.spend.decimals),
                with_unit(p.outcome, self.outcome.unit, self.outcome.decimals))


def _side(value: float, median: float, more: str, less: str, same: str, decimals: int) -> str:
    ours, theirs = round(value, decimals), round(median, decimals)
    return more if ours > theirs else less if ours < theirs else same


def quarter(spend: float, outcome: float, spend_median: float, outcome_median: float, outcome_measure: Measure,
            spend_decimals: int, against: str) -> str:
    """Where a council sits against the medians, in words: spending first, then the outcome (better or worse by the
    measure's polarity; higher or lower where it has none)."""
    spends = _side(spend, spend_median, f"spends more than {against}", f"spends less than {against}",
                   f"spends about the same as {against}", spend_decimals)
    return f"{spends}, {_side(outcome, outcome_median, *outcome_words(outcome_measure), outcome_measure.decimals)}"


def outcome_words(m: Measure) -> tuple[str, str, str]:
    """An outcome above, below and level with the median, in words: better or worse by its polarity."""
    if m.polarity == "no_judgement":
        return "outcome higher", "outcome lower", "outcome about the same"
    better = m.polarity == "higher_better"
    return ("outcomes better" if better else "outcomes worse", "outcomes worse" if better else "outcomes better",
            "outcomes about the same")


def corner(spends_more: bool, outcome_higher: bool, m: Measure) -> str:
    """A quarter of the plot in words, for its corner: "spends more, outcomes worse"."""
    higher, lower, _ = outcome_words(m)
    return f"{'spends more' if spends_more else 'spends less'}, {higher if outcome_higher else lower}"


def _choice(wanted: str | None, allowed: tuple[str, ...]) -> str:
    return wanted if wanted in allowed else allowed[0]


def build(api: ReadAPI, spend: str | None = None, outcome: str | None = None, period: str | None = None,
          council: str | None = None) -> SpendingPage | None:
    """The page for what the address asks (anything unknown is replaced by the default); None when the warehouse
    holds no year with English values of a spend measure and an outcome (the demo: one region only)."""
    cat = api.catalogue
    s = cat.known_measure(_choice(spend, SPEND))
    o = cat.known_measure(_choice(outcome, OUTCOMES))
    shown = api.rated_counts()  # one read: which years the region has values of each (England's are read after)
    periods = tuple(p for p in api.periods() if shown.get((s.id, p), (0, 0))[1] and shown.get((o.id, p), (0, 0))[1]
                    and api.england_values(s.id, p) is not None and api.england_values(o.id, p) is not None)
    if not periods:
        return None
    period = period if period in periods else periods[-1]
    xs = {c: v for c, _, v in api.england_values(s.id, period).points}  # type: ignore[union-attr]
    ys = {c: v for c, _, v in api.england_values(o.id, period).points}  # type: ignore[union-attr]
    areas = {a.code: a for a in reference.areas()}
    region = {c["code"]: c["name"] for c in api.region_councils()}
    chosen = council if council in region and council in xs and council in ys else None
    chosen_name = region.get(chosen or "", "")
    both = sorted(set(xs) & set(ys))
    found = api.nearest_neighbours(chosen) if chosen else None
    group = found["members"] if found else []
    members = [c for c in group if c != chosen]
    spend_median = neighbours_median([xs[c] for c in members if c in xs], len(members)) if members else None
    outcome_median = neighbours_median([ys[c] for c in members if c in ys], len(members)) if members else None
    if spend_median is not None and outcome_median is not None:
        against = f"{chosen_name}'s nearest neighbours' median"
        note = (f"The lines are the medians of {chosen_name}'s {len(members)} nearest neighbours (CIPFA), without "
                f"{chosen_name} itself.")
    else:
        against = "England's median"
        spend_median, outcome_median = statistics.median(xs[c] for c in both), statistics.median(ys[c] for c in both)
        note = "The lines are the medians of England's councils with both values." + (
            f" {chosen_name}'s nearest neighbours have too few values for a median of their own (two-thirds of "
            "them and at least four are needed)." if chosen else "")

    def kind(code: str) -> str:
        return ("council" if code == chosen else "neighbour" if code in members else
                "region" if areas[code].region_code == NORTH_WEST else "england")

    def words(code: str) -> str:  # the chosen council's own medians are "its"
        said = against.replace(f"{chosen_name}'s", "its") if code == chosen else against
        return quarter(xs[code], ys[code], spend_median, outcome_median, o, s.decimals, said)

    points = tuple(sorted((Point(c, areas[c].name, xs[c], ys[c], kind(c), words(c))
                           for c in both if c in areas), key=lambda p: (KINDS.index(p.kind), p.name)))
    mine = next((p for p in points if p.kind == "council"), None)
    def said(m: Measure, value: float) -> str:
        return with_unit(value, m.unit, m.decimals)

    finding = (f"{mine.name}, {period}: {mine.quarter} ({s.short_name.lower()} {said(s, mine.spend)} against "
               f"{said(s, spend_median)}; {o.short_name.lower()} {said(o, mine.outcome)} against "
               f"{said(o, outcome_median)})." if mine else
               f"{len(points)} English councils with both values in {period}. Choose a council to see it beside its "
               "nearest neighbours.")
    return SpendingPage(
        s, o, period, periods, chosen, chosen_name or None, against, spend_median, outcome_median, points,
        f"{s.short_name} against {o.short_name.lower()}, {period}", finding, note,
        f"Sources: {s.source}; {o.source}.",
        tuple((m, cat.known_measure(m).short_name) for m in SPEND),
        tuple((m, cat.known_measure(m).short_name) for m in OUTCOMES),
        tuple(sorted(region.items(), key=lambda kv: kv[1])))


def profile_lines(api: ReadAPI, code: str) -> tuple[tuple[str, str], ...]:
    """For a council's profile: each spend measure beside quality of life in the newest year with both, in a
    sentence, with the address of its chart; nothing when the warehouse cannot place the council."""
    lines = []
    for spend in SPEND:
        page = build(api, spend, OUTCOMES[0], None, code)
        if page is not None and page.council == code:
            lines.append((page.finding, f"/spending?spend={spend}&outcome={OUTCOMES[0]}&council={code}"))
    return tuple(lines)
