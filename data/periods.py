"""Financial-year periods written `2023-24`: parsing, ordering and ranges."""

import logging
import re
from datetime import date
from functools import lru_cache

log = logging.getLogger("scorecard")
_FY = re.compile(r"^(\d{4})-(\d{2})$")


def is_financial_year(text: str) -> bool:
    """True for a well-formed financial year such as `2023-24` (the second part follows the first)."""
    match = _FY.match(text or "")
    return match is not None and (int(match.group(1)) + 1) % 100 == int(match.group(2))


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


def skipped_period(period: str) -> bool:
    """Log, once per process, that rows with a period the app cannot show are skipped; always False (a filter)."""
    if period not in _WARNED and len(_WARNED) < 100:
        _WARNED.add(period)
        log.warning("skipping current observations with period %r: not a financial year from %s to %s (withdraw "
                    "the release that brought them: `scorecard releases withdraw`)", period, EARLIEST,
                    next_financial_year())
    return False
