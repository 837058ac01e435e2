"""A council's measures against England as spine charts drawn in HTML (issue 27): nothing in them is interactive,
so they need neither plotly.js nor a figure per chart. A profile's 21 plotly charts took ~1 s of the browser's
main thread to draw; as HTML they arrive with the page (layouts/raw_html.py) and the browser lays them out.

One row per measure (page_models.council_model.SpineEntry): its name, a track with the comparator councils' range
(the middle half darker), England at the centre, the council's marker (shape and colour by rating) and the North
West's triangle, and the rating in words and icon. The names and words are text, so they wrap on a phone and grow
with presenter view's type; the track is a picture of what the table below the chart says in numbers."""

from __future__ import annotations

from dash import html

from analysis.vocabulary import RATING_COLOURS
from layouts.figures import REGION, SHAPES, marker_svg, rating_label


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
