"""The region at a glance: every council × the six domains, counted by colour, sortable by a domain, each cell a
link to that council's domain section with the same period and benchmark."""

from __future__ import annotations

from callbacks.state import overview_state
from layouts import overview_layout
from page_models import overview_model
from tests.callbacks.test_router import text_of


def test_the_matrix_counts_every_rating_of_every_council_in_every_domain(api):
    page = overview_model.build(api, overview_state(api, "?benchmark=north-west")[0])
    assert len(page.matrix) == 24 and all(len(row.cells) == 6 for row in page.matrix)
    heat = {r.code: r for r in page.heat_rows}  # the heatmap's domain, cell by cell
    at = [d.slug for d in api.catalogue.domains].index(page.heat_domain)
    for row in page.matrix:
        cell = row.cells[at]
        colours = [c.row.record.colour for c in heat[row.code].cells if c.row is not None]
        assert cell.counts == {k: colours.count(k) for k in cell.counts}
        assert cell.href.startswith(f"/council/{row.code}?benchmark=north-west") and cell.href.endswith(
            f"#domain-{page.heat_domain}")


def test_sorting_by_a_domain_puts_the_most_worse_first(api):
    state = overview_state(api, "?sort=performance-outcomes")[0]
    page = overview_model.build(api, state)
    at = [d.slug for d in api.catalogue.domains].index("performance-outcomes")
    worse = [row.cells[at].counts["red"] for row in page.matrix]
    assert worse == sorted(worse, reverse=True) and worse[0] > worse[-1]
    assert "sorted by Performance & Outcomes, most worse first" in page.matrix_caption
    assert overview_state(api, "?sort=nope")[1] == ["sort 'nope'"]
    text = text_of(overview_layout.region_matrix(page))
    assert "(sorted: most worse first)" in text and text.count("(sort by this domain)") == 5


def test_each_cell_says_its_counts_in_words():
    counts = {"green": 3, "amber": 5, "red": 2, "neutral": 0, "grey": 1}
    assert overview_model.count_words(counts, 1) == "3 better, 5 similar, 2 worse, 1 not rated; 1 worse and " \
                                                    "getting worse"
    assert overview_model.count_words(dict.fromkeys(counts, 0), 0) == "no ratings"


def test_the_key_explains_every_colour_and_the_unit_of_the_counts(api):
    page = overview_model.build(api, overview_state(api, "")[0])
    text = text_of(overview_layout.key(page))
    for word in ("Green", "Amber", "Red", "No judgement", "Not rated", "⚑"):
        assert word in text
    assert "one council on one measure is one rating" in text
