"""The published scorecard is full and current (issue 24): ASCOF to 2023-24 for every council, including the two
Cumbrian unitaries; spending and activity; every council in the region the publishers put it in."""

from __future__ import annotations

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
