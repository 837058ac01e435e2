"""Checks every importer applies to an observation before anything is written."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from analysis.vocabulary import VALUE_REPLACING_MARKERS
from data import reference
from data.catalogue import MAXIMUM_COUNT, Measure, ascof_codes
from data.imports.problems import Problem
from data.periods import EARLIEST, current_financial_year, financial_year, next_financial_year, start_year, within

_PUNCTUATION = re.compile(r"[^a-z0-9 ]")


def normalise_name(name: str) -> str:
    """Council names compared loosely: case, '&', 'St.', 'City of', 'Council' and punctuation ignored."""
    text = name.lower().replace("&", " and ").replace("st.", "st ").replace("city of ", "")
    text = text.replace(" city council", "").replace(" county council", "").replace(" council", "")
    return " ".join(_PUNCTUATION.sub(" ", text).split())


AREAS = {a.code: a for a in reference.areas()}


def check_area(code: str, period: str | None, row: int, column: str, name: str | None = None) -> list[Problem]:
    """The code is a known area that existed for the whole period, and the name (if given) is its name."""
    area = AREAS.get(code)
    if area is None:
        return [Problem("unknown_area", "This is not the GSS code of an English council, region or England.",
                        row, column, code)]
    problems = []
    if period and area.kind == "council" and not area.exists_in(period):
        successors = [s for s in reference.successions() if s.predecessor_code == code]
        if successors:
            names = " and ".join(f"{AREAS[s.successor_code].name} ({s.successor_code})" for s in successors)
            why = f"{area.name} was replaced on {successors[0].effective_from:%-d %B %Y} by {names}."
        else:
            why = f"{area.name} did not have adult social care duties for the whole of {period}."
        problems.append(Problem("area_not_in_period", why, row, column, code))
    if name:
        known = {normalise_name(n) for n in (area.name, *area.other_names)}
        if normalise_name(name) not in known:
            problems.append(Problem("area_name_mismatch", f"The code {code} is {area.name}, not {name!r}.", row,
                                    column, name))
    return problems


def check_period(period: str, m: Measure | None, row: int | None, column: str | None) -> list[Problem]:
    """The period is one the measure is published for (its own first and last years in the catalogue), or, where
    it does not say, from 2010-11 to the year after the current one: no import can carry 9999-00 or 0000-01. An
    ASCOF measure's data is for a year that has ended."""
    why = _outside(period, m, next_financial_year())
    if why is None and m is not None and _is_ascof(m.id):
        ended = financial_year(start_year(current_financial_year()) - 1)
        if start_year(period) > start_year(ended):
            why = (f"{period} has not ended yet: {m.short_name} is an ASCOF outcome, published after its year ends, "
                   f"so {ended} is the latest.")
    return [] if why is None else [Problem("period_out_of_range", why, row, column, period)]


@lru_cache(maxsize=256)
def _is_ascof(measure_id: str) -> bool:
    return bool(ascof_codes(measure_id))


@lru_cache(maxsize=4096)
def _outside(period: str, m: Measure | None, next_year: str) -> str | None:
    """Why a period is outside a measure's years, or None (kept: a file repeats the same few pairs)."""
    first, last = m.period_range() if m is not None else (EARLIEST, next_year)
    if within(period, first, last):
        return None
    if m is not None and (m.first_period or m.last_period):
        why = (f"{m.short_name} is published for {first} to {m.last_period}" if m.last_period
               else f"{m.short_name} is published from {first} (and for no year after {last})")
    else:
        why = f"Periods run from {first} to {last} (the year after the current one)"
    return f"{why}; {period} is outside that."


