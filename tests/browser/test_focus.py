"""Focus you can see and focus that follows you (issue 29), on the published warehouse: every focusable element on
five pages shows a ring standing at least 3:1 against the background it is drawn on (WCAG 1.4.11), and moving to
another page puts focus on its heading, while a choice on the same page leaves focus where it was."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser.helpers import settled, start
from tests.browser.test_presenter import set_screen

pytestmark = pytest.mark.browser

# For each visible element that takes focus: focus it (after a key press, so it is shown as keyboard focus), read
# its outline and box-shadow rings and the colour behind it (the nearest ancestor with a background), and keep the
# best contrast of a ring of at least 2 px against that colour (WCAG's formula).
RINGS = """
const rgb = s => { const m = /rgba?\\(([^)]+)\\)/.exec(s || ""); if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return {c: p.slice(0, 3), a: p.length > 3 ? p[3] : 1}; };
const lum = c => c.reduce((sum, v, i) => { v /= 255;
  return sum + [0.2126, 0.7152, 0.0722][i] * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)); }, 0);
const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const behind = el => { for (let n = el.parentElement; n; n = n.parentElement) {
  const c = rgb(getComputedStyle(n).backgroundColor); if (c && c.a > 0.5) return c.c; } return [255, 255, 255]; };
const focusable = Array.from(document.querySelectorAll(
  "a[href], button, select, input:not([type=hidden]), textarea, summary, [tabindex]:not([tabindex='-1'])"))
  .filter(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden");
const failing = [];
for (const el of focusable) {
  el.focus({preventScroll: true});
  if (document.activeElement !== el) continue;
  const style = getComputedStyle(el), rings = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) rings.push(rgb(style.outlineColor));
  for (const part of (style.boxShadow || "none").split(/,(?![^(]*\\))/)) {
    const spread = part.replace(/rgba?\\([^)]*\\)/, "").trim().split(/\\s+/).map(parseFloat)[3];
    if (!part.includes("inset") && spread >= 2) rings.push(rgb(part));
  }
  const back = behind(el);
  const best = Math.max(0, ...rings.filter(r => r && r.a > 0.5).map(r => contrast(r.c, back)));
  const name = `${el.tagName} ${el.id || el.className} "${(el.textContent || "").trim().slice(0, 30)}"`;
  if (best < 3) failing.push(`${name}: ${best.toFixed(2)}:1 on rgb(${back})`);
}
return [focusable.length, failing];
"""


@pytest.mark.parametrize("path, content, at_least", [
    ("/", "#overview-heatmap table", 200),
    ("/domain/performance-outcomes?council=E08000009", "#domain-bar .ranked-mark", 25),
    ("/council/E08000009", ".spine", 60),
    ("/measures", "main h1", 60),
    ("/about", "main h1", 15)])
def test_every_focusable_element_shows_a_ring_of_at_least_3_to_1(dash_duo, published_engine, path, content,
                                                                  at_least):
    start(dash_duo, str(published_engine.url), path)
    dash_duo.wait_for_element(content, timeout=15)
    settled(dash_duo)
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()  # a key press: focus is now shown as keyboard focus
    count, failing = dash_duo.driver.execute_script(RINGS)
    assert count >= at_least and failing == []


def _active(dash_duo) -> str:
    return dash_duo.driver.execute_script(
        "const a = document.activeElement; return a.tagName + (a.id ? '#' + a.id : '') + ' ' + a.textContent;")


def test_after_go_and_after_a_link_within_the_app_focus_is_on_the_new_page_s_heading(dash_duo, published_engine):
    start(dash_duo, str(published_engine.url), "/")
    Select(dash_duo.find_element("#council-picker")).select_by_visible_text("Trafford")
    dash_duo.find_element("#council-picker-go").send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("main h1", "Trafford", timeout=30)
    WebDriverWait(dash_duo.driver, 5).until(lambda _: _active(dash_duo).startswith("H1"))
    assert _active(dash_duo) == "H1 Trafford" and "Trafford" in dash_duo.driver.title
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()  # Tab goes on from the heading, into the page
    assert dash_duo.driver.execute_script(
        "return document.querySelector('main').contains(document.activeElement)")

    dash_duo.driver.back()  # the overview again, then one of its links to a council (followed without a reload)
    dash_duo.wait_for_element("#overview-heatmap table", timeout=15)
    link = dash_duo.find_element("#overview-cards th a[href^='/council/E08000010']")
    link.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("main h1", "Wigan", timeout=30)
    WebDriverWait(dash_duo.driver, 5).until(lambda _: _active(dash_duo) == "H1 Wigan")


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844)])
def test_a_heatmap_cell_lands_on_its_measure_s_row_in_view_and_focused(dash_duo, published_engine, width, height):
    """A cell opens the council's profile at that measure: the row is whole on the screen (it was half off the
    bottom) and has focus, so Tab goes on from its links, not from the top of the page."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, width, height)
    dash_duo.driver.get(dash_duo.server_url + "/?domain=performance-outcomes")
    dash_duo.wait_for_element("#overview-heatmap table", timeout=15)
    cell = dash_duo.find_elements("#overview-heatmap tr[data-council='E08000010'] .heat-link")[3]
    row = "measure-" + cell.get_attribute("href").split("#measure-")[1]
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", cell)
    cell.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("main h1", "Wigan", timeout=30)
    WebDriverWait(dash_duo.driver, 5).until(lambda _: _active(dash_duo).startswith(f"TR#{row}"))
    settled(dash_duo)
    top, bottom = dash_duo.driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return [r.top, r.bottom];", row)
    assert 0 <= top and bottom <= height, (top, bottom)
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
    assert dash_duo.driver.execute_script(  # the row's own link: its measure
        "return document.getElementById(arguments[0]).contains(document.activeElement)", row)


