"""The charts as a reader sees them in headless Chromium, at a phone-like, a laptop and a projector width: no
text in a chart overlaps another text or a council's marker, measured from what the browser drew (plotly's SVG, the
HTML charts' boxes), and the phone gets the layout made for it."""

import time

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

from tests.browser.helpers import console_errors, start

pytestmark = pytest.mark.browser

# Every text plotly drew (ticks, rating column, title, source, benchmark and line labels) and every council marker.
BOXES = """
const svg = document.querySelector(arguments[0] + ' .main-svg');
if (!svg) { return null; }
const root = svg.parentElement;
const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const texts = [...root.querySelectorAll('text')].filter(t => t.textContent.trim() && t.getBBox().width > 0)
  .map(t => [t.textContent, box(t)]);
const marks = [...root.querySelectorAll('.scatterlayer .point')]
  .filter(p => parseFloat(getComputedStyle(p).opacity) > 0).map(box);
return [texts, marks];
"""


# The HTML ranked chart (layouts/ranked_chart.py): each text's own box (names, ratings, labels, axis values and
# title, chart title, source, "no value" notes) and each council's marker.
RANKED_BOXES = """
const root = document.querySelector(arguments[0] + ' .ranked');
if (!root) { return null; }
const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const texts = [...root.querySelectorAll('.ranked-name, .ranked-rating, .ranked-label, .ranked-tick, .ranked-axis, ' +
                                        '.ranked-title, .ranked-source, .ranked-none')]
  .filter(e => e.textContent.trim()).map(e => {
    const range = document.createRange(); range.selectNodeContents(e);
    const r = range.getBoundingClientRect(); return [e.textContent, [r.left, r.top, r.right, r.bottom]]; });
return [texts, [...root.querySelectorAll('.ranked-mark')].map(box)];
"""


# The HTML spine chart (layouts/spine_chart.py): each text's box (names, ratings, ends, title, source), each marker's
# and each row's track.
SPINE_BOXES = """
const root = document.querySelector(arguments[0]);
const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const texts = [...root.querySelectorAll('.spine-name, .spine-rating, .spine-ends span, .spine-title, .spine-source')]
  .filter(e => e.textContent.trim()).map(e => {
    const range = document.createRange(); range.selectNodeContents(e);
    const r = range.getBoundingClientRect(); return [e.textContent, [r.left, r.top, r.right, r.bottom]]; });
return [texts, [...root.querySelectorAll('.spine-mark')].map(box),
        [...root.querySelectorAll('.spine-rows .spine-scale')].map(box)];
"""