def check_numbers(obs: dict, m: Measure, row: int) -> list[Problem]:
    """Values within what the measure can be at all (its scale: a CQC score is 1 to 4); counts of people or events
    whole and no larger than England; a value made from counts needs a denominator above zero."""
    problems = []
    value = obs.get("value")
    if value is not None and m.unit != "%" and value > m.upper_bound:
        problems.append(Problem("implausible_value", f"{m.short_name} cannot be more than {m.upper_bound:g} "
                                                     f"({m.unit}).", row, "value", f"{value:g}"))
    if value is not None and m.min_value is not None and value < m.min_value:
        problems.append(Problem("below_scale", f"{m.short_name} runs from {m.min_value:g} to {m.upper_bound:g}; "
                                               f"{value:g} is not on that scale.", row, "value", f"{value:g}"))
    if value is not None and obs.get("denominator") == 0:
        problems.append(Problem("zero_denominator", "A value cannot come from a denominator of 0 (no one was "
                                                    "counted): give the marker [x] or [z] instead.", row,
                                "denominator", "0"))
    counts = ("numerator", "denominator", "value") if m.unit == "count" else ("numerator", "denominator")
    for column in counts:
        number = obs.get(column)
        if number is None:
            continue
        if not float(number).is_integer():
            problems.append(Problem("not_whole_number", f"{column} counts people or events, so it must be a whole "
                                                        "number.", row, column, f"{number:g}"))
        elif number > MAXIMUM_COUNT:
            problems.append(Problem("implausible_value", f"{column} cannot be more than {MAXIMUM_COUNT:,} (more "
                                                         "than everyone in England).", row, column, f"{number:g}"))
    return problems


def check_observation(obs: dict, m: Measure, row: int) -> list[Problem]:
    """Value, counts, interval and marker must agree with each other and with the measure."""
    problems = []
    value, marker = obs.get("value"), obs.get("marker")
    if marker in VALUE_REPLACING_MARKERS and (value is not None or obs.get("text_value")):
        problems.append(Problem("value_with_marker", f"A value is given with {marker}, which stands in for a "
                                                     "value: give one or the other.", row, "value", str(value)))
    if marker is None and value is None and not obs.get("text_value"):
        problems.append(Problem("no_value", "The row has neither a value nor a marker such as [x] or [c].", row,
                                "value"))
    for column in ("value", "numerator", "denominator", "lower_ci", "upper_ci"):
        if obs.get(column) is not None and obs[column] < 0:
            problems.append(Problem("negative_value", f"{column} cannot be negative for {m.short_name}.", row,
                                    column, str(obs[column])))
        elif obs.get(column) == 0 and math.copysign(1.0, obs[column]) < 0:  # "-0": a rounded negative, or a typo
            problems.append(Problem("negative_zero", f"{column} is written as -0, which no count or rate can be: "
                                                     "give 0, or the unrounded value.", row, column, "-0"))
    text = obs.get("text_value")
    if text is not None and m.categories and text not in m.categories:
        problems.append(Problem("unknown_category", f"{m.short_name} is one of: {', '.join(m.categories)}.", row,
                                "value", text[:80]))
    if m.unit == "%" and value is not None and value > 100:
        problems.append(Problem("percent_over_100", f"{m.short_name} is a percentage and cannot be over 100.", row,
                                "value", str(value)))
    num, den = obs.get("numerator"), obs.get("denominator")
    if num is not None and den is not None:
        if m.unit == "%" and m.interval_method == "wilson" and num > den:
            problems.append(Problem("numerator_above_denominator", f"The numerator ({num:g}) is above the "
                                                                   f"denominator ({den:g}).", row, "numerator"))
        elif value is not None and den > 0 and m.interval_method in ("wilson", "byar"):
            expected = m.multiplier * num / den
            if abs(expected - value) > max(10 ** -m.decimals, abs(expected) * 0.001):
                problems.append(Problem("value_disagrees_with_counts", f"{num:g} ÷ {den:g} gives "
                                                                       f"{expected:.{m.decimals}f}, not {value:g}.",
                                        row, "value", str(value)))
    lower, upper = obs.get("lower_ci"), obs.get("upper_ci")
    if (lower is None) != (upper is None):
        problems.append(Problem("interval_incomplete", "Give both ends of the confidence interval, or neither.",
                                row, "lower_ci" if lower is None else "upper_ci"))
    elif lower is not None and value is not None and not lower <= value <= upper:
        problems.append(Problem("interval_excludes_value", f"The interval {lower:g}–{upper:g} does not contain "
                                                           f"the value {value:g}.", row, "value", str(value)))
    level = obs.get("ci_level")
    if level is not None and level not in (95.0, 99.8):
        problems.append(Problem("bad_ci_level", "The confidence level must be 95 or 99.8.", row, "ci_level",
                                str(level)))
    return problems + check_numbers(obs, m, row)
