"""Comparisons: every council rated against its comparators, by the methods in `analysis/`.

Two ways in, one code path. When a release lands, `recompute` rates every measure × council × period against
the standing comparators (METHODS.md: the region, published, else pooled, else median; England; the nearest
neighbours' median) and stores the rows, keyed by the release that triggered it. A reader's own choice of
councils is rated on demand by `rate_against_chosen`, never stored.
"""

from __future__ import annotations

import gc
import hashlib
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from analysis.rating import MIN_COMPARATORS, GroupSummary, Rating, interval_for, not_rated, rate, summarise
from analysis.trend import Change, Trend, change_since_last, is_red_red, narrative, recent_trend
from data.catalogue import Measure, catalogue
from data.context import Context
from data.current_rows import current_as_at
from data.db import bulk_insert
from data.periods import financial_year, is_quarter, start_year, usable
from data.read_records import RATING_FIELDS, RatingRecord
from data.reference import ENGLAND, areas
from data.schema import Area, Observation, PeerGroup, PeerGroupMember, RatingRow, RatingsBasis
from data.spread import council_spread, with_spread

_REFS = {a.code: a for a in areas()}

# Why a quartile against England cannot be made in a warehouse holding one region's councils (pages offer the region).
NO_ENGLAND_QUARTILES = ("Not rated against England: ranking among England's councils needs all of their values, and "
                        "only the North West's are loaded. Compare with the North West instead.")

# Change this when a method in analysis/ changes what a stored rating says (its word, colour or sentences):
# every warehouse then recomputes its ratings at its next `scorecard init` or start.
METHODS_VERSION = ("2026-12-06c: one method per measure and year; Mann–Kendall trends without intervals; red-red by "
                   "colour; biennial change; definition breaks; over-dispersion in the reason; no change or trend "
                   "from a value of low reliability")


@dataclass(frozen=True)
class Comparator:
    key: str
    name: str                  # as it reads in a sentence: "North West", "England", "the nearest neighbours' median"
    basis: str | None          # published / pooled / median
    value: float | None
    group: GroupSummary | None  # the councils' values summarised (None: no quartiles against this comparator)
    no_group_reason: str = "Not rated: there is no group of comparator councils to place the value among."
    group_name: str = ""       # the councils a quartile places a value among: "the North West's councils"

    @property
    def among(self) -> str:
        return self.group_name or self.name


def load_context(session: Session, measure_ids: list[str] | None = None, periods: list[str] | None = None,
                 as_at: int | None = None) -> Context:
    """Read the current observations (all, or only some measures and periods; or those current as at a release),
    the areas and the peer groups."""
    cols = (Observation.measure_id, Observation.area_code, Observation.period, Observation.value,
            Observation.text_value, Observation.numerator, Observation.denominator, Observation.lower_ci,
            Observation.upper_ci, Observation.ci_level, Observation.marker, Observation.release_id)
    obs: dict = defaultdict(dict)
    query = select(*cols).where(current_as_at(as_at))
    if measure_ids is not None:
        query = query.where(Observation.measure_id.in_(measure_ids))
    if periods is not None:
        query = query.where(Observation.period.in_(periods))
    for row in session.execute(query):
        if usable(row.period):  # a period the app cannot show is never rated (data.read_api logs it)
            obs[(row.measure_id, row.period)][row.area_code] = row._asdict()
    areas = session.execute(select(Area.code, Area.name, Area.kind, Area.region_code)).all()
    council_region = {a.code: a.region_code for a in areas if a.kind == "council"}
    neighbours: dict = defaultdict(list)
    members = (select(PeerGroup.owner_code, PeerGroupMember.area_code)
               .join(PeerGroupMember, PeerGroupMember.group_id == PeerGroup.id)
               .where(PeerGroup.kind == "nearest_neighbours"))
    for owner, member in session.execute(members):
        neighbours[owner].append(member)
    loaded_regions = {council_region[a] for by_area in obs.values() for a in by_area if a in council_region}
    region_members: dict = defaultdict(list)
    for council, region in council_region.items():
        region_members[region].append(council)
    return Context({m.id: m for m in catalogue().measures}, obs, council_region, dict(region_members),
                   {a.code: a.name for a in areas}, dict(neighbours), national=len(loaded_regions) > 1)


def point(ctx: Context, m: Measure, area: str, period: str) -> dict | None:
    """One observation with its interval in display units, computed once and reused for every comparator."""
    key = (m.id, area, period)
    if key not in ctx.info:
        o = ctx.obs.get((m.id, period), {}).get(area)
        if o is None:
            ctx.info[key] = None
        else:
            interval = None
            if o["value"] is not None and not m.is_categorical:
                interval = interval_for(interval_method=m.interval_method, value=o["value"],
                                        numerator=o["numerator"], denominator=o["denominator"],
                                        lower=o["lower_ci"], upper=o["upper_ci"], level=o["ci_level"],
                                        multiplier=m.multiplier)
            ctx.info[key] = {**o, "interval": interval,
                             "lower": interval.lower if interval else None,
                             "upper": interval.upper if interval else None}
    return ctx.info[key]


