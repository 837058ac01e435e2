"""Nearest neighbours shown truthfully (METHODS.md, Comparators; issue 25), on the published bundle: a council beside
its named neighbours from anywhere in England, all measured against the one median it is rated against; a chart of
the region "against nearest neighbours" marks each council's own median instead of drawing one line; "Councils I
choose" offers any English council of the period."""

from __future__ import annotations

import re

import pytest

from callbacks.state import domain_state
from layouts.domain_layout import chart_html
from page_models import domain_model
from page_models.latest import england_councils
from page_models.states import DomainState
from tests.layouts.test_ranked_chart import Drawn

TRAFFORD, STOCKTON, CUMBRIA, CUMBERLAND = "E08000009", "E06000004", "E10000006", "E06000063"


def _place(markup: str, code: str, mark: str) -> float:
    """Where (per cent of the track) a council's row draws `mark`."""
    row = markup.split('class="ranked-track" style="grid-row:')[1:]
    track = next(t for t in row if f'data-council="{code}"' in t.split(">")[0])
    return float(re.search(rf'class="{mark}" style="left:([0-9.]+)%', track).group(1))


def _scale(markup: str) -> float:
    """Per cent of the track for one unit of the measure, from the axis's first and last values."""
    ticks = re.findall(r'class="ranked-tick" style="left:([0-9.]+)%">([^<]+)<', markup)
    (p0, v0), (p1, v1) = ticks[0], ticks[-1]
    return (float(p1) - float(p0)) / (float(v1.replace(",", "")) - float(v0.replace(",", "")))


def _page(published, measure: str, period: str, council: str | None, bench: str = "nearest-neighbours"):
    m = published.catalogue.known_measure(measure)
    return domain_model.build(published, DomainState(m.domain, measure, period, bench, council))


def test_trafford_beside_its_15_cipfa_neighbours_shows_16_values_against_one_median(published):
    page = _page(published, "ascof_2a2", "2020-21", TRAFFORD)
    view = page.neighbours
    group = published.nearest_neighbours(TRAFFORD)["members"]
    assert len(group) == 15 and view.heading == "Trafford beside its 15 nearest neighbours"
    assert {r.record.area_code for r in view.rows} == {TRAFFORD, *group}
    names = {r.name for r in view.rows}
    assert {"Stockton-on-Tees", "Derby", "Telford and Wrekin", "Swindon"} <= names  # from all over England
    valued = [r for r in view.rows if r.record.value is not None]
    # North Northamptonshire was created in 2021: listed, without a value, in 2020-21
    assert len(valued) == 15 and "North Northamptonshire" in names
    assert len({r.record.area_code for r in valued}) == 15
    own = next(r for r in view.rows if r.record.area_code == TRAFFORD)
    stored = next(r for r in published.ratings(comparator="nearest_neighbours", period="2020-21", measure="ascof_2a2")
                  if r.area_code == TRAFFORD)
    # the view's one line is the median Trafford's stored rating used, and its rating is the stored one
    assert view.chart.benchmark_value == own.record.comparator_value == stored.comparator_value == 481.3
    assert own.record.rating == stored.rating == "Worse"
    median = view.chart.benchmark_value
    for r in valued:  # lower is better: every colour is read against that one line
        expected = "Worse" if r.record.lower_ci > median else "Better" if r.record.upper_ci < median else "Similar"
        assert r.record.rating == expected, r.name
    assert "never counts Trafford itself" in view.note and "14 of the 15 neighbours" in view.note


def test_the_neighbours_chart_names_the_median_and_the_group(published):
    view = _page(published, "ascof_2a2", "2020-21", TRAFFORD).neighbours
    drawn = Drawn(chart_html(view.chart, published.catalogue.known_measure("ascof_2a2"), TRAFFORD).html)
    assert drawn.texts("ranked-line")[0] == "Trafford's nearest neighbours' median: 481.3 per 100,000"
    assert "CIPFA" in view.chart.source and "No value published" not in view.chart.source
    assert len(drawn.cells["ranked-name"]) == 16


