"""Spending beside outcomes (issue 31), on the published warehouse: the scatter's points are the warehouse's spend
and outcome values for the same year, read here straight from its observations; each point's words follow the
medians (of the chosen council's nearest neighbours without it, or of England's councils), worked out here again."""

from __future__ import annotations

import csv
import gzip
import statistics
from pathlib import Path

import pytest
from sqlalchemy import select

from data.schema import Observation
from layouts.raw_html import written
from layouts.spending_layout import spending_figure, spending_page, spending_table
from page_models import spending_model

TRAFFORD = "E08000009"


def stored(engine, measure: str, period: str) -> dict[str, float]:
    """The current value of every area for a measure and year, as the warehouse holds it."""
    with engine.connect() as c:
        rows = c.execute(select(Observation.area_code, Observation.value).where(
            Observation.measure_id == measure, Observation.period == period,
            Observation.superseded_by_release_id.is_(None), Observation.value.is_not(None),
            Observation.marker.is_(None))).all()
    return {code: value for code, value in rows}


def said(value: float, median: float, decimals: int, more: str, less: str) -> str:
    return more if round(value, decimals) > round(median, decimals) else \
        less if round(value, decimals) < round(median, decimals) else "about the same"


@pytest.mark.parametrize("spend, outcome, period", [("rw_gross_spend_per_adult", "ascof_1a", "2021-22"),
                                                    ("cq_homecare_hourly_rate", "ascof_2a2", "2020-21"),
                                                    ("rw_long_term_spend_per_adult", "ascof_2d", "2021-22"),
                                                    ("rw_long_term_spend_per_client", "ascof_1b", "2021-22")])
def test_the_points_are_the_warehouse_s_values_for_the_same_year(published, published_engine, spend, outcome,
                                                                 period):
    page = spending_model.build(published, spend, outcome, period, TRAFFORD)
    assert page.period == period and page.council == TRAFFORD
    xs, ys = stored(published_engine, spend, period), stored(published_engine, outcome, period)
    councils = {a for a in set(xs) & set(ys) if a.startswith(("E06", "E08", "E09", "E10"))}
    assert len(councils) >= 140
    assert {p.code: (p.spend, p.outcome) for p in page.points} == {c: (xs[c], ys[c]) for c in councils}
    # what is drawn: every point once, at its values, with the council a star of its own
    figure = spending_figure(page)
    drawn = sorted((x, y) for trace in figure["data"] for x, y in zip(trace["x"], trace["y"], strict=True))
    assert drawn == sorted((xs[c], ys[c]) for c in councils)
    star = next(t for t in figure["data"] if t["name"] == "the chosen council")
    assert (star["x"], star["y"]) == ([xs[TRAFFORD]], [ys[TRAFFORD]])


def test_each_point_s_words_follow_the_neighbours_medians(published, published_engine):
    spend, outcome, period = "rw_gross_spend_per_adult", "ascof_2a2", "2021-22"  # admissions: lower is better
    page = spending_model.build(published, spend, outcome, period, TRAFFORD)
    xs, ys = stored(published_engine, spend, period), stored(published_engine, outcome, period)
    members = [c for c in published.nearest_neighbours(TRAFFORD)["members"] if c != TRAFFORD]
    x_median = statistics.median(xs[c] for c in members if c in xs)
    y_median = statistics.median(ys[c] for c in members if c in ys)
    assert (page.spend_median, page.outcome_median) == pytest.approx((x_median, y_median))
    assert {p.code for p in page.points if p.kind == "neighbour"} == {c for c in members if c in xs and c in ys}
    s, o = page.spend, page.outcome
    for p in page.points:
        spends = said(p.spend, x_median, s.decimals, "spends more than", "spends less than")
        outcomes = said(p.outcome, y_median, o.decimals, "outcomes worse", "outcomes better")  # fewer is better
        assert p.quarter.startswith(spends if spends != "about the same" else "spends about the same as"), p
        assert p.quarter.endswith(outcomes if outcomes != "about the same" else "outcomes about the same"), p
    mine = next(p for p in page.points if p.kind == "council")
    assert page.finding.startswith(f"Trafford, {period}: {mine.quarter}")
    assert "its nearest neighbours' median" in mine.quarter
    # the table lists every point with its words
    table = written(spending_table(page))
    assert table.count("<tr") == len(page.points) + 1 and mine.quarter in table


def test_without_a_council_the_medians_are_england_s(published, published_engine):
    page = spending_model.build(published, "rw_gross_spend_per_adult", "ascof_1a", "2021-22", None)
    xs = stored(published_engine, "rw_gross_spend_per_adult", "2021-22")
    ys = stored(published_engine, "ascof_1a", "2021-22")
    both = [c for c in set(xs) & set(ys) if c in {p.code for p in page.points}]
    assert page.spend_median == pytest.approx(statistics.median(xs[c] for c in both))
    assert page.outcome_median == pytest.approx(statistics.median(ys[c] for c in both))
    assert page.against == "England's median" and not any(p.kind in ("council", "neighbour") for p in page.points)


@pytest.mark.parametrize("spend, outcome, period, council", [
    ("<script>", "ascof_9z", "9999-00", "E99999999"), ("", "", "", ""), (None, None, None, None)])
def test_anything_the_page_does_not_offer_gives_its_defaults(published, spend, outcome, period, council):
    page = spending_model.build(published, spend, outcome, period, council)
    assert (page.spend.id, page.outcome.id, page.council) == (spending_model.SPEND[0], spending_model.OUTCOMES[0],
                                                              None)
    assert page.period == page.periods[-1]


def test_the_profile_says_where_the_council_sits_and_links_each_chart(published):
    lines = spending_model.profile_lines(published, TRAFFORD)
    assert len(lines) == len(spending_model.SPEND)
    for sentence, href in lines:
        assert sentence.startswith("Trafford, ") and "nearest neighbours' median" in sentence
        assert href.startswith("/spending?spend=") and href.endswith(f"&council={TRAFFORD}")


def test_one_region_s_warehouse_says_there_is_nothing_to_compare(api):
    assert spending_model.build(api) is None
    assert "one region's only" in written(spending_page(None))


def test_long_term_support_spend_per_client_is_the_spend_over_the_people_supported(published_engine):
    """Worked out again from the bundled ASC-FR and SALT tables: Table 15's long-term support GCE (£ thousand) over
    Table 36's clients aged 18 to 64 and 65 and over, for every council that has all three."""
    cells: dict[str, dict[str, float]] = {}
    with gzip.open(Path(__file__).parents[2] / "data" / "published" / "ascfr_salt_2021_22.csv.gz", "rt") as f:
        for r in csv.DictReader(f):
            if r["period"] == "2021-22" and r["value"]:
                cells.setdefault(r["area_code"], {})[f"{r['table']} {r['column_label']}"] = float(r["value"])
    spend, young, old = "T15 Long Term Support GCE | 2021-22", "T36 18 to 64 | Clients", "T36 65 and over | Clients"
    expected = {code: round(1000 * c[spend] / (c[young] + c[old]), 2) for code, c in cells.items()
                if code.startswith(("E06", "E08", "E09", "E10")) and {spend, young, old} <= set(c) and c[spend] >= 0}
    found = stored(published_engine, "rw_long_term_spend_per_client", "2021-22")
    assert len(expected) >= 140 and expected["E08000009"] == pytest.approx(19975.96)
    assert {c: v for c, v in found.items() if c in expected} == pytest.approx(expected)
