"""The North West as a tile map: one equal tile per council, laid out roughly as the region lies (Cumbria at the
top, Lancashire below it, Merseyside to the west, Greater Manchester to the east, Cheshire at the foot), so that
Blackpool, Halton and Warrington are as large as Lancashire. A tile carries the council's name, the value as text
and the rating's word (its icon and colour are drawn by the layout), and opens the council. Cumbria has the tile
that Cumberland has from April 2023; the map shows the councils that had their duties in the period, no more.

Two maps are made: a measure's (each tile that council's rating) and a domain's (each tile the council's ratings
in the domain counted by colour, as the region matrix counts them)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.vocabulary import RATING_COLOURS

# (column, row) of each council's tile: six columns, six rows. Cumbria and its successor Cumberland share a place;
# they never both had duties in one year.
PLACES = {
    "E10000006": (1, 0), "E06000063": (1, 0), "E06000064": (2, 0),            # Cumbria; Cumberland, Westmorland
    "E06000009": (1, 1), "E10000017": (2, 1), "E06000008": (3, 1),            # Blackpool, Lancashire, Blackburn
    "E08000014": (0, 2), "E08000010": (2, 2), "E08000001": (3, 2),            # Sefton, Wigan, Bolton
    "E08000002": (4, 2), "E08000005": (5, 2),                                  # Bury, Rochdale
    "E08000012": (0, 3), "E08000011": (1, 3), "E08000013": (2, 3),            # Liverpool, Knowsley, St Helens
    "E08000006": (3, 3), "E08000003": (4, 3), "E08000004": (5, 3),            # Salford, Manchester, Oldham
    "E08000015": (0, 4), "E06000006": (1, 4), "E06000007": (2, 4),            # Wirral, Halton, Warrington
    "E08000009": (3, 4), "E08000007": (4, 4), "E08000008": (5, 4),            # Trafford, Stockport, Tameside
    "E06000050": (1, 5), "E06000049": (3, 5),                                  # Cheshire West, Cheshire East
}
COLUMNS = 6
ICONS = ", ".join(f"{c.icon} {c.counted}" for c in RATING_COLOURS.values())  # what a domain's tile's symbols mean
# A tile's name where a phone leaves it about 55 pixels: seven letters at most (the full name stays its link's
# words for a screen reader, and the table under the map names every council in full).
SHORT = {"E10000006": "Cumbria", "E06000063": "Cumb.", "E06000064": "W & F", "E06000009": "B'pool",
         "E10000017": "Lancs", "E06000008": "B'burn", "E08000005": "R'dale", "E08000012": "L'pool",
         "E08000011": "Knows.", "E08000013": "St Hel.", "E08000003": "Manc.", "E06000007": "W'ton",
         "E08000009": "Traff.", "E08000007": "Stockp.", "E08000008": "Tames.", "E06000050": "Ches W",
         "E06000049": "Ches E"}


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    short: str                    # the name on a phone
    column: int
    row: int
    href: str                     # the council's profile (at the measure, or the domain's section)
    colour: str                   # a rating colour (analysis.vocabulary.RATING_COLOURS); "grey" for a domain's tile
    word: str                     # the rating's word ("" for a domain's tile, which shows its counts)
    value: str                    # the value as text ("45.5%"), or "" for a domain's tile
    words: str                    # what the tile says after the name, in words ("45.5%, Better"; the counts)
    counts: dict[str, int] | None = None   # a domain's tile: its ratings counted by colour
    flagged: int = 0              # a domain's tile: how many of its ratings are worse and getting worse


@dataclass(frozen=True)
class TileMap:
    title: str
    caption: str                  # what the tiles show: the measure or domain, the year, the benchmark
    tiles: tuple[Tile, ...]       # one per council with duties in the period, by name
    rows: int
    note: str = ""                # Cumbria's succession, said where it changes the map


def places(codes: list[str]) -> dict[str, tuple[int, int]]:
    """Each council's tile; a council the layout does not know (an area added later) goes on a row below the
    region, in the order given."""
    unknown = [c for c in codes if c not in PLACES]
    return {c: PLACES[c] if c in PLACES else (unknown.index(c) % COLUMNS, 6 + unknown.index(c) // COLUMNS)
            for c in codes}


def _tile_map(title: str, caption: str, tiles: list[Tile]) -> TileMap:
    return TileMap(title, caption, tuple(tiles), 1 + max((t.row for t in tiles), default=5),
                   succession_note({t.code for t in tiles}))


def succession_note(codes: set[str]) -> str:
    if "E10000006" in codes:
        return ("Cumbria County Council had the duties until March 2023; Cumberland and Westmorland and Furness have "
                "had them since April 2023.")
    if {"E06000063", "E06000064"} & codes:
        return "Cumberland and Westmorland and Furness replaced Cumbria County Council in April 2023."
    return ""


def short_name(code: str, name: str) -> str:
    return SHORT.get(code, name)


def measure_map(rows, measure, period_words: str, benchmark: str, href) -> TileMap:
    """A measure's map: `rows` every council of the period (page_models.domain_model rows, RatedRow), each tile its
    rating's word and colour and its value; `href(row)` the tile's link."""
    where = places([r.record.area_code for r in rows])
    tiles = []
    for r in rows:
        code = r.record.area_code
        value = r.value_text if r.shows_value else "no value"
        tiles.append(Tile(code, r.name, short_name(code, r.name), *where[code], href(r), r.record.colour,
                          r.record.rating, value, f"{value}, {r.record.rating}"))
    return _tile_map(f"{measure.short_name}, {period_words}: on the map",
                     f"{measure.short_name}, {period_words}: each North West council's rating against {benchmark}.",
                     tiles)


def domain_map(matrix, domain, when: str, benchmark: str) -> TileMap:
    """A domain's map: `matrix` the overview's rows (overview_model.MatrixRow), each tile the council's ratings in
    `domain` counted by colour, linking to the domain's section of its profile."""
    ordered = sorted(matrix, key=lambda row: row.name)
    where = places([m.code for m in ordered])
    tiles = []
    for m in ordered:
        cell = next(c for c in m.cells if c.domain.slug == domain.slug)
        tiles.append(Tile(m.code, m.name, short_name(m.code, m.name), *where[m.code], cell.href, "grey", "", "",
                          cell.words, dict(cell.counts), cell.red_red))
    return _tile_map(f"{domain.name}: on the map",
                     f"{domain.name}, {when}: each North West council's ratings against {benchmark}, counted by "
                     f"colour ({ICONS}; ⚑ worse and getting worse).", tiles)
