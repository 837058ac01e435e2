"""The ranked comparison drawn in HTML (layouts/ranked_chart.py): every council listed, highest first, with its
interval; the rating as shape, colour, icon and word; the benchmark and the middle half drawn and labelled; the
axis fitted and its values round; the highlighted council named, emphasised and banded; one picture to a screen
reader; within a size budget."""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from dash import html

from analysis.vocabulary import RATING_COLOURS
from data.catalogue import catalogue
from layouts.figures import SHAPES
from layouts.ranked_chart import nice_ticks, ranked_chart, tick_text
from layouts.raw_html import written

M = catalogue().measure("ascof_2d")  # a percentage, higher is better
BUDGET = 24_000  # bytes of HTML for all 24 councils


def rows(n=24, base=50.0, step=1.0):
    colours = ["green", "amber", "red", "grey"]
    return [SimpleNamespace(name=f"Council {i}", value_text=f"{base + step * i:.1f}%", interval_text="95% CI …",
                            record=SimpleNamespace(area_code=f"E0800{i:04d}", value=base + step * i,
                                                   lower_ci=base + step * i - 3 * step,
                                                   upper_ci=base + step * i + 3 * step, colour=colours[i % 4],
                                                   rating=["Better", "Similar", "Worse", "Not rated"][i % 4],
                                                   comparator_value=base + step * i + 1))
            for i in range(n)]


def chart(data=None, selected=None, **kwargs):
    options = {"benchmark_name": "England", "benchmark_value": 60.0, "quartiles": (55.0, 67.0)} | kwargs
    return ranked_chart(data or rows(), M, title="Quality of life", source="s", selected=selected, **options)


