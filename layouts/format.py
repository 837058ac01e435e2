"""Numbers and markers in words, the same way on every page and in every download."""

from __future__ import annotations

MARKER_WORDS = {
    "[c]": "Suppressed",
    "[x]": "Not available",
    "[z]": "Not applicable",
    "[u]": "Low reliability",
    "[p]": "Provisional",
    "[r]": "Revised",
}


def number(value: float | None, decimals: int) -> str:
    return "" if value is None else f"{value:,.{decimals}f}"


def with_unit(value: float | None, unit: str, decimals: int) -> str:
    """A value with its unit, as a reader would write it: 45.5%, 639.4 per 100,000, £420, 5.0 days."""
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


def cell_text(cell: dict, unit: str, decimals: int) -> str:
    """What a table cell says for one observation: the value, the category, or the marker in words."""
    marker = cell.get("marker")
    if cell.get("text_value") is not None:
        return cell["text_value"]
    if cell.get("value") is not None:
        text = with_unit(cell["value"], unit, decimals)
        return f"{text} ({MARKER_WORDS[marker].lower()})" if marker in MARKER_WORDS else text
    if marker in MARKER_WORDS:
        return MARKER_WORDS[marker]
    return "No data"


def interval_text(cell: dict, decimals: int) -> str:
    """"95% CI 41.7–49.3", or "" when the row has no interval."""
    if cell.get("lower_ci") is None or cell.get("upper_ci") is None:
        return ""
    level = cell.get("ci_level") or 95
    return f"{level:g}% CI {number(cell['lower_ci'], decimals)}–{number(cell['upper_ci'], decimals)}"
