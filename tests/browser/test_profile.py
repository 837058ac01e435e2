"""The council profile in headless Chromium: drill-down, every council, printing to PDF."""

import io
import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader
from selenium.webdriver.common.keys import Keys

from data.catalogue import catalogue
from tests.browser.helpers import console_errors, start

pytestmark = pytest.mark.browser
DOMAINS = [d.name for d in catalogue().domains]


def printed(url: str, folder) -> tuple[str, int]:
    """A page printed to PDF by headless Chromium: its text (NFKC folds the ligatures PDF text uses, "Traﬀord" →
    "Trafford"; lines wrap anywhere, so runs of spaces are one) and its number of pages."""
    pdf = folder / "printed.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", "--virtual-time-budget=20000", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", url], check=True, capture_output=True, timeout=120)
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)), len(reader.pages)


def test_a_heatmap_cell_drills_to_that_council_and_domain(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/?domain=commissioning-quality")
    cell = dash_duo.wait_for_element("#overview-heatmap a.heat-link[href^='/council/E08000009']")
    cell.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("main h1", "Trafford")
    sections = [h.text for h in dash_duo.find_elements("main section.profile-domain h2")]
    assert sections == ["Commissioning & Quality"]
    # The cell compared with the North West: so does the profile it opens, at that domain.
    assert "Against North West in each measure's latest year" in dash_duo.find_element("main .summary").text
    assert console_errors(dash_duo) == []


def test_every_domain_renders_for_every_council(dash_duo, demo_db_url):
    app = start(dash_duo, demo_db_url, "/about")
    councils = app.read_api.councils_in("2024-25")
    assert len(councils) == 24
    for c in councils:
        dash_duo.driver.get(f"{dash_duo.server_url}/council/{c['code']}")
        dash_duo.wait_for_text_to_equal("main h1", c["name"])
        dash_duo.wait_for_element("main section.profile-domain:nth-of-type(6) table")
        assert [h.text for h in dash_duo.find_elements("main section.profile-domain h2")] == DOMAINS, c["name"]
        assert console_errors(dash_duo) == [], c["name"]
    dash_duo.driver.get(f"{dash_duo.server_url}/council/E10000006")  # Cumbria's history, to 2022-23
    dash_duo.wait_for_text_to_equal("main h1", "Cumbria")
    periods = {p.get_attribute("textContent") for p in dash_duo.find_elements("main small.period")}  # folded
    assert "2022-23" in periods and max(periods) == "2022-23"
    assert console_errors(dash_duo) == []


def test_the_profile_prints_to_a_pdf_with_every_domain(dash_duo, demo_db_url, tmp_path):
    start(dash_duo, demo_db_url, "/about")
    text, pages = printed(f"{dash_duo.server_url}/council/E08000009", tmp_path)
    for name in DOMAINS:  # every folded section prints open: its table's caption is on paper
        assert f"Trafford: {name}, each measure's latest year, against North West" in text, name
    assert "Trafford" in text and "Source: Illustrative demo data" in text
    assert f"Definitions: {dash_duo.server_url}/measures" in text  # an address paper can follow
    assert "Skip to main content" not in text and "Download this profile" not in text  # print stylesheet
    assert pages >= 3


@pytest.mark.parametrize("code, name", [("E08000009", "Trafford"), ("E06000063", "Cumberland")])
def test_the_briefing_prints_on_at_most_two_a4_pages(dash_duo, demo_db_url, tmp_path, code, name):
    start(dash_duo, demo_db_url, "/about")
    text, pages = printed(f"{dash_duo.server_url}/council/{code}/briefing", tmp_path)
    assert pages <= 2
    for expected in (f"{name}: briefing", "Illustrative data", "Worse and getting worse", "Areas for improvement",
                     "Strengths", "Key measures over time", "Sources", "Illustrative demo data",
                     f"/council/{code}", *DOMAINS):
        assert expected in text, expected
    assert "Print this briefing" not in text and "Skip to main content" not in text
    # Nothing on it is a link, so nothing prints as a dead one.
    dash_duo.driver.get(f"{dash_duo.server_url}/council/{code}/briefing")
    dash_duo.wait_for_element("article.briefing")
    assert dash_duo.find_elements("article.briefing a") == []
