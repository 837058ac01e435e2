"""The domain and overview callbacks as functions: URL and controls in step, chart, caption, table, download."""

import csv
import io
import re

import pytest
from dash import no_update

from callbacks import domain_callbacks as domain
from callbacks import overview_callbacks as overview
from callbacks.downloads import domain_csv, overview_csv
from callbacks.state import domain_state
from layouts import domain_layout, ids
from page_models import domain_model, overview_model
from page_models.states import OverviewState
from tests.callbacks.test_router import text_of
from tests.layouts.test_ranked_chart import Drawn

PATH = "/domain/national-priorities-partnerships"


def test_a_url_sets_the_controls(api):
    out = domain.sync(api, PATH, "?measure=ascof_2a2&period=2022-23&benchmark=england&council=E08000009",
                      None, None, None, None, None, ids.D_URL)
    search, measure, period, benchmark, council, chosen, state, hide_chosen, _, _ = out
    assert search is no_update and (measure, period, benchmark, council) == ("ascof_2a2", "2022-23", "england",
                                                                              "E08000009")
    assert hide_chosen is True and state["slug"] == "national-priorities-partnerships"


def test_a_control_writes_the_url(api):
    out = domain.sync(api, PATH, "", "ascof_2b1", "2023-24", "chosen", "E08000001",
                      ["E08000002", "E08000003", "E08000004", "E08000005"], ids.D_BENCHMARK)
    assert out[0] == ("?measure=ascof_2b1&period=2023-24&benchmark=chosen&council=E08000001"
                      "&chosen=E08000002,E08000003,E08000004,E08000005")
    assert out[7] is False  # the chosen-councils checklist is shown


def test_crafted_control_values_are_replaced_by_allowed_ones(api):
    out = domain.sync(api, PATH, "", "'; DROP TABLE ratings; --", "9999-00", "<script>", "E99", ["x"],
                      ids.D_MEASURE)
    _, measure, period, benchmark, council, chosen, _, _, _, _ = out
    assert measure in {m.id for m in api.catalogue.measures_in("national-priorities-partnerships")}
    assert (period, benchmark, council, chosen) == ("latest", "north-west", "none", [])


def test_the_highlight_can_be_cleared(api):
    out = domain.sync(api, PATH, "?measure=ascof_2a2&council=E08000009", "ascof_2a2", "latest", "north-west",
                      "none", [], ids.D_COUNCIL)
    assert out[0] == "?measure=ascof_2a2&benchmark=north-west" and out[4] == "none"
    assert out[6]["council"] is None


def test_an_unknown_slug_changes_nothing(api):
    assert domain.sync(api, "/domain/nope", "", None, None, None, None, None, None) == (no_update,) * 10


def _render(api, search, presenter=None):
    state, _ = domain_state(api, "national-priorities-partnerships", search)
    return domain.render(api, state.as_dict(), "wide", presenter)


def test_chart_caption_and_table_agree(api):
    bar, hidden, caption, _, table, download, trend, trend_caption, narrative, *_ = _render(
        api, "?measure=ascof_2a2&benchmark=england&council=E08000009")
    drawn = Drawn(bar[0].html)
    table_text = text_of(table)
    rows = domain_model.rows_for(api, api.catalogue.measure("ascof_2a2"), "2024-25", "england", [])
    assert hidden is False and len(rows) == 24
    assert len(drawn.cells["ranked-name"]) == 24  # every council has a row; one without a value is listed with why
    no_mark = [c for c in drawn.cells["ranked-track"] if not c["marks"]]
    assert len(no_mark) == sum(r.record.value is None for r in rows)
    assert all(c["text"].startswith("no value") for c in no_mark)
    ratings = drawn.texts("ranked-rating")
    for word in ("Better", "Similar", "Worse"):
        in_chart = sum(t.endswith(word) for t in ratings)
        assert f"{in_chart} {word.lower()}" in caption or in_chart == 0
        assert table_text.count(word) >= in_chart
    assert caption.startswith("Trafford: ") and "against England" in caption
    assert bar[1].children == "Download this chart as PNG" and getattr(bar[1], "data-chart-png") == "domain-bar"
    assert [c["code"] for c in drawn.cells["ranked-name"] if c["selected"]] == ["E08000009"]
    assert download.startswith("/download/domain/national-priorities-partnerships.csv?measure=ascof_2a2")
    assert list(dict.fromkeys(t["name"] for t in trend[0].figure["data"]))[:3] == ["Trafford", "North West",
                                                                                   "England"]
    assert trend_caption.startswith("Trafford: ") and "Trafford" in narrative


