"""Journeys in headless Chromium: a heatmap cell opens the same rating on the profile, my council is kept in the
browser across pages and reloads, every route fits a phone, and a path that names nothing answers 404."""

import re
import time
import urllib.error
import urllib.request

import pytest

from data.db import make_engine
from data.read_api import ReadAPI
from tests.browser.helpers import console_errors, settled, start
from tests.browser.test_charts import set_screen

pytestmark = pytest.mark.browser
COUNCILS = ("E08000009", "E06000008", "E08000012")


def js_click(dash_duo, element):
    dash_duo.driver.execute_script("arguments[0].click()", element)


CELLS = """
return [...document.querySelectorAll('#overview-heatmap tr[data-council]')]
  .filter(tr => arguments[0].includes(tr.getAttribute('data-council')))
  .flatMap(tr => [...tr.querySelectorAll('td a')].map(a => [a.getAttribute('href'),
                                                             a.getAttribute('data-icon') + ' ' + a.textContent]));
"""
RATINGS = """
return Object.fromEntries([...document.querySelectorAll('tr[id^=measure-]')].map(
  tr => [tr.id.slice(8), tr.querySelector('.rating-badge').textContent]));
"""


def test_every_heatmap_cell_of_three_councils_opens_the_same_rating(dash_duo, demo_db_url):
    """Every cell of three councils, in every domain: the profile its link opens shows the cell's rating for that
    measure (each distinct profile is opened once and read for all its cells). One cell is clicked for real."""
    start(dash_duo, demo_db_url)
    cells = []
    for slug in ("leadership-governance", "performance-outcomes", "commissioning-quality",
                 "national-priorities-partnerships", "resource-workforce", "culture-challenge"):
        dash_duo.driver.get(f"{dash_duo.server_url}/?domain={slug}&benchmark=north-west")
        dash_duo.wait_for_element(f"#overview-heatmap tr[data-council={COUNCILS[0]}]", timeout=15)
        cells += dash_duo.driver.execute_script(CELLS, list(COUNCILS))
    profiles: dict[str, list] = {}
    for href, text in cells:
        path, measure = href.split("#measure-")
        profiles.setdefault(re.sub(r"[?&]measure=[^&]*", "", path), []).append((measure, text.split(" ", 1)[1]))
    for path, wanted in profiles.items():
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("tr[id^=measure-]", timeout=15)
        shown = dash_duo.driver.execute_script(RATINGS)
        for measure, word in wanted:
            assert (shown.get(measure) or "No data")[1:] == word, (path, measure, word, shown.get(measure))
    assert len(cells) == 3 * len(ReadAPI(make_engine(demo_db_url)).collected()) and len(profiles) >= 18
    # And for real: a click on a cell opens the profile at that measure, highlighted and in view.
    dash_duo.driver.get(f"{dash_duo.server_url}/?domain=commissioning-quality&benchmark=north-west")
    cell = next(a for a in dash_duo.wait_for_element(f"#overview-heatmap tr[data-council={COUNCILS[0]}]")
                .find_elements("css selector", "td a") if not a.text.endswith("No data"))
    word = cell.text  # the icon is drawn before it from data-icon, and is not part of the link's text
    drawn = dash_duo.driver.execute_script("return getComputedStyle(arguments[0], '::before').content", cell)
    assert cell.get_attribute("data-icon") in drawn, drawn  # the icon is on screen beside the word
    js_click(dash_duo, cell)
    row = dash_duo.wait_for_element("tr.selected-row", timeout=15)
    assert "(highlighted)" in row.get_attribute("textContent") and word in row.text
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
    dash_duo.wait_for_element("#domain-bar .ranked")
    deadline = time.time() + 10
    while "council=E08000009" not in dash_duo.driver.current_url and time.time() < deadline:
        time.sleep(0.1)
    assert "council=E08000009" in dash_duo.driver.current_url
    deadline = time.time() + 30  # the caption is written once the chart is drawn for the highlighted council
    while not dash_duo.find_element("#domain-bar-caption").text.startswith("Trafford: ") and time.time() < deadline:
        time.sleep(0.2)
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
    dash_duo.wait_for_element("#domain-bar .ranked")
    assert "council=" not in dash_duo.driver.current_url and dash_duo.find_element("#my-council-link").text == ""
    assert console_errors(dash_duo) == []


ROUTES = ["/", "/domain/performance-outcomes", "/domain/resource-workforce?council=E08000009",
          "/council/E08000009", "/council/E06000063", "/council/E08000009/briefing", "/measures",
          "/measures/ascof_1a", "/about", "/nope"]


@pytest.mark.parametrize("width", [320, 390, 430])
def test_no_route_scrolls_sideways_on_a_phone(dash_duo, demo_db_url, width):
    start(dash_duo, demo_db_url, "/about")
    set_screen(dash_duo.driver, width, 844)
    wide = {}
    for path in ROUTES:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("main h1", timeout=10)
        settled(dash_duo)  # charts and tables drawn
        scroll = dash_duo.driver.execute_script("return document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    assert wide == {}


def test_a_path_that_names_nothing_answers_404_and_shows_the_friendly_page(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/about")
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(dash_duo.server_url + "/council/E09000001")
    assert answer.value.code == 404
    dash_duo.driver.get(dash_duo.server_url + "/council/E09000001")
    dash_duo.wait_for_text_to_equal("main h1", "Page not found")
