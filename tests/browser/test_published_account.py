"""The published account in a real browser, opened from the file system as a reader who downloaded it would: axe-core
(WCAG 2.2 A and AA) finds nothing on each kind of page, no page scrolls sideways on a phone, and the skip link
is the first thing a keyboard reaches."""

from __future__ import annotations

import shutil

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from data.db import make_engine
from data.read_api import ReadAPI
from plain.publish import publish
from tests.browser.helpers import axe_violations
from tests.data.test_pin import _publish

pytestmark = pytest.mark.browser

KINDS = ["index.html", "domain/performance-outcomes.html", "measure/ascof_1c1a.html", "measure/ascof_2a2.html",
         "council/E08000009.html", "council/E06000063.html", "measures.html", "about.html", "changes.html",
         "data.html", "embed/ascof_2a2/E08000009.html", "embed/ascof_1c1a/E06000064.html"]


@pytest.fixture(scope="module")
def demo_site(api, tmp_path_factory):
    """The demo's account: every domain full of (invented) values, said to be illustrative on every page."""
    out = tmp_path_factory.mktemp("demo-account") / "site"
    publish(api, out)
    return out


@pytest.fixture(scope="module")
def account_site(published_file, tmp_path_factory):
    """The published data with Trafford's own account of a domain published: commentary in Markdown (with a link,
    and a script tag that must stay text), a self-assessed risk and a top risk."""
    folder = tmp_path_factory.mktemp("with-account")
    shutil.copy(published_file, folder / "w.db")
    engine = make_engine(f"sqlite:///{folder / 'w.db'}")
    _publish(engine, "We **shortened** waits. See [our plan](https://example.org/plan). <script>alert(1)</script>",
             "Workforce gaps in home care")
    publish(ReadAPI(engine), folder / "site")
    engine.dispose()
    return folder / "site"


@pytest.mark.parametrize("page", KINDS)
def test_no_axe_violations_on_each_kind_of_page(dash_duo, published_site, page):
    driver = dash_duo.driver
    driver.get((published_site / page).as_uri())
    assert driver.find_element(By.TAG_NAME, "h1").text
    assert axe_violations(driver) == []


@pytest.mark.parametrize("page", ["index.html", "domain/resource-workforce.html"])
def test_no_axe_violations_on_the_demo_s_pages_which_say_they_are_illustrative(dash_duo, demo_site, page):
    driver = dash_duo.driver
    driver.get((demo_site / page).as_uri())
    assert "Illustrative data" in driver.find_element(By.TAG_NAME, "body").text
    assert axe_violations(driver) == []


def test_a_council_s_own_account_is_on_its_page_its_markdown_safe(dash_duo, account_site):
    driver = dash_duo.driver
    driver.get((account_site / "council" / "E08000009.html").as_uri())
    account = driver.find_element(By.CSS_SELECTOR, "#resource-workforce ~ .account, .account")
    assert account.find_element(By.TAG_NAME, "strong").text == "Self-assessed risk:"
    assert "Workforce gaps in home care" in account.text
    assert account.find_element(By.LINK_TEXT, "our plan").get_attribute("href") == "https://example.org/plan"
    assert "<script>alert(1)</script>" in account.text  # shown as the text it is, never run
    assert driver.find_elements(By.TAG_NAME, "script") == []
    assert axe_violations(driver) == []


@pytest.mark.parametrize("page", ["index.html", "measure/ascof_2a2.html", "council/E08000009.html"])
def test_nothing_scrolls_sideways_on_a_phone(dash_duo, published_site, page):
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.get((published_site / page).as_uri())
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 390
    # the ranked chart's tracks keep most of the width (names and ratings sit above them)
    tracks = driver.find_elements(By.CSS_SELECTOR, ".rk-track")
    assert all(t.size["width"] > 250 for t in tracks)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(dash_duo, published_site):
    driver = dash_duo.driver
    driver.get((published_site / "measure" / "ascof_1c1a.html").as_uri())
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    first = driver.switch_to.active_element
    assert first.text == "Skip to main content" and first.is_displayed()
    first.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "main"


def test_every_app_page_links_to_its_plain_page_once_drawn(dash_duo, published_file):
    from tests.browser.helpers import click, start

    start(dash_duo, f"sqlite:///{published_file}", "/council/E08000009")
    link = dash_duo.driver.find_element(By.ID, "plain-link")
    assert link.text == "Plain page and data"
    assert link.get_attribute("href").endswith("/account/council/E08000009.html")
    click(dash_duo, dash_duo.driver.find_element(By.LINK_TEXT, "About the scorecard"))  # moving on moves the link
    dash_duo.wait_for_text_to_equal("main h1", "About the scorecard", timeout=10)
    assert dash_duo.driver.find_element(By.ID, "plain-link").get_attribute("href").endswith("/account/about.html")
