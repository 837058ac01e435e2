"""The app in real headless Chromium: the shell, its navigation, the picker and the not-found view."""

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from data.catalogue import catalogue
from tests.browser.helpers import console_errors, start

pytestmark = pytest.mark.browser


def test_home_shows_six_domain_links_in_en_gb_without_console_errors(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url)
    dash_duo.wait_for_text_to_equal("main h1", "Regional overview")
    links = dash_duo.find_elements("#domain-nav a")
    assert [a.text for a in links] == [d.name for d in catalogue().domains]
    assert [a.get_attribute("href").split("/", 3)[3] for a in links] == [
        f"domain/{d.slug}" for d in catalogue().domains]
    assert dash_duo.driver.find_element("tag name", "html").get_attribute("lang") == "en-GB"
    assert "Illustrative data — not official statistics" in dash_duo.find_element("#illustrative-banner").text
    assert dash_duo.driver.title.startswith("Regional overview")
    assert console_errors(dash_duo) == []


def test_every_domain_link_is_reachable_by_keyboard_and_marks_the_current_page(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/domain/resource-workforce")
    dash_duo.wait_for_text_to_equal("main h1", "Resource & Workforce")
    current = dash_duo.find_elements("#domain-nav a[aria-current='page']")
    assert [a.text for a in current] == ["Resource & Workforce"]
    reached = []
    body = dash_duo.driver.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    for _ in range(20):
        active = dash_duo.driver.switch_to.active_element
        reached.append(active.get_attribute("href") or active.tag_name)
        active.send_keys(Keys.TAB)
    assert reached[0].endswith("#main"), "the skip link comes first"
    for d in catalogue().domains:
        assert any(h.endswith(f"/domain/{d.slug}") for h in reached), d.slug
    assert console_errors(dash_duo) == []


def test_following_a_domain_link_opens_that_domain(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url)
    dash_duo.find_element("#domain-nav a[href='/domain/culture-challenge']").click()
    dash_duo.wait_for_text_to_equal("main h1", "Culture & Challenge")
    assert dash_duo.driver.current_url.endswith("/domain/culture-challenge")
    options = [o.text for o in dash_duo.find_elements("#domain-measure option")]
    assert "Ombudsman complaints upheld" in options
    dash_duo.wait_for_element("#domain-table table")


def test_the_council_picker_opens_the_chosen_council_on_go(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url)
    Select(dash_duo.find_element("#council-picker")).select_by_visible_text("Trafford")
    assert dash_duo.driver.current_url.endswith("/"), "choosing alone does not move the page"
    dash_duo.find_element("#council-picker-go").click()
    dash_duo.wait_for_text_to_equal("main h1", "Trafford", timeout=30)  # a profile is the slowest page to build
    assert dash_duo.driver.current_url.endswith("/council/E08000009")


@pytest.mark.parametrize("path, what", [("/domain/no-such-domain", "domain"), ("/council/E99999999", "council code")])
def test_a_bad_slug_or_code_shows_the_friendly_not_found_view(dash_duo, demo_db_url, path, what):
    start(dash_duo, demo_db_url, path)
    dash_duo.wait_for_text_to_equal("main h1", "Page not found")
    assert f"We could not find the {what}" in dash_duo.find_element("main").text
    dash_duo.find_element("main a[href='/']").click()
    dash_duo.wait_for_text_to_equal("main h1", "Regional overview")
    # The page itself answered 404 (the browser logs that); nothing else went wrong.
    errors = console_errors(dash_duo)
    assert [e for e in errors if "status of 404" not in e["message"] or path not in e["message"]] == []
