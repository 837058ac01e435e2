"""Presenter view in headless Chromium, as on a meeting-room projector: large type, the main chart and its finding on
one screen, the keyboard (and a presentation clicker) driving the agenda, keys inert while typing, no axe
violations."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from data.catalogue import catalogue
from tests.browser.helpers import axe_violations, console_errors, settled, start

pytestmark = pytest.mark.browser
DOMAINS = [d.slug for d in catalogue().domains]
# Every kind of slide, and what must be on the screen whole.
SLIDES = {"/": "#overview-cards .region-matrix", "/?domain=commissioning-quality": "#overview-heatmap table",
          "/domain/performance-outcomes?measure=ascof_1a": "#domain-bar-caption",
          "/domain/leadership-governance?measure=lg_political_control": ".timeline tbody tr:last-child",
          "/council/E08000009": ".council-glance", "/council/E08000009?part=look-first": ".look-first li:last-child",
          "/changes?from=1": ".changes-summary", "/?domain=performance-outcomes&part=map": ".tile-map figcaption"}
STATE = """
const r = document.documentElement;
return {present: r.classList.contains('present'), slide: r.getAttribute('data-slide'),
        counter: document.getElementById('slide-number').textContent,
        path: location.pathname + location.search, spot: r.classList.contains('spotlighting'),
        font: parseFloat(getComputedStyle(document.querySelector('main p, main td, main figcaption')).fontSize),
        body: parseFloat(getComputedStyle(document.body).fontSize)};
