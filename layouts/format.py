"""Numbers and markers in words, the same way on every page and in every download."""

from __future__ import annotations

from analysis.formatting import number, with_unit

__all__ = ["MARKER_WORDS", "cell_text", "interval_text", "number", "row_value_text", "with_unit"]

MARKER_WORDS = {
    "[c]": "Suppressed",
    "[x]": "Not available",
    "[z]": "Not applicable",
    "[u]": "Low reliability",
    "[p]": "Provisional",
    "[r]": "Revised",
    "[low]": "Too low to show",
}


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


def row_value_text(row: dict, unit: str, decimals: int) -> str:
    """A rated row's value in words: the category, the number with its unit, or what the marker means."""
    if row.get("text_value"):
        return row["text_value"]
    if row.get("value") is None:
        return MARKER_WORDS.get(row.get("marker"), "No data")
    return with_unit(row["value"], unit, decimals)
