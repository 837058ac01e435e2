"""Figure builders: dicts from one theme, colour never the only cue, within a stated size budget."""

import json
from types import SimpleNamespace

import pytest

from data.catalogue import catalogue
from layouts.figures import highlight_patch_values, ranked_bars, trend_lines
from layouts.theme import COLOURS
from page_models.domain_model import Series

# Size budgets (bytes of JSON sent to the browser): a chart of all 24 councils and a trend of four lines.
BAR_BUDGET = 20_000
TREND_BUDGET = 8_000

M = catalogue().measure("ascof_2d")


def rows(n=24):
    colours = ["green", "amber", "red", "grey"]
    return [SimpleNamespace(code=f"E0800{i:04d}", name=f"Council {i}", value=50 + i, lower_ci=47 + i, upper_ci=53 + i,
                            colour=colours[i % 4], rating=["Better", "Similar", "Worse", "Not rated"][i % 4])
            for i in range(n)]


def series(key, name, points):
    return Series(key, name, tuple(points))


def bar(selected=None, data=None):
    return ranked_bars(data or rows(), M, title="t", source="s", benchmark_name="England", benchmark_value=60.0,
                       quartiles=(55.0, 67.0), selected=selected)


def test_bars_are_ranked_with_interval_whiskers():
    fig = bar()
    trace = fig["data"][0]
    assert trace["x"] == sorted(trace["x"]) and len(trace["x"]) == 24
    assert trace["error_x"]["array"] == [3] * 24 and trace["error_x"]["arrayminus"] == [3] * 24


def test_colour_is_never_the_only_cue():
    trace = bar()["data"][0]
    for colour, pattern, text in zip(trace["marker"]["color"], trace["marker"]["pattern"]["shape"], trace["text"],
                                     strict=True):
        style = next(s for s in COLOURS.values() if s["fill"] == colour)
        assert pattern == style["pattern"] and text.startswith(style["icon"])
    assert {t.split(" ", 1)[1] for t in trace["text"]} == {"Better", "Similar", "Worse", "Not rated"}


def test_benchmark_line_quartile_band_and_source_travel_with_the_figure():
    layout = bar()["layout"]
    line = next(s for s in layout["shapes"] if s["type"] == "line")
    band = next(s for s in layout["shapes"] if s["type"] == "rect")
    assert line["x0"] == line["x1"] == 60.0 and (band["x0"], band["x1"]) == (55.0, 67.0)
    texts = [a["text"] for a in layout["annotations"]]
    assert "s" in texts and "England: 60.0%" in texts and "middle 50% of councils" in texts
    assert layout["dragmode"] is False and layout["xaxis"]["fixedrange"] and layout["yaxis"]["fixedrange"]


def test_the_selected_council_is_outlined_and_named_in_bold():
    fig = bar(selected="E08000005")
    trace = fig["data"][0]
    i = trace["customdata"].index("E08000005")
    assert trace["marker"]["line"]["width"][i] == 4 and sorted(set(trace["marker"]["line"]["width"])) == [0.5, 4]
    assert fig["layout"]["yaxis"]["ticktext"][i] == "<b>▶ Council 5</b>"


def test_the_highlight_patch_moves_only_the_outline_and_label():
    codes, names = ["a", "b", "c"], ["A", "B", "C"]
    assert highlight_patch_values(codes, "b", names) == {"widths": [0.5, 4, 0.5], "ticktext": ["A", "<b>▶ B</b>", "C"]}


def test_councils_without_a_value_are_left_to_the_table():
    data = rows(6)
    data[2].value = None
    assert len(bar(data=data)["data"][0]["x"]) == 5


@pytest.mark.parametrize("build, budget", [(lambda: bar(selected="E08000001"), BAR_BUDGET),
                                           (lambda: trend_lines(
                                               [series(k, k, [(f"20{y}-{y + 1}", 50 + y, 48 + y, 52 + y)
                                                              for y in range(15, 25)])
                                                for k in ("council", "region", "england", "peers")], M,
                                               title="t", source="s"), TREND_BUDGET)])
def test_figures_are_plain_dicts_within_their_size_budget(build, budget):
    fig = build()
    assert isinstance(fig, dict) and "template" not in fig["layout"]
    assert len(json.dumps(fig)) < budget


def test_trend_lines_one_per_series_with_the_council_s_interval():
    fig = trend_lines([series("council", "Trafford", [("2023-24", 45.0, 41.0, 49.0), ("2024-25", 47.0, 43.0, 51.0)]),
                       series("england", "England", [("2023-24", 75.0, None, None)]),
                       series("peers", "Peers", [])], M, title="t", source="s")
    assert [t["name"] for t in fig["data"]] == ["Trafford", "England"]
    assert fig["data"][0]["error_y"]["array"] == [4.0, 4.0] and "error_y" not in fig["data"][1]
    assert fig["data"][0]["line"]["dash"] != fig["data"][1]["line"]["dash"]  # told apart without colour
