"""The editor in headless Chromium (issue 14): a council editor signs in, writes commentary, a top risk and a
self-assessment and submits; a regional analyst signs in and publishes; the public profile, the domain page and the
self-assessment view show it. axe finds nothing on the editor's pages."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from app import create_app
from data.accounts import Actor, add_user
from data.db import make_engine, session_factory
from data.settings import Settings
from data.warehouse import init_warehouse
from tests.browser.helpers import axe_violations, click, console_errors

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
TRAFFORD = "E08000009"


def _sign_in(dash_duo, name: str) -> None:
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/editor/sign-in")
    dash_duo.wait_for_element("#username", timeout=10)
    driver.find_element(By.ID, "username").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    click(dash_duo, driver.find_element(By.ID, "submit"))
    dash_duo.wait_for_contains_text("main h1", "statements", timeout=10)


def _sign_out(dash_duo) -> None:
    click(dash_duo, dash_duo.driver.find_element(By.CSS_SELECTOR, "header form button"))
    dash_duo.wait_for_element("#username", timeout=10)


def test_a_council_writes_an_analyst_publishes_and_the_public_sees_it(dash_duo, tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    engine = make_engine(url)
    init_warehouse(engine)
    with session_factory(engine).begin() as s:
        add_user(s, Actor("ops", "administrator"), "jo", PASSWORD, "council_editor", TRAFFORD)
        add_user(s, Actor("ops", "administrator"), "sam", PASSWORD, "regional_analyst")
        add_user(s, Actor("ops", "administrator"), "ada", PASSWORD, "administrator")
    dash_duo.start_server(create_app(Settings(database_url=url, secret_key="k" * 48, development=True)))
    driver = dash_duo.driver

    driver.get(dash_duo.server_url + "/editor/sign-in")
    dash_duo.wait_for_element("#username", timeout=10)
    assert axe_violations(driver) == []
    _sign_in(dash_duo, "jo")
    assert axe_violations(driver) == []
    click(dash_duo, driver.find_element(By.CSS_SELECTOR, "a[href*='/statement/E08000009/resource-workforce/']"))
    dash_duo.wait_for_element("#commentary", timeout=10)
    driver.find_element(By.ID, "commentary").send_keys("Turnover fell after the **recruitment drive**.")
    Select(driver.find_element(By.ID, "self_rating")).select_by_value("high")
    driver.find_element(By.ID, "rationale").send_keys("Vacancies are still the highest in the region.")
    driver.find_element(By.ID, "risk1").send_keys("Home care capacity")
    driver.find_element(By.ID, "mitigation1").send_keys("Retender the framework")
    driver.find_element(By.ID, "owner1").send_keys("Head of commissioning")
    driver.find_element(By.ID, "due1").send_keys("2027-03-31")
    assert axe_violations(driver) == []
    click(dash_duo, driver.find_element(By.ID, "preview"))  # as the public will read it; nothing saved
    dash_duo.wait_for_contains_text("main", "Preview: as the public will read it", timeout=10)
    assert driver.find_element(By.CSS_SELECTOR, ".preview strong").text == "recruitment drive"
    assert "due 31 March 2027" in driver.find_element(By.CSS_SELECTOR, ".preview").text
    assert axe_violations(driver) == []
    click(dash_duo, driver.find_element(By.ID, "save_and_submit"))
    dash_duo.wait_for_contains_text("main", "Submitted for publication.", timeout=10)
    assert "Version 1: submitted" in driver.find_element(By.TAG_NAME, "main").text
    _sign_out(dash_duo)

    _sign_in(dash_duo, "sam")
    click(dash_duo, driver.find_element(By.PARTIAL_LINK_TEXT, "Trafford: Resource & Workforce"))
    dash_duo.wait_for_contains_text("main", "Publish version 1", timeout=10)
    assert axe_violations(driver) == []
    click(dash_duo, driver.find_element(By.XPATH, "//button[contains(., 'Publish version 1')]"))
    dash_duo.wait_for_contains_text("main", "Version 1: published", timeout=10)
    driver.get(dash_duo.server_url + "/editor/upload")
    dash_duo.wait_for_element("#file", timeout=10)
    assert axe_violations(driver) == []
    _sign_out(dash_duo)
    _sign_in(dash_duo, "ada")
    driver.get(dash_duo.server_url + "/editor/audit")
    dash_duo.wait_for_contains_text("main", "published", timeout=10)
    assert axe_violations(driver) == []
    _sign_out(dash_duo)

    driver.get(dash_duo.server_url + f"/council/{TRAFFORD}?domain=resource-workforce")
    dash_duo.wait_for_contains_text("#domain-resource-workforce .commentary", "Turnover fell after the", timeout=15)
    account = driver.find_element(By.CSS_SELECTOR, "#domain-resource-workforce .commentary").text
    assert "recruitment drive" in account and "Self-assessed risk: High" in account and "Home care capacity" in account
    assert driver.find_element(By.CSS_SELECTOR, ".commentary .account-text strong").text == "recruitment drive"
    driver.get(dash_duo.server_url + "/self-assessment")
    dash_duo.wait_for_contains_text("main", "1 self-assessment published", timeout=15)
    assert "Trafford" in driver.find_element(By.CSS_SELECTOR, "table.self-assessment").text
    assert console_errors(dash_duo) == []