"""


# Each visible text on the screen (not hidden, not clipped to nothing) smaller than arguments[0] px.
SMALL_TEXT = """
const least = arguments[0], small = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  if (!node.textContent.trim() || !el || el.closest('.visually-hidden, [hidden], [aria-hidden="true"] svg')) continue;
  const range = document.createRange(); range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.top > innerHeight) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
  if (parseFloat(style.fontSize) < least - 0.01) small.push(`${el.className || el.tagName}: ${style.fontSize} `
                                                           + node.textContent.trim().slice(0, 20));
}
return small.slice(0, 10);
"""


def set_screen(driver, width: int, height: int) -> None:
    """A projector's viewport exactly (a window of that size would lose some height to the browser's frame)."""
    driver.set_window_size(width, height + 200)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def state(dash_duo) -> dict:
    return dash_duo.driver.execute_script(STATE)


def wait_for(dash_duo, check, timeout=12.0):
    """Wait until `check(state)` holds; return the last state (the assertion after it says what was wrong)."""
    end = time.time() + timeout
    while True:
        now = state(dash_duo)
        if check(now) or time.time() > end:
            return now
        time.sleep(0.2)


def press(dash_duo, *keys):
    body = dash_duo.driver.find_element(By.TAG_NAME, "body")
    for key in keys:
        body.send_keys(key)
        time.sleep(0.3)


def open_presenting(dash_duo, path):
    dash_duo.driver.get(dash_duo.server_url + path + ("&" if "?" in path else "?") + "present=1")
    dash_duo.wait_for_element("main h1", timeout=10)
    return wait_for(dash_duo, lambda s: s["present"] and s["slide"])


@pytest.mark.parametrize("data", ["published", "demo"])
@pytest.mark.parametrize("width, height, least", [(1920, 1080, 24), (1280, 720, 20)])
def test_every_kind_of_slide_has_the_room_s_type_and_fits_the_screen(dash_duo, request, data, width, height, least):
    """The matrix, a heatmap (the widest: up to 14 measures), a measure, a categorical measure and a council, as a
    meeting sees them on the published warehouse and on the demo (whose cells hold every kind of rating): every
    visible text at least the room's size, the main table or chart on the screen, nothing scrolled out of sight."""
    url = (str(request.getfixturevalue("published_engine").url) if data == "published"
           else request.getfixturevalue("demo_db_url"))
    start(dash_duo, url, "/about")
    set_screen(dash_duo.driver, width, height)
    for path, selector in SLIDES.items():
        now = open_presenting(dash_duo, path)
        assert now["present"] and now["body"] >= least and now["font"] >= least, (path, now)
        dash_duo.wait_for_element(selector, timeout=15)
        settled(dash_duo, selector)  # the chart is fitted to the screen once drawn
        bottom, inner = dash_duo.driver.execute_script(
            "const e = document.querySelector(arguments[0]); window.scrollTo(0, 0);"
            "return [e.getBoundingClientRect().bottom, window.innerHeight];", selector)
        assert 0 < bottom <= inner, (path, bottom, inner)
        hidden = dash_duo.driver.execute_script(
            "return [...document.querySelectorAll('.controls, .header-tools, .site-footer')]"
            ".every(e => e.offsetParent === null)")
        assert hidden, path
        header = dash_duo.driver.execute_script("return document.querySelector('.site-header').offsetHeight")
        assert header < 2.6 * least, (path, header)  # one line
        if path.startswith("/domain/performance"):
            assert dash_duo.driver.execute_script("return document.querySelector('#domain-bar').offsetHeight") > (
                0.5 * inner), "the chart fills the screen"
            font, thickness, plotly = dash_duo.driver.execute_script(
                "const chart = document.querySelector('#domain-bar .ranked');"
                "return [parseFloat(getComputedStyle(chart).fontSize),"
                " parseFloat(getComputedStyle(chart.querySelector('.ranked-whisker') || chart).height),"
                " !!document.querySelector('#domain-bar .js-plotly-plot')];")
            assert font == least and not plotly, "the chart's type: the room's, no hover"
            assert thickness >= 3 or not dash_duo.find_elements("#domain-bar .ranked-whisker"), "thicker intervals"
        if path.startswith("/changes"):  # one line for each kind of change, every one on the screen
            lines = dash_duo.driver.execute_script(
                "return [...document.querySelectorAll('.changes-slide li')].map(e => e.getBoundingClientRect().bottom)")
            assert all(b <= inner for b in lines) and (lines or data == "demo"), (lines, inner)
        if path.startswith("/?domain="):
            # Each column headed by its letter; beside the table, the same letters name the measures, and each
            # column's link is still named by its measure ("A Quality of life").
            heads, key = dash_duo.driver.execute_script(
                "return [[...document.querySelectorAll('.heatmap thead a')].map(a => ["
                "  a.querySelector('.heat-letter').innerText.trim(),"
                "  a.querySelector('.heat-name').getBoundingClientRect().width, a.textContent]),"
                " [...document.querySelectorAll('.heat-columns dt')].map(dt => dt.textContent + ' '"
                "  + dt.nextElementSibling.firstChild.textContent.trim())];")
            assert [letter for letter, _, _ in heads] == [k.split(" ")[0] for k in key] and len(key) >= 7, key
            assert all(width <= 1 for _, width, _ in heads), heads  # the name is not on the screen, only the letter
            assert [name for _, _, name in heads] == key, (heads, key)
        # Nothing covers the slide: the slide number and the illustrative notice are on the header line.
        number, notice = dash_duo.driver.execute_script(
            "return [!!document.querySelector('.site-header #slide-number'),"
            " getComputedStyle(document.querySelector('#slide-as-at'), '::before').content];")
        assert number and ("Illustrative" in notice) == (data == "demo"), (path, notice)
        # The slide does not scroll: not down, not sideways, nor a table's columns inside its own box.
        wide, tall = dash_duo.driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert wide <= width and tall <= height, (path, wide, tall)
        hidden_aside = dash_duo.driver.execute_script(
            "return [...document.querySelectorAll('main .table-responsive')].filter(e => e.offsetParent)"
            ".map(e => e.scrollWidth - e.clientWidth).filter(d => d > 1)")
        assert hidden_aside == [], (path, hidden_aside)
        assert dash_duo.driver.execute_script(SMALL_TEXT, least) == [], path
        assert dash_duo.find_element("#slide-as-at").text.startswith("Newest data "), path
    assert console_errors(dash_duo) == []


