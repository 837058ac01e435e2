"""Journeys in headless Chromium: a heatmap cell opens the same rating on the profile, my council is kept in the
browser across pages and reloads, every route fits a phone, and a path that names nothing answers 404."""

import time
import urllib.error
import urllib.request

import pytest

from tests.browser.helpers import console_errors, start
from tests.browser.test_charts import set_screen

pytestmark = pytest.mark.browser
COUNCILS = ("E08000009", "E06000008", "E08000012")


def js_click(dash_duo, element):
    dash_duo.driver.execute_script("arguments[0].click()", element)


def test_heatmap_cells_open_the_profile_with_the_same_rating(dash_duo, demo_db_url):
    """One cell per council (of three) and per rating colour seen, clicked for real."""
    start(dash_duo, demo_db_url, "/?domain=commissioning-quality&benchmark=north-west")
    for code in COUNCILS:
        dash_duo.driver.get(dash_duo.server_url + "/?domain=commissioning-quality&benchmark=north-west")
        cells = [a for a in dash_duo.wait_for_element(f"#overview-heatmap tr[data-council={code}]").find_elements(
                     "css selector", "td a")
                 if not a.text.endswith("No data")]
        index = COUNCILS.index(code) * 3 % len(cells)
        word = cells[index].text.split(" ", 1)[1]
        js_click(dash_duo, cells[index])
        row = dash_duo.wait_for_element("tr.selected-row", timeout=10)
        assert "(highlighted)" in row.get_attribute("textContent")
        assert word in row.text, (code, word, row.text)
        assert "benchmark=north-west" in dash_duo.driver.current_url
    assert console_errors(dash_duo) == []


def test_my_council_persists_across_pages_and_reloads(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/council/E08000009")
    button = dash_duo.wait_for_element("#set-my-council")
    assert button.text == "☆ Make Trafford my council"
    js_click(dash_duo, button)
    dash_duo.wait_for_text_to_equal("#set-my-council", "★ Trafford is my council (forget)")
    dash_duo.wait_for_text_to_equal("#my-council-link", "My council: Trafford")
    dash_duo.driver.refresh()
    dash_duo.wait_for_text_to_equal("#my-council-link", "My council: Trafford")
    # The domain view highlights it; the overview marks its row; the header picker shows it.
    dash_duo.driver.get(dash_duo.server_url + "/domain/resource-workforce")
    dash_duo.wait_for_element("#domain-bar .js-plotly-plot")
    deadline = time.time() + 10
    while "council=E08000009" not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.1)
    assert "council=E08000009" in dash_duo.driver.current_url
    dash_duo.wait_for_text_to_equal("#domain-bar-caption", dash_duo.find_element("#domain-bar-caption").text)
    assert dash_duo.find_element("#domain-bar-caption").text.startswith("Trafford: ")
    assert dash_duo.driver.execute_script("return document.getElementById('council-picker').value") == "E08000009"
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("tr.mine[data-council=E08000009]", timeout=10)
    assert dash_duo.find_element("tr.mine .mine-tag").is_displayed()
    # Nothing of it reaches the server: it is in localStorage, not a cookie.
    assert dash_duo.driver.get_cookies() == []
    assert "E08000009" in dash_duo.driver.execute_script("return window.localStorage.getItem('my-council')")
    # Forgetting it on the profile forgets it everywhere.
    dash_duo.driver.get(dash_duo.server_url + "/council/E08000009")
    js_click(dash_duo, dash_duo.wait_for_element("#set-my-council"))
    dash_duo.wait_for_text_to_equal("#set-my-council", "☆ Make Trafford my council")
    dash_duo.driver.get(dash_duo.server_url + "/domain/resource-workforce")
    dash_duo.wait_for_element("#domain-bar .js-plotly-plot")
    assert "council=" not in dash_duo.driver.current_url and dash_duo.find_element("#my-council-link").text == ""
    assert console_errors(dash_duo) == []


ROUTES = ["/", "/domain/performance-outcomes", "/domain/resource-workforce?council=E08000009",
          "/council/E08000009", "/council/E06000063", "/council/E08000009/briefing", "/measures",
          "/measures/ascof_1a", "/about", "/nope"]


@pytest.mark.parametrize("width", [320, 390, 430])
def test_no_route_scrolls_sideways_on_a_phone(dash_duo, demo_db_url, width):
    start(dash_duo, demo_db_url)
    set_screen(dash_duo.driver, width, 844)
    wide = {}
    for path in ROUTES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("main h1", timeout=10)
        time.sleep(1.0)  # charts and tables drawn
        scroll = dash_duo.driver.execute_script("return document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    assert wide == {}


def test_a_path_that_names_nothing_answers_404_and_shows_the_friendly_page(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url)
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(dash_duo.server_url + "/council/E09000001")
    assert answer.value.code == 404
    dash_duo.driver.get(dash_duo.server_url + "/council/E09000001")
    dash_duo.wait_for_text_to_equal("main h1", "Page not found")
