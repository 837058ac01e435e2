"""The ranked comparison (every council as a dot with its interval, highest first) drawn in HTML (issue 27), as the
profile's spine charts are (layouts/spine_chart.py). Nothing in it is interactive, and as a plotly figure it cost a
domain page ~330 KB of plotly.js and ~400 ms of the browser's main thread before the first chart appeared; a
presenter's first measure slide waited for the same. As HTML it arrives with the page and the browser lays it out.

A grid of three columns: the council's name | its track | its rating in icon and word. Behind the tracks, one layer
spanning every row holds the grid lines, the middle 50% of councils (shaded) and the benchmark (a dashed line);
above them, the benchmark's and the middle half's labels have a row each; below, the axis's values and its title,
which says when the axis does not start at zero. Positions are percentages of the track, so the chart stretches to
any width while its words keep their size, wrap on a phone and grow with presenter view's type. The chart is one
picture to a screen reader (role="img" with its title): the table under it lists the same values in words."""

from __future__ import annotations

from dash import html

from analysis.formatting import with_unit
from analysis.vocabulary import RATING_COLOURS
from layouts.figures import (
    SHAPES,
    axis_title,
    fitted_range,
    marker_svg,
    nice_ticks,
    ranked_order,
    rating_label,
    tick_text,
)


def share_at(x: float | None, low: float, high: float) -> float:
    """A value's place along the track, in per cent of its width."""
    return 0.0 if x is None else max(0.0, min(100.0, (x - low) / ((high - low) or 1) * 100))


def placed(where: float, width: float | None = None) -> dict:
    """A mark's inline place along the track (and width), in per cent."""
    return {"left": f"{where:.2f}%"} | ({} if width is None else {"width": f"{max(0.0, width):.2f}%"})


def anchored(text, where: float, className: str) -> html.Span:
    """A label along the plot's top edge at `where` %, kept inside the track: from its left end near the left
    edge, its right end near the right, its middle elsewhere."""
    shift = "0%" if where < 25 else "-100%" if where > 75 else "-50%"
    return html.Span(text, className=className, style=placed(where) | {"transform": f"translateX({shift})"})


def _marker(colour: str, selected: bool, where: float) -> html.Span:
    style = RATING_COLOURS[colour]
    return html.Span(marker_svg(SHAPES[style.symbol], style.fill, 3 if selected else 1.5), className="ranked-mark",
                     style=placed(where))


def _track(r, at, selected: bool, median: float | None) -> list:
    """A council's track: its interval, its own median (if any) and its marker; or why it has no value."""
    rec = r.record
    if rec.value is None:
        none = "no value published" if r.value_text in ("", "No data") else f"no value: {r.value_text.lower()}"
        return [html.Span(none, className="ranked-none")]
    parts = []
    if rec.lower_ci is not None and rec.upper_ci is not None:
        parts.append(html.Span(className="ranked-whisker", style=placed(at(rec.lower_ci),
                                                                        at(rec.upper_ci) - at(rec.lower_ci))))
    if median is not None:
        parts.append(html.Span(className="ranked-median", style=placed(at(median))))
    return [*parts, _marker(rec.colour, selected, at(rec.value))]


def _row(r, i: int, selected: str | None, median: float | None, at) -> list:
    """Row `i` of the grid (from 2): the council's name, track and rating, each carrying its code (presenter view's
    spotlight), and a band behind them when it is the highlighted council."""
    code, chosen, row = r.record.area_code, r.record.area_code == selected, {"gridRow": str(i)}
    mark, council = " selected" if chosen else "", {"data-council": code}
    return [
        *([html.Div(className="ranked-band", style=row)] if chosen else []),
        html.Span(html.B(["▶\u00a0", r.name]) if chosen else r.name, className=f"ranked-name{mark}", style=row,
                  **council),
        html.Span(_track(r, at, chosen, median), className=f"ranked-track{mark}", style=row, **council),
        html.Span(rating_label(r.record.colour, r.record.rating), className="ranked-rating", style=row, **council),
    ]


