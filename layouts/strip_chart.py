"""England's spread (page_models.strip_model.EnglandStrip) drawn in HTML, as the ranked chart is
(layouts/ranked_chart.py): a grid of two columns, the region's name | its strip. Each strip holds the middle half of
the region's councils as a box with its median, and every council as a dot: grey for England's, a purple diamond for
the North West's, a yellow star with its name for the council a reader named. Behind every strip, the axis's grid
lines and England's value as a dashed line. Positions are percentages of the strip, so the chart fits any width. The
chart is one picture to a screen reader (role="img"): the sentences above it and the table under it say the same."""

from __future__ import annotations

from dash import html

from analysis.formatting import with_unit
from layouts.components import scroll_box
from layouts.figures import axis_title, fitted_range, nice_ticks, tick_text
from layouts.ranked_chart import anchored, placed, share_at
from page_models.strip_model import EnglandStrip, RegionStrip


def _strip(r: RegionStrip, selected: str | None, at) -> list:
    parts = []
    if r.quartiles:
        parts.append(html.Span(className="strip-box", style=placed(at(r.quartiles[0]),
                                                                  at(r.quartiles[1]) - at(r.quartiles[0]))))
    parts.append(html.Span(className="strip-median", style=placed(at(r.median))))
    # England's councils first, the region's above them, the named council on top (later is drawn over earlier)
    for i, p in enumerate(sorted(r.points, key=lambda p: (p.code == selected, p.in_region))):
        kind = "strip-chosen" if p.code == selected else "strip-home" if p.in_region else "strip-dot"
        offset = {"top": f"{35 + 30 * (i % 2)}%"} if kind == "strip-dot" else {}  # two rows: fewer dots hidden
        parts.append(html.Span(className=kind, style=placed(at(p.value)) | offset))
        if kind == "strip-chosen":
            parts.append(anchored(f"{p.name} {p.text}", at(p.value), "strip-chosen-label"))
    return parts


def strip_chart(s: EnglandStrip, narrow: bool = False) -> html.Div:
    values = [p.value for p in s.points] + ([s.england] if s.england is not None else [])
    low, high, from_zero = fitted_range(values)
    ticks = nice_ticks(low, high, 5 if narrow else 9)

    def at(x):
        return share_at(x, low, high)

    n = len(s.regions)
    back = [html.Span(className="ranked-grid", style=placed(at(t))) for t in ticks]
    if s.england is not None:
        back.append(html.Span(className="ranked-benchmark", style=placed(at(s.england))))
    # England's value named above its line; on a phone, where the label is wider than the strip, in a key line
    label = anchored(html.B(s.england_text), at(s.england), "ranked-label benchmark-label") \
        if s.england is not None and not narrow else None
    key = html.P(["╎ ", html.B(s.england_text)], className="ranked-key") if s.england is not None and narrow else None
    cells = [html.Div(label, className="ranked-top strip-top", style={"gridRow": "1"}),
             html.Div(back, className="ranked-back", style={"gridRow": f"2 / span {n}"})]
    for i, r in enumerate(s.regions):
        row = {"gridRow": str(i + 2)}
        home = " strip-home-row" if r.home else ""
        cells += [html.Span(html.B(r.name) if r.home else r.name, className=f"ranked-name{home}", style=row),
                  html.Span(_strip(r, s.selected, at), className=f"ranked-track strip-track{home}", style=row)]
    cells += [html.Div([html.Span(tick_text(t, ticks), className="ranked-tick", style=placed(at(t))) for t in ticks],
                       className="ranked-ticks", style={"gridRow": str(n + 2)}),
              html.P(axis_title(s.measure, from_zero, low), className="ranked-axis", style={"gridRow": str(n + 3)})]
    return html.Div([html.P(s.title, className="ranked-title"), key,
                     html.Div(cells, className="ranked-plot strip-plot",
                              style={"gridTemplateRows": f"auto repeat({n}, minmax(2.4em, 1fr)) auto auto"}),
                     html.P(s.source, className="ranked-source")],
                    className="ranked strip" + (" narrow" if narrow else ""), role="img",
                    **{"aria-label": f"{s.title}. Each region's councils as dots along the axis, the middle half of "
                                     "them as a box with the median; the table below lists the same values."})


KEY = (("●", "grey dots: England's councils"), ("◆", "purple diamonds: North West councils"),
       ("▭", "box: the middle half of a region's councils, with a line at their median"),
       ("╎", "dashed line: England's value"))


def strip_table(s: EnglandStrip) -> html.Details:
    """Each region's councils with a value, lowest, middle half, median and highest; then the North West's councils
    with their value and place in England: the chart's values in words."""
    m = s.measure

    def u(x):
        return with_unit(x, m.unit, m.decimals)

    regions = [[r.name, str(len(r.points)), r.points[0].text, u(r.quartiles[0]) if r.quartiles else "—", u(r.median),
                u(r.quartiles[1]) if r.quartiles else "—", r.points[-1].text] for r in s.regions]
    home = sorted((p for p in s.points if p.in_region), key=lambda p: p.rank)
    caption = f"{s.title}: each region's spread"
    caption2 = f"{m.short_name}, {s.period}: the North West's councils in England's order"
    return html.Details([
        html.Summary("The chart's values, as tables"),
        scroll_box(html.Table([html.Caption(caption), html.Thead(html.Tr([html.Th(h, scope="col") for h in (
            "Region", "Councils with a value", "Lowest", "Lower quartile", "Median", "Upper quartile", "Highest")])),
            html.Tbody([html.Tr([html.Th(row[0], scope="row"), *[html.Td(c) for c in row[1:]]]) for row in regions])],
            className="table table-sm strip-regions"), caption),
        scroll_box(html.Table([html.Caption(caption2), html.Thead(html.Tr([html.Th(h, scope="col") for h in (
            "Council", "Value", f"Place in England (1 = highest of {s.count})")])),
            html.Tbody([html.Tr([html.Th(p.name, scope="row"), html.Td(p.text), html.Td(str(p.rank))],
                                className="selected-row" if p.code == s.selected else None) for p in home])],
            className="table table-sm strip-home-table"), caption2),
    ], className="fold")