def test_changing_only_the_council_moves_the_highlight(api):
    first = Drawn(_render(api, "?measure=ascof_2a2&council=E08000009")[0][0].html)
    second = _render(api, "?measure=ascof_2a2&council=E08000001")
    moved = Drawn(second[0][0].html)
    assert [c["code"] for c in moved.cells["ranked-name"] if c["selected"]] == ["E08000001"]
    assert [c["code"] for c in moved.cells["ranked-name"]] == [c["code"] for c in first.cells["ranked-name"]]
    assert second[2].startswith("Bolton: ")


def test_presenter_view_gets_its_chart_drawn_for_the_slide_and_no_trend(api):
    """presenter.js asks for its type size and height; the chart arrives that way, and the trend, not on the slide,
    is not drawn at all (no Graph, so no plotly.js). Leaving presenter view draws the page as before."""
    normal = _render(api, "?measure=ascof_2a2&council=E08000009")
    slide = _render(api, "?measure=ascof_2a2&council=E08000009", presenter={"font": 22, "height": 612})
    drawn = Drawn(slide[0][0].html)
    assert drawn.style == "font-size:22px;min-height:612px" and slide[6] is None
    assert drawn.cells == Drawn(normal[0][0].html).cells  # the same councils, values and words, drawn larger
    back = _render(api, "?measure=ascof_2a2&council=E08000001")
    assert Drawn(back[0][0].html).style == "" and back[6][0].figure["data"]


@pytest.mark.parametrize("presenter", [{"font": 15, "height": 600}, {"font": 31, "height": 600}, {"font": "22"},
                                       {"font": 22, "height": 10**9},
                                       {"font": 22, "height": True}, [22, 600], "present",
                                       {"font": 22, "height": 600, "x": 1}])
def test_presenter_sizes_that_are_not_real_are_ignored(api, presenter):
    out = _render(api, "?measure=ascof_2a2", presenter=presenter)
    style = Drawn(out[0][0].html).style
    if isinstance(presenter, dict) and presenter.get("font") == 22 and len(presenter) == 2:
        assert style == "font-size:22px" and out[6] is None  # presenting, the height not believed
    else:  # not presenter view at all
        assert style == "" and out[6][0].figure["data"]


def test_chosen_councils_are_the_benchmark(api):
    chosen = "E08000001,E08000002,E08000003,E08000004,E08000005"
    bar, _, caption, *_ = _render(api, f"?measure=ascof_2a2&benchmark=chosen&chosen={chosen}")
    assert "against Councils I choose" in caption
    assert Drawn(bar[0].html).texts("ranked-line")[0].startswith("The chosen councils' median")


def test_categorical_measures_are_a_timeline_not_a_chart(api):
    state, _ = domain_state(api, "leadership-governance", "?measure=lg_political_control")
    bar, hidden, _, categories, *_ = domain.render(api, state.as_dict())
    assert hidden is True and bar is None
    text = text_of(categories)
    assert "shown, not rated" in text and "2020-21" in text and "2024-25" in text


def test_the_download_is_the_table(api):
    search = "?measure=ascof_2a2&benchmark=england&council=E08000009"
    text, name = domain_csv(api, "national-priorities-partnerships", search)
    rows = list(csv.DictReader(io.StringIO(text)))
    table = text_of(_render(api, search)[4])
    assert name == "national-priorities-partnerships-ascof_2a2-2024-25-england.csv" and len(rows) == 24
    for r in rows:
        assert r["council"] in table and r["rating"] in table and r["reason"]
        assert r["benchmark"] == "England" and r["value_shown"] in table
    assert domain_csv(api, "nope", "") is None


def test_overview_tallies_and_heatmap(api):
    state = {"domain": "performance-outcomes", "period": "2024-25", "benchmark": "north-west"}
    glance, links, heatmap, download = overview.render(api, state)
    assert glance.html.count('<section class="domain-card">') == 6  # one card a domain (the glance is HTML)
    assert download == "/download/overview.csv?domain=performance-outcomes&period=2024-25&benchmark=north-west"
    text = text_of(heatmap)
    assert "Trafford" in text and text.count("Better") + text.count("Similar") + text.count("Worse") > 50
    page = overview_model.build(api, OverviewState(**state))
    (summary,) = [s for s in page.summaries if s.domain.slug == "performance-outcomes"]
    cells = [c for row in page.heat_rows for c in row.cells if c.row is not None]
    assert sum(count for _, _, count in summary.tallies) == 24 * 11 == len(cells)
    rows = list(csv.DictReader(io.StringIO(overview_csv(api, "?domain=performance-outcomes")[0])))
    assert len(rows) == 24 * 11


