"""Charts drawn for presenter view from the start (issue 27). assets/presenter.js used to enlarge each chart after
plotly had drawn it (a second full draw: 100–190 ms a slide); now it tells the server, through the `presenter`
store, the type size and the chart height it wants, and the domain page's chart arrives drawn that way. What the
browser sends is checked like any input: anything else is "not presenting"."""

from __future__ import annotations

from dataclasses import dataclass

FONTS = (15, 22)             # type in a chart: 15 px up to 1599 px wide, 22 px from 1600 (presenter.js)
HEIGHTS = range(320, 4001)   # the chart's height in pixels: at least what 24 rows need, at most a 4K screen


@dataclass(frozen=True)
class Presenting:
    font: int
    height: int | None       # None: not yet measured in this browser; presenter.js fits the chart once

    def key(self) -> list:
        return [self.font, self.height]


def presenting(data) -> Presenting | None:
    """The presenter store's data as sent: {"font": 15 or 22, "height": pixels or null}, or None."""
    if not isinstance(data, dict) or set(data) - {"font", "height"}:
        return None
    font, height = data.get("font"), data.get("height")
    if type(font) is not int or font not in FONTS:
        return None
    if height is not None and (type(height) is not int or height not in HEIGHTS):
        height = None
    return Presenting(font, height)


def for_presenter(figure: dict, present: Presenting | None, *, fill: bool = True) -> dict:
    """A figure as presenter view shows it: the type larger, nothing on hover (no one points at a projector), the
    intervals thicker for the back of the room, and (`fill`) the height presenter.js measured for the slide. Not
    presenting (`None`): the figure as it is."""
    if present is None:
        return figure
    layout = dict(figure["layout"])
    for axis in ("xaxis", "yaxis", "yaxis2"):
        if axis in layout:
            layout[axis] = {**layout[axis], "tickfont": {**layout[axis].get("tickfont", {}), "size": present.font}}
    layout["hovermode"] = False
    if fill and present.height is not None:
        layout["height"] = present.height
    data = list(figure["data"])
    if data and data[0].get("error_x"):
        data[0] = {**data[0], "error_x": {**data[0]["error_x"], "thickness": 3}}
    return {**figure, "data": data, "layout": layout}
