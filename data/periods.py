"""Periods: financial years written `2023-24`, and their quarters written `2025-26 Q2` (July to September 2025):
parsing, ordering and ranges. Written this way, periods sort as text: 2024-25 Q4 < 2025-26 < 2025-26 Q1."""

import logging
import re
from datetime import date
from functools import lru_cache

log = logging.getLogger("scorecard")
_FY = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4}-\d{2}) Q([1-4])$")
QUARTER_MONTHS = {1: ("April", "June"), 2: ("July", "September"), 3: ("October", "December"), 4: ("January", "March")}


def is_financial_year(text: str) -> bool:
    """True for a well-formed financial year such as `2023-24` (the second part follows the first)."""
    match = _FY.match(text or "")
    return match is not None and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def is_quarter(text: object) -> bool:
    """True for a well-formed quarter of a financial year such as `2025-26 Q2`."""
    match = _QUARTER.match(text) if isinstance(text, str) else None
    return match is not None and is_financial_year(match.group(1))


def quarter_year(period: str) -> str:
    """The financial year a quarter falls in: `2025-26 Q2` -> `2025-26`."""
    if not is_quarter(period):
        raise ValueError(f"{period!r} is not a quarter written like 2025-26 Q2")
    return period[:7]


def quarter_number(period: str) -> int:
    """`2025-26 Q2` -> 2."""
    quarter_year(period)  # refuses what is not a quarter
    return int(period[-1])


def quarter_words(period: str) -> str:
    """`2025-26 Q2` -> "July to September 2025"; Q4 ends in the next calendar year ("January to March 2026")."""
    first, last = QUARTER_MONTHS[quarter_number(period)]
    year = start_year(quarter_year(period)) + (1 if quarter_number(period) == 4 else 0)
    return f"{first} to {last} {year}"


def quarters_of(year: str) -> list[str]:
    return [f"{year} Q{n}" for n in range(1, 5)]


def year_of(period: str) -> str:
    """The financial year of a period: itself, or the year a quarter falls in."""
    return quarter_year(period) if is_quarter(period) else period


def start_year(period: str) -> int:
    """The calendar year a financial year starts in: `2023-24` -> 2023."""
    if not is_financial_year(period):
        raise ValueError(f"{period!r} is not a financial year written like 2023-24")
    return int(period[:4])


def financial_year(start: int) -> str:
    """The financial year starting in April of `start`: 2023 -> `2023-24`."""
    return f"{start}-{(start + 1) % 100:02d}"


def period_range(first: str, last: str) -> list[str]:
    """Every financial year from `first` to `last` inclusive."""
    return [financial_year(y) for y in range(start_year(first), start_year(last) + 1)]


def period_start(period: str) -> date:
    """1 April of the financial year."""
    return date(start_year(period), 4, 1)


def period_end(period: str) -> date:
    """31 March at the end of the financial year."""
    return date(start_year(period) + 1, 3, 31)


EARLIEST = "2010-11"  # the first year an import may carry when a measure does not say its own first year


def current_financial_year(today: date | None = None) -> str:
    """The financial year `today` falls in: 1 December 2026 -> `2026-27`, 1 March 2027 -> `2026-27`."""
    today = today or date.today()
    return financial_year(today.year if today.month >= 4 else today.year - 1)


def next_financial_year(today: date | None = None) -> str:
    """The year after the current one: the latest an import may carry when a measure does not say (plans and
    budgets are published for the coming year)."""
    return _year_after(today or date.today())


@lru_cache(maxsize=8)
def _year_after(today: date) -> str:
    return financial_year(start_year(current_financial_year(today)) + 1)


def within(period: str, first: str, last: str) -> bool:
    """Whether a well-formed period falls between two others, inclusive."""
    return start_year(first) <= start_year(period) <= start_year(last)


@lru_cache(maxsize=256)
def usable(period: object) -> bool:
    """Whether the app can show a period read from the warehouse: a financial year from 2010-11 to the year after
    the current one. Imports refuse others; one that got in some other way is skipped (see data.read_api)."""
    return isinstance(period, str) and is_financial_year(period) and within(period, EARLIEST, next_financial_year())


_WARNED: set[str] = set()


def usable_quarter(period: object) -> bool:
    """Whether a period read from the warehouse is a quarter of a year the app can show (quarterly returns are read
    on their own: data.quarters; the annual views leave them out)."""
    return is_quarter(period) and usable(quarter_year(str(period)))


def skipped_period(period: str) -> bool:
    """Log, once per process, that rows with a period the app cannot show are skipped; always False (a filter). A
    quarter is not logged: the annual views leave quarterly returns out on purpose."""
    if usable_quarter(period):
        return False
    if period not in _WARNED and len(_WARNED) < 100:
        _WARNED.add(period)
        log.warning("skipping current observations with period %r: not a financial year from %s to %s (withdraw "
                    "the release that brought them: `scorecard releases withdraw`)", period, EARLIEST,
                    next_financial_year())
    return False
