"""The tile map of the region (issue 31), on the published warehouse: one tile per council that had its duties in
the year (Cumbria before April 2023, Cumberland and Westmorland and Furness from 2023-24), each saying its rating in
words with a link to the council, and a table with the same values as the stored ratings."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from analysis.formatting import with_unit
from analysis.vocabulary import RATING_COLOURS
from layouts.raw_html import written
from layouts.tile_map_layout import tile_map
from page_models import domain_model, overview_model
from page_models.states import DomainState, OverviewState

CUMBRIA, CUMBERLAND, WESTMORLAND = "E10000006", "E06000063", "E06000064"


class Tiles(HTMLParser):
    """Each tile as the page draws it (its link and its text) and each row of the table under the map."""

    def __init__(self, text: str):
        super().__init__()
        self.tiles: list[dict] = []
        self.rows: list[list[str]] = []
        self._in: str | None = None
        self._hidden = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and "tile" in (a.get("class") or "").split():
            self.tiles.append({"code": a["data-council"], "href": None, "text": "", "style": a.get("style", "")})
            self._in = "tile"
        elif tag == "a" and self._in == "tile":
            self.tiles[-1]["href"] = a["href"]
        elif tag == "tr":
            self.rows.append([])
            self._in = "row"
        elif self._in == "row" and tag in ("th", "td"):
            self.rows[-1].append("")
        if a.get("aria-hidden") == "true" or self._hidden:
            self._hidden += 1

    def handle_endtag(self, tag):
        if self._hidden:
            self._hidden -= 1
        if tag == "li" and self._in == "tile":
            self._in = None

    def handle_data(self, data):
        if self._in == "tile" and not self._hidden:  # what a screen reader reads (the icon is decoration)
            self.tiles[-1]["text"] += data
        elif self._in == "row" and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def measure_page(published, period: str, benchmark: str = "north-west"):
    return domain_model.build(published, DomainState("national-priorities-partnerships", "ascof_2d", period, benchmark))


@pytest.mark.parametrize("period, expected, gone", [
    ("2022-23", 23, {CUMBERLAND, WESTMORLAND}), ("2023-24", 24, {CUMBRIA}), ("2019-20", 23, {CUMBERLAND})])
def test_one_tile_per_council_that_had_its_duties_in_the_year(published, period, expected, gone):
    """23 councils before April 2023 (Cumbria among them), 24 from 2023-24 (Cumberland and Westmorland and Furness
    in Cumbria's place): the issue's "24 and 25" counted one council too many; the councils lookup is the record."""
    page = measure_page(published, period)
    drawn = Tiles(written(tile_map(page.tiles)))
    codes = [t["code"] for t in drawn.tiles]
    region = {c["code"] for c in published.councils_in(period)}
    assert len(codes) == len(set(codes)) == expected == len(region) and set(codes) == region
    assert not gone & set(codes)
    places = [(t.column, t.row) for t in page.tiles.tiles]
    assert len(set(places)) == len(places), "no two tiles on one place"
    assert ("Cumbria" in page.tiles.note) and ("April 2023" in page.tiles.note)


@pytest.mark.parametrize("period, benchmark", [("2022-23", "north-west"), ("2023-24", "england"),
                                               ("latest", "nearest-neighbours")])
def test_each_tile_says_the_stored_rating_in_words_and_opens_the_council(published, period, benchmark):
    page = measure_page(published, period, benchmark)
    comparator = {"north-west": "region", "england": "england", "nearest-neighbours": "nearest_neighbours"}[benchmark]
    stored = {r.area_code: r for r in published.ratings(comparator=comparator, period=page.period,
                                                        measure="ascof_2d")}
    drawn = Tiles(written(tile_map(page.tiles)))
    m = published.catalogue.measure("ascof_2d")
    rated = 0
    for tile in drawn.tiles:
        r = stored.get(tile["code"])
        word = r.rating if r else "Not rated"
        assert tile["text"].strip().endswith(word), tile
        assert tile["href"].startswith(f"/council/{tile['code']}?") and "measure=ascof_2d" in tile["href"]
        if r is not None and r.value is not None:
            assert with_unit(r.value, m.unit, m.decimals) in tile["text"], tile
            rated += 1
    assert rated >= 20, "the published warehouse rates most councils"
    # The table under the map: the same council, value and rating word as the warehouse holds.
    names = {c["code"]: c["name"] for c in published.councils_in(page.period)}
    table = {row[0]: row[1:] for row in drawn.rows[1:]}
    assert set(table) == set(names.values())
    for code, name in names.items():
        r = stored.get(code)
        assert table[name][1] == (r.rating if r else "Not rated")
        if r is not None and r.value is not None:
            assert table[name][0] == with_unit(r.value, m.unit, m.decimals)


def test_a_tile_is_painted_in_its_rating_s_colour_and_says_its_word(published):
    page = measure_page(published, "2022-23")
    drawn = Tiles(written(tile_map(page.tiles)))
    by_code = {t.code: t for t in page.tiles.tiles}
    assert len({t.colour for t in page.tiles.tiles}) >= 3
    for tile in drawn.tiles:
        shown = by_code[tile["code"]]
        assert f"background-color:{RATING_COLOURS[shown.colour].fill}" in tile["style"].replace(" ", "")
        assert tile["text"].strip().endswith(shown.word) and shown.word


def test_the_domain_map_counts_each_council_s_stored_ratings(published):
    page = overview_model.build(published, OverviewState("performance-outcomes", "2022-23", "england"))
    measures = {m.id for m in published.catalogue.measures_in("performance-outcomes")}
    collected = {m.id for m in published.collected()}
    stored = [r for r in published.ratings(comparator="england", period="2022-23")
              if r.measure_id in measures & collected]
    assert len(page.tiles.tiles) == 23
    drawn = Tiles(written(tile_map(page.tiles)))
    for tile, shown in zip(page.tiles.tiles, drawn.tiles, strict=True):
        mine = Counter(r.colour for r in stored if r.area_code == tile.code)
        assert {k: n for k, n in tile.counts.items() if n} == dict(mine), tile.name
        assert shown["href"].endswith("#domain-performance-outcomes") and tile.words in shown["text"]
