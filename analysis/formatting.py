"""Numbers with their units, written the same way in reason sentences, on screen and in downloads."""

from __future__ import annotations


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