def test_without_a_highlighted_council_the_neighbours_view_says_what_to_do(published):
    view = _page(published, "ascof_2a2", "2020-21", None).neighbours
    assert view.chart is None and view.note.startswith("Highlight a council")
    assert _page(published, "ascof_2a2", "2020-21", TRAFFORD, "north-west").neighbours is None


def test_against_nearest_neighbours_the_chart_marks_each_council_s_own_median(published):
    # Delayed transfers 2019-20: Liverpool is amber while Stockport, with a better (lower) value, is red: each is
    # measured against its own group's median, and the chart must show that instead of one shared line.
    m = published.catalogue.known_measure("ascof_2c1")
    page = _page(published, "ascof_2c1", "2019-20", None)
    tree = chart_html(page.chart, m, None)
    assert 'class="ranked-benchmark"' not in tree.html  # no single benchmark line
    rows, per_unit = {r.record.area_code: r for r in page.chart.rows}, _scale(tree.html)
    for code, r in rows.items():  # each council's own median on its own row, where the values say
        if r.record.value is not None:
            gap = (r.record.comparator_value - r.record.value) * per_unit
            assert _place(tree.html, code, "ranked-median") == pytest.approx(
                _place(tree.html, code, "ranked-mark") + gap, abs=0.05)
    worse_first = {"red": 0, "amber": 1, "green": 2}
    contradictions = [(a, b) for a in rows.values() for b in rows.values()
                      if a.record.colour in worse_first and b.record.colour in worse_first
                      and worse_first[a.record.colour] < worse_first[b.record.colour]
                      and a.record.value < b.record.value]  # a coloured worse with a better (lower) value
    assert contradictions, "the real case this chart must explain"
    for a, b in contradictions:  # explained: the two are measured against different medians, both drawn
        assert a.record.comparator_value != b.record.comparator_value
    assert "its own nearest neighbours' median" in Drawn(tree.html).texts("ranked-line")[0]
    assert domain_model.OWN_MEDIANS in page.caption


def test_councils_i_choose_offers_every_english_council_of_the_period(published):
    then = dict(england_councils(published, "2020-21"))
    now = dict(england_councils(published, "latest"))
    assert then[STOCKTON] == "Stockton-on-Tees" and len(then) > 140
    assert CUMBRIA in then and CUMBERLAND not in then  # a council is offered only for a year it existed
    assert CUMBERLAND in now and CUMBRIA not in now
    assert domain_model.find_council(tuple(then.items()), "stockton") == STOCKTON
    assert domain_model.find_council(tuple(then.items()), "  STOCKTON-ON-TEES ") == STOCKTON
    assert domain_model.find_council(tuple(then.items()), "North") is None  # more than one: not guessed


@pytest.mark.parametrize("chosen, kept", [(f"{STOCKTON},{TRAFFORD}", (STOCKTON, TRAFFORD)),
                                          (f"{CUMBERLAND},{STOCKTON}", (STOCKTON,))])
def test_a_link_may_choose_any_english_council_that_existed_in_the_period(published, chosen, kept):
    state, ignored = domain_state(published, "national-priorities-partnerships",
                                  f"?measure=ascof_2a2&period=2020-21&benchmark=chosen&chosen={chosen}")
    assert state.chosen == kept
    assert bool(ignored) == (len(kept) < 2)


def test_councils_chosen_from_anywhere_rate_the_region(published):
    neighbours = tuple(published.nearest_neighbours(TRAFFORD)["members"])
    page = domain_model.build(published, DomainState("national-priorities-partnerships", "ascof_2a2", "2020-21",
                                                     "chosen", TRAFFORD, neighbours))
    trafford = next(r for r in page.rows if r.record.area_code == TRAFFORD)
    assert trafford.record.comparator_value == 481.3  # the median of the same fifteen councils
    assert trafford.record.rating == "Worse"
