"""The funnel plot on a measure's page, on the published bundle: England's councils against their size, the limits,
the spread between councils, the North West marked and one council named; the rating's reason agrees with it."""

from __future__ import annotations

from callbacks.router import render
from data.spread import WIDER_INSIDE, WIDER_OUTSIDE
from layouts.funnel_figure import funnel_figure
from page_models import funnel_model
from page_models.funnel_model import SIZE_NOTE
from tests.callbacks.test_router import text_of

TRAFFORD = "E08000009"


def render_page_for_tests(api, path: str, search: str) -> str:
    return text_of(render(api, path, search)[1])


def _funnel(published, measure="ascof_2a2", period=None, council=TRAFFORD):
    return funnel_model.build(published, published.catalogue.known_measure(measure), period, council)


def test_the_funnel_shows_england_s_councils_against_their_size(published):
    f = _funnel(published)
    assert f.period == "2020-21" and f.periods == ("2020-21",)
    assert len(f.points) == 150 and len(f.region_rows) == 23
    assert f.target == published.funnel("ascof_2a2", "2020-21").target
    outside95 = sum(not p.place.startswith("inside") for p in f.points)
    outside998 = sum("99.8" in p.place for p in f.points)
    assert f.summary.startswith(f"Of England's 150 councils drawn, {outside95} are outside the 95% limits and "
                                f"{outside998} outside the 99.8% limits")
    assert outside95 > 100  # size, not performance: most councils are "significant" (issue 25: 76% of ratings)
    assert {line.key for line in f.lines} == {"95", "99.8", "wider"} and "φ = 22.2" in f.spread_words


def test_every_north_west_reason_agrees_with_the_funnel(published):
    f = _funnel(published)
    placed = {p.code: p for p in f.points}
    stored = published.ratings(comparator="england", period="2020-21", measure="ascof_2a2")
    checked = 0
    for r in stored:
        if r.rating in ("Better", "Worse"):
            point = placed[r.area_code]
            assert (WIDER_OUTSIDE in r.reason) == point.outside_wider, r.area_code
            assert (WIDER_INSIDE in r.reason) == (not point.outside_wider), r.area_code
            assert not point.place.startswith("inside"), r.area_code  # significant ⇒ outside the 95% funnel
            checked += 1
        else:
            assert "wider limits" not in r.reason
    assert checked > 100


def test_the_figure_marks_the_region_and_names_the_council(published):
    figure = funnel_figure(_funnel(published))
    names = [t["name"] for t in figure["data"]]
    assert "North West councils" in names and names[-1] == "Trafford"
    assert len(next(t for t in figure["data"] if t["name"] == "North West councils")["x"]) == 22
    labels = [a["text"] for a in figure["layout"]["annotations"]]
    assert "<b>Trafford</b>" in labels and any(t.startswith("<b>England 498.2") for t in labels)
    assert {"95%", "99.8%", "wider 95%"} <= set(labels)
    assert figure["layout"]["xaxis"]["type"] == "log" and "1,000" in figure["layout"]["xaxis"]["ticktext"]


def test_a_year_or_a_measure_without_a_funnel_says_why(published):
    assert _funnel(published, period="2022-23").period == "2020-21"  # the year with counts
    quartile = _funnel(published, "ascof_2c1")
    assert quartile.points == () and "not by significance" in quartile.empty
    survey = _funnel(published, "ascof_1a")
    assert "not rated by significance in any year" in survey.empty


def test_the_measure_page_carries_the_funnel_its_key_and_its_table(published):
    text = render_page_for_tests(published, "/measures/ascof_2a2", "?council=E08000009&period=2020-21")
    assert "Is the colour about size? A funnel plot" in text and SIZE_NOTE in text
    assert "yellow star: Trafford" in text and "the North West's councils against England's limits" in text
    hostile = render_page_for_tests(published, "/measures/ascof_2a2", "?council=<script>&period=9999-00")
    assert "Is the colour about size?" in hostile and "<script>" not in hostile
    assert "funnel plot" not in render_page_for_tests(published, "/measures/ascof_2c1", "").split("About the")[0]