def test_the_chart_is_one_skip_link_away_on_a_measure_s_page_only(dash_duo, published_engine):
    start(dash_duo, str(published_engine.url), "/domain/performance-outcomes?measure=ascof_1a")
    dash_duo.wait_for_element("#domain-bar .ranked-mark", timeout=15)
    body = dash_duo.find_element("body")
    body.send_keys(Keys.TAB)
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()
    assert _active(dash_duo).startswith("A") and "Skip to the chart" in _active(dash_duo)
    ActionChains(dash_duo.driver).send_keys(Keys.ENTER).perform()
    ActionChains(dash_duo.driver).send_keys(Keys.TAB).perform()  # the next stop is in the chart's figure
    assert dash_duo.driver.execute_script(
        "return document.getElementById('domain-bar-figure').contains(document.activeElement)"), _active(dash_duo)
    dash_duo.driver.get(dash_duo.server_url + "/council/E08000009")  # no chart: no such link to land on
    dash_duo.wait_for_element(".council-glance .stack", timeout=15)
    assert not dash_duo.find_element(".skip-chart").is_displayed() and dash_duo.driver.execute_script(
        "return getComputedStyle(document.querySelector('.skip-chart')).display") == "none"


def test_a_choice_on_the_same_page_leaves_focus_on_the_control(dash_duo, published_engine):
    start(dash_duo, str(published_engine.url), "/domain/performance-outcomes")
    dash_duo.wait_for_element("#domain-bar .ranked-mark", timeout=15)
    measure = dash_duo.find_element("#domain-measure")
    before = dash_duo.find_element("#domain-bar").text
    measure.send_keys(Keys.ARROW_DOWN)  # the keyboard's way to choose the next measure
    WebDriverWait(dash_duo.driver, 15).until(lambda _: dash_duo.find_element("#domain-bar").text != before)
    settled(dash_duo)
    assert _active(dash_duo).startswith("SELECT#domain-measure")


def test_a_link_to_a_folded_section_opens_it(dash_duo, published_engine):
    """The profile's domains at a glance link to their sections (#domain-…), which are folded: following one opens
    the section it points to, so the reader lands on its measures, not on a closed line."""
    start(dash_duo, str(published_engine.url), "/council/E08000009")
    dash_duo.wait_for_element(".council-glance .stack", timeout=15)
    target = "domain-commissioning-quality"
    assert dash_duo.driver.execute_script(f"return document.getElementById('{target}').open") is False
    link = dash_duo.find_element(f".council-glance a[href='#{target}']")
    link.send_keys(Keys.ENTER)
    WebDriverWait(dash_duo.driver, 5).until(
        lambda d: d.execute_script(f"return document.getElementById('{target}').open"))
    WebDriverWait(dash_duo.driver, 5).until(lambda d: 0 <= d.execute_script(  # scrolled to (smoothly)
        f"return document.getElementById('{target}').getBoundingClientRect().top") < 100)
