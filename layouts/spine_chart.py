"""A council's measures against England as spine charts drawn in HTML (issue 27): nothing in them is interactive,
so they need neither plotly.js nor a figure per chart. A profile's 21 plotly charts took ~1 s of the browser's
main thread to draw; as HTML they arrive with the page (layouts/raw_html.py) and the browser lays them out.

One row per measure (page_models.council_model.SpineEntry): its name, a track with the comparator councils' range
(the middle half darker), England at the centre, the council's marker (shape and colour by rating) and the North
West's triangle, and the rating in words and icon. The names and words are text, so they wrap on a phone and grow
with presenter view's type; the track is a picture of what the table below the chart says in numbers."""

from __future__ import annotations

from dash import html
from markupsafe import Markup

from analysis.vocabulary import RATING_COLOURS
from layouts.figures import rating_label
from layouts.theme import BENCHMARK

# Each rating's marker as the plotly charts and their keys draw it: circle, diamond, square, hexagon, circle-x.
SHAPES = {
    "circle": '<circle r="7"/>',
    "diamond": '<path d="M0-8.5 8.5 0 0 8.5-8.5 0Z"/>',
    "square": '<rect x="-6.5" y="-6.5" width="13" height="13"/>',
    "hexagon": '<path d="M0-8 7 -4 7 4 0 8-7 4-7-4Z"/>',
    "circle-x": '<circle r="7"/><path d="M-4.5-4.5 4.5 4.5M-4.5 4.5 4.5-4.5" fill="none"/>',
}
REGION = '<path d="M0-6.5 7 6-7 6Z"/>'  # the North West: a triangle


def marker_svg(shape: str, fill: str, stroke_width: float) -> Markup:
    """A rating's (or the region's) marker as a small SVG, outlined in the benchmark's ink: spine and ranked charts."""
    return Markup(f'<svg viewBox="-10 -10 20 20" aria-hidden="true" focusable="false"><g fill="{fill}" '
                  f'stroke="{BENCHMARK}" stroke-width="{stroke_width}">{shape}</g></svg>')


def _at(position: float) -> dict:
    return {"left": f"{position * 100:.2f}%"}


def _track(e) -> html.Span:
    g = e.geometry
    style = RATING_COLOURS[e.colour]
    parts = [html.Span(className=f"spine-band {kind}", style={"left": f"{x0 * 100:.2f}%",
                                                               "width": f"{max(0.0, x1 - x0) * 100:.2f}%"})
             for kind, x0, x1 in (("outer", g.worst, g.q_low), ("middle", g.q_low, g.q_high),
                                  ("outer", g.q_high, g.best))]
    parts.append(html.Span(className="spine-centre"))
    if g.region is not None:
        parts.append(html.Span(marker_svg(REGION, "#ffffff", 2), className="spine-mark region", style=_at(g.region)))
    if g.council is not None:
        parts.append(html.Span(marker_svg(SHAPES[style.symbol], style.fill, 1.5), className="spine-mark council",
                               style=_at(g.council)))
    return html.Span(html.Span(parts, className="spine-scale"), className="spine-track", **{"aria-hidden": "true"})


def spine_chart(entries, title: str, source: str, benchmark_label: str, caption: str, *,
                judged: bool = True) -> html.Figure | None:
    """The chart for these entries (worst → best when `judged`, lowest → highest when not), or None without any.
    `caption` says in words how to read it."""
    if not entries:
        return None
    ends = ("Worst", "Best") if judged else ("Lowest", "Highest")
    rows = [html.Li([html.Span(e.name, className="spine-name"), _track(e),
                     html.Span(rating_label(e.colour, e.rating), className="spine-rating")],
                    className="spine-row") for e in entries]
    axis = html.Div([html.Span(className="spine-name"),
                     html.Span([html.Span(ends[0]), html.Span(benchmark_label), html.Span(ends[1])],
                               className="spine-ends"),
                     html.Span(className="spine-rating")], className="spine-row spine-axis", **{"aria-hidden": "true"})
    return html.Figure([
        html.P(title, className="spine-title"),
        html.Ul(rows, className="spine-rows"),
        axis,
        html.P(source, className="spine-source"),
        html.Figcaption(caption),
    ], className="spine")
