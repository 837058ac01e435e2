"""The meeting pack in headless Chromium: chosen on the overview, printed to PDF by the browser's own print
(Page.printToPDF, honouring the print stylesheet's page sizes) and read back with poppler's pdftotext: a cover,
contents, numbered pages, every section on its own page; and axe finds nothing on it."""

import base64
import re
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By

from tests.browser.helpers import axe_violations, click, console_errors, start

pytestmark = pytest.mark.browser


def _pdf_pages(dash_duo, tmp_path) -> list[str]:
    """Print the page to PDF as the browser's print dialog would, and return each page's text."""
    pdf = dash_duo.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    path = tmp_path / "pack.pdf"
    path.write_bytes(base64.b64decode(pdf["data"]))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def _charts_drawn(dash_duo, expected: int, timeout: float = 20.0) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if len(dash_duo.driver.find_elements(By.CSS_SELECTOR, ".pack-chart .ranked-mark")) >= expected:
            return
        time.sleep(0.2)
    raise AssertionError("the pack's charts were not drawn")


def test_the_pack_prints_to_pdf_with_cover_contents_and_page_numbers(dash_duo, published_engine, tmp_path):
    start(dash_duo, str(published_engine.url), "/")
    dash_duo.wait_for_element("#pack-link", timeout=10)
    dash_duo.wait_for_element("#overview-heatmap table", timeout=20)  # the page above the form has its height
    # Two domains and two councils, chosen on the overview (ticked as a keyboard would: no pointer to miss a box
    # that the page's late layout moved), and the meeting's date.
    tick = "arguments[0].focus(); arguments[0].click();"
    for box in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#pack-domains input"):
        if box.get_attribute("value") not in ("performance-outcomes", "resource-workforce"):
            dash_duo.driver.execute_script(tick, box)
    for code in ("E08000009", "E06000008"):
        dash_duo.driver.execute_script(tick, dash_duo.driver.find_element(
            By.CSS_SELECTOR, f"#pack-councils input[value='{code}']"))
    dash_duo.driver.execute_script(
        "const el = document.getElementById('pack-date');"
        "const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
        "set.call(el, '2026-12-10'); el.dispatchEvent(new Event('input', {bubbles: true}));"
        "el.dispatchEvent(new Event('blur', {bubbles: true}));")
    dash_duo.wait_for_element("#pack-link[href*='date=2026-12-10']", timeout=10)
    href = dash_duo.find_element("#pack-link").get_attribute("href")
    assert "domains=performance-outcomes,resource-workforce" in href and "councils=E08000009,E06000008" in href
    click(dash_duo, dash_duo.find_element("#pack-link"))
    dash_duo.wait_for_element(".pack-cover h1", timeout=15)
    _charts_drawn(dash_duo, 20)

    pages = _pdf_pages(dash_duo, tmp_path)
    total = len(pages)
    cover, contents = pages[0], pages[1]
    assert "meeting pack" in cover and "Meeting: Thursday 10 December 2026" in cover and "Newest data: " in cover
    assert "The data as it stood on" in cover
    assert "Trafford, Blackburn with Darwen" in cover
    titles = [e.text for e in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".pack-contents li")]
    assert titles[:2] == ["What changed since the last meeting", "The region at a glance"]
    assert titles[-1] == "Blackburn with Darwen: briefing"
    assert all(" ".join(t.split()) in " ".join(contents.split()) for t in titles)
    # Every page numbered "Page N of M"; each section starts its own page, in the contents' order.
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {total}" in page, n
    starts = [next(i for i in range(2, total) if f"{k}. {t}" in " ".join(pages[i].split()))
              for k, t in enumerate(titles, start=1)]
    assert starts == sorted(starts) and len(set(starts)) == len(starts) and starts[0] == 2
    assert total <= len(titles) + 2 + 2  # cover, contents, a page a section (a briefing may take two)
    paper = " ".join(" ".join(pages).split())
    assert "Each cell opens" not in paper  # nothing on paper opens
    assert not re.search(r"(?<![\w.:/])/(measures|about|council|domain)\b", paper), "an address paper cannot follow"
    assert f"{dash_duo.server_url}/measures" in paper
    assert axe_violations(dash_duo.driver) == []
    assert console_errors(dash_duo) == []


def test_a_pinned_pack_says_so_and_starts_with_what_changed(dash_duo, published_engine):
    start(dash_duo, str(published_engine.url), "/?as_at=2")
    dash_duo.wait_for_element("#pack-link[href*='as_at=2']", timeout=10)
    click(dash_duo, dash_duo.find_element("#pack-link"))
    dash_duo.wait_for_contains_text(".pack-cover", "pinned for this meeting", timeout=15)
    assert "release 2" in dash_duo.find_element(".pack-cover").text
    # The first section after the cover and contents: what changed since the meeting before (the release before)
    first = dash_duo.driver.find_element(By.CSS_SELECTOR, ".pack-section:not(.pack-toc)")
    assert first.find_element(By.TAG_NAME, "h2").text == "1. What changed since the last meeting"
    said = first.find_element(By.CSS_SELECTOR, ".changes-summary").text
    assert said.startswith("The North West, between release 1 (") and " and release 2 (" in said
    assert "new data: " in said  # release 2 brought years release 1 did not have
    assert first.find_elements(By.CSS_SELECTOR, "table.changes tbody tr")
