"""The demo generator is deterministic and complete, and its values are plausible and honest."""

from collections import Counter

import pytest

from data import demo, reference
from data.catalogue import catalogue
from data.periods import period_range


@pytest.fixture(scope="module")
def rows():
    return demo.generate("north_west")  # the region alone: the generator's rules, quickly


def test_the_same_seed_gives_the_same_rows(rows):
    again = demo.generate("north_west")
    assert again == rows and demo.fingerprint(again) == demo.fingerprint(rows)


def test_every_measure_area_and_period_is_present_or_explicitly_marked(rows):
    keys = Counter((r["measure_id"], r["area_code"], r["period"]) for r in rows)
    assert max(keys.values()) == 1, "no key twice"
    councils = reference.councils_in(reference.NORTH_WEST)
    for period in period_range("2015-16", "2024-25"):
        present = [c.code for c in councils if c.exists_in(period)]
        assert len(present) == (23 if period < "2023-24" else 24)
        for m in catalogue().measures:
            for area in [*present, reference.NORTH_WEST, reference.ENGLAND]:
                row = rows[_index(rows)[(m.id, area, period)]]
                assert row.get("value") is not None or row.get("text_value") is not None or row.get("marker") in (
                    "[c]", "[x]", "[z]"), row
                if row.get("marker") in ("[c]", "[x]", "[z]"):
                    assert row.get("value") is None and row.get("note"), row


_CACHE = {}


def _index(rows):
    if id(rows) not in _CACHE:
        _CACHE[id(rows)] = {(r["measure_id"], r["area_code"], r["period"]): i for i, r in enumerate(rows)}
    return _CACHE[id(rows)]


def test_cumbria_stops_in_2022_23_and_its_successors_start_in_2023_24(rows):
    periods = lambda code: {r["period"] for r in rows if r["area_code"] == code}  # noqa: E731
    assert max(periods("E10000006")) == "2022-23"
    assert min(periods("E06000063")) == min(periods("E06000064")) == "2023-24"


def test_counted_values_agree_with_their_numerators_and_denominators(rows):
    measures = {m.id: m for m in catalogue().measures}
    checked = 0
    for r in rows:
        m = measures[r["measure_id"]]
        if r.get("numerator") is None:
            continue
        assert 0 <= r["numerator"] and r["denominator"] > 0
        if m.unit == "%":
            assert r["numerator"] <= r["denominator"]
        assert r["value"] == round(m.multiplier * r["numerator"] / r["denominator"], m.decimals)
        checked += 1
    assert checked > 3000


def test_values_stay_in_plausible_ranges_and_intervals_contain_them(rows):
    measures = {m.id: m for m in catalogue().measures}
    for r in rows:
        m, value = measures[r["measure_id"]], r.get("value")
        if value is None:
            continue
        if m.unit == "%":
            assert 0 <= value <= 100, r
        if m.unit == "score" and m.collection == "cqc_assessment":
            assert value in (1, 2, 3, 4)
        if r.get("lower_ci") is not None:
            assert r["lower_ci"] <= value <= r["upper_ci"], r


def test_there_is_realistic_spread_trend_and_missing_data(rows):
    markers = Counter(r.get("marker") for r in rows)
    assert markers["[c]"] > 20 and markers["[x]"] > 100 and markers["[z]"] > 100
    admissions = {r["period"]: r["value"] for r in rows
                  if r["measure_id"] == "ascof_2a2" and r["area_code"] == reference.ENGLAND}
    assert admissions["2024-25"] < admissions["2015-16"]  # a falling national trend
    values = [r["value"] for r in rows if r["measure_id"] == "ascof_1c1a" and r["period"] == "2024-25"
              and r["area_code"].startswith("E0") and r.get("value") is not None]
    assert max(values) - min(values) > 10


def test_surveys_follow_their_real_calendar(rows):
    def with_values(measure, period):
        return sum(r.get("value") is not None for r in rows if r["measure_id"] == measure and r["period"] == period)

    assert with_values("ascof_1d", "2017-18") == 0 and with_values("ascof_1d", "2018-19") >= 20  # biennial
    assert with_values("ascof_1a", "2020-21") == 0 and with_values("ascof_1a", "2019-20") >= 20
    trafford = next(r for r in rows if r["measure_id"] == "ascof_1a" and r["area_code"] == "E08000009"
                    and r["period"] == "2020-21")
    assert trafford["marker"] == "[x]" and "COVID-19" in trafford["note"]


def test_every_council_has_an_illustrative_nearest_neighbour_group():
    groups = demo.nearest_neighbour_groups("north_west")
    assert len(groups) == 25
    for owner, members in groups.items():
        assert len(members) == 7 and owner not in members and "E10000006" not in members


def test_the_default_demo_covers_every_english_council():
    """As the published data does, so the region's councils can be ranked among England's."""
    assert demo.DEFAULT_SCOPE == "england"
    groups = demo.nearest_neighbour_groups()
    assert len(groups) > 150 and all(len(members) == 15 for members in groups.values())


def test_the_national_scale_release_has_about_150_councils():
    rows = demo.generate("england")
    latest = {r["area_code"] for r in rows if r["period"] == "2024-25" and r["area_code"].startswith(("E06", "E08",
                                                                                                        "E09", "E10"))}
    assert 145 <= len(latest) <= 155
    assert {r["area_code"] for r in rows if r["area_code"].startswith("E12")} == {
        a.code for a in reference.areas() if a.kind == "region"}
