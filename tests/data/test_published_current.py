"""The published scorecard is full and current (issue 24): ASCOF to 2023-24 for every council, including the two
Cumbrian unitaries; spending and activity; every council in the region the publishers put it in."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from data import reference
from data.catalogue import ascof_codes
from data.published.sources import rows
from data.schema import Observation

TRAFFORD = "E08000009"


def _values(engine, period: str) -> dict[tuple[str, str], float | None]:
    with Session(engine) as session:
        found = session.execute(select(Observation.area_code, Observation.measure_id, Observation.value)
                                .where(Observation.period == period,
                                       Observation.superseded_by_release_id.is_(None))).all()
    return {(a, m): v for a, m, v in found}


def test_trafford_has_its_2023_24_ascof_values_under_the_measures_they_continue(published_engine):
    values = _values(published_engine, "2023-24")
    # NHS England's 2023-24 codes 1D (satisfaction, formerly 3A) and 2C (admissions 65+, formerly 2A2)
    assert values[(TRAFFORD, "ascof_3a")] == 52.3 and values[(TRAFFORD, "ascof_2a2")] == 779.6
    assert ascof_codes("ascof_2a2") == "ASCOF 2C from 2023-24, formerly 2A2"
    assert ascof_codes("ascof_3a") == "ASCOF 1D from 2023-24, formerly 3A"


def test_every_north_west_council_has_2023_24_values_including_the_two_cumbrian_unitaries(published_engine):
    values = _values(published_engine, "2023-24")
    north_west = [a for a in reference.areas() if a.kind == "council" and a.region_code == reference.NORTH_WEST
                  and a.exists_in("2023-24")]
    names = {a.name for a in north_west}
    # the region's 23 councils, with Cumbria's duties passed to Cumberland and to Westmorland and Furness in 2023
    assert len(north_west) == 24 and {"Cumberland", "Westmorland and Furness"} <= names and "Cumbria" not in names
    for council in north_west:
        ascof = [m for (a, m), v in values.items() if a == council.code and m.startswith("ascof_") and v is not None]
        assert len(ascof) >= 20, council.name


def test_every_council_is_in_the_region_nhs_digital_publishes_it_in():
    regions = {a.code: a.region_code for a in reference.areas() if a.kind == "council"}
    published = {(r["area_code"], r["region_code"]) for r in rows("ascfr_2021_22")
                 if r["geographical_level"] == "Local authority"}
    assert len(published) >= 150
    assert {code: region for code, region in published if regions[code] != region} == {}
    assert regions["E10000007"] == regions["E10000019"] == "E12000004"  # Derbyshire, Lincolnshire: East Midlands


def test_spending_and_activity_come_from_nhs_digital_s_tables(published_engine):
    values = _values(published_engine, "2021-22")
    # Table 16: £47,978.80 thousand per 100,000 adults is £479.79 per adult; Table 51: the external home care rate
    assert values[(TRAFFORD, "rw_gross_spend_per_adult")] == 479.79
    assert values[(TRAFFORD, "cq_homecare_hourly_rate")] is not None
    assert (("E08000005", "rw_gross_spend_per_adult") not in _values(published_engine, "2020-21")
            or _values(published_engine, "2020-21")[("E08000005", "rw_gross_spend_per_adult")] is None)  # Rochdale [x]


# ------------------------------------------------------------------ a judgement for every value that can have one
def _north_west_latest(published) -> dict[str, list]:
    """Each measure's ratings against the North West, for the region's councils with a value, in its latest year."""
    councils = {c["code"] for c in published.region_councils()}
    latest = published.latest_periods()
    out = {}
    for m in published.collected():
        if m.is_categorical:
            continue
        rows = [r for r in published.ratings(comparator="region", period=latest[m.id], measure=m.id)
                if r.area_code in councils and r.value is not None]
        if rows:
            out[m.id] = rows
    return out


def test_in_each_measure_s_latest_year_at_most_15_percent_of_the_region_s_values_are_not_rated(published):
    latest = _north_west_latest(published)
    assert len(latest) >= 35
    for measure_id, rated in latest.items():
        grey = [r for r in rated if r.colour == "grey"]
        assert len(grey) <= 0.15 * len(rated), (measure_id, grey[0].reason)
    no_judgement = [r for m, rows in latest.items() for r in rows if published.catalogue.known_measure(m).polarity
                    == "no_judgement"]
    assert no_judgement and {r.colour for r in no_judgement} == {"neutral"}  # Higher/Similar/Lower, never red or green


def test_one_method_per_measure_and_year_named_on_every_rating(published):
    with_counts = published.ratings(comparator="region", period="2020-21", measure="ascof_2d")
    headline_only = published.ratings(comparator="region", period="2023-24", measure="ascof_2d")
    assert {r.method for r in with_counts if r.value is not None} == {"significance"}
    assert {r.method for r in headline_only if r.value is not None} == {"quartile"}
    rated = next(r for r in headline_only if r.colour != "grey")
    assert "Rated by quartile position: confidence intervals can be calculated for fewer than two-thirds" in (
        rated.reason)


def test_a_trend_is_assessed_for_at_least_a_third_of_the_region_s_councils_and_measures(published):
    pairs = [r for rows in _north_west_latest(published).values() for r in rows]
    assessed = [r for r in pairs if r.trend not in ("cannot be calculated", "not applicable")]
    assert len(assessed) >= len(pairs) / 3, f"{len(assessed)} of {len(pairs)}"
    assert all(r.trend_reason and r.trend_reason != "None" for r in pairs)


def test_worse_and_getting_worse_fires_on_published_data_and_says_which_rule(published):
    red_red = [r for rows in _north_west_latest(published).values() for r in rows if r.red_red]
    assert red_red
    for r in red_red:
        assert r.colour == "red" and r.trend_verdict == "getting worse"
        assert "in each of the last 4 years" in r.trend_reason or "χ²" in r.trend_reason


def test_resource_and_culture_each_have_three_measures_with_values_from_2021_22(published):
    latest = published.latest_periods()
    for domain in ("resource-workforce", "culture-challenge"):
        recent = [m.id for m in published.catalogue.measures_in(domain) if latest.get(m.id, "") >= "2021-22"]
        assert len(recent) >= 3, (domain, recent)


def test_the_latest_year_has_values_for_two_thirds_of_the_region_or_is_the_only_kind_there_is(published):
    latest = published.latest_periods()
    for m in published.collected():
        period = latest[m.id]
        councils = {c["code"] for c in published.councils_in(period)}
        with_values = {r.area_code for r in published.ratings(comparator="region", period=period, measure=m.id)
                       if r.area_code in councils and (r.value is not None or r.text_value)}
        assert 3 * len(with_values) >= 2 * len(councils), (m.id, period, len(with_values))
    # a few councils' own series (Trafford and its peers', from LG Inform) is not a regional measure
    assert "cq_care_homes_good" in latest and "cq_care_homes_good" not in {m.id for m in published.collected()}


# ------------------------------------------------------------------ what a meeting and the public see
def test_every_presenter_slide_shows_a_chart_a_table_or_a_sentence_about_the_data(published):
    from callbacks.state import domain_state
    from layouts.shell import presenter_parts
    from page_models import domain_model, overview_model
    from page_models.states import OverviewState
    from tests.callbacks.test_router import text_of

    deck = json.loads(getattr(presenter_parts(published.catalogue.domains, published.collected(), [])[0],
                              "data-deck"))
    measures = [s for s in deck if s["kind"] == "measure"]
    assert len(measures) == len(published.collected()) >= 40
    assert deck[0]["kind"] == "changes"  # what changed since the last meeting: tested in tests/page_models
    for slide in deck[1:]:
        query = dict(parse_qsl(urlsplit(slide["href"]).query))
        if slide["kind"] in ("matrix", "heatmap", "map"):
            page = overview_model.build(published, OverviewState(query.get("domain", "performance-outcomes"),
                                                                 "latest", "north-west"))
            assert page.heat_empty is None and page.measures, slide["title"]
            assert sum(c.row is not None and c.row.has_value for r in page.heat_rows for c in r.cells) > 0
            if slide["kind"] == "map":  # the tiles count the ratings (Cumbria's successors have none in years
                assert page.tiles is not None      # before they took over: their tiles say "no ratings")
                assert sum(bool(sum(t.counts.values())) for t in page.tiles.tiles) >= 22
        else:
            slug = urlsplit(slide["href"]).path.rsplit("/", 1)[1]
            page = domain_model.build(published, domain_state(published, slug, f"?measure={query['measure']}")[0])
            assert page.empty is None and (page.chart is not None or page.timeline is not None), slide["title"]
            with_values = [r for r in page.rows if r.has_value or r.record.text_value]
            assert 3 * len(with_values) >= 2 * len(page.rows), slide["title"]
            assert "scorecard import" not in text_of(page.caption)


def test_one_line_per_measure_across_the_2023_refresh(published):
    from callbacks.state import domain_state
    from layouts.figures import trend_lines
    from page_models import domain_model

    page = domain_model.build(published, domain_state(published, "national-priorities-partnerships",
                                                      f"?measure=ascof_2a2&council={TRAFFORD}")[0])
    (council,) = [s for s in page.trend.series if s.key == "council"]
    by_period = {p: v for p, v, _, _ in council.points}
    assert by_period["2022-23"] is not None and by_period["2023-24"] == 779.6  # ASCOF 2A2, then 2C: one series
    figure = trend_lines(page.trend.series, page.measure, title="t", source="s")
    assert len([t for t in figure["data"] if t["name"] == "Trafford"]) == 1  # one line, no break at the refresh


def test_measures_not_yet_collected_are_listed_with_their_source_and_never_open_a_domain(published):
    from callbacks.state import domain_state
    from layouts import catalogue_layout
    from page_models import catalogue_model
    from tests.callbacks.test_router import text_of

    page = catalogue_model.build_measures(published)
    missing = {m.id for m in page.not_collected}
    assert {"rw_vacancy", "cc_ombudsman_upheld", "cq_care_homes_good"} <= missing
    text = text_of(catalogue_layout.measures_page(page))
    assert "Not yet collected" in text and "Skills for Care" in text and "scorecard import" not in text
    for d in published.catalogue.domains:
        assert domain_state(published, d.slug, "")[0].measure not in missing, d.slug


def test_every_page_says_how_current_its_data_is_never_a_load_date_as_data_as_at(published):
    from callbacks.router import pin_line
    from layouts import catalogue_layout, overview_layout
    from page_models import catalogue_model, overview_model
    from page_models.states import OverviewState
    from tests.callbacks.test_router import text_of

    for path in ("/", "/domain/performance-outcomes", f"/council/{TRAFFORD}", "/domain/resource-workforce"):
        line, words = pin_line(published, path, "")
        text = text_of(line)
        assert text.startswith("Newest data: ") and "Loaded on " in text and "as at" not in text.lower(), path
        assert words.startswith("Newest data ") and "loaded on" in words, path
    line, _ = pin_line(published, "/domain/performance-outcomes", "")
    assert "Newest data: 2023-24 (ASCOF 2017-18 to 2023-24 outcomes)" in text_of(line)
    overview = overview_model.build(published, OverviewState("performance-outcomes", "latest", "north-west"))
    cards = text_of(overview_layout.domain_cards(overview))
    assert cards.count("Newest data: ") == 6 and "Newest data: 2022-23 (Oflog" in cards  # Resource & Workforce
    for s in overview.summaries:
        assert s.red_red or s.no_red_red.split(":")[0] in ("None", "Cannot be assessed") or \
            s.no_red_red.startswith("None can be"), s.no_red_red
    page = catalogue_model.build_measure(published, "ascof_2a2")
    assert "ASCOF 2C from 2023-24, formerly 2A2" in text_of(catalogue_layout.measure_page(page))


def test_a_measure_slide_s_header_names_that_measure_s_newest_year_not_its_domain_s(published):
    """Political control runs to a later year than Leadership & Governance's numbers: its slide said "Newest data
    2017-18" above a table running to the latest year. A measure slide names its own measure's newest year."""
    from callbacks.router import pin_line

    series = published.trend_series("lg_political_control", [c["code"] for c in published.region_councils()])
    newest = max(o["period"] for rows in series.values() for o in rows)
    _, domain_words = pin_line(published, "/domain/leadership-governance", "")
    _, words = pin_line(published, "/domain/leadership-governance", "?measure=lg_political_control")
    assert words.startswith(f"Newest data {newest} ") and not domain_words.startswith(f"Newest data {newest} ")
    _, words = pin_line(published, "/domain/leadership-governance", "?measure=ascof_1a")  # not this domain's
    assert words == domain_words
