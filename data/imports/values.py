"""Reading one cell: numbers, GSS markers and periods, each returning (value, problem-or-None)."""

from __future__ import annotations

import math
import re

from data.periods import is_financial_year

# GSS symbols and the older ones still seen in published tables, mapped to the scorecard's markers.
MARKERS = {"[c]": "[c]", "[x]": "[x]", "[z]": "[z]", "[u]": "[u]", "[low]": "[low]", "[p]": "[p]", "[r]": "[r]",
           "*": "[c]", "..": "[x]", ":": "[z]"}
_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
_PLAIN = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
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
    """A number written in plain digits 0-9, optionally with a sign, a decimal point and thousands commas; or
    (None, problem code). Refused: a percent sign, NaN, infinity, exponents (1e300), underscores (1_000) and any
    other script's digits (full-width ３１, Arabic-Indic ٣١), which Python's float() would otherwise read."""
    text = text.strip()
    if text.endswith("%"):
        return None, "percent_sign"
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if _PLAIN.match(text):
        return float(text), None
    try:
        value = float(text)
    except ValueError:
        return None, "not_a_number"
    return None, "not_a_number" if math.isnan(value) or math.isinf(value) else "not_plain_number"


NUMBER_MESSAGES = {"percent_sign": "Write the number without a percent sign (45, not 45%).",
                   "not_a_number": "The value must be a number (no NaN or infinity).",
                   "not_plain_number": "Write the number in plain digits 0-9, like 1234.5 or 1,234.5 (no exponents, "
                                       "underscores or other scripts' digits)."}


def parse_marker(text: str) -> str | None:
    """The scorecard marker for a GSS symbol (case-insensitive), or None if the text is not one."""
    return MARKERS.get(text.strip().lower())


def parse_period(text: str) -> tuple[str | None, str | None, str | None]:
    """(period as 2023-24, the style it was written in, problem code). `2023/24` is accepted as 2023-24; a quarter
    is written `2025-26 Q2` (or `2025/26 Q2`, in the same style as the file's years)."""
    text = text.strip()
    quarter = re.match(r"^(\S+)\s+Q([1-4])$", text, re.ASCII)
    if quarter:
        year, style, bad = parse_period(quarter.group(1))
        return (f"{year} Q{quarter.group(2)}", style, None) if year else (None, None, "bad_period")
    if is_financial_year(text):
        return text, "dash", None
    match = _SLASH_YEAR.match(text)
    if match and is_financial_year(f"{match.group(1)}-{match.group(2)}"):
        return f"{match.group(1)}-{match.group(2)}", "slash", None
    return None, None, "bad_period"
