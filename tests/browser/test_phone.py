"""A member of the public on a phone (issue 29), on the published warehouse at 390 and 320 px wide: every link,
button and field a finger can hit is at least 24 px each way (WCAG 2.5.8), nothing runs off the side of the page,
and the first screen of the overview and of a council's profile shows a rating, not only headings and sources."""

from __future__ import annotations

import pytest

from data.catalogue import catalogue
from tests.browser.helpers import settled, start
from tests.browser.test_charts import set_screen

pytestmark = pytest.mark.browser

TARGETS = """
const small = [];
for (const el of document.querySelectorAll(
    "a[href], button, select, input:not([type=hidden]), textarea, summary, [tabindex='0']")) {
  if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
  if (el.closest('.visually-hidden, .visually-hidden-focusable')) continue;  // off screen until focused
  const box = el.getBoundingClientRect();
  if (box.width < 24 || box.height < 24)
    small.push(`${el.tagName}.${el.className} "${(el.textContent || '').trim().slice(0, 20)}" `
               + `${Math.round(box.width)}x${Math.round(box.height)}`);
}
return small.slice(0, 10);
"""
# The bottom of the first rating on the page: a region matrix cell, or a profile's domain at a glance.
FIRST_RATING = """
const found = [...document.querySelectorAll('main .matrix-link, main .council-glance .stack')]
  .filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().bottom + window.scrollY);
return found.length ? Math.min(...found) : null;
"""

# Each chart's texts (HTML and SVG) that are cut off by the chart's box or the screen, or that overlap another.
CHART_TEXT = """
const out = [], hidden = '.visually-hidden, [hidden], [aria-hidden="true"]:not(svg):not(.ranked *)';
const overlaps = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                           && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
for (const chart of document.querySelectorAll('main figure, main .js-plotly-plot')) {
  if (!chart.getClientRects().length || chart.closest('details:not([open])')) continue;
  const box = chart.getBoundingClientRect(), left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const svgTexts = [];
  const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.visually-hidden, [hidden], title, desc, style')) continue;
    if (el.closest('.table-responsive')) continue;  // a table that scrolls in its own box (its values, under it)
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const what = `${chart.id || chart.closest('[id]').id}: "${node.textContent.trim().slice(0, 24)}"`;
    if (r.left < left - 1 || r.right > right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      out.push(`${what} cut: ${Math.round(r.left)}-${Math.round(r.right)} of ${Math.round(left)}-${Math.round(right)}`);
    const text = el.closest('text');
    if (text && !svgTexts.some(([t]) => t === text)) svgTexts.push([text, text.getBoundingClientRect()]);
  }
  for (let i = 0; i < svgTexts.length; i++)
    for (let j = i + 1; j < svgTexts.length; j++)
      if (overlaps(svgTexts[i][1], svgTexts[j][1]))
        out.push(`${chart.id || chart.closest('[id]').id}: "${svgTexts[i][0].textContent.slice(0, 20)}" `
                 + `overlaps "${svgTexts[j][0].textContent.slice(0, 20)}"`);
}
return out.slice(0, 12);
"""


@pytest.mark.parametrize("width, height", [(390, 844), (320, 640)])
@pytest.mark.parametrize("path, content", [("/", "#overview-cards .matrix-link"),
                                           ("/council/E08000009", ".council-glance .stack")])
def test_targets_are_big_enough_and_the_first_screen_shows_a_rating(dash_duo, published_engine, path, content,
                                                                    width, height):
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, width, height)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(content, timeout=15)
    settled(dash_duo)
    assert dash_duo.driver.execute_script(TARGETS) == []
    assert dash_duo.driver.execute_script("return document.documentElement.scrollWidth") <= width
    first = dash_duo.driver.execute_script(FIRST_RATING)
    assert first is not None and first <= 844, first  # whole within a 390 x 844 phone's first screen


@pytest.mark.parametrize("path, content", [("/domain/performance-outcomes?council=E08000009", ".ranked-mark"),
                                           ("/measures", "main h1"), ("/measures/ascof_2a2", "main h1"),
                                           ("/about", "main h1"), ("/self-assessment", "main h1"),
                                           ("/council/E08000009/briefing", "article.briefing")])
def test_every_other_kind_of_page_has_targets_a_finger_can_hit(dash_duo, published_engine, path, content):
    """As /about's accessibility statement says: WCAG 2.5.8 on every kind of page, at the narrowest phone."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, 320, 640)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(content, timeout=15)
    settled(dash_duo)
    assert dash_duo.driver.execute_script(TARGETS) == []
    assert dash_duo.driver.execute_script("return document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("width, height", [(390, 844), (320, 640)])
@pytest.mark.parametrize("path, content", [
    ("/domain/performance-outcomes?measure=ascof_1a&council=E08000009", "#domain-trend .js-plotly-plot .xtick"),
    ("/measures/ascof_2a2", "#measure-funnel .xtick"), ("/council/E08000009", ".council-glance .stack")])
def test_no_chart_text_is_cut_off_or_drawn_over_another_on_a_phone(dash_duo, published_engine, path, content, width,
                                                                    height):
    """The ranked chart, the trend (its years were drawn over each other at 320 px), the neighbours chart, the
    funnel plot and a profile's charts: every title, tick, label and source line whole and apart."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, width, height)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(content, timeout=15)
    settled(dash_duo)
    dash_duo.driver.execute_script("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    settled(dash_duo)
    assert dash_duo.driver.execute_script("return document.querySelectorAll('main figure').length") > 0
    assert dash_duo.driver.execute_script(CHART_TEXT) == []


@pytest.mark.parametrize("width, height", [(390, 844), (320, 640)])
def test_the_region_matrix_is_a_list_a_person_can_read_on_a_phone(dash_duo, published_engine, width, height):
    """It was a 24 × 6 table scrolling sideways in its box (a domain and a half in view, the names scrolled away):
    now each council is a block of its six domains, each named on the screen above its counts, none off the side."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, width, height)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#overview-cards .matrix-link", timeout=15)
    settled(dash_duo)
    blocks = dash_duo.driver.execute_script("""
        const box = document.querySelector('#overview-cards .region-matrix').parentElement;
        return {aside: box.scrollWidth - box.clientWidth,
                rows: [...document.querySelectorAll('#overview-cards .region-matrix tbody tr')].map(tr => ({
                  name: tr.querySelector('th').innerText.trim(),
                  labels: [...tr.querySelectorAll('td')].map(td => getComputedStyle(td, '::before').content),
                  inside: [...tr.querySelectorAll('td')].every(td => {
                    const r = td.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; })}))};""")
    assert blocks["aside"] <= 1 and len(blocks["rows"]) == 24
    domains = ['"' + d.short_name + '"' for d in catalogue().domains]
    for row in blocks["rows"]:
        assert [label.split(" / ")[0] for label in row["labels"]] == domains and row["inside"], row
