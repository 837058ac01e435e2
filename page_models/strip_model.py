"""England's spread on a measure's page (issue 31): every English council with a value in a year, as a strip for
each region (north to south), the middle half of each region's councils as a box and its median; the North West's
councils marked, and the council a reader names marked and placed in words ("the 12th highest of 152"). It answers
"where does the region sit nationally?"; ratings stay the domain pages' (this view rates nothing)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from analysis.formatting import with_unit
from analysis.rating import quantile
from data import reference
from data.catalogue import Measure
from data.read_api import ReadAPI

NORTH_WEST = "E12000002"
# England's regions from north to south, so the strips read as the country does.
REGION_ORDER = ("E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006", "E12000007",
                "E12000008", "E12000009")


@dataclass(frozen=True)
class StripPoint:
    code: str
    name: str
    value: float
    text: str                     # the value with its unit
    in_region: bool               # a North West council
    rank: int                     # 1 = the highest value in England


@dataclass(frozen=True)
class RegionStrip:
    code: str
    name: str
    points: tuple[StripPoint, ...]   # lowest first
    median: float
    quartiles: tuple[float, float] | None   # the middle half, with four councils or more

    @property
    def home(self) -> bool:
        return self.code == NORTH_WEST


@dataclass(frozen=True)
class EnglandStrip:
    measure: Measure
    period: str
    periods: tuple[str, ...]      # every year with values, oldest first
    title: str
    regions: tuple[RegionStrip, ...]
    england: float | None         # England's published value
    england_text: str
    count: int                    # councils with a value
    summary: tuple[str, ...]      # the picture in sentences: the region's range and median, and the named council
    selected: str | None
    source: str

    @property
    def points(self) -> tuple[StripPoint, ...]:
        return tuple(p for r in self.regions for p in r.points)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _place(p: StripPoint, count: int, m: Measure) -> str:
    """"Trafford: 44.8%, the 141st highest of 152 councils (higher is better)"."""
    side = f"the {ordinal(p.rank)} highest" if p.rank <= (count + 1) / 2 else \
        f"the {ordinal(count + 1 - p.rank)} lowest"
    if p.rank == 1:
        side = "the highest"
    elif p.rank == count:
        side = "the lowest"
    return f"{p.name}: {p.text}, {side} of {count} English councils ({m.polarity_words.lower()})."


def summary(regions: tuple[RegionStrip, ...], england: float | None, m: Measure, period: str, count: int,
            selected: StripPoint | None) -> tuple[str, ...]:
    home = next((r for r in regions if r.home), None)
    said = [f"{count} English councils have a value for {period}."]
    if home is not None and home.points:
        low, high = home.points[0], home.points[-1]
        everyone = sorted(p.value for r in regions for p in r.points)
        median = statistics.median(everyone)
        ours, theirs = round(home.median, m.decimals), round(median, m.decimals)  # as the words show them
        where = "above" if ours > theirs else "below" if ours < theirs else "level with"
        top = sum(p.rank <= count / 4 for p in home.points)
        bottom = sum(p.rank > count - count / 4 for p in home.points)
        said.append(f"The North West's {len(home.points)} range from {low.text} ({low.name}) to {high.text} "
                    f"({high.name}); their median, {with_unit(home.median, m.unit, m.decimals)}, is {where} the median "
                    f"of England's councils, {with_unit(median, m.unit, m.decimals)}. {top} of them are among the "
                    f"highest quarter of English councils and {bottom} among the lowest quarter.")
    if selected is not None:
        said.append(_place(selected, count, m))
    return tuple(said)


def build(api: ReadAPI, m: Measure, period: str | None, council: str | None) -> EnglandStrip | None:
    """The strip for `period` (or the newest year with values), naming `council`; None when the warehouse holds one
    region only (the demo) or no English values of the measure."""
    shown = api.rated_counts()  # one read: the years the region has values (England's are read for those only)
    periods = () if m.is_categorical else tuple(p for p in api.periods() if shown.get((m.id, p), (0, 0))[1]
                                                and api.england_values(m.id, p) is not None)
    if not periods:
        return None
    period = period if period in periods else periods[-1]
    found = api.england_values(m.id, period)
    if found is None:
        return None
    names = {a.code: a.name for a in reference.areas()}
    ranked = sorted(found.points, key=lambda p: -p[2])
    rank = {code: i + 1 for i, (code, _, _) in enumerate(ranked)}
    by_region: dict[str, list[StripPoint]] = {}
    for code, region, value in found.points:
        by_region.setdefault(region, []).append(StripPoint(code, names.get(code, code), value,
                                                           with_unit(value, m.unit, m.decimals), region == NORTH_WEST,
                                                           rank[code]))
    regions = []
    for code in sorted(by_region, key=lambda c: REGION_ORDER.index(c) if c in REGION_ORDER else len(REGION_ORDER)):
        points = tuple(by_region[code])
        values = sorted(p.value for p in points)
        regions.append(RegionStrip(code, names.get(code, code), points, statistics.median(values),
                                   (quantile(values, 0.25), quantile(values, 0.75)) if len(values) >= 4 else None))
    strips = tuple(regions)
    chosen = next((p for r in strips for p in r.points if p.code == council), None)
    return EnglandStrip(m, period, periods, f"{m.short_name}, {period}: every English council, by region",
                        strips, found.england,
                        "England: no value published" if found.england is None else
                        f"England: {with_unit(found.england, m.unit, m.decimals)}",
                        len(found.points), summary(strips, found.england, m, period, len(found.points), chosen),
                        chosen.code if chosen else None, f"Source: {m.source}.")
