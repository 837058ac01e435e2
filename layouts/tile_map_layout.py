"""The tile map (page_models.tile_map.TileMap) as HTML: a list of links placed on a CSS grid, one equal tile per
council. A measure's tile is painted in its rating's colour and says the rating's word beside its icon, and the value;
a domain's tile shows its counts as a small bar and icons, and says them in words to a screen reader. The list is in
name order, so a screen reader reads it as an index; a table of the same values is folded under it."""

from __future__ import annotations

from dash import html

from analysis.vocabulary import RATING_COLOURS
from layouts.components import bar_background, count_icons, scroll_box
from page_models.tile_map import Tile, TileMap

HOW = "One equal tile per council, laid out roughly as the region lies: Cumbria at the top, Cheshire at the foot."


def _name(t: Tile) -> list:
    """The full name; on a phone, where a tile is about 50 pixels wide, a shorter one is shown in its place. Both
    are pictures to a screen reader, which reads the full name, hidden, instead."""
    if t.short == t.name:
        return [html.Span(t.name, className="tile-name")]
    return [html.Span(t.name, className="visually-hidden"),
            html.Span(t.name, className="tile-name tile-full", **{"aria-hidden": "true"}),
            html.Span(t.short, className="tile-name tile-short", **{"aria-hidden": "true"})]


def _tile(t: Tile) -> html.Li:
    place = {"gridColumn": str(t.column + 1), "gridRow": str(t.row + 1)}
    if t.counts is not None:  # a domain's tile: its counts as a bar and icons (the words for a screen reader)
        body = [*_name(t),
                html.Span(className="tile-stack", style={"backgroundImage": bar_background(t.counts)},
                          **{"aria-hidden": "true"}),
                html.Span(count_icons(t.counts) + (f" ⚑{t.flagged}" if t.flagged else ""), className="tile-counts",
                          **{"aria-hidden": "true"}),
                html.Span(f": {t.words}", className="visually-hidden")]
        return html.Li(html.A(body, href=t.href, className="tile-link"), className="tile tile-counted",
                       style=place, **{"data-council": t.code})
    colour = RATING_COLOURS[t.colour]
    body = [*_name(t), html.Span(t.value, className="tile-value"),
            html.Span([html.Span(colour.icon, className="rating-icon", **{"aria-hidden": "true"}), t.word],
                      className="tile-word")]
    return html.Li(html.A(body, href=t.href, className="tile-link"), className=f"tile tile-{t.colour}",
                   style=place | {"backgroundColor": colour.fill, "color": colour.text}, **{"data-council": t.code})


def tile_table(m: TileMap) -> html.Details:
    """The map's text alternative: every tile's council, value and rating (or counts), by name."""
    counted = any(t.counts is not None for t in m.tiles)
    head = ["Council", "Ratings"] if counted else ["Council", "Value", "Rating"]
    body = [html.Tr([html.Th(t.name, scope="row"),
                     *([html.Td(t.words)] if counted else [html.Td(t.value), html.Td(t.word)])])
            for t in m.tiles]
    caption = f"{m.title}: the map's values"
    return html.Details([html.Summary("The map's values, as a table"),
                         scroll_box(html.Table([html.Caption(caption),
                                                html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                                                html.Tbody(body)], className="table table-sm tile-table"), caption)],
                        className="fold")


def tile_map(m: TileMap, heading: str = "h3") -> html.Section:
    """The map under its heading, with its caption, its succession note and its table."""
    return html.Section([
        getattr(html, heading.upper())(m.title, className="h4 tile-title"),
        html.Figure([
            html.Ul([_tile(t) for t in m.tiles], className="tile-grid",
                    style={"gridTemplateRows": f"repeat({m.rows}, auto)"},
                    **{"aria-label": f"{m.title}: every council, by name"}),
            html.Figcaption([m.caption, html.Span(f" {HOW}", className="tile-how"), f" {m.note}" if m.note else ""],
                            className="finding tile-caption"),
        ], className="tile-figure"),
        tile_table(m),
    ], className="tile-map", **{"aria-label": m.title})


def _small(t) -> html.Li:
    colour = RATING_COLOURS[t.colour]
    said = html.Span(f"{t.name}: {t.value}, {t.word}", className="visually-hidden")
    icon = html.Span(colour.icon, **{"aria-hidden": "true"})
    body = html.A([icon, said], href=t.href, className="small-tile-link") if t.href else html.Span([icon, said])
    return html.Li(body, className="small-tile" + (" small-tile-chosen" if t.selected else ""),
                   style={"backgroundColor": colour.fill, "color": colour.text}, **{"data-council": t.code})


def england_map(m) -> html.Section:
    """page_models.england_map.EnglandMap: a panel a region, each council a small tile (its icon shown, its name,
    value and rating said to a screen reader), the panel's counts in words; the same in a table folded under it."""
    panels = [html.Section([
        html.H4(p.name, className="h6 mb-1"),
        html.P(p.words, className="small mb-1"),
        html.Ul([_small(t) for t in p.tiles], className="small-tiles"),
    ], className="region-panel" + (" region-panel-home" if p.home else ""), **{"aria-label": p.name},
        style={"gridColumn": str(p.column + 1), "gridRow": str(p.row + 1)}) for p in m.panels]
    caption = f"{m.title}: each region's ratings"
    return html.Section([
        html.H3(m.title, className="h5 mt-3", id="england-map"),
        html.Figure([html.Div(panels, className="region-panels"),
                     html.Figcaption(m.caption, className="finding")]),
        html.Details([html.Summary("The map's values, as a table"),
                      scroll_box(html.Table([html.Caption(caption),
                                             html.Thead(html.Tr([html.Th("Region", scope="col"),
                                                                 html.Th("Ratings against England", scope="col"),
                                                                 html.Th("Councils", scope="col")])),
                                             html.Tbody([html.Tr([html.Th(p.name, scope="row"), html.Td(p.words),
                                                                  html.Td("; ".join(f"{t.name} {t.value} ({t.word})"
                                                                                    for t in p.tiles))])
                                                         for p in m.panels])],
                                            className="table table-sm england-map-table"), caption)],
                     className="fold"),
    ], className="england-map", **{"aria-label": m.title})
