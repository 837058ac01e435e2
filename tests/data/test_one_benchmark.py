"""One benchmark value per comparison (METHODS.md, Comparators; issue 25's real cases on the published bundle): a
region or England computed from its published counts, unrounded; a region's median only from two-thirds of its
councils; the nearest neighbours' median never counting the council; the sentence's number is the rating's."""

from __future__ import annotations

import re

import pytest

from analysis.formatting import with_unit

WARRINGTON, EAST_SUSSEX, TRAFFORD = "E06000007", "E10000011", "E08000009"


def _one(published, comparator: str, measure: str, period: str, area: str):
    (row,) = [r for r in published.ratings(comparator=comparator, period=period, measure=measure)
              if r.area_code == area]
    return row


def test_warrington_1g_is_similar_to_the_north_west_counted_unrounded(published):
    row = _one(published, "region", "ascof_1g", "2020-21", WARRINGTON)
    assert row.comparator_value == pytest.approx(100 * 17_201 / 19_761)  # 87.045%, published as 87.0
    assert (round(row.lower_ci, 2), round(row.upper_ci, 2)) == (87.03, 92.68)
    assert row.rating == "Similar" and row.comparator_basis == "published"


def test_east_sussex_1e_is_similar_to_england_counted_unrounded(published):
    row = _one(published, "england", "ascof_1e", "2020-21", EAST_SUSSEX)
    assert row.rating == "Similar" and row.lower_ci <= row.comparator_value <= row.upper_ci


def test_the_sentence_gives_the_rating_s_nearest_neighbours_median_without_the_council(published):
    row = _one(published, "nearest_neighbours", "ascof_2a2", "2020-21", TRAFFORD)
    assert row.comparator_value == 481.3 and "481.3 per 100,000" in row.reason
    assert row.narrative.endswith("than the nearest neighbours' median (481.3 per 100,000).")


@pytest.mark.parametrize("comparator", ["region", "england", "nearest_neighbours"])
def test_every_sentence_s_number_is_its_rating_s_benchmark(published, comparator):
    catalogue = published.catalogue
    checked = 0
    for r in published.ratings(comparator=comparator, period="2020-21"):
        if not r.narrative:
            continue
        m = catalogue.known_measure(r.measure_id)
        shown = re.search(r"\(([^()]*)\)\.$", r.narrative).group(1)
        assert shown == with_unit(r.comparator_value, m.unit, m.decimals), (r.area_code, r.measure_id, r.narrative)
        checked += 1
    assert checked > 100


def test_a_region_median_from_fewer_than_two_thirds_of_its_councils_is_not_used_and_says_why(published):
    # 2015-16 care home admissions 65+: LG Inform's extract has the Greater Manchester councils only
    row = _one(published, "region", "ascof_2a2", "2015-16", TRAFFORD)
    assert row.comparator_value is None and row.comparator_basis is None
    assert "fewer than the two-thirds a median needs" in row.comparator_name


def test_the_carers_survey_changes_since_its_previous_survey(published):
    row = _one(published, "region", "ascof_1d", "2018-19", TRAFFORD)
    assert row.change != "Cannot be calculated" and "since 2016-17" in row.change_reason


def test_no_download_cell_has_more_decimals_than_its_measure(published):
    from callbacks.state import overview_state
    from page_models import overview_model

    for slug in ("performance-outcomes", "resource-workforce"):
        page = overview_model.build(published, overview_state(published, f"?domain={slug}")[0])
        rows = overview_model.csv_rows(page)
        assert rows
        for row in rows:
            decimals = published.catalogue.known_measure(row["measure_id"]).decimals
            for column in ("value", "lower_ci", "upper_ci", "comparator_value"):
                if row[column] is not None:
                    assert row[column] == round(row[column], decimals), (row["measure_id"], column, row[column])


def test_the_overview_and_a_council_s_profile_open_on_the_same_comparator(published):
    from callbacks.state import overview_state, profile_state
    from page_models import council_model, overview_model

    overview = overview_model.build(published, overview_state(published, "?domain=leadership-governance")[0])
    profile = council_model.build(published, TRAFFORD, profile_state(published, TRAFFORD, ""))
    assert overview.benchmark == profile.benchmark == "North West"
    trafford = next(r for r in overview.matrix if r.code == TRAFFORD)
    (cell,) = [c for c in trafford.cells if c.domain.slug == "leadership-governance"]
    (section,) = [s for s in profile.sections if s.domain.slug == "leadership-governance"]
    assert cell.counts == {colour: n for colour, _, n in section.tallies}  # the same colours on both pages
