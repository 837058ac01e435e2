"""England region by region (issue 31): the national comparison as small multiples, one panel a region laid out
roughly as the regions lie, each council one equal small tile in its rating's colour and icon against England (the
stored ratings: every English council is rated against England by the same method as the region's councils), the
panel's counts in words above it. The North West's tiles open their councils; a named council is outlined."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.formatting import value_text
from analysis.rating import rollup
from data import reference
from data.catalogue import Measure
from data.read_api import ReadAPI
from page_models.overview_model import count_words
from page_models.routes import council_href

NORTH_WEST = "E12000002"
# (column, row) of each region's panel: the north on top, London between the west and the south east.
PANELS = {"E12000002": (0, 0), "E12000001": (1, 0), "E12000003": (2, 0), "E12000005": (0, 1), "E12000004": (1, 1),
          "E12000006": (2, 1), "E12000009": (0, 2), "E12000007": (1, 2), "E12000008": (2, 2)}


@dataclass(frozen=True)
class SmallTile:
    code: str
    name: str
    colour: str
    word: str                     # the rating's word
    value: str
    href: str | None              # a North West council's profile at the measure; none for the rest of England
    selected: bool


@dataclass(frozen=True)
class RegionPanel:
    code: str
    name: str
    column: int
    row: int
    tiles: tuple[SmallTile, ...]  # by name
    words: str                    # "5 better, 12 similar, 7 worse"

    @property
    def home(self) -> bool:
        return self.code == NORTH_WEST


@dataclass(frozen=True)
class EnglandMap:
    title: str
    caption: str
    panels: tuple[RegionPanel, ...]


def build(api: ReadAPI, m: Measure, period: str, council: str | None) -> EnglandMap | None:
    """Every English council's rating against England in `period`; None when only one region's are stored."""
    areas = {a.code: a for a in reference.areas()}
    by_region: dict[str, list] = {}
    for r in api.ratings(comparator="england", period=period, measure=m.id):
        a = areas.get(r.area_code)
        if a is not None and a.kind == "council" and a.region_code in PANELS:
            by_region.setdefault(a.region_code, []).append((a, r))
    if len(by_region) < 2:
        return None
    panels = []
    for code, (column, row) in PANELS.items():
        found = sorted(by_region.get(code, []), key=lambda pair: pair[0].name)
        tiles = tuple(SmallTile(a.code, a.name, r.colour, r.rating,
                                value_text(r.value, r.text_value, r.marker, m.unit, m.decimals),
                                council_href(a.code, {"period": period, "measure": m.id, "benchmark": "england"})
                                if code == NORTH_WEST else None, a.code == council) for a, r in found)
        panels.append(RegionPanel(code, areas[code].name, column, row, tiles,
                                  count_words(rollup(t.colour for t in tiles), 0)))
    return EnglandMap(f"{m.short_name}, {period}: every English council against England, region by region",
                      f"{m.short_name}, {period}: each English council's rating against England, one equal tile per "
                      "council, its region's panel placed roughly as the regions lie. The North West's tiles open "
                      "their councils.", tuple(panels))