def test_a_measure_slide_arrives_drawn_for_the_screen_and_is_not_drawn_again(dash_duo, demo_db_url):
    """Once presenter view has measured the room the chart has (the first slide), each next measure's chart comes
    from the server at that height and type size: the browser never changes it after it arrives; a measure slide
    needs no plotly.js (the chart is HTML and the trend, not on the slide, is not drawn behind it); leaving presenter
    view draws the page as before, with its trend."""
    start(dash_duo, demo_db_url, "/about")
    set_screen(dash_duo.driver, 1280, 720)
    open_presenting(dash_duo, "/domain/performance-outcomes?measure=ascof_1a")
    settled(dash_duo, "#domain-bar .ranked")
    time.sleep(1)  # the first slide: the height is measured here and kept for the next
    chart = "document.querySelector('#domain-bar .ranked')"
    dash_duo.driver.execute_script(  # any change to a chart's style once it is on the page
        "window.__restyled = 0; new MutationObserver(function (changes) { changes.forEach(function (c) {"
        "  if (c.target.classList && c.target.classList.contains('ranked')) { window.__restyled += 1; } }); })"
        ".observe(document.body, {attributes: true, attributeFilter: ['style'], subtree: true});")
    first = dash_duo.driver.execute_script(f"return {chart}.style.minHeight")
    for _ in range(2):
        press(dash_duo, Keys.ARROW_RIGHT)
        wait_for(dash_duo, lambda s: "ascof_1a" not in s["path"])
        settled(dash_duo, "#domain-bar .ranked")
    height, font = dash_duo.driver.execute_script(f"const c = {chart}; return [c.style.minHeight, c.style.fontSize];")
    assert "ascof_1a" not in state(dash_duo)["path"] and first.endswith("px")
    assert height == first and font == "20px" and dash_duo.driver.execute_script("return window.__restyled") == 0
    assert not dash_duo.find_elements("#domain-trend")  # the trend is not on the slide: not drawn behind it
    press(dash_duo, Keys.ESCAPE)
    wait_for(dash_duo, lambda s: not s["present"])
    end = time.time() + 10
    lines = "const gd = document.querySelector('#domain-trend .js-plotly-plot'); return gd ? gd.data.length : 0;"
    while not dash_duo.driver.execute_script(lines) and time.time() < end:
        time.sleep(0.2)
    assert dash_duo.driver.execute_script(lines) > 0  # drawn again for reading, with its trend
    assert dash_duo.driver.execute_script(f"return {chart}.style.fontSize") == ""
    assert console_errors(dash_duo) == []


def test_from_a_domain_s_map_the_measure_slides_need_no_plotly(dash_duo, demo_db_url):
    """The ranked chart is HTML and the trend is not on a slide: going from a map through measure slides fetches
    no plotly.js at all (it cost a first measure slide ~150 ms to fetch and run, and its first draw ~250 ms)."""
    fetched = "return performance.getEntriesByType('resource').filter(r => r.name.includes('plotly-basic')).length"
    start(dash_duo, demo_db_url, "/about")
    set_screen(dash_duo.driver, 1280, 720)
    open_presenting(dash_duo, "/?domain=performance-outcomes&part=map")
    dash_duo.driver.get(dash_duo.server_url + "/?domain=performance-outcomes&part=map")  # a new page, presenting
    wait_for(dash_duo, lambda s: s["slide"] == "map")
    for key in (Keys.PAGE_DOWN, Keys.ARROW_RIGHT):
        before = len(dash_duo.find_elements("#domain-bar-caption")) and dash_duo.find_element(
            "#domain-bar-caption").text
        press(dash_duo, key)
        wait_for(dash_duo, lambda s, before=before: s["slide"] == "measure" and dash_duo.find_elements(
            "#domain-bar .ranked-mark") and dash_duo.find_element("#domain-bar-caption").text != before)
        assert len(dash_duo.find_elements("#domain-bar .ranked-mark")) >= 20
    assert dash_duo.driver.execute_script(fetched) == 0 and not dash_duo.driver.execute_script("return !!window.Plotly")
    assert console_errors(dash_duo) == []