def test_overview_sync_keeps_the_domain_when_the_period_changes(api):
    out = overview.sync(api, "?domain=culture-challenge", "2020-21", "england", ids.O_PERIOD, "/")
    assert out[0] == "?domain=culture-challenge&period=2020-21&benchmark=england"


def test_a_crafted_store_is_checked_again_before_anything_is_drawn(api):
    nothing = (no_update,) * len(domain_layout.DRAWN)
    assert domain.render(api, {"slug": "nope"}) == nothing and domain.render(api, ["not", "a", "dict"]) == nothing
    assert overview.render(api, "x") == (no_update,) * 4
    held = {"slug": "national-priorities-partnerships", "measure": {"$ne": 1}, "period": 9999,
            "benchmark": "chosen", "council": "<script>", "chosen": ["E08000001", 7]}
    bar, hidden, caption, *_ = domain.render(api, held, "not a viewport", "not a dict")
    # Odd values are replaced by defaults; a list with a number in it is no list of councils: none chosen, none rated.
    assert hidden is False and caption.endswith("against Councils I choose: 24 not rated.")
    glance, *_ = overview.render(api, {"domain": ["x"], "period": "2020-21", "benchmark": "chosen"})
    assert glance.html.count('<section class="domain-card">') == 6


def _held(api, chosen=()):
    return domain.sync(api, PATH, "?measure=ascof_2a2&period=2020-21&benchmark=chosen&chosen=" + ",".join(chosen),
                       None, None, None, None, None, ids.D_URL)[6]


def test_adding_a_council_by_name_chooses_it_and_clears_the_box(api):
    held = _held(api, ["E08000002"])
    assert domain.add_council(api, "stockton-on-tees", ["E08000002"], held) == (["E08000002", "E06000004"], "", "")
    assert domain.add_council(api, "Stockton", ["E06000004"], held) == (["E06000004"], "", "")  # not twice


def test_a_name_that_is_no_council_of_the_year_is_said_and_changes_nothing(api):
    held = _held(api)
    chosen, box, status = domain.add_council(api, "Cumberland", [], held)  # created in 2023: not in 2020-21
    assert (chosen, box) == (no_update, no_update) and "No English council of 2020-21 is called “Cumberland”" in status


@pytest.mark.parametrize("typed, chosen, held", [(["x"], [], None), (7, [], None), ("Stockton", "E1", {"slug": 1}),
                                                 ("", [], None), ("<b>x</b>" * 50, [1, None], "nope")])
def test_crafted_additions_change_nothing(api, typed, chosen, held):
    out = domain.add_council(api, typed, chosen, held if held != "nope" else _held(api))
    assert out[0] is no_update or all(isinstance(c, str) for c in out[0])
    assert len(out[2]) < 200


def test_the_overview_leaves_its_heatmap_alone_when_the_url_is_another_pages(api):
    """A presenter's next slide (or any link) changes the URL before the overview goes: its controls do not
    answer with a new heatmap for a page that is leaving."""
    assert overview.sync(api, "?measure=ascof_1a", None, None, ids.O_URL, "/domain/performance-outcomes") == (
        no_update,) * 4
    assert overview.sync(api, "?domain=culture-challenge", None, None, ids.O_URL, "/")[3]["domain"] == \
        "culture-challenge"
    assert overview.sync(api, "", None, None, ids.O_URL, ["/"]) == (no_update,) * 4  # not a path: nothing


def test_the_trend_s_values_are_a_table_under_it_and_a_download(api):
    """The trend chart had no table and no download: every point a line draws is now a cell of the table folded under
    it, with the council's interval, and a row of the CSV its link gives."""
    trend = _render(api, "?measure=ascof_2a2&council=E08000009")[6]
    figure, table = trend[0].figure, trend[1].html
    drawn = {(t["name"], x, round(y, 1)) for t in figure["data"] for x, y in zip(t["x"], t["y"], strict=True)
             if y is not None}
    assert "The chart&#x27;s values, as a table" in table or "The chart's values, as a table" in table
    for name, year, value in drawn:
        assert f"{value:,.1f}" in table, (name, year, value)
    href = re.search(r'href="([^"]*part=trend[^"]*)"', table).group(1).replace("&amp;", "&")
    path, query = href.split("?", 1)
    assert path == "/download/domain/national-priorities-partnerships.csv"
    text, name = domain_csv(api, "national-priorities-partnerships", query)
    assert name.endswith("-trend.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    in_csv = {(r["series"], int(r["period"][:4]), round(float(r["value"]), 1)) for r in rows}
    assert in_csv == drawn
    bars = any("error_y" in t for t in figure["data"])  # the council's interval travels too, where it is drawn
    assert any(r["lower_ci"] for r in rows if r["series"] == "Trafford") == bars
