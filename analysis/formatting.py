"""Numbers with their units, written the same way in reason sentences, on screen and in downloads."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from analysis.intervals import contains
from analysis.vocabulary import marker_words


def number(value: float | None, decimals: int) -> str:
    """A number to `decimals` places with thousands separated; never "-0.0" (a value that rounds to nought is 0)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def with_unit(value: float | None, unit: str, decimals: int) -> str:
    """A value as a reader would write it: 45.5%, 639.4 per 100,000, £420, £19.87 per hour, £17,512 per client, 5.0
    days."""
    if value is None:
        return ""
    text = number(value, decimals)
    if unit == "%":
        return f"{text}%"
    if unit == "£ per head":
        return f"£{text}"
    if unit in ("£ per hour", "£ per week", "£ per client"):
        return f"£{text} {unit.removeprefix('£ ')}"
    if unit in ("per 100,000", "per 100", "days"):
        return f"{text} {unit}"
    return text


def difference(amount: float, unit: str, decimals: int) -> str:
    """The size of a change: a change in a percentage is in percentage points, never "%" (METHODS.md)."""
    if unit == "%":
        text = number(amount, decimals)
        return f"{text} percentage point{'' if text == number(1, decimals) else 's'}"
    return with_unit(amount, unit, decimals)


MAX_EXTRA_DECIMALS = 4


def separating_decimals(lower: float | None, upper: float | None, benchmark: float | None, decimals: int) -> int:
    """The decimals to show an interval and its benchmark with, so that the numbers on screen agree with the
    rating: a benchmark outside the interval never looks equal to a bound (18.66 against 18.68 is not "18.7 against
    18.7"), and one inside (or on a bound, to floating-point noise) never looks outside ("18.95 against 18.95", not
    "18.9 against 19.0"). One more decimal at a time, up to four more."""
    if lower is None or upper is None or benchmark is None:
        return decimals
    inside = contains(lower, upper, benchmark)

    def agrees(shown: int) -> bool:
        low, high, bench = (float(number(x, shown).replace(",", "")) for x in (lower, upper, benchmark))
        return (low <= bench <= high) == inside

    shown = decimals
    while not agrees(shown) and shown < decimals + MAX_EXTRA_DECIMALS:
        shown += 1
    return shown


def interval_text(lower: float | None, upper: float | None, level: float | None, decimals: int) -> str:
    """"95% CI 41.7–49.3", or "" when there is no interval."""
    if lower is None or upper is None:
        return ""
    return f"{level or 95:g}% CI {number(lower, decimals)}–{number(upper, decimals)}"


def value_text(value: float | None, text_value: str | None, marker: str | None, unit: str, decimals: int) -> str:
    """A value in words: the category, the number with its unit, or what its marker means; a marker that goes with
    a value is said beside it: "100.0% (low reliability)"."""
    if text_value:
        return text_value
    if value is None:
        return marker_words(marker)
    return with_unit(value, unit, decimals) + (f" ({marker_words(marker).lower()})" if marker else "")


LONDON = ZoneInfo("Europe/London")


def uk_time(moment: datetime | None, exact: bool = False) -> str:
    """A stored time (UTC) as UK readers read it, with its zone: "6 December 2026, 08:30 GMT" (BST in summer);
    `exact` (the audit log): "2026-12-06 08:30:12 GMT"."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite gives back naive UTC
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(LONDON)
    return f"{local:%Y-%m-%d %H:%M:%S %Z}" if exact else f"{local:%-d %B %Y, %H:%M %Z}"
