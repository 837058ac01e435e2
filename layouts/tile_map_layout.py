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
    """The full name; on a phone, where a tile is about 50 pixels wide, a shorter one is shown in its place (the full
    name stays for a screen reader)."""
    if t.short == t.name:
        return [html.Span(t.name, className="tile-name")]
    return [html.Span(t.name, className="tile-name tile-full"),
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
