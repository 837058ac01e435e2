"""The overview and domain views in real headless Chromium: the journey, deep links, back and forward,
keyboard alone, and the download matching the table."""

import csv
import io
import re
import time
import urllib.request

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests.browser.helpers import click, console_errors, start

pytestmark = pytest.mark.browser
DOMAIN = "/domain/national-priorities-partnerships"


def wait_for(dash_duo, predicate, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if predicate():
                return True
        except Exception:  # noqa: BLE001 - the page may be re-rendering
            pass
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def caption(dash_duo):
    return dash_duo.find_element("#domain-bar-caption").text


def chart_texts(dash_duo):
    """The ranked chart's rating column, top to bottom ("✓ Better")."""
    return dash_duo.driver.execute_script(
        "const c = [...document.querySelectorAll('#domain-bar .ranked-rating')].map(e => e.textContent);"
        "return c.length ? c : null;")


def table_rows(dash_duo):
    rows = {}
    for tr in dash_duo.find_elements("#domain-table tbody tr"):
        name = tr.find_element("css selector", "th").text.split("\n")[0].split(" (highlighted)")[0].split(" ⚑")[0]
        badge = tr.find_elements("css selector", "td")[2].text  # the icon, then the word
        rows[name] = re.sub(r"^[^A-Za-z]+", "", badge).strip()
    return rows


def test_the_journey_from_overview_to_a_council_in_a_domain(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url)
    click(dash_duo, dash_duo.wait_for_element("#overview-cards a[href^='/domain/national-priorities-partnerships']"))
    dash_duo.wait_for_text_to_equal("main h1", "National Priorities & Partnerships")
    Select(dash_duo.find_element("#domain-measure")).select_by_visible_text("Care home admissions 65+")
    Select(dash_duo.find_element("#domain-benchmark")).select_by_visible_text("England")
    Select(dash_duo.find_element("#domain-council")).select_by_visible_text("Trafford")
    wait_for(dash_duo, lambda: caption(dash_duo).startswith("Trafford: "))
    assert "measure=ascof_2a2" in dash_duo.driver.current_url and "benchmark=england" in dash_duo.driver.current_url
    assert "council=E08000009" in dash_duo.driver.current_url
    # The chart, the caption and the table tell the same story.
    words = [t.split(" ", 1)[1] for t in chart_texts(dash_duo)]
    table = table_rows(dash_duo)
    for word in ("Better", "Similar", "Worse"):
        n = words.count(word)
        if n:
            assert f"{n} {word.lower()}" in caption(dash_duo)
        assert list(table.values()).count(word) >= n
    assert "(highlighted)" in dash_duo.find_element("#domain-table tr.selected-row th").get_attribute("textContent")
    # The download is the table.
    href = dash_duo.find_element("#domain-download").get_attribute("href")
    with urllib.request.urlopen(href) as response:
        downloaded = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    assert {r["council"]: r["rating"] for r in downloaded} == table
    assert console_errors(dash_duo) == []


def test_a_deep_link_reproduces_the_view_and_back_and_forward_work(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, f"{DOMAIN}?measure=ascof_2b1&period=2022-23&benchmark=england&council=E08000009")
    wait_for(dash_duo, lambda: caption(dash_duo).startswith("Trafford: "))
    assert Select(dash_duo.find_element("#domain-measure")).first_selected_option.text == "At home after reablement"
    assert Select(dash_duo.find_element("#domain-period")).first_selected_option.text == "2022-23"
    assert "2022-23" in caption(dash_duo) and "against England" in caption(dash_duo)
    Select(dash_duo.find_element("#domain-measure")).select_by_visible_text("Offered reablement")
    wait_for(dash_duo, lambda: "measure=ascof_2b2" in dash_duo.driver.current_url)
    wait_for(dash_duo, lambda: "Offered reablement" in caption(dash_duo))
    dash_duo.driver.back()
    wait_for(dash_duo, lambda: "measure=ascof_2b1" in dash_duo.driver.current_url)
    wait_for(dash_duo, lambda: Select(dash_duo.find_element("#domain-measure")).first_selected_option.text
             == "At home after reablement")
    wait_for(dash_duo, lambda: "At home after reablement" in caption(dash_duo))
    dash_duo.driver.forward()
    wait_for(dash_duo, lambda: "Offered reablement" in caption(dash_duo))
    assert console_errors(dash_duo) == []


def tab_to(dash_duo, element_id, limit=60):
    return tab_until(dash_duo, lambda el: el.get_attribute("id") == element_id, limit)


def settled(dash_duo, selector, quiet=0.8, timeout=30):
    """Wait until an element's text has stopped changing: every callback of the last input has landed."""
    end, last, since = time.time() + timeout, None, time.time()
    while time.time() < end:
        try:
            text = dash_duo.find_element(selector).text
        except Exception:  # noqa: BLE001 - being re-rendered
            text = None
        if text != last:
            last, since = text, time.time()
        elif time.time() - since >= quiet:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{selector} kept changing")


def tab_until(dash_duo, matches, limit=400):
    """Press Tab until the focused element matches; return it. Elements re-rendered under us are looked up again."""
    for _ in range(limit):
        try:
            active = dash_duo.driver.switch_to.active_element
            if matches(active):
                return active
            active.send_keys(Keys.TAB)
        except Exception:  # noqa: BLE001 - stale after a re-render: ask the browser again
            dash_duo.driver.switch_to.active_element.send_keys(Keys.TAB)
    raise AssertionError("the element was not reached by Tab")


def test_keyboard_alone_can_do_the_whole_journey(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url)
    dash_duo.driver.find_element("tag name", "body").send_keys(Keys.TAB)
    # Overview: change the period with the keyboard, then follow a heatmap domain link with Enter.
    tab_to(dash_duo, "overview-period").send_keys(Keys.ARROW_DOWN)
    wait_for(dash_duo, lambda: "period=2024-25" in dash_duo.driver.current_url)  # from "Latest available"
    settled(dash_duo, "#overview-heatmap")
    tab_until(dash_duo, lambda el: "domain=culture-challenge" in (el.get_attribute("href") or "")
              and "nav-link" in (el.get_attribute("class") or "")).send_keys(Keys.ENTER)
    wait_for(dash_duo, lambda: "Ombudsman" in dash_duo.find_element("#overview-heatmap").text)
    # A domain: measure, benchmark and council by keyboard; then open "Why?" with Enter.
    dash_duo.driver.get(dash_duo.server_url + DOMAIN)
    dash_duo.wait_for_text_to_equal("main h1", "National Priorities & Partnerships")
    dash_duo.driver.find_element("tag name", "body").send_keys(Keys.TAB)
    tab_to(dash_duo, "domain-measure").send_keys(Keys.ARROW_DOWN)
    wait_for(dash_duo, lambda: "measure=" in dash_duo.driver.current_url)
    tab_to(dash_duo, "domain-benchmark").send_keys(Keys.ARROW_DOWN)
    wait_for(dash_duo, lambda: "benchmark=england" in dash_duo.driver.current_url)
    tab_to(dash_duo, "domain-council").send_keys("Traf")
    wait_for(dash_duo, lambda: caption(dash_duo).startswith("Trafford: "))
    settled(dash_duo, "#domain-table")
    tab_until(dash_duo, lambda el: el.tag_name == "summary" and el.find_element(
        "xpath", "ancestor::tr").get_attribute("class") == "selected-row", limit=250).send_keys(Keys.ENTER)
    selector = "#domain-table tr.selected-row details"
    wait_for(dash_duo, lambda: dash_duo.find_element(selector).get_attribute("open") is not None)
    assert re.search(r"Method.*Comparator.*Interval.*Polarity.*Period.*Recent trend.*Source.*Illustrative demo data",
                     dash_duo.find_element(selector).text, re.S)
    assert console_errors(dash_duo) == []


def test_a_heatmap_cell_opens_that_council(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/?domain=resource-workforce")
    cell = dash_duo.wait_for_element("#overview-heatmap a.heat-link[href^='/council/E08000009']")
    assert "domain=resource-workforce" in cell.get_attribute("href")
    cell.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("main h1", "Trafford")


def test_the_browser_gets_the_small_plotly_bundle_only(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, f"{DOMAIN}?measure=ascof_2a2")
    dash_duo.wait_for_element("#domain-trend .js-plotly-plot", timeout=15)
    version = dash_duo.driver.execute_script("return window.Plotly && window.Plotly.version")
    from plotly.offline import get_plotlyjs_version

    assert version == get_plotlyjs_version()
    loaded = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert any(u.endswith("plotly-basic.min.js") or "plotly-basic.min.js?" in u for u in loaded)
    assert not any("package_data/plotly.min.js" in u for u in loaded)
