"""The words beside the domain view's numbers: a change in a percentage is in percentage points, and a column no
council has a value for is explained once above the table instead of on every row."""

from __future__ import annotations

from types import SimpleNamespace

from callbacks.state import domain_state
from layouts import domain_layout
from page_models import domain_model
from tests.callbacks.test_router import text_of


def _page(api, slug, search):
    return domain_model.build(api, domain_state(api, slug, search)[0])


def test_changes_in_percentages_are_in_percentage_points_on_the_page(api):
    """Every Up/Down/Improved/Declined of a percentage measure says percentage points, never "%" for the change."""
    checked = 0
    for m in (m for m in api.catalogue.measures if m.unit == "%" and not m.is_categorical):
        for r in domain_model.rows_for(api, m, "2024-25", "north-west", []):
            if r.record.change in domain_layout.CHANGE_WITH_AMOUNT:
                assert "percentage point" in r.record.change_reason, r.record.change_reason
                checked += 1
    assert checked > 50


def test_a_column_no_council_has_is_explained_once(published):
    """The carers' survey runs every other year, so no council has a five-year trend: one sentence says why."""
    page = _page(published, "commissioning-quality", "?measure=ascof_3b")
    assert set(r.record.trend for r in page.rows) == {"cannot be calculated"}
    note = page.column_notes["trend"]
    assert note.startswith("Recent trend: cannot be calculated for any council. ") and "every other year" in note
    table = domain_layout.ratings_table(page)
    text = text_of(table)
    assert text.count(note) == 1
    head = table.children[-1].children.children[1]  # the table's <thead>
    assert "Recent trend" not in text_of(head) and "Rating" in text_of(head)


def test_columns_with_values_are_kept(api):
    page = _page(api, "national-priorities-partnerships", "?measure=ascof_2b1")
    assert page.column_notes == {}
    table = domain_layout.ratings_table(page)
    assert "Recent trend" in text_of(table.children[-1].children.children[1])


def test_column_notes_pick_the_commonest_reason():
    def row(trend_reason):
        return SimpleNamespace(record=SimpleNamespace(
            change="Up", change_reason="Up 1.0 percentage point since 2023-24", trend="cannot be calculated",
            trend_reason=trend_reason, value=45.0, lower_ci=41.7, period="2024-25"))

    notes = domain_model.column_notes((row("A"), row("B"), row("B")))
    assert notes == {"trend": "Recent trend: cannot be calculated for any council. B"}
    assert domain_model.column_notes(()) == {}
