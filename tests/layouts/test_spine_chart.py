"""A council's spine charts, written as HTML: each row's marks stand where analysis.spine puts them, the ends say
which way is better, the rating is words and icon, and nothing but fixed shapes is written unescaped."""

from html.parser import HTMLParser

import pytest

from analysis.spine import spine
from layouts.raw_html import written
from layouts.spine_chart import spine_chart
from page_models.council_model import SpineEntry


def entry(name, polarity, colour="amber", rating="Similar", council=35, region=25):
    return SpineEntry(name, spine([10, 20, 30, 40, 50], 30, polarity, council, region), colour, rating)


class Marks(HTMLParser):
    """Every element's class and style, and the text of each row's name and rating."""

    def __init__(self):
        super().__init__()
        self.elements, self.texts, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a.get("class", ""), a.get("style", ""), a))
        if a.get("class") in ("spine-name", "spine-rating", "spine-title", "spine-source"):
            self._in = a["class"]

    def handle_endtag(self, tag):
        if tag == "span" or tag == "p":
            self._in = None

    def handle_data(self, data):
        if self._in and data.strip():
            self.texts.append((self._in, data))


def parsed(figure) -> Marks:
    m = Marks()
    m.feed(written(figure))
    return m


def left(style: str) -> float:
    return float(style.split("left:")[1].split("%")[0]) / 100


def test_each_mark_stands_where_the_geometry_puts_it():
    e = entry("Feel safe", "higher_better", "red", "Worse", council=12, region=41)
    m = parsed(spine_chart([e], "t", "s", "England", "c"))
    g = e.geometry
    council = next(s for _t, c, s, _a in m.elements if c == "spine-mark council")
    region = next(s for _t, c, s, _a in m.elements if c == "spine-mark region")
    assert left(council) == pytest.approx(g.council, abs=1e-4) and left(region) == pytest.approx(g.region, abs=1e-4)
    bands = [(left(s), float(s.split("width:")[1].split("%")[0]) / 100)
             for _t, c, s, _a in m.elements if c.startswith("spine-band")]
    assert [(round(x, 4), round(x + w, 4)) for x, w in bands] == [
        (round(g.worst, 4), round(g.q_low, 4)), (round(g.q_low, 4), round(g.q_high, 4)),
        (round(g.q_high, 4), round(g.best, 4))]
    assert [c for _t, c, _s, _a in m.elements if c.startswith("spine-band")] == [
        "spine-band outer", "spine-band middle", "spine-band outer"]


def test_a_lower_is_better_measure_puts_the_lowest_value_on_the_right():
    e = entry("Delayed transfers", "lower_better", council=12)
    council = next(s for _t, c, s, _a in parsed(spine_chart([e], "t", "s", "England", "c")).elements
                   if c == "spine-mark council")
    assert left(council) > 0.5  # 12 is low, so good: right of England


def test_the_ends_say_which_way_is_better_only_for_judged_measures():
    judged = written(spine_chart([entry("A", "higher_better")], "t", "s", "England", "c"))
    plain = written(spine_chart([entry("B", "no_judgement", "neutral", "Higher")], "t", "s", "England", "c",
                                judged=False))
    assert "<span>Worst</span><span>England</span><span>Best</span>" in judged
    assert "<span>Lowest</span><span>England</span><span>Highest</span>" in plain
    assert spine_chart([], "t", "s", "England", "c") is None


def test_rows_read_as_name_then_rating_in_words_and_the_picture_is_hidden_from_screen_readers():
    m = parsed(spine_chart([entry("Impact on quality of life", "higher_better", "grey", "Not rated"),
                            entry("Feel <safe>", "higher_better", "red", "Worse")], "Trafford & co", "Source: X",
                           "England", "c"))
    assert m.texts == [("spine-title", "Trafford & co"), ("spine-name", "Impact on quality of life"),
                       ("spine-rating", "○ Not rated"), ("spine-name", "Feel <safe>"), ("spine-rating", "✗ Worse"),
                       ("spine-source", "Source: X")]
    tracks = [a for _t, c, _s, a in m.elements if c in ("spine-track", "spine-row spine-axis")]
    assert len(tracks) == 3 and all(a.get("aria-hidden") == "true" for a in tracks)
    svgs = [a for t, _c, _s, a in m.elements if t == "svg"]
    assert len(svgs) == 4 and all(a.get("aria-hidden") == "true" and a.get("focusable") == "false" for a in svgs)


def test_text_from_the_page_model_is_escaped():
    html = written(spine_chart([entry('<img src=x onerror="alert(1)">', "higher_better")], "<b>t</b>", "s",
                               "England", "c"))
    assert "<img" not in html and "<b>" not in html and "&lt;img src=x" in html


def test_a_council_without_a_value_has_no_marker_but_keeps_its_row():
    e = SpineEntry("Feel safe", spine([10, 20, 30, 40, 50], 30, "higher_better", None, 25), "grey", "Not rated")
    m = parsed(spine_chart([e], "t", "s", "England", "c"))
    assert not [c for _t, c, _s, _a in m.elements if c == "spine-mark council"]
    assert ("spine-rating", "○ Not rated") in m.texts