def _values(ctx: Context, m: Measure, period: str, areas) -> list[float]:
    by_area = ctx.obs.get((m.id, period), {})
    return [by_area[a]["value"] for a in areas if a in by_area and by_area[a]["value"] is not None]


def published_value(m: Measure, o: dict | None) -> float | None:
    """An area's published value, computed from its published counts where it has them (unrounded: a published 87.0%
    that is 17,201 of 19,761 compares as 87.045%, METHODS.md)."""
    if o is None or o["value"] is None:
        return None
    if m.interval_method in ("wilson", "byar") and o["numerator"] is not None and o["denominator"]:
        return m.multiplier * o["numerator"] / o["denominator"]
    return o["value"]


def region_comparator(ctx: Context, m: Measure, period: str, region: str) -> Comparator:
    """The region: its published value (from its counts where published), else pooled from the councils' counts,
    else the median of its councils, and only when at least two-thirds of them have a value."""
    name = ctx.names.get(region, region)
    members = ctx.region_members.get(region, [])
    values = _values(ctx, m, period, members)
    group = summarise(values)
    published = published_value(m, ctx.obs.get((m.id, period), {}).get(region))
    among = f"the {name} councils"
    if published is not None:
        return Comparator("region", name, "published", published, group, group_name=among)
    by_area = ctx.obs.get((m.id, period), {})
    counted = [by_area[a] for a in members if a in by_area and by_area[a]["value"] is not None]
    if counted and m.interval_method in ("wilson", "byar") and all(o["numerator"] is not None and o["denominator"]
                                                                   for o in counted):
        pooled = m.multiplier * sum(o["numerator"] for o in counted) / sum(o["denominator"] for o in counted)
        return Comparator("region", f"{name} (pooled)", "pooled", round(pooled, m.decimals + 2), group,
                          group_name=among)
    present = sum(1 for a in members if _REFS[a].exists_in(period)) if members else 0
    if group.n >= MIN_COMPARATORS and 3 * group.n >= 2 * present:
        which = f"the {present}" if group.n == present else f"{group.n} of {present}"
        return Comparator("region", f"the median of {which} {name} councils", "median", group.median, group,
                          group_name=among)
    if group.n:
        return Comparator("region", f"{name} (only {group.n} of its {present} councils have a value, fewer than the "
                                    "two-thirds a median needs)", None, None, group, group_name=among)
    return Comparator("region", name, None, None, group, group_name=among)


def england_comparator(ctx: Context, m: Measure, period: str) -> Comparator:
    value = published_value(m, ctx.obs.get((m.id, period), {}).get(ENGLAND))
    if ctx.national:
        return Comparator("england", "England", "published", value,
                          summarise(_values(ctx, m, period, ctx.council_region)), group_name="England's councils")
    return Comparator("england", "England", "published", value, None, NO_ENGLAND_QUARTILES)


def neighbours_median(values: list[float], members: int) -> float | None:
    """METHODS.md: the median of a group's members with a value (never the council itself), only when two-thirds of
    the group, and at least four, have one. The rating, the sentence, the table and the trend line all use it."""
    enough = len(values) >= MIN_COMPARATORS and 3 * len(values) >= 2 * members
    return statistics.median(values) if enough else None


def neighbours_comparator(ctx: Context, m: Measure, period: str, council: str) -> Comparator:
    members = ctx.neighbours.get(council, [])
    values = _values(ctx, m, period, members)
    own = _values(ctx, m, period, [council])
    median = neighbours_median(values, len(members))
    return Comparator("nearest_neighbours", "the nearest neighbours' median", "median" if median is not None else None,
                      median, summarise(values + own), group_name="its nearest-neighbour group, itself included")


def chosen_comparator(ctx: Context, m: Measure, period: str, chosen: Sequence[str]) -> Comparator:
    values = _values(ctx, m, period, chosen)
    median = statistics.median(values) if len(values) >= MIN_COMPARATORS else None
    return Comparator("chosen", "the chosen councils' median", "median" if median is not None else None, median,
                      summarise(values), group_name="the chosen councils")


