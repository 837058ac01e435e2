"""A council's own target in headless Chromium (issue 28), on the published data: its editor sets one in the editor
and publishes it; the domain page's trend chart draws it with its words, the caption says it, the ratings table
shows its status beside the peer rating, and both downloads carry it. axe finds nothing on the targets page."""

import csv
import io
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app import create_app
from data.accounts import Actor, add_user
from data.db import make_engine, session_factory
from data.settings import Settings
from data.warehouse import init_warehouse
from tests.browser.helpers import axe_violations, click, console_errors, settled
from tests.browser.test_editor import PASSWORD, TRAFFORD, _sign_in

pytestmark = pytest.mark.browser
PAGE = f"/domain/national-priorities-partnerships?measure=ascof_2b1&period=2023-24&council={TRAFFORD}"
FIGURE = "return document.querySelector('#domain-trend .js-plotly-plot')"


def _csv(url: str) -> list[dict]:
    with urllib.request.urlopen(url, timeout=20) as answer:  # noqa: S310 - the test's own server
        return list(csv.DictReader(io.StringIO(answer.read().decode("utf-8-sig"))))


def test_a_target_set_in_the_editor_is_on_the_chart_in_its_caption_and_in_the_downloads(dash_duo, tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    init_warehouse(engine)  # the published data: Trafford's 2023-24 value is 90.7%
    with session_factory(engine).begin() as s:
        add_user(s, Actor("ops", "administrator"), "jo", PASSWORD, "council_editor", TRAFFORD)
    dash_duo.start_server(create_app(Settings(database_url=url, secret_key="k" * 48, development=True)))
    driver = dash_duo.driver

    _sign_in(dash_duo, "jo")
    click(dash_duo, driver.find_element(By.PARTIAL_LINK_TEXT, "Targets"))
    dash_duo.wait_for_contains_text("main h1", "own targets", timeout=10)
    assert "Trafford has no targets yet" in driver.find_element(By.TAG_NAME, "main").text
    Select(driver.find_element(By.ID, "measure")).select_by_value("ascof_2b1")
    driver.find_element(By.ID, "period").send_keys("2023-24")
    driver.find_element(By.ID, "value").send_keys("91.5")
    driver.find_element(By.ID, "tolerance").send_keys("1")
    driver.find_element(By.ID, "owner").send_keys("Head of reablement")
    driver.find_element(By.ID, "rationale").send_keys("Back to where it was in 2018-19.")
    assert axe_violations(driver) == []
    click(dash_duo, driver.find_element(By.ID, "save_and_publish"))
    dash_duo.wait_for_contains_text("main", "Version 1 of the 2023-24 target published.", timeout=10)
    assert "at least 91.5%" in driver.find_element(By.TAG_NAME, "table").text
    assert axe_violations(driver) == []
    for page in ("/editor/questions", "/editor/questions/ascof_2b1"):  # the challenge questions, read-only to jo
        driver.get(dash_duo.server_url + page)
        dash_duo.wait_for_element("main h1", timeout=10)
        assert "hallenge questions" in driver.find_element(By.TAG_NAME, "main").text
        assert axe_violations(driver) == []

    driver.get(dash_duo.server_url + PAGE)
    dash_duo.wait_for_element("#domain-trend .js-plotly-plot", timeout=20)
    settled(dash_duo, "#domain-trend")
    names = driver.execute_script(FIGURE + ".data.map(t => t.name)")
    assert "Trafford's target" in names
    target = driver.execute_script(FIGURE + ".data.find(t => t.name === \"Trafford's target\")")
    assert target["y"] == [91.5] and target["marker"]["symbol"] == "diamond-open"
    notes = [a["text"] for a in driver.execute_script(FIGURE + ".layout.annotations")]
    assert "Target 2023-24: at least 91.5%<br>near target" in notes  # 90.7 is 0.8 short, within the tolerance of 1
    caption = driver.find_element(By.ID, "domain-trend-caption").text
    assert "Trafford's own target for 2023-24, at least 91.5% (set by Head of reablement): near target." in caption
    table = driver.find_element(By.CSS_SELECTOR, "table.ratings")
    assert "Own target" in table.find_element(By.TAG_NAME, "thead").text
    trafford = table.find_element(By.XPATH, ".//tr[th[contains(., 'Trafford')]]").text
    assert "at least 91.5%" in trafford and "Near target" in trafford

    ratings = _csv(driver.find_element(By.XPATH, "//a[contains(., 'Download this table as CSV')]")
                   .get_attribute("href"))
    mine = next(r for r in ratings if r["council_code"] == TRAFFORD)
    assert (mine["target"], mine["target_period"], mine["target_status"]) == ("at least 91.5%", "2023-24",
                                                                              "Near target")
    assert "set by Head of reablement" in mine["target_reason"]
    trend = _csv(driver.find_element(By.XPATH, "//a[contains(., 'Download the trend as CSV')]").get_attribute("href"))
    assert [(r["period"], r["value"]) for r in trend if r["series"] == "Trafford's target"] == [("2023-24", "91.5")]
    assert console_errors(dash_duo) == []
