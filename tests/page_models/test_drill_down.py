"""Context travels: a heatmap cell opens the council's profile at the same period and benchmark, at that measure,
so the profile shows the cell's rating."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from callbacks.state import profile_state
from page_models import council_model, overview_model
from page_models.states import OverviewState

COUNCILS = ("E08000009", "E06000008", "E08000012")  # Trafford, Blackburn with Darwen, Liverpool


def _profile_ratings(api, href: str, built: dict) -> tuple[dict, str | None]:
    """The profile a link opens: its rating word for every measure shown, and the highlighted measure."""
    parts = urlsplit(href)
    code = parts.path.rsplit("/", 1)[1]
    state = profile_state(api, code, "?" + parts.query)
    key = (code, state.period, state.benchmark, state.domain)
    if key not in built:
        built[key] = council_model.build(api, code, replace(state, measure=None))
    page = built[key]
    ratings = {p.measure.id: p.row.record.rating for s in page.sections for p in s.rows}
    return ratings, state.measure


@pytest.mark.parametrize("benchmark, period", [("north-west", "latest"), ("england", "latest"),
                                               ("nearest-neighbours", "2022-23")])
def test_every_heatmap_cell_opens_a_profile_with_the_same_rating(api, benchmark, period):
    built: dict = {}
    checked = 0
    for domain in api.catalogue.domains:
        page = overview_model.build(api, OverviewState(domain.slug, period, benchmark))
        for row in (r for r in page.heat_rows if r.code in COUNCILS):
            for (measure_id, _, _, _), cell in zip(page.measures, row.cells, strict=True):
                ratings, highlighted = _profile_ratings(api, cell.href, built)
                assert highlighted == measure_id and cell.href.endswith(f"#measure-{measure_id}")
                expected = cell.row.record.rating if cell.row else None
                assert ratings.get(measure_id) == expected, (row.name, measure_id, cell.href)
                checked += 1
    assert checked == 3 * len(api.collected())  # every heatmap column: the measures collected for the region


def test_the_profile_highlights_the_measure_a_link_asks_for(api):
    state = profile_state(api, "E08000009", "?domain=resource-workforce&measure=rw_vacancy&benchmark=north-west")
    page = council_model.build(api, "E08000009", state)
    (section,) = page.sections
    assert [p.measure.id for p in section.rows if p.selected] == ["rw_vacancy"]
    # A measure of another domain than the one shown is ignored, not an error.
    assert profile_state(api, "E08000009", "?domain=performance-outcomes&measure=rw_vacancy").measure is None


@pytest.mark.parametrize("benchmark, period", [("england", "latest"), ("nearest-neighbours", "2022-23")])
def test_a_heatmap_column_opens_that_measure_s_chart_with_the_same_choices(api, benchmark, period):
    """A column's head opened the measure's definition; a director wants the councils ranked on it, with the same
    year and benchmark (the chart's page links to the definition)."""
    from callbacks.state import domain_state
    from page_models import domain_model

    page = overview_model.build(api, OverviewState("performance-outcomes", period, benchmark))
    for measure_id, _, shown, href in page.measures:
        path, _, query = href.partition("?")
        assert path == "/domain/performance-outcomes", href
        chart = domain_model.build(api, domain_state(api, "performance-outcomes", "?" + query)[0])
        assert (chart.measure.id, chart.period) == (measure_id, shown) and chart.benchmark == page.benchmark, href