def year_method(ctx: Context, m: Measure, period: str) -> str:
    """METHODS.md: one method per measure and year. A measure rated by significance is rated so in a year where
    intervals can be calculated for at least two-thirds of the councils with a value; otherwise every council that
    year is placed by quartile position."""
    key = (m.id, period)
    if key not in ctx.methods:
        method = m.rating_method
        if method == "significance":
            valued = [a for a, o in ctx.obs.get(key, {}).items() if a in ctx.council_region and o["value"] is not None]
            with_interval = sum(1 for a in valued if (point(ctx, m, a, period) or {}).get("interval") is not None)
            method = "significance" if valued and 3 * with_interval >= 2 * len(valued) else "quartile"
        ctx.methods[key] = method
    return ctx.methods[key]


QUARTILE_INSTEAD = ("Rated by quartile position: confidence intervals can be calculated for fewer than two-thirds of "
                    "councils in {period}, so every council that year is placed among its comparators.")


def rate_point(m: Measure, p: dict | None, comparator: Comparator, method: str | None = None) -> Rating:
    """Rate one council's observation against one comparator, by the measure's method for that year (`method`; the
    catalogue's when not given)."""
    method = method or m.rating_method
    if p is None:
        return not_rated("Not rated: the council has no row for this period.", m.polarity, method)
    if method == "quartile" and comparator.group is None and p.get("value") is not None:
        return not_rated(comparator.no_group_reason, m.polarity, "quartile")
    r = _rate(m, p, comparator, method)
    if method != m.rating_method and r.colour != "grey":
        return replace(r, reason=f"{r.reason} {QUARTILE_INSTEAD.format(period=p['period'])}")
    return r


def _rate(m: Measure, p: dict, comparator: Comparator, method: str) -> Rating:
    return rate(rating_method=method, polarity=m.polarity, unit=m.unit, decimals=m.decimals,
                multiplier=m.multiplier, interval_method=m.interval_method, min_denominator=m.min_denominator,
                value=p["value"], numerator=p["numerator"], denominator=p["denominator"], lower=p["lower_ci"],
                upper=p["upper_ci"], level=p["ci_level"], marker=p["marker"], categorical=m.is_categorical,
                comparator=comparator.among if method == "quartile" else comparator.name,
                benchmark=comparator.value, group=comparator.group,
                interval=p["interval"])


def _window(period: str) -> tuple[str, ...]:
    """The five financial years ending with `period`, oldest first."""
    if period not in _WINDOWS:
        year = start_year(period)
        _WINDOWS[period] = tuple(financial_year(y) for y in range(year - 4, year + 1))
    return _WINDOWS[period]


_WINDOWS: dict[str, tuple[str, ...]] = {}


BIENNIAL = ("A trend needs five yearly values in a row, and the carers' survey runs every other year (the change "
            "since its previous survey is shown instead).")


LOW_RELIABILITY = ("A value here is marked as of low reliability [u] (the About page says why), so no change or "
                   "trend is worked out from it.")


def _low_reliability(*points: dict | None) -> bool:
    return any(p is not None and p.get("marker") == "[u]" for p in points)


def _over_time(ctx: Context, m: Measure, council: str, period: str):
    """Change since the previous collection and the five-year trend ending in `period` (independent of comparator).
    Neither is worked out across a change of definition (METHODS.md)."""
    years = _window(period)
    window = [point(ctx, m, council, p) for p in years]
    previous = years[-3] if m.collection == "carers_survey" else years[-2]  # the previous survey, two years back
    before = point(ctx, m, council, previous)
    moved = m.breaks_between(previous, period)
    if moved:
        change = Change("Cannot be calculated", None, f"The definition changed in {moved[0]}: {moved[1]}")
    elif _low_reliability(before, window[-1]):
        change = Change("Cannot be calculated", None, LOW_RELIABILITY)
    else:
        change = change_since_last(before, window[-1], m.polarity, unit=m.unit, decimals=m.decimals,
                                   previous_period=previous)
    moved = m.breaks_between(years[0], period)
    if moved:
        trend = Trend("cannot be calculated", "", "", None,
                      f"No trend across a change of definition: it changed in {moved[0]} ({moved[1]})")
    elif m.collection == "carers_survey":
        trend = Trend("cannot be calculated", "", "", None, BIENNIAL)
    elif _low_reliability(*window):
        trend = Trend("cannot be calculated", "", "", None, LOW_RELIABILITY)
    else:
        # Cochran–Armitage needs real counts: survey percentages carry weighted ones, so they use their intervals.
        trend = recent_trend([w or {"value": None} for w in window], m.polarity,
                             proportion=m.interval_method == "wilson", periods=years)
    return change, trend


_NO_CHANGE = (Change("Not applicable", None, "A category: change is shown, not measured."),
              Trend("not applicable", "", "", None, "A category: no trend is calculated."))


def compute_rows(ctx: Context, release_id: int,
                 only: set[tuple[str, str]] | None = None) -> list[RatingRecord]:
    """Every rating of the councils in the context (or only of the (measure, period) keys in `only`)."""
    # Hundreds of thousands of small, acyclic objects: the cyclic garbage collector would only rescan them
    # over and over (it doubled the time at national scale), so it is paused for the loop.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _compute_rows(ctx, release_id, only)
    finally:
        if paused:
            gc.enable()


