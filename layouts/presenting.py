"""Charts drawn for presenter view from the start (issue 27): assets/presenter.js tells the server, through the
`presenter` store, the type size and the chart height it wants, and the domain page's ranked chart (HTML,
layouts/ranked_chart.py) arrives drawn that way. What the browser sends is checked like any input: anything else is
"not presenting"."""

from __future__ import annotations

from dataclasses import dataclass

FONTS = range(20, 31)        # type in a chart: the presenter's root size, 20 px at 1280 wide to 30 (presenter.js)
HEIGHTS = range(320, 4001)   # the chart's height in pixels: at least what 24 rows need, at most a 4K screen


@dataclass(frozen=True)
class Presenting:
    font: int
    height: int | None       # None: not yet measured in this browser; presenter.js fits the chart once


def presenting(data) -> Presenting | None:
    """The presenter store's data as sent: {"font": 20 to 30, "height": pixels or null}, or None."""
    if not isinstance(data, dict) or set(data) - {"font", "height"}:
        return None
    font, height = data.get("font"), data.get("height")
    if type(font) is not int or font not in FONTS:
        return None
    if height is not None and (type(height) is not int or height not in HEIGHTS):
        height = None
    return Presenting(font, height)
