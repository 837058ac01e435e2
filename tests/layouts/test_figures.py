"""Figure builders: dicts from one theme; axes fitted to the data; labels in places of their
own (never on a mark or on each other); gaps where years are missing; rating colours only for ratings; within a
stated size budget."""

import json
from dataclasses import replace

import pytest

from analysis.vocabulary import RATING_COLOURS
from data.catalogue import catalogue
from layouts.figures import (
    TREND_PLOT_PX,
    axis_title,
    fitted_range,
    spaced,
    trend_lines,
)
from layouts.theme import LABEL_SIZE, LINE_HEIGHT, SERIES
from page_models.trend_model import Series

# Size budget (bytes of JSON sent to the browser): a trend of four lines.
TREND_BUDGET = 8_000

M = catalogue().measure("ascof_2d")          # a percentage, higher is better, collected every year
CARERS = next(m for m in catalogue().measures if m.collection == "carers_survey")
RATING_FILLS = {style.fill.lower() for style in RATING_COLOURS.values()}


def series(key, name, points):
    return Series(key, name, tuple(points))


def text_lines(text: str) -> int:
    return text.count("<br>") + 1


# ------------------------------------------------------------------ axes
def test_zero_is_kept_when_the_values_come_close_to_it():
    assert fitted_range([2.0, 10.0])[0] == 0 and fitted_range([2.0, 10.0])[2]
    low, high, from_zero = fitted_range([17.0, 20.0])
    assert not from_zero and low > 16 and high < 21
    assert fitted_range([]) == (0.0, 1.0, True)


def test_trend_axis_is_fitted_and_says_so():
    fig = trend_lines([series("council", "Trafford", [("2022-23", 18.2, None, None), ("2023-24", 19.6, None, None)])],
                      M, title="t", source="s")
    low, high = fig["layout"]["yaxis"]["range"]
    assert low > 17 and high < 20.5 and "not zero" in fig["layout"]["yaxis"]["title"]["text"]


# ------------------------------------------------------------------ over time
FOUR = [series(k, n, [(f"20{y}-{y + 1}", 50 + y, 48 + y, 52 + y) for y in range(15, 25)])
        for k, n in (("council", "Trafford"), ("region", "North West"), ("england", "England"),
                     ("peers", "Nearest neighbours' median"))]


def test_no_line_uses_a_rating_colour():
    fig = trend_lines(FOUR, M, title="t", source="s")
    used = {t["line"]["color"].lower() for t in fig["data"]} | {t["marker"]["color"].lower() for t in fig["data"]}
    assert len(used) == 4 and not used & RATING_FILLS
    assert not {c.lower() for c in SERIES.values()} & RATING_FILLS
    assert fig["layout"]["showlegend"] is False  # labelled at the line ends instead


def test_a_missing_year_is_a_labelled_gap_on_a_time_axis():
    points = [(p, v, None, None) for p, v in (("2018-19", 40.0), ("2019-20", 41.0), ("2021-22", 43.0))]
    fig = trend_lines([series("council", "Trafford", points), series("england", "England", points)], M,
                      title="t", source="s")
    council = fig["data"][0]
    assert council["x"] == [2018, 2019, 2020, 2021] and council["y"] == [40.0, 41.0, None, 43.0]
    assert council["connectgaps"] is False
    gap = next(a for a in fig["layout"]["annotations"] if "no data" in a["text"])
    assert gap["x"] == 2020 and all(t["y"][2] is None for t in fig["data"])  # nothing drawn under the label
    axis = fig["layout"]["xaxis"]
    assert axis["tickangle"] == 0 and "2020-21" in axis["ticktext"]


def test_a_survey_collected_every_other_year_is_joined_not_gapped():
    points = [(p, v, None, None) for p, v in (("2016-17", 40.0), ("2018-19", 41.0), ("2021-22", 43.0))]
    fig = trend_lines([series("council", "Trafford", points)], CARERS, title="t", source="s")
    assert fig["data"][0]["connectgaps"] is True
    assert not [a for a in fig["layout"]["annotations"] if "no data" in a["text"]]