def _compute_rows(ctx: Context, release_id: int, only: set | None) -> list[RatingRecord]:
    rows = []
    for (measure_id, period), by_area in ctx.obs.items():
        m = ctx.measures.get(measure_id)
        if m is None or (only is not None and (measure_id, period) not in only):
            continue
        councils = [a for a in by_area if a in ctx.council_region]
        method = year_method(ctx, m, period)
        england = england_comparator(ctx, m, period)
        found = council_spread(ctx, m, period, method, england.value)
        regions = {r: region_comparator(ctx, m, period, r) for r in {ctx.council_region[c] for c in councils}}
        for council in councils:
            p = point(ctx, m, council, period)
            if p is None:  # never: these councils are those with a row
                continue
            change, trend = _NO_CHANGE if m.is_categorical else _over_time(ctx, m, council, period)
            for comparator in (regions[ctx.council_region[council]], england,
                               neighbours_comparator(ctx, m, period, council)):
                r = with_spread(rate_point(m, p, comparator, method), m, p, comparator.value, found)
                sentence = None
                if comparator.group and comparator.value is not None and p["value"] is not None \
                        and not m.is_categorical:  # the rating's benchmark, the same number in words
                    sentence = narrative(p["value"], comparator.group, m.polarity, area=ctx.names[council],
                                         comparator=comparator.name, period=period, unit=m.unit, decimals=m.decimals,
                                         centre=comparator.value)
                interval = p["interval"]
                rows.append(RatingRecord(
                    release_id=release_id, source_release_id=p["release_id"], measure_id=m.id, area_code=council,
                    period=period, comparator=comparator.key, comparator_name=comparator.name,
                    comparator_basis=comparator.basis, comparator_value=comparator.value, value=p["value"],
                    text_value=p["text_value"], marker=p["marker"], lower_ci=p["lower"], upper_ci=p["upper"],
                    ci_level=interval.level if interval else None,
                    interval_method=interval.method if interval else None, method=r.method, polarity=m.polarity,
                    rating=r.rating, colour=r.colour, reason=r.reason, change=change.word,
                    change_reason=change.reason, trend=trend.direction, trend_verdict=trend.verdict,
                    trend_reason=trend.reason, red_red=is_red_red(r, trend), narrative=sentence))
    return rows


def affected(touched: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (measure, period) ratings a change can move: the period itself and the four after it, whose
    change-since-last and five-year trend windows include it. A quarter moves none: quarterly returns are read on
    their own (data.quarters), never rated with the years."""
    out = set()
    for measure_id, period in touched:
        if is_quarter(period):
            continue
        year = start_year(period)
        out |= {(measure_id, financial_year(y)) for y in range(year, year + 5)}
    return out


def fingerprint() -> str:
    """What the stored ratings depend on apart from the data: the methods and each measure's rating fields."""
    fields = [METHODS_VERSION] + [repr((m.id, m.unit, m.decimals, m.polarity, m.rating_method, m.interval_method,
                                        m.multiplier, m.min_denominator, m.value_type, m.collection,
                                        m.definition_breaks)) for m in catalogue().measures]
    return hashlib.sha256("\n".join(fields).encode()).hexdigest()


def ratings_stale(session: Session) -> bool:
    """True when the stored ratings were computed by other methods (or another catalogue) than this code's."""
    return session.scalar(select(RatingsBasis.fingerprint).order_by(RatingsBasis.id.desc()).limit(1)) != fingerprint()


def recompute(session: Session, release_id: int, touched: set[tuple[str, str]] | None = None) -> int:
    """Recompute ratings in the caller's transaction: all of them, or only those `touched` observations can move
    (all of them whenever the stored ones were computed by other methods).

    Each row records the release whose landing computed it; readers see the old rows until the commit.
    """
    if touched is None or ratings_stale(session):
        rows = compute_rows(load_context(session), release_id)
        session.execute(delete(RatingRow))
        session.execute(delete(RatingsBasis))
        session.add(RatingsBasis(fingerprint=fingerprint(), computed_at=datetime.now(UTC)))
    else:
        keys = affected(touched)
        measures = sorted({m for m, _ in keys})
        rows = compute_rows(load_context(session, measure_ids=measures), release_id, keys)
        for measure_id in measures:
            periods = sorted(p for m, p in keys if m == measure_id)
            session.execute(delete(RatingRow).where(RatingRow.measure_id == measure_id,
                                                    RatingRow.period.in_(periods)))
    bulk_insert(session, RatingRow.__table__, rows, RATING_FIELDS)  # a record is a tuple in column order
    return len(rows)
