"""Helpers for the browser tests: start the app on the demo warehouse, read console errors, run axe-core."""

from __future__ import annotations

import json
from pathlib import Path

from app import create_app
from data.settings import Settings

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def start(dash_duo, db_url: str, path: str = "/"):
    app = create_app(Settings(database_url=db_url))
    dash_duo.start_server(app)
    if path != "/":
        dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element("main h1", timeout=10)
    return app


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
