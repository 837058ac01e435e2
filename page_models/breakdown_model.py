"""Breakdowns by age and sex under a measure (issue 31): each North West council's value for people aged 18 to 64
and 65 and over (and for women and men) where the source publishes them, each with its own 95% interval and rated
against the same group of the benchmark (England's, or the North West's), by significance: the interval worked out
from the group's own counts, never the headline's. The official ASCOF files give them for 2018-19 to 2020-21: when
the year shown has none, the newest year with them is shown and named."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.formatting import interval_text, with_unit
from analysis.rating import rate
from data.breakdowns import BY
from data.catalogue import Measure
from data.read_api import ReadAPI

ENGLAND, NORTH_WEST = "E92000001", "E12000002"
GROUP_WORDS = {"18-64": "Aged 18 to 64", "65 and over": "Aged 65 and over", "Female": "Women", "Male": "Men"}
PEOPLE = {"18-64": "people aged 18 to 64", "65 and over": "people aged 65 and over", "Female": "women", "Male": "men"}
TITLES = {"age": "By age", "sex": "By sex"}
BY_AGE = BY["age"]


@dataclass(frozen=True)
class Cell:
    value: str                    # "44.0%", or "no value"
    interval: str                 # "95% CI 30.9–58.0", or ""
    rating: str
    colour: str
    reason: str


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    cells: tuple[Cell, ...]       # one for each group of the table


@dataclass(frozen=True)
class Table:
    kind: str                     # age, sex
    title: str
    groups: tuple[str, ...]       # the groups in words, each with its benchmark's value
    rows: tuple[Row, ...]
    caption: str


@dataclass(frozen=True)
class Breakdowns:
    measure: Measure
    period: str
    benchmark: str                # "England", "the North West"
    note: str                     # the year, and why it is not the year shown above when it is not
    tables: tuple[Table, ...]


def _cell(m: Measure, found: dict | None, benchmark: float | None, comparator: str) -> Cell:
    if found is None:
        return Cell("no value", "", "Not rated", "grey", "Not rated: the source gives no value for this group.")
    r = rate(rating_method="significance", polarity=m.polarity, unit=m.unit, decimals=m.decimals,
             multiplier=m.multiplier, interval_method=m.interval_method, min_denominator=m.min_denominator,
             value=found["value"], numerator=found["numerator"], denominator=found["denominator"],
             comparator=comparator, benchmark=benchmark)
    interval = interval_text(r.interval.lower, r.interval.upper, r.interval.level, m.decimals) if r.interval else ""
    return Cell(with_unit(found["value"], m.unit, m.decimals), interval, r.rating, r.colour, r.reason)


def covered(api: ReadAPI, m: Measure, period: str) -> bool:
    """Two-thirds of the region's councils that year have a value for a group (METHODS.md's coverage): 2020-21's
    surveys, which 18 councils ran, are not shown as the region's breakdowns."""
    region = {c["code"] for c in api.councils_in(period)}
    found = {b["area_code"] for b in api.breakdowns(m.id, period)} & region
    return bool(region) and 3 * len(found) >= 2 * len(region)


def build(api: ReadAPI, m: Measure, period: str, benchmark: str) -> Breakdowns | None:
    """The breakdowns of a measure for the region's councils in `period`, or in the newest year with breakdowns when
    `period` has none (the councils of that year: Cumbria before 2023-24); against England's groups, or the North
    West's when that is the page's benchmark. None when the source publishes no breakdown of the measure."""
    years = [] if m.is_categorical else [p for p in api.breakdown_periods(m.id) if covered(api, m, p)]
    if not years:
        return None
    shown = period if period in years else years[-1]
    by_area: dict[tuple[str, str], dict] = {(b["area_code"], b["breakdown"]): b
                                            for b in api.breakdowns(m.id, shown)}
    against, label = (NORTH_WEST, "the North West") if benchmark == "north-west" else (ENGLAND, "England")
    councils = sorted(((c["code"], c["name"]) for c in api.councils_in(shown)), key=lambda pair: pair[1])
    names = dict(councils)
    note = (f"{shown}: the newest year the source publishes by age and sex (the year above is {period})."
            if shown != period else f"{shown}, as above.")
    if benchmark not in ("north-west", "england"):
        note += " Each group is compared with England's same group."
    tables = []
    for kind, groups in BY.items():
        if not any((code, g) in by_area for code in names for g in groups):
            continue
        bench = {g: (by_area.get((against, g)) or {}).get("value") for g in groups}
        heads = tuple(f"{GROUP_WORDS[g]} ({label}: " + (with_unit(bench[g], m.unit, m.decimals)
                                                       if bench[g] is not None else "no value") + ")" for g in groups)
        rows = tuple(Row(code, name, tuple(_cell(m, by_area.get((code, g)), bench[g],
                                                 f"{label}'s value for {PEOPLE[g]}") for g in groups))
                     for code, name in councils)
        tables.append(Table(kind, TITLES[kind], heads, rows,
                            f"{m.short_name}, {shown}, {TITLES[kind].lower()}: each North West council against "
                            f"{label}'s same group"))
    return Breakdowns(m, shown, label, note, tuple(tables)) if tables else None