def overlaps(a, b, slack=1.0):
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def clashes(dash_duo, selector, ranked=False):
    """(texts that overlap another text or a marker, how many texts) in a plotly chart, or (`ranked`) in an HTML
    ranked chart."""
    dash_duo.wait_for_element(f"{selector} {'.ranked' if ranked else '.main-svg'}", timeout=10)
    time.sleep(0.5)  # plotly's automargin settles in a second pass
    texts, marks = dash_duo.driver.execute_script(RANKED_BOXES if ranked else BOXES, selector)
    found = [(a[0], b[0]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlaps(a[1], b[1])]
    found += [(t[0], "a council's marker") for t in texts for m in marks if overlaps(t[1], m)]
    return found, len(texts)


def set_screen(driver, width: int, height: int) -> None:
    """A window of this size; a phone's width through device emulation (Chromium's window cannot be so narrow)."""
    if width < 500:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.set_window_size(width, height)


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900), (1920, 1080)])
def test_no_chart_text_overlaps_another_or_a_marker(dash_duo, demo_db_url, width, height):
    start(dash_duo, demo_db_url, "/about")
    set_screen(dash_duo.driver, width, height)
    dash_duo.driver.get(dash_duo.server_url + "/domain/performance-outcomes?measure=ascof_1a&council=E06000009")
    for selector, ranked in (("#domain-bar", True), ("#domain-trend", False)):
        found, texts = clashes(dash_duo, selector, ranked)
        assert texts > 10 and found == [], (selector, found)
    narrow = dash_duo.driver.execute_script("return document.querySelector('#domain-bar .ranked.narrow') !== null")
    assert narrow == (width < 600)  # a phone-width screen gets the chart laid out for it
    assert dash_duo.driver.execute_script("return document.documentElement.scrollWidth") <= width
    dash_duo.driver.get(dash_duo.server_url + "/council/E08000009?domain=performance-outcomes")
    dash_duo.wait_for_element("#domain-performance-outcomes .spine .spine-row", timeout=10)
    texts, marks, tracks = dash_duo.driver.execute_script(SPINE_BOXES, "#domain-performance-outcomes .spine")
    found = [(a[0], b[0]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlaps(a[1], b[1])]
    found += [(t[0], "a marker") for t in texts for m in marks if overlaps(t[1], m)]
    assert len(texts) > 10 and found == [], found
    assert len({(round(t[0]), round(t[2])) for t in tracks}) == 1  # every row's track the same: England lines up
    assert all(tracks[0][0] - 1 <= m[0] and m[2] <= tracks[0][2] + 1 for m in marks)  # no marker off its track
    assert dash_duo.driver.execute_script("return document.documentElement.scrollWidth") <= width
    assert console_errors(dash_duo) == []


@pytest.mark.parametrize("domain", ["national-priorities-partnerships", "leadership-governance"])
def test_published_charts_have_no_overlapping_text_on_a_projector(dash_duo, published_engine, domain):
    """The published data at 1280×720: the domains whose title once ran into the benchmark label, and whose
    councils without a value once dropped out of the chart."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, 1280, 720)
    dash_duo.driver.get(dash_duo.server_url + f"/domain/{domain}")
    found, texts = clashes(dash_duo, "#domain-bar", ranked=True)
    assert texts > 10 and found == [], found
    listed = len(dash_duo.find_elements("#domain-bar .ranked-name"))
    assert listed == len(dash_duo.find_elements("#domain-table tbody tr"))


def test_plotly_is_fetched_for_the_first_chart_only_and_never_the_full_bundle(dash_duo, demo_db_url):
    """The overview has no plotly chart: no plotly.js. A domain page draws its trend with the basic bundle, fetched
    once; moving to another domain fetches nothing more."""
    fetched = "return performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('plotly'))"
    start(dash_duo, demo_db_url, "/")
    dash_duo.wait_for_element("#overview-heatmap table", timeout=10)
    assert [n for n in dash_duo.driver.execute_script(fetched) if "plotly_loader" not in n] == []
    dash_duo.driver.find_element("css selector", "#domain-nav a[href^='/domain/performance-outcomes']").click()
    dash_duo.wait_for_element("#domain-trend .main-svg .scatterlayer .point", timeout=10)
    dash_duo.driver.find_element("css selector", "#domain-nav a[href^='/domain/commissioning-quality']").click()
    dash_duo.wait_for_text_to_equal("#domain-nav a[aria-current='page']", "Commissioning & Quality", timeout=10)
    dash_duo.wait_for_element("#domain-trend .main-svg", timeout=10)
    bundles = [n for n in dash_duo.driver.execute_script(fetched) if "plotly_loader" not in n]
    assert len(bundles) == 1 and "/assets/vendor/plotly-basic.min.js?m=" in bundles[0], bundles
    assert console_errors(dash_duo) == []


# Every callback answer the page receives, recorded from before its first script.
CALLBACK_ANSWERS = """
window.__answers = [];
const fetched = window.fetch;
window.fetch = function (url, options) {
  const asked = fetched.apply(this, arguments);
  if (String(url).indexOf('_dash-update-component') >= 0) {
    asked.then(function (r) { return r.clone().text(); })
      .then(function (text) { window.__answers.push([JSON.parse(options.body).output, text]); });
  }
  return asked;
};
"""


@pytest.mark.parametrize("path, drawn", [("/domain/performance-outcomes?measure=ascof_1b", "#domain-bar .ranked-mark"),
                                         ("/?domain=culture-challenge", "#overview-heatmap table tbody tr")])
def test_a_first_visit_gets_its_page_drawn_with_the_frame_and_no_callback_sends_it_again(dash_duo, demo_db_url,
                                                                                        path, drawn):
    """The layout the browser asks for first holds the page drawn for its address (callbacks/router.py first_page):
    the chart or heatmap is there without the router, the page's sync or its render answering with it. Then the
    page works as before: a control change is answered by its callbacks."""
    script = dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CALLBACK_ANSWERS})
    try:
        start(dash_duo, demo_db_url, path)
        dash_duo.wait_for_element(drawn, timeout=10)
        time.sleep(1)  # every callback of the first visit has answered
        answers = dash_duo.driver.execute_script("return window.__answers")
        assert answers, "the router is asked (it confirms the page it drew)"
        for output, text in answers:
            for sent in ("page-content", "domain-bar", "overview-heatmap", "domain-state", "overview-state"):
                assert f'"{sent}"' not in text, (output, text[:200])
        if path.startswith("/domain"):
            assert Select(dash_duo.find_element("#domain-measure")).first_selected_option.get_attribute(
                "value") == "ascof_1b"
            Select(dash_duo.find_element("#domain-measure")).select_by_value("ascof_1a")
            dash_duo.wait_for_contains_text("#domain-bar-caption", "Quality of life", timeout=10)
            assert "measure=ascof_1a" in dash_duo.driver.current_url
            assert any('"domain-bar"' in text for _, text in dash_duo.driver.execute_script("return window.__answers"))
        assert console_errors(dash_duo) == []
    finally:
        dash_duo.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", script)


# The picture chart_png.js paints, read back in the page: its size, and how many of its pixels are each marker's fill
# (as the page's own markers have it) and how many are near-black (text, rules and outlines).
PNG_READ = """
const done = arguments[arguments.length - 1];
window.scorecardChartPng(arguments[0]).then(function (url) {
  const image = new Image();
  image.onload = function () {
    const canvas = document.createElement('canvas');
    canvas.width = image.width; canvas.height = image.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    const fills = [...new Set([...document.querySelectorAll('#' + arguments[0] + ' .ranked-mark g')]
      .map(g => g.getAttribute('fill').toLowerCase()))];
    const hex = (r, g, b) => '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join('');
    const counts = Object.fromEntries(fills.map(f => [f, 0]));
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      const c = hex(data[i], data[i + 1], data[i + 2]);
      if (c in counts) { counts[c] += 1; }
      if (data[i] < 60 && data[i + 1] < 60 && data[i + 2] < 60) { dark += 1; }
    }
    const chart = document.querySelector('#domain-bar .ranked').getBoundingClientRect();
    done([image.width, image.height, Math.ceil((chart.width + 24) * 2), Math.ceil((chart.height + 24) * 2), counts,
          dark]);
  };
  image.src = url;
});
"""


def test_the_ranked_chart_downloads_as_a_picture_of_itself(dash_duo, demo_db_url):
    """As plotly's charts did: "Download this chart as PNG" paints the chart at twice its size (with a margin), with
    every rating's marker in its colour and its words and rules in black."""
    start(dash_duo, demo_db_url, "/domain/performance-outcomes?measure=ascof_1a&council=E08000009")
    button = dash_duo.wait_for_element("#domain-bar button[data-chart-png='domain-bar']", timeout=10)
    assert button.text == "Download this chart as PNG"
    dash_duo.driver.set_script_timeout(20)
    width, height, want_w, want_h, fills, dark = dash_duo.driver.execute_async_script(
        PNG_READ.replace("arguments[0]", "'domain-bar'"))
    assert (width, height) == (want_w, want_h)
    assert len(fills) >= 2 and all(count > 200 for count in fills.values()), fills  # every marker's colour
    assert dark > 0.01 * width * height  # names, ratings, axis and rules
    button.send_keys(Keys.ENTER)  # from the keyboard; the download is the browser's business: nothing goes wrong
    time.sleep(1)
    assert console_errors(dash_duo) == []
