"""The numbers beside a rating never contradict it: on every rated row of the demo and the published warehouses,
the interval and benchmark as displayed (and as the reason sentence writes them) put the benchmark outside the
interval exactly when the rating says the council differs."""

from __future__ import annotations

import re

import pytest

from data.rated_rows import credits, rated_row

DIFFERENT = {"Better", "Worse", "Higher", "Lower"}
NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def _number(text: str) -> float:
    return float(NUMBER.search(text).group().replace(",", ""))


def _displayed(interval_text: str) -> tuple[float, float]:
    low, high = interval_text.split("CI ", 1)[1].split("–")
    return _number(low), _number(high)


def _checked_rows(api):
    measures = {m.id: m for m in api.catalogue.measures}
    credited = credits(api)
    for comparator in ("region", "england", "nearest_neighbours"):
        for record in api.ratings(comparator=comparator):
            if record.method == "significance" and record.colour != "grey":
                yield rated_row(record, measures[record.measure_id], record.area_code, comparator, credited)


@pytest.mark.parametrize("warehouse", ["api", "published"])
def test_displayed_bounds_and_benchmark_agree_with_the_rating_word(warehouse, request):
    api = request.getfixturevalue(warehouse)
    checked = 0
    for row in _checked_rows(api):
        low, high = _displayed(row.interval_text)
        bench = _number(row.comparator_text)
        outside = bench < low or bench > high
        r = row.record
        assert outside == (r.rating in DIFFERENT), (r.area_code, r.measure_id, r.period, r.rating,
                                                    row.interval_text, row.comparator_text)
        # The reason sentence writes the same numbers.
        assert row.interval_text.split("CI ", 1)[1] in row.record.reason, (row.record.reason, row.interval_text)
        checked += 1
    assert checked > 0
