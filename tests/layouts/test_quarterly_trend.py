"""A quarterly measure on the demo (issue 28): the highlighted council's provisional quarters are drawn on the trend
as such (each quarter in its place in its year, a line of its own named provisional), listed under it marked [p],
and carried in the trend's CSV marked provisional."""

from callbacks.state import domain_state
from layouts.domain_layout import outputs
from layouts.figures import trend_lines
from page_models import domain_model, trend_model
from tests.callbacks.test_router import text_of

TRAFFORD = "E08000009"


def test_the_council_s_quarters_are_drawn_listed_and_downloaded_as_provisional(api):
    state = domain_state(api, "national-priorities-partnerships", f"?measure=np_discharge_same_day&council={TRAFFORD}")
    page = domain_model.build(api, state[0])
    quarters = page.quarterly.series[TRAFFORD]
    assert [p for p, _ in quarters] == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3", "2025-26 Q4", "2026-27 Q1",
                                        "2026-27 Q2"]
    figure = trend_lines(page.trend.series, page.measure, title="t", source="s", quarterly=quarters,
                         quarterly_name="Trafford, quarterly (provisional)")
    trace = next(t for t in figure["data"] if t["name"] == "Trafford, quarterly (provisional)")
    assert trace["x"] == [2025 - 0.375, 2025 - 0.125, 2025 + 0.125, 2025 + 0.375, 2026 - 0.375, 2026 - 0.125]
    assert trace["y"] == [v for _, v in quarters] and trace["line"]["dash"] == "dot"
    assert figure["layout"]["xaxis"]["range"][1] >= 2026  # the axis runs on to the newest quarter
    listed = text_of(outputs(page)[6])
    assert "quarterly returns, 2026-27" in listed and "[p]" in listed and "Provisional" in listed
    rows = [r for r in trend_model.trend_csv_rows(page) if r["period"].endswith(("Q1", "Q2", "Q3", "Q4"))]
    assert [r["period"] for r in rows] == [p for p, _ in quarters]
    assert all(r["series"] == "Trafford, quarterly return" and "provisional" in r["note"] for r in rows)
