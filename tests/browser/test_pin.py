"""Pinned for a meeting, in headless Chromium: a pinned link keeps showing the papers' values after a newer import,
the pin stays on while the reader moves around, and "Show the current data" leaves it."""

import pytest
from selenium.webdriver.common.by import By

from analysis.formatting import with_unit
from data.db import make_engine
from data.read_api import ReadAPI
from data.warehouse import init_warehouse
from tests.browser.helpers import axe_violations, click, console_errors, start
from tests.data.test_pin import COUNCIL, _a_value, _revise

pytestmark = pytest.mark.browser


def _row(dash_duo) -> str:
    dash_duo.wait_for_element("#domain-table tr.selected-row", timeout=15)
    return dash_duo.find_element("#domain-table tr.selected-row").text


# The text of the highlighted council's row when it is first drawn.
FIRST_ROW = """
new MutationObserver(function (changes, observer) {
  const row = document.querySelector('#domain-table tr.selected-row');
  if (row) { window.__firstRow = row.textContent; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


def _url(dash_duo) -> str:
    return dash_duo.driver.execute_script("return location.pathname + location.search")


def test_a_pinned_link_shows_the_pinned_values_after_a_newer_import(dash_duo, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    init_warehouse(engine)
    api = ReadAPI(engine)
    pin, before = api.newest_release_id(), _a_value(api)
    m = api.catalogue.measure(before.measure_id)
    page = f"/domain/{m.domain}?measure={m.id}&council={COUNCIL}"
    old, new = (with_unit(v, m.unit, m.decimals) for v in (before.value, before.value / 2))
    app = start(dash_duo, str(engine.url), page)
    assert old in _row(dash_duo)

    # The papers go out: the analyst pins the view.
    dash_duo.wait_for_element("#pin-link", timeout=10)
    assert dash_duo.find_element("#pin-bar").text.startswith("Newest data: ")
    click(dash_duo, dash_duo.find_element("#pin-link"))
    dash_duo.wait_for_text_to_equal("#pin-bar strong", "Pinned for a meeting:", timeout=10)
    pinned = _url(dash_duo)
    assert f"as_at={pin}" in pinned

    # A corrected file lands before the meeting; days later (nothing cached) the pinned link still shows what the
    # papers showed.
    _revise(engine, before, before.value / 2)
    app.read_api.cache.cache.clear()
    dash_duo.driver.get(dash_duo.server_url + pinned)
    dash_duo.wait_for_text_to_equal("#pin-bar strong", "Pinned for a meeting:", timeout=10)
    assert old in _row(dash_duo) and new not in _row(dash_duo)
    download = dash_duo.find_element("#domain-download").get_attribute("href")
    assert f"as_at={pin}" in download

    # Moving around keeps the pin: a header link, the overview's links, even a typed address without it.
    click(dash_duo, dash_duo.driver.find_elements(By.CSS_SELECTOR, ".domain-nav a")[0])
    dash_duo.wait_for_element("#domain-bar-caption", timeout=10)
    assert f"as_at={pin}" in _url(dash_duo)
    # The first row drawn is the pinned one: the page arrives drawn for its address (callbacks/router.py first_page),
    # and the tab's pin is in the address before the layout is asked for (assets/pin_first.js).
    first_row = dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_ROW})
    dash_duo.driver.get(dash_duo.server_url + page)
    assert old in _row(dash_duo) and f"as_at={pin}" in _url(dash_duo)
    assert old in dash_duo.driver.execute_script("return window.__firstRow")
    dash_duo.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", first_row)
    assert axe_violations(dash_duo.driver) == []

    # Leaving the pin shows the current data, and nothing pins it again.
    click(dash_duo, dash_duo.find_element("#unpin-link"))
    dash_duo.wait_for_element("#pin-link", timeout=10)
    assert new in _row(dash_duo) and "as_at" not in _url(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + page)
    dash_duo.wait_for_element("#pin-link", timeout=10)
    assert new in _row(dash_duo) and "as_at" not in _url(dash_duo)
    assert console_errors(dash_duo) == []


def test_a_pin_that_is_not_a_release_is_said(dash_duo, published_engine):
    start(dash_duo, str(published_engine.url), "/?as_at=９")
    dash_duo.wait_for_contains_text("#overview-notice", "not a release of this warehouse", timeout=10)
    assert "Pin this view" in dash_duo.find_element("#pin-bar").text