def walk(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def text(node) -> str:
    children = getattr(node, "children", node)
    if isinstance(children, (str, int, float)):
        return str(children)
    if isinstance(children, list):
        return "".join(text(c) for c in children)
    return "" if children is None else text(children)


def with_class(tree, name: str) -> list:
    return [n for n in walk(tree) if name in (getattr(n, "className", None) or "").split()]


def left(node) -> float:
    return float(node.style["left"].rstrip("%"))


def per_cent(value, low, high) -> float:
    return (value - low) / (high - low) * 100


def scale(tree) -> tuple[float, float]:
    """The axis's low and high ends, read back from two ticks' places."""
    ticks = with_class(tree, "ranked-tick")
    (v0, p0), (v1, p1) = [(float(text(t).replace(",", "")), left(t)) for t in (ticks[0], ticks[-1])]
    low = v0 - p0 * (v1 - v0) / (p1 - p0)
    return low, low + 100 * (v1 - v0) / (p1 - p0)


class Drawn(HTMLParser):
    """A ranked chart as the browser gets it (its HTML): for each council in order, its name, track and rating cells
    ({"code", "text", "selected", "marks"}); the labels along the top; the root's style."""
    KINDS = ("ranked-name", "ranked-track", "ranked-rating", "ranked-line")

    def __init__(self, markup: str):
        super().__init__()
        self.cells: dict[str, list[dict]] = {kind: [] for kind in self.KINDS}
        self.style, self._open, self._depth = None, None, 0
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if self.style is None and "ranked" in classes:
            self.style = a.get("style") or ""
        if self._open is not None:
            self._depth += 1
            self._open["marks"] += "ranked-mark" in classes
            return
        kind = next((k for k in self.KINDS if k in classes), None)
        if kind:
            self._open = {"code": a.get("data-council"), "text": "", "selected": "selected" in classes, "marks": 0}
            self.cells[kind].append(self._open)
            self._depth = 0

    def handle_endtag(self, tag):
        if self._open is not None:
            if self._depth == 0:
                self._open = None
            else:
                self._depth -= 1

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def texts(self, kind: str) -> list[str]:
        return [c["text"] for c in self.cells[kind]]


def test_councils_are_ranked_highest_first_each_with_its_interval_where_its_value_is():
    tree = chart()
    names = [text(n) for n in with_class(tree, "ranked-name")]
    assert names == [f"Council {i}" for i in range(23, -1, -1)]
    low, high = scale(tree)
    tracks = with_class(tree, "ranked-track")
    for i, track in zip(range(23, -1, -1), tracks, strict=True):
        value = 50.0 + i
        [whisker], [mark] = with_class(track, "ranked-whisker"), with_class(track, "ranked-mark")
        assert left(mark) == pytest.approx(per_cent(value, low, high), abs=0.02)
        assert left(whisker) == pytest.approx(per_cent(value - 3, low, high), abs=0.02)
        assert float(whisker.style["width"].rstrip("%")) == pytest.approx(600 / (high - low), abs=0.03)


def test_a_council_without_a_value_is_listed_last_with_the_reason():
    data = rows(6)
    data[2].record.value = data[2].record.lower_ci = data[2].record.upper_ci = None
    data[2].value_text, data[2].record.rating, data[2].record.colour = "Suppressed", "Not rated", "grey"
    tree = chart(data)
    assert text(with_class(tree, "ranked-name")[-1]) == "Council 2"
    last = with_class(tree, "ranked-track")[-1]
    assert text(last) == "no value: suppressed" and not with_class(last, "ranked-mark")
    assert text(with_class(tree, "ranked-rating")[-1]) == "○ Not rated"


def test_the_rating_is_shape_colour_icon_and_word():
    tree = chart()
    for track, rating, r in zip(with_class(tree, "ranked-track"), with_class(tree, "ranked-rating"),
                                sorted(rows(), key=lambda r: -r.record.value), strict=True):
        style = RATING_COLOURS[r.record.colour]
        svg = str(with_class(track, "ranked-mark")[0].children)
        assert f'fill="{style.fill}"' in svg and SHAPES[style.symbol] in svg
        assert text(rating) == f"{style.icon} {r.record.rating}"


def test_the_axis_is_fitted_for_values_from_17_to_20_and_says_it_does_not_start_at_zero():
    data = rows(4, base=17.0)
    for r in data:
        r.record.lower_ci, r.record.upper_ci = r.record.value - 0.3, r.record.value + 0.3
    tree = chart(data, benchmark_value=18.7, quartiles=(17.75, 19.25))
    low, high = scale(tree)
    assert 16 < low < 17 and 20 < high < 21
    assert [text(t) for t in with_class(tree, "ranked-tick")] == ["17", "18", "19", "20"]
    assert text(with_class(tree, "ranked-axis")[0]) == f"Per cent (the axis starts at {low:.3g}, not zero)"


@pytest.mark.parametrize("low, high, most, expected", [
    (0, 100, 9, [0, 20, 40, 60, 80, 100]),
    (16.76, 20.24, 9, [17, 17.5, 18, 18.5, 19, 19.5, 20]),
    (0, 10, 5, [0, 2.5, 5, 7.5, 10]),
    (1250, 4100, 9, [1500, 2000, 2500, 3000, 3500, 4000]),
    (-3.2, 2.1, 9, [-3, -2, -1, 0, 1, 2]),
])
def test_axis_values_are_round_and_inside_the_axis(low, high, most, expected):
    assert nice_ticks(low, high, most) == pytest.approx(expected)
    assert tick_text(2.5, [0, 2.5]) == "2.5" and tick_text(2000, [1500, 2000]) == "2,000"
    assert tick_text(500, [250, 500]) == "500" and tick_text(0.5, [0.25, 0.5]) == "0.50"


def test_the_benchmark_and_the_middle_half_are_drawn_where_they_are_and_labelled_on_lines_of_their_own():
    tree = chart()
    low, high = scale(tree)
    [line], [band] = with_class(tree, "ranked-benchmark"), with_class(tree, "ranked-quartiles")
    assert left(line) == pytest.approx(per_cent(60, low, high), abs=0.02)
    assert left(band) == pytest.approx(per_cent(55, low, high), abs=0.02)
    assert float(band.style["width"].rstrip("%")) == pytest.approx(1200 / (high - low), abs=0.03)
    lines = with_class(tree, "ranked-line")
    assert [text(line) for line in lines] == ["England: 60.0%", "middle 50% of councils"]


def test_each_council_against_its_own_neighbours_median_has_its_own_mark_and_no_benchmark_line():
    tree = chart(own_mark="its own nearest neighbours' median", benchmark_value=None)
    low, high = scale(tree)
    assert not with_class(tree, "ranked-benchmark")
    for track in with_class(tree, "ranked-track"):
        value = float(with_class(track, "ranked-mark")[0].style["left"].rstrip("%")) / 100 * (high - low) + low
        [median] = with_class(track, "ranked-median")
        assert left(median) == pytest.approx(per_cent(value + 1, low, high), abs=0.05)
    assert "its own nearest neighbours' median" in text(with_class(tree, "ranked-line")[0])


def test_the_highlighted_council_is_named_emphasised_and_banded_and_no_other():
    tree = chart(selected="E08000005")
    chosen = [n for n in with_class(tree, "selected")]
    assert [text(n) for n in chosen if "ranked-name" in n.className] == ["▶\u00a0Council 5"]
    assert any(isinstance(n, html.B) for n in walk(chosen[0]))
    [band] = with_class(tree, "ranked-band")
    assert band.style == chosen[0].style  # across the council's own row
    assert not with_class(chart(), "ranked-band") and not with_class(chart(), "selected")


def test_every_cell_carries_its_council_for_presenter_view_s_spotlight():
    tree = chart()
    for kind in ("ranked-name", "ranked-track", "ranked-rating"):
        assert [getattr(n, "data-council") for n in with_class(tree, kind)] == [
            f"E0800{i:04d}" for i in range(23, -1, -1)]


def test_what_the_browser_gets_is_the_same_chart():
    tree = chart(selected="E08000005")
    drawn = Drawn(written(tree))
    assert drawn.texts("ranked-name") == [text(n) for n in with_class(tree, "ranked-name")] and drawn.style == ""
    assert [c["code"] for c in drawn.cells["ranked-name"] if c["selected"]] == ["E08000005"]
    assert all(c["marks"] == 1 for c in drawn.cells["ranked-track"])


def test_the_chart_is_one_picture_with_its_title_to_a_screen_reader_and_within_its_size_budget():
    tree = chart(selected="E08000001")
    assert tree.role == "img" and getattr(tree, "aria-label").startswith("Quality of life. ")
    assert len(written(tree).encode()) < BUDGET


def test_on_a_phone_a_long_benchmark_label_goes_above_the_chart_with_the_line_s_dash():
    tree = chart(narrow=True, benchmark_name="Nearest neighbours' median")
    [key] = with_class(tree, "ranked-key")
    assert text(key) == "╎ Nearest neighbours' median: 60.0%" and "narrow" in tree.className
    assert [text(line) for line in with_class(tree, "ranked-line")] == ["middle 50% of councils"]
    assert not with_class(chart(narrow=True), "ranked-key")  # a short one stays on the line
