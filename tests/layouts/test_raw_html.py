"""Big read-only tables as one component (issue 27, layouts/raw_html.py): the HTML written is the component tree's
own markup, every text and attribute escaped, and the overview's two tables travel as two components, not ~1,050."""

from __future__ import annotations

import pytest
from dash import dcc, html

from callbacks.state import overview_state
from layouts import overview_layout
from layouts.raw_html import RawHtml, raw, written
from page_models import overview_model
from tests.callbacks.test_router import text_of


def test_the_markup_is_the_tree_s_with_every_text_and_attribute_escaped():
    tree = html.Tr([html.Th([dcc.Link("Trafford & <b>co</b>", href="/council/E08000009?a=1&b=2"),
                             html.Span(" (my council)", className="mine-tag", hidden=True)], scope="row"),
                    html.Td(html.A("Worse", href="/x", title='say "why"', style={"backgroundColor": "#d4351c"},
                                   **{"data-icon": "✗", "aria-label": "Trafford, Quality of life: worse"}))],
                   **{"data-council": "E08000009"})
    out = written(tree)
    assert out.startswith('<tr data-council="E08000009"><th scope="row">')
    assert '<a href="/council/E08000009?a=1&amp;b=2" data-spa="link">Trafford &amp; &lt;b&gt;co&lt;/b&gt;</a>' in out
    assert '<span hidden class="mine-tag"> (my council)</span>' in out or \
        '<span class="mine-tag" hidden> (my council)</span>' in out
    assert 'title="say &quot;why&quot;"' in out and 'style="background-color:#d4351c"' in out
    assert 'aria-label="Trafford, Quality of life: worse"' in out and 'data-icon="✗"' in out
    assert written([html.Br(), "a<b", 3]) == "<br>a&lt;b3"


def test_a_component_it_cannot_write_is_refused_never_dropped():
    with pytest.raises(TypeError):
        written(html.Div(dcc.Graph(figure={})))


def test_the_overview_s_tables_are_one_component_each_with_every_word_and_link(published):
    page = overview_model.build(published, overview_state(published, "")[0])
    glance, links, heat, _ = overview_layout.outputs(page)
    assert isinstance(heat, RawHtml)
    assert text_of(heat).split() == text_of(overview_layout.heatmap(page)).split()
    assert heat.html.count('class="heat-link"') == sum(len(r.cells) for r in page.heat_rows)

    def components(node) -> int:
        if isinstance(node, list | tuple):
            return sum(components(n) for n in node)
        children = getattr(node, "children", None) if hasattr(node, "to_plotly_json") else None
        return (1 + components(children)) if hasattr(node, "to_plotly_json") else 0

    assert components([glance, links, heat]) < 300  # was ~1,280: the page drew its heatmap ~3 s after its answer


def test_every_attribute_the_tree_sets_is_written_and_dash_s_own_are_not():
    """An image keeps its address and its words, a fold its state; clicks and keys are Dash's, not the page's."""
    out = written(html.Td([html.Img(src="data:image/svg+xml;base64,AAA", alt='Trend "rising"', width=80, height=20),
                           html.Details([html.Summary("Why?"), html.P("Because.")], open=True, n_clicks=0),
                           html.Details(html.Summary("Closed"), open=False)]))
    assert '<img alt="Trend &quot;rising&quot;" height="20" src="data:image/svg+xml;base64,AAA" width="80">' in out
    assert "<details open><summary>Why?</summary>" in out and "<details><summary>Closed</summary>" in out
    assert "n_clicks" not in out and "n-clicks" not in out


def test_html_already_written_is_kept_whole_in_its_div():
    inner = raw(html.Table(html.Tr(html.Td("a < b"))), className="matrix")
    assert written(html.Section([html.H2("At a glance"), inner])) == (
        '<section><h2>At a glance</h2><div class="matrix"><table><tr><td>a &lt; b</td></tr></table></div></section>')
