"""Helpers for the browser tests: one Chromium and one running app per warehouse, shared by a test worker's browser
tests (each test starts from a clean browser), console errors and axe-core."""

from __future__ import annotations

import json
import time
from pathlib import Path

from dash.testing.application_runners import ThreadedRunner
from dash.testing.composite import DashComposite

from app import create_app
from data.settings import Settings

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WINDOW = (1366, 900)


class SharedBrowser(DashComposite):
    """dash_duo's interface over one Chromium kept for the whole run. The app for a warehouse is started once and
    kept running (the session warehouses are only read); an app a test builds itself (`start_server`) gets its own
    server, stopped after the test."""

    def __init__(self, **kwargs):
        super().__init__(server=None, **kwargs)
        self.apps: dict[str, tuple[ThreadedRunner, object]] = {}
        self.own: list[ThreadedRunner] = []

    def app_for(self, db_url: str):
        """The running app on this warehouse (started on first use)."""
        if db_url not in self.apps:
            runner, app = ThreadedRunner(), create_app(Settings(database_url=db_url))
            runner.start(app)
            self.apps[db_url] = (runner, app)
        return self.apps[db_url]

    def start_server(self, app, navigate=True, **kwargs):
        runner = ThreadedRunner()
        runner.start(app, **kwargs)
        self.own.append(runner)
        if navigate:
            self.server_url = runner.url

    def fresh(self) -> None:
        """A clean browser for the next test: no storage, cookies, emulated screen or logs left by the last one."""
        driver = self.driver
        driver.get("about:blank")
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        for runner in [r for r, _ in self.apps.values()] + self.own:
            driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": runner.url, "storageTypes": "all"})
        driver.set_window_size(*WINDOW)
        driver.get_log("browser")  # drop what the last test logged

    def end_test(self) -> None:
        self.fresh()
        for runner in self.own:
            runner.stop()
        self.own.clear()

    def stop(self) -> None:
        for runner, _app in self.apps.values():
            runner.stop()


def start(dash_duo, db_url: str, path: str = "/"):
    """Open `path` on the app for this warehouse; returns the app."""
    runner, app = dash_duo.app_for(db_url)
    dash_duo._url = runner.url  # what dash_duo.server_url answers, without a first visit to "/"
    dash_duo.driver.get(runner.url + path)
    dash_duo.wait_for_element("main h1", timeout=10)
    return app


SETTLED = """
const box = arguments[0] ? document.querySelector(arguments[0]) : null;
const r = box ? box.getBoundingClientRect() : null;
return [document.querySelectorAll('[data-dash-is-loading="true"]').length, document.documentElement.scrollWidth,
        document.documentElement.scrollHeight, r ? [r.width, r.height, r.bottom] : null];
"""


def settled(dash_duo, selector: str | None = None, quiet: float = 0.5, timeout: float = 15) -> None:
    """Wait until nothing on the page is loading and neither the page's size nor `selector`'s box has changed for
    `quiet` seconds (charts drawn, fitted and laid out), instead of sleeping a fixed time."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = dash_duo.driver.execute_script(SETTLED, selector)
        if now != last or now[0]:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)
    raise TimeoutError(f"the page did not settle within {timeout:g} s: {last}")


def console_errors(dash_duo) -> list[dict]:
    return [e for e in dash_duo.driver.get_log("browser") if e["level"] == "SEVERE"]


def axe_violations(driver, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core on the current page and return its violations: the WCAG 2.0-2.2 A and AA rules, or only the
    `rules` named (e.g. "color-contrast-enhanced", AAA's 7:1)."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` (the test command does) to install axe-core")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run(document, {{runOnly: {json.dumps(only)}}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e)}]));")
    return result


def click(dash_duo, element) -> None:
    """A real click, after scrolling the element into view at once (Bootstrap makes scrolling smooth, and a click
    while the page is still gliding lands on whatever is passing under the pointer)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()
