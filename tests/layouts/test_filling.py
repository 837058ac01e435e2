"""layouts/filling.py: a page arrives drawn by writing its callbacks' outputs into its components."""

import pytest
from dash import dcc, html, no_update

from layouts.filling import fill


def _page():
    return [html.Div([html.P(id="caption"), dcc.Graph(id="chart")], id="box"), html.A("x", id="link", href="#")]


def test_outputs_are_written_where_their_callback_would_write_them():
    page = _page()
    fill(page, (("caption", "children"), ("chart", "figure"), ("link", "href")),
         ("Two better", {"data": [1]}, no_update))
    assert page[0].children[0].children == "Two better"
    assert page[0].children[1].figure == {"data": [1]}
    assert page[1].href == "#"  # no_update leaves it as it was


def test_a_place_missing_from_the_page_is_an_error_not_a_half_drawn_page():
    with pytest.raises(LookupError, match="chart-2"):
        fill(_page(), (("caption", "children"), ("chart-2", "figure")), ("a", {}))
    with pytest.raises(ValueError):
        fill(_page(), (("caption", "children"),), ("a", "b"))
