"""England's spread on a measure's page (issue 31): a point for every English council with a value, read
independently from the bundled published file; the North West's councils and the named council marked; each
council's place in England and the region's median in words."""

from __future__ import annotations

import csv
import gzip
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest

from layouts.raw_html import written
from layouts.strip_chart import strip_chart, strip_table
from page_models import catalogue_model, strip_model

BUNDLE = Path(__file__).parents[2] / "data" / "published" / "ascof_2017_18_to_2023_24.csv.gz"


def published_values(code: str, period: str) -> dict[str, float]:
    """Every council's value of an ASCOF measure (its pre-2023 code) in a year, straight from the bundled file."""
    with gzip.open(BUNDLE, "rt", newline="") as f:
        return {r["area_code"]: float(r["value"]) for r in csv.DictReader(f)
                if r["period"] == period and r["measure_id_pre2023"] == code and r["geographical_level"] == "Council"
                and r["value"] not in ("", None)}


class Marks(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.marks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        kind = dict(attrs).get("class") or ""
        if kind in ("strip-dot", "strip-home", "strip-chosen"):
            self.marks.append(kind)


@pytest.mark.parametrize("period, code", [("2023-24", "2D"), ("2019-20", "2D"), ("2022-23", "1A")])
def test_the_strip_has_a_point_for_every_english_council_with_a_value(published, period, code):
    measure = {"2D": "ascof_2d", "1A": "ascof_1a"}[code]
    strip = strip_model.build(published, published.catalogue.known_measure(measure), period, "E08000009")
    expected = published_values(code, period)
    assert strip.period == period and len(expected) >= 148
    assert {p.code: p.value for p in strip.points} == pytest.approx(expected)
    assert strip.count == len(expected)
    region = {c["code"] for c in published.councils_in(period)}
    assert {p.code for p in strip.points if p.in_region} == region & set(expected)
    # drawn: one mark per council, a diamond for each of the region's (the named council a star), in 9 regions
    marks = Marks(written(strip_chart(strip))).marks
    assert len(marks) == len(expected) and marks.count("strip-chosen") == 1
    assert marks.count("strip-home") + 1 == len(region & set(expected))
    assert len(strip.regions) == 9 and strip.regions[1].name == "North West"


def test_a_council_s_place_and_the_region_s_median_in_words(published):
    m = published.catalogue.known_measure("ascof_2d")
    strip = strip_model.build(published, m, "2023-24", "E08000009")
    values = published_values("2D", "2023-24")
    trafford = values["E08000009"]
    higher = sum(v > trafford for v in values.values())
    place = next(p for p in strip.points if p.code == "E08000009")
    assert place.rank == higher + 1
    lowest = len(values) - higher
    assert strip.summary[-1] == (f"Trafford: {trafford:.1f}%, the {strip_model.ordinal(lowest)} lowest of "
                                 f"{len(values)} English councils (higher is better).")
    home = statistics.median(v for c, v in values.items() if c in {p.code for p in strip.points if p.in_region})
    everyone = statistics.median(values.values())
    word = "above" if round(home, 1) > round(everyone, 1) else "below" if round(home, 1) < round(everyone, 1) \
        else "level with"
    assert f"their median, {home:.1f}%, is {word} the median of England's councils, {everyone:.1f}%" \
        in strip.summary[1]
    table = written(strip_table(strip))
    assert table.count("<tr") == 1 + 9 + 1 + 24  # heads, the regions, the region's councils


def test_a_warehouse_of_one_region_shows_no_spread(api):
    """The demo holds the North West only: no strip, rather than England's spread drawn from 24 councils."""
    page = catalogue_model.build_measure(api, "ascof_2d")
    assert page is not None and page.strip is None


def test_england_region_by_region_has_a_tile_for_every_rated_council(published):
    """The national comparison as small multiples: nine regions, every council rated against England once, with its
    rating's word said; the North West's tiles open their councils, the rest of England's open nothing."""
    from layouts.tile_map_layout import england_map as drawn_map
    from page_models import england_map

    m = published.catalogue.known_measure("ascof_2d")
    stored = {r.area_code: r for r in published.ratings(comparator="england", period="2023-24", measure=m.id)}
    page = england_map.build(published, m, "2023-24", "E08000009")
    assert len(page.panels) == 9 and page.panels[0].name == "North West"
    tiles = [t for p in page.panels for t in p.tiles]
    assert len(tiles) == len({t.code for t in tiles}) == len(stored) >= 150
    for t in tiles:
        assert (t.word, t.colour) == (stored[t.code].rating, stored[t.code].colour)
    home = page.panels[0].tiles
    assert len(home) == 24 and all(t.href and t.href.startswith(f"/council/{t.code}?") for t in home)
    assert not any(t.href for p in page.panels[1:] for t in p.tiles)
    assert [t.code for t in tiles if t.selected] == ["E08000009"]
    html_ = written(drawn_map(page))
    assert html_.count('<li class="small-tile') == len(tiles) and html_.count("<a ") == 24
    assert all(f"{t.name}: {t.value}, {t.word}" in html_ for t in tiles)
