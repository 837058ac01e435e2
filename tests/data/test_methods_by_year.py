"""METHODS.md's rules that follow a measure through the years: one rating method per measure and year (a better file
for one year never un-rates another), and no change or trend across a change of definition (the chart breaks there,
marked). On SQLite and PostgreSQL: the ratings are computed from what each back end stores."""

from __future__ import annotations

import pytest

from data.db import session_factory
from data.read_api import ReadAPI
from data.releases import ReleaseMeta, add_release
from layouts.figures import trend_lines
from page_models.trend_model import Series

COUNCILS = ["E08000009", "E08000010", "E08000008", "E08000006", "E08000007", "E08000003"]  # six in Greater Manchester


@pytest.fixture
def engine(empty_engine):
    return empty_engine


def _land(engine, rows: list[dict], source: str = "test release") -> None:
    with session_factory(engine).begin() as session:
        add_release(session, ReleaseMeta(source, "NHS England", "OGL v3", f"{source}.csv", "a" * 64), rows)


def _row(code: str, period: str, value: float, **more) -> dict:
    return {"measure_id": "ascof_2a2", "area_code": code, "period": period, "value": value, "numerator": None,
            "denominator": None, "marker": None, **more}


def test_a_year_with_counts_is_rated_by_significance_and_never_un_rates_a_year_without(engine):
    headline = [_row(c, "2022-23", 600.0 + 40 * i) for i, c in enumerate(COUNCILS)]
    _land(engine, headline, "headline values")
    api = ReadAPI(engine)
    before = {r.area_code: r for r in api.ratings(comparator="region", period="2022-23", measure="ascof_2a2")}
    assert {r.method for r in before.values()} == {"quartile"} and all(r.colour != "grey" for r in before.values())
    counted = [_row(c, "2023-24", 100_000 * (150 + 10 * i) / 25_000, numerator=150 + 10 * i, denominator=25_000)
               for i, c in enumerate(COUNCILS)]
    _land(engine, counted, "with counts")
    api = ReadAPI(engine)
    after = {r.area_code: r for r in api.ratings(comparator="region", period="2022-23", measure="ascof_2a2")}
    assert {(r.method, r.rating) for r in after.values()} == {(r.method, r.rating) for r in before.values()}
    newer = api.ratings(comparator="region", period="2023-24", measure="ascof_2a2")
    assert {r.method for r in newer} == {"significance"} and all(r.lower_ci is not None for r in newer)


def test_no_change_or_trend_is_worked_out_across_a_change_of_definition(engine):
    trafford = [_row("E08000009", f"{y}-{(y + 1) % 100:02d}", 700.0 + 20 * (y - 2019)) for y in range(2019, 2025)]
    others = [_row(c, p, 650.0 + 10 * i) for i, c in enumerate(COUNCILS[1:]) for p in ("2023-24", "2024-25")]
    _land(engine, trafford + others)
    api = ReadAPI(engine)
    (before,) = [r for r in api.ratings(comparator="region", period="2023-24", measure="ascof_2a2")
                 if r.area_code == "E08000009"]
    assert (before.trend, before.trend_verdict) == ("increasing", "getting worse")  # rose each year to 2023-24
    (after,) = [r for r in api.ratings(comparator="region", period="2024-25", measure="ascof_2a2")
                if r.area_code == "E08000009"]
    assert after.change == "Cannot be calculated"
    assert after.change_reason.startswith("The definition changed in 2024-25")
    assert after.trend == "cannot be calculated" and "change of definition" in after.trend_reason
    assert not after.red_red


def test_the_trend_chart_breaks_at_a_change_of_definition_and_marks_it(engine):
    m = ReadAPI(engine).catalogue.known_measure("ascof_2a2")
    points = tuple((f"{y}-{(y + 1) % 100:02d}", 700.0 + y - 2019, None, None) for y in range(2019, 2025))
    figure = trend_lines((Series("council", "Trafford", points),), m, title="t", source="s")
    council = [t for t in figure["data"] if t["name"] == "Trafford"]
    assert [t["x"] for t in council] == [[2019, 2020, 2021, 2022, 2023], [2024]]  # two pieces, not one joined line
    assert [t["showlegend"] for t in council] == [True, False]
    assert any("definition<br>changed" in a["text"] for a in figure["layout"]["annotations"])
    assert any(s["type"] == "line" and s["x0"] == 2023.5 for s in figure["layout"]["shapes"])