def test_each_key_does_what_it_says(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/about")
    set_screen(dash_duo.driver, 1280, 720)
    now = open_presenting(dash_duo, "/")
    deck = dash_duo.driver.execute_script("return window.scorecardPresenter.deck()")
    assert now["counter"] == f"Slide 2 of {len(deck)}" and now["slide"] == "matrix"  # after "What changed"
    notice = dash_duo.driver.execute_script(  # the demo's data said first on the header line, covering nothing
        "return getComputedStyle(document.querySelector('#slide-as-at'), '::before').content")
    assert "Illustrative data" in notice
    press(dash_duo, Keys.PAGE_DOWN)  # a clicker's "next"
    now = wait_for(dash_duo, lambda s: s["counter"].startswith("Slide 3 "))
    assert now["path"] == f"/?domain={DOMAINS[0]}" and now["slide"] == "heatmap"
    press(dash_duo, Keys.PAGE_DOWN)  # the domain on the map
    now = wait_for(dash_duo, lambda s: s["slide"] == "map")
    assert now["path"] == f"/?domain={DOMAINS[0]}&part=map" and now["counter"].startswith("Slide 4 ")
    assert dash_duo.find_element(".tile-grid").is_displayed() and not dash_duo.find_element(".heatmap").is_displayed()
    press(dash_duo, Keys.PAGE_DOWN)
    now = wait_for(dash_duo, lambda s: s["slide"] == "measure")
    first = catalogue().measures_in(DOMAINS[0])
    assert now["path"] == f"/domain/{DOMAINS[0]}?measure={first[0].id}" and now["counter"].startswith("Slide 5 ")
    press(dash_duo, Keys.ARROW_RIGHT)
    now = wait_for(dash_duo, lambda s: f"measure={first[1].id}" in s["path"])
    assert now["path"].endswith(f"measure={first[1].id}") and now["counter"].startswith("Slide 6 ")
    press(dash_duo, Keys.ARROW_LEFT)
    assert wait_for(dash_duo, lambda s: s["path"].endswith(first[0].id))["path"].endswith(first[0].id)
    press(dash_duo, Keys.PAGE_UP)
    assert wait_for(dash_duo, lambda s: s["slide"] == "map")["path"] == f"/?domain={DOMAINS[0]}&part=map"
    press(dash_duo, Keys.PAGE_UP)
    assert wait_for(dash_duo, lambda s: s["slide"] == "heatmap")["path"] == f"/?domain={DOMAINS[0]}"
    assert not dash_duo.find_element(".tile-grid").is_displayed() and dash_duo.find_element(".heatmap").is_displayed()
    press(dash_duo, "3")  # where the agenda starts the third domain: its heatmap
    now = wait_for(dash_duo, lambda s: s["path"] == f"/?domain={DOMAINS[2]}")
    assert now["path"] == f"/?domain={DOMAINS[2]}" and now["slide"] == "heatmap"
    press(dash_duo, Keys.PAGE_DOWN, Keys.PAGE_DOWN, "b")  # its map, its first measure, against the next benchmark
    now = wait_for(dash_duo, lambda s: "benchmark=" in s["path"])
    assert now["path"].startswith(f"/domain/{DOMAINS[2]}") and "benchmark=england" in now["path"]
    dash_duo.wait_for_contains_text("#domain-bar .ranked-title", "against England", timeout=15)
    press(dash_duo, "B")
    assert "benchmark=north-west" in wait_for(dash_duo, lambda s: "north-west" in s["path"])["path"]
    press(dash_duo, "y")  # the year after "latest available" in the list: the newest year, named
    now = wait_for(dash_duo, lambda s: "period=" in s["path"])
    named = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#domain-period option')].map(o => o.value).filter(v => v)")
    assert named[0] == "latest"
    assert f"period={named[1]}" in now["path"]
    press(dash_duo, Keys.PAGE_DOWN)  # the choices travel to the next slide
    now = wait_for(dash_duo, lambda s: s["counter"] != "" and "measure=" in s["path"]
                   and s["path"].count("=") >= 3 and f"period={named[1]}" in s["path"])
    assert "benchmark=north-west" in now["path"] and f"period={named[1]}" in now["path"]
    press(dash_duo, Keys.HOME)
    assert wait_for(dash_duo, lambda s: s["path"] == "/")["slide"] == "matrix"

    press(dash_duo, "?")
    assert dash_duo.driver.find_element(By.ID, "keys-help").is_displayed()
    press(dash_duo, Keys.ESCAPE)  # closes the keys first
    assert not dash_duo.driver.find_element(By.ID, "keys-help").is_displayed() and state(dash_duo)["present"]

    press(dash_duo, "c")  # spotlight: type a council's name, Enter
    field = dash_duo.driver.find_element(By.ID, "spotlight-input")
    assert dash_duo.driver.switch_to.active_element == field
    field.send_keys("Traff", Keys.ENTER)
    now = wait_for(dash_duo, lambda s: s["spot"])
    assert now["spot"]
    press(dash_duo, "2", Keys.PAGE_DOWN, Keys.PAGE_DOWN)  # the second domain's heatmap, its map, its first measure
    now = wait_for(dash_duo, lambda s: s["path"].startswith(f"/domain/{DOMAINS[1]}"))
    assert "council=E08000009" in now["path"], "the spotlight carries to each measure"
    deck = dash_duo.driver.execute_script("return window.scorecardPresenter.deck()")
    assert deck[-2:] == [{"href": "/council/E08000009", "title": "Trafford: summary", "kind": "council"},
                         {"href": "/council/E08000009?part=look-first", "title": "Trafford: where to look first",
                          "kind": "council-look"}]
    deadline, greyed = time.time() + 15, []
    while not greyed and time.time() < deadline:  # once the chart for this measure is drawn
        time.sleep(0.3)
        greyed = dash_duo.driver.execute_script("""
            return [...document.querySelectorAll('#domain-bar .ranked-track')].map(
                e => [e.getAttribute('data-council'), parseFloat(getComputedStyle(e).opacity)]);""")
    assert greyed and all(o == (1 if code == "E08000009" else 0.35) for code, o in greyed), greyed

    press(dash_duo, "f")
    assert dash_duo.driver.execute_script("return !!document.fullscreenElement") in (True, False)  # no error
    press(dash_duo, Keys.ESCAPE)
    if dash_duo.driver.execute_script("return !!document.fullscreenElement"):
        press(dash_duo, Keys.ESCAPE)
    now = wait_for(dash_duo, lambda s: not s["present"])
    assert not now["present"] and now["counter"] == "" and dash_duo.find_element(".controls").is_displayed()
    press(dash_duo, "p")
    assert wait_for(dash_duo, lambda s: s["present"])["present"], "p turns presenter view back on"
    assert console_errors(dash_duo) == []


def test_keys_never_fire_while_typing_in_a_field(dash_duo, demo_db_url):
    start(dash_duo, demo_db_url, "/about")
    open_presenting(dash_duo, "/domain/performance-outcomes?measure=ascof_1a")
    press(dash_duo, "c")
    field = dash_duo.driver.find_element(By.ID, "spotlight-input")
    field.send_keys("3p?f" + Keys.PAGE_DOWN + Keys.HOME + Keys.ARROW_RIGHT)
    now = state(dash_duo)
    assert now["present"] and now["path"].startswith("/domain/performance-outcomes?measure=ascof_1a")
    assert field.get_attribute("value") == "3p?f"
    field.send_keys(Keys.ESCAPE)  # leaves the box, clears the spotlight, stays presenting
    assert wait_for(dash_duo, lambda s: not s["spot"])["present"]
    dash_duo.driver.get(dash_duo.server_url + "/domain/performance-outcomes?measure=ascof_1a&present=0")
    picker = dash_duo.wait_for_element("#council-picker")  # a real form field in normal view
    picker.send_keys("3")
    picker.send_keys("p")
    time.sleep(0.5)
    now = state(dash_duo)
    assert not now["present"] and now["path"].startswith("/domain/performance-outcomes")


@pytest.mark.parametrize("path", ["/", "/?domain=performance-outcomes", "/domain/performance-outcomes?measure=ascof_1a",
                                  "/council/E08000009", "/?domain=performance-outcomes&part=map"])
def test_no_axe_violations_in_presenter_view(dash_duo, demo_db_url, path):
    start(dash_duo, demo_db_url, "/about")
    set_screen(dash_duo.driver, 1280, 720)
    open_presenting(dash_duo, path)
    settled(dash_duo)
    assert axe_violations(dash_duo.driver) == []
    # Contrast at least 7:1 (WCAG's enhanced level) for every text on the projected slide.
    assert axe_violations(dash_duo.driver, ["color-contrast-enhanced"]) == []


@pytest.mark.parametrize("width, height, least", [(1280, 720, 20), (1920, 1080, 24)])
def test_a_categorical_measure_s_slide_is_its_table_on_one_screen(dash_duo, published_engine, width, height, least):
    """Political control has words, not values: its slide was blank (the table sat with what presenter view hides).
    Now every council's row is on the screen, nothing wider than it, at the room's type size."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, width, height)
    open_presenting(dash_duo, "/domain/leadership-governance?measure=lg_political_control")
    dash_duo.wait_for_element(".timeline tbody tr", timeout=15)
    settled(dash_duo)
    rows, sizes, bottom, wide = dash_duo.driver.execute_script("""
        const cells = [...document.querySelectorAll('.timeline :is(th, td)')];
        const rows = document.querySelectorAll('.timeline tbody tr'), last = rows[rows.length - 1];
        return [rows.length, cells.map(c => parseFloat(getComputedStyle(c).fontSize)),
                last.getClientRects().length ? last.getBoundingClientRect().bottom : null,
                document.documentElement.scrollWidth - window.innerWidth];""")
    assert rows == 24 and min(sizes) >= least
    assert bottom is not None and bottom <= height and wide <= 0  # shown (it was hidden), and whole


def test_the_m_key_shows_each_measure_on_the_map_and_back(dash_duo, published_engine):
    """On a measure's slide, m swaps the ranked chart for the same ratings on the tile map, at the room's type and on
    one 1280 by 720 screen; it holds for the next measure, and m again brings the chart back."""
    start(dash_duo, str(published_engine.url), "/about")
    set_screen(dash_duo.driver, 1280, 720)
    open_presenting(dash_duo, "/domain/national-priorities-partnerships?measure=ascof_2d")
    dash_duo.wait_for_element("#domain-bar .ranked-mark", timeout=15)
    shown = "return [!!document.querySelector('#domain-bar').offsetParent, !!document.querySelector('.tile-grid')" \
            " && !!document.querySelector('.tile-grid').offsetParent]"
    assert dash_duo.driver.execute_script(shown) == [True, False]
    press(dash_duo, "m")
    assert dash_duo.driver.execute_script(shown) == [False, True]
    tiles = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.tile-grid .tile')].map(t => [t.getAttribute('data-council'),"
        " t.getBoundingClientRect().bottom, t.innerText])")
    assert len(tiles) == 24 and all(0 < bottom <= 720 for _, bottom, _ in tiles), tiles
    assert all(text.split("\n")[-1].strip() for _, _, text in tiles)  # each says its rating in words
    wide, tall = dash_duo.driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert wide <= 1280 and tall <= 720
    assert dash_duo.driver.execute_script(SMALL_TEXT, 20) == []
    assert axe_violations(dash_duo.driver) == [] and axe_violations(dash_duo.driver, ["color-contrast-enhanced"]) == []
    press(dash_duo, Keys.ARROW_RIGHT)  # the next measure: still on the map
    wait_for(dash_duo, lambda s: "ascof_2d" not in s["path"])
    dash_duo.wait_for_element(".tile-grid", timeout=15)
    assert dash_duo.driver.execute_script(shown) == [False, True]
    press(dash_duo, "m")
    assert dash_duo.driver.execute_script(shown) == [True, False]
    assert console_errors(dash_duo) == []