def test_period_labels_are_thinned_on_a_phone_and_the_latest_is_kept():
    narrow = trend_lines(FOUR, M, title="t", source="s", narrow=True)["layout"]["xaxis"]
    assert len(narrow["tickvals"]) <= 3 and narrow["ticktext"][-1] == "2024-<br>25"  # two lines: 320 px fit three
    assert len(trend_lines(FOUR, M, title="t", source="s")["layout"]["xaxis"]["tickvals"]) == 10


@pytest.mark.parametrize("narrow", [False, True])
def test_line_end_labels_never_overlap(narrow):
    """Four lines ending within 0.1 of each other: the labels are spread apart by at least their height."""
    close = [series(s.key, s.name, [("2022-23", 60.0, None, None), ("2023-24", 50 + i * 0.03, None, None)])
             for i, s in enumerate(FOUR)]
    layout = trend_lines(close, M, title="t", source="s", narrow=narrow)["layout"]
    low, high = layout["yaxis"]["range"]
    labels = sorted((a for a in layout["annotations"] if a.get("xref") == "paper" and a["x"] == 1),
                    key=lambda a: a["y"])
    assert len(labels) == 4
    px = [(a["y"] - low) / (high - low) * TREND_PLOT_PX for a in labels]
    heights = [text_lines(a["text"]) * LABEL_SIZE * LINE_HEIGHT for a in labels]
    for i in range(3):
        assert px[i + 1] - px[i] >= (heights[i] + heights[i + 1]) / 2 - 1e-6
    assert all(a["font"]["size"] >= 14 for a in labels)


def test_spacing_keeps_labels_inside_the_plot():
    assert spaced([0, 1, 2], [10, 10], 0, 300) == [0, 10, 20]
    assert spaced([295, 299], [10], 0, 300) == [290, 300]


def test_trend_lines_one_per_series_with_the_council_s_interval():
    unbroken = replace(M, definition_breaks=())  # (a change of definition splits each line: tests/data/…by_year)
    fig = trend_lines([series("council", "Trafford", [("2023-24", 45.0, 41.0, 49.0), ("2024-25", 47.0, 43.0, 51.0)]),
                       series("england", "England", [("2023-24", 75.0, None, None)]),
                       series("peers", "Peers", [])], unbroken, title="t", source="s")
    assert [t["name"] for t in fig["data"]] == ["Trafford", "England"]
    assert fig["data"][0]["error_y"]["array"] == [4.0, 4.0] and "error_y" not in fig["data"][1]
    assert fig["data"][0]["line"]["dash"] != fig["data"][1]["line"]["dash"]  # told apart without colour
    england = next(a for a in fig["layout"]["annotations"] if a["text"].startswith("England"))
    assert "(2023-24)" in england["text"]  # a line that ends early says when


# ------------------------------------------------------------------ size
def test_figures_are_plain_dicts_within_their_size_budget():
    fig = trend_lines(FOUR, M, title="t", source="s")
    assert isinstance(fig, dict) and "template" not in fig["layout"]
    assert len(json.dumps(fig)) < TREND_BUDGET



def test_sparklines_break_at_a_missing_year_and_mark_a_point_left_alone():
    from layouts.council_layout import _spark_marks

    broken = _spark_marks([(2018, 2.0), (2020, 41.0)], 0, 45, yearly=True)
    assert " L" not in broken and broken.count("<circle") == 2  # two points on their own: two dots, no line
    joined = _spark_marks([(2016, 2.0), (2018, 41.0)], 0, 45, yearly=False)  # every other year: joined
    assert " L" in joined and joined.count("<circle") == 1       # the last value's dot


def test_a_score_s_axis_says_its_scale():
    """"0.408" meant nothing without its scale: every axis of a score says out of what, or from what to what."""
    cat = catalogue()
    assert axis_title(cat.known_measure("ascof_1a"), True, 0).startswith("Score out of 24")
    impact = axis_title(cat.known_measure("ascof_1j"), False, 0.343)
    assert impact == "Score out of 1 (the axis starts at 0.343, not zero)"
    assert axis_title(cat.known_measure("cc_cqc_qs7_safeguarding"), True, 0) == "Score from 1 to 4"
    assert axis_title(cat.known_measure("ascof_1e"), True, 0) == "Per cent"  # no scale for what is not a score
