"""Reading one cell: numbers, GSS markers and periods, each returning (value, problem-or-None)."""

from __future__ import annotations

import math
import re

from data.periods import is_financial_year

# GSS symbols and the older ones still seen in published tables, mapped to the scorecard's markers.
MARKERS = {"[c]": "[c]", "[x]": "[x]", "[z]": "[z]", "[u]": "[u]", "[low]": "[low]", "[p]": "[p]", "[r]": "[r]",
           "*": "[c]", "..": "[x]", ":": "[z]"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_SLASH_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def looks_like_formula(text: str) -> bool:
    """=, @ or a sign followed by something that is not a number: what a spreadsheet would run."""
    if not text:
        return False
    if text[0] in "=@":
        return True
    if text[0] in "+-" and len(text) > 1:
        try:
            float(text.replace(",", ""))
            return False
        except ValueError:
            return True
    return False


def parse_number(text: str) -> tuple[float | None, str | None]:
    """A number, or (None, problem code). Accepts thousands separators; refuses %, NaN and infinity."""
    text = text.strip()
    if text.endswith("%"):
        return None, "percent_sign"
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None, "not_a_number"
    if math.isnan(value) or math.isinf(value):
        return None, "not_a_number"
    return value, None


def parse_marker(text: str) -> str | None:
    """The scorecard marker for a GSS symbol (case-insensitive), or None if the text is not one."""
    return MARKERS.get(text.strip().lower())


def parse_period(text: str) -> tuple[str | None, str | None, str | None]:
    """(period as 2023-24, the style it was written in, problem code). `2023/24` is accepted as 2023-24."""
    text = text.strip()
    if is_financial_year(text):
        return text, "dash", None
    match = _SLASH_YEAR.match(text)
    if match and is_financial_year(f"{match.group(1)}-{match.group(2)}"):
        return f"{match.group(1)}-{match.group(2)}", "slash", None
    return None, None, "bad_period"
