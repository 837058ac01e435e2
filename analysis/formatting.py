"""Numbers with their units, written the same way in reason sentences, on screen and in downloads."""

from __future__ import annotations

from analysis.vocabulary import marker_words


def number(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:,.{decimals}f}"


def with_unit(value: float | None, unit: str, decimals: int) -> str:
    """A value as a reader would write it: 45.5%, 639.4 per 100,000, £420, 5.0 days."""
    if value is None:
        return ""
    text = number(value, decimals)
    if unit == "%":
        return f"{text}%"
    if unit == "£ per head":
        return f"£{text}"
    if unit in ("per 100,000", "days"):
        return f"{text} {unit}"
    return text


def interval_text(lower: float | None, upper: float | None, level: float | None, decimals: int) -> str:
    """"95% CI 41.7–49.3", or "" when there is no interval."""
    if lower is None or upper is None:
        return ""
    return f"{level or 95:g}% CI {number(lower, decimals)}–{number(upper, decimals)}"


def value_text(value: float | None, text_value: str | None, marker: str | None, unit: str, decimals: int) -> str:
    """A value in words: the category, the number with its unit, or what its marker means."""
    if text_value:
        return text_value
    if value is None:
        return marker_words(marker)
    return with_unit(value, unit, decimals)