def _labels(measure, benchmark_name: str, benchmark_value: float | None, quartiles, own_mark: str,
            narrow: bool, at) -> tuple[html.P | None, list]:
    """(a key above the chart, the lines along the plot's top edge): the benchmark (or the own medians' key) on
    one line, the middle half on the line below. On a phone a long benchmark label is the key instead, the whole
    width, with the line's dash."""
    key, top = None, []
    if own_mark:
        mark = own_mark.replace("its own nearest neighbours'", "own neighbours'") if narrow else own_mark
        top.append(html.Span([html.B("┃"), f" {mark}"], className="ranked-label"))
    elif benchmark_value is not None:
        label = f"{benchmark_name}: {with_unit(benchmark_value, measure.unit, measure.decimals)}"
        if narrow and len(label) > 24:
            key = html.P(["╎ ", html.B(label)], className="ranked-key")
        else:
            top.append(anchored(html.B(label), at(benchmark_value), "ranked-label benchmark-label"))
    if quartiles:
        top.append(anchored("middle 50% of councils", at((quartiles[0] + quartiles[1]) / 2),
                             "ranked-label quartile-label"))
    return key, [html.Div(label, className="ranked-line") for label in top]


def _behind(ticks: list[float], quartiles, benchmark_value: float | None, at) -> list:
    """The layer behind every row: grid lines at the axis's values, the middle half shaded, the benchmark."""
    back = [html.Span(className="ranked-grid", style=placed(at(t))) for t in ticks]
    if quartiles:
        back.append(html.Span(className="ranked-quartiles", style=placed(at(quartiles[0]),
                                                                        at(quartiles[1]) - at(quartiles[0]))))
    if benchmark_value is not None:
        back.append(html.Span(className="ranked-benchmark", style=placed(at(benchmark_value))))
    return back


def ranked_chart(rows, measure, *, title: str, source: str, benchmark_name: str, benchmark_value: float | None,
                 quartiles: tuple[float, float] | None, selected: str | None, own_mark: str = "",
                 style: dict | None = None, narrow: bool = False) -> html.Div:
    """Every council as a point with its interval, highest first, on an axis fitted to the data: the benchmark a
    labelled dashed line, the middle 50% of councils shaded, the rating (shape, colour, icon and word) in its own
    column, councils without a value listed at the bottom with the reason. With `own_mark` (each council against
    its own nearest neighbours, or its own target) no line is drawn: each council's own comparator is an upright
    mark on its row, named by those words. `rows`
    are page_models.rated_rows.RatedRow records; `style` sets the chart's type size and height (presenter view)."""
    ordered = ranked_order(rows)
    medians = [r.record.comparator_value if own_mark and r.record.value is not None else None for r in ordered]
    extent = [v for r in ordered for v in (r.record.value, r.record.lower_ci, r.record.upper_ci)]
    low, high, from_zero = fitted_range([*extent, benchmark_value, *(quartiles or ()), *medians])
    ticks = nice_ticks(low, high, 5 if narrow else 9)
    n = max(1, len(ordered))

    def at(x):
        return share_at(x, low, high)

    key, top = _labels(measure, benchmark_name, benchmark_value, quartiles, own_mark, narrow, at)
    cells = [html.Div(top, className="ranked-top", style={"gridRow": "1"}),
             html.Div(_behind(ticks, quartiles, None if own_mark else benchmark_value, at), className="ranked-back",
                      style={"gridRow": f"2 / span {n}"}),
             *[cell for i, (r, median) in enumerate(zip(ordered, medians, strict=True))
               for cell in _row(r, i + 2, selected, median, at)],
             html.Div([html.Span(tick_text(t, ticks), className="ranked-tick", style=placed(at(t))) for t in ticks],
                      className="ranked-ticks", style={"gridRow": str(n + 2)}),
             html.P(axis_title(measure, from_zero, low), className="ranked-axis", style={"gridRow": str(n + 3)})]
    rows_style = {"gridTemplateRows": f"auto repeat({n}, minmax(var(--ranked-row), 1fr)) auto auto"}
    return html.Div([html.P(title, className="ranked-title"), key,
                     html.Div(cells, className="ranked-plot", style=rows_style),
                     html.P(source, className="ranked-source")],
                    className="ranked" + (" narrow" if narrow else ""), role="img", style=style,
                    **{"aria-label": f"{title}. Each council's value as a dot with its interval, highest first; the "
                                     "table below lists the same values."})
