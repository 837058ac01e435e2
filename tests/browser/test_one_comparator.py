"""One comparator on every page a journey opens (METHODS.md, Comparators: one default; a page opened from another
keeps the comparator it was opened with), in headless Chromium on the published warehouse: overview → a heatmap
cell → the council's profile → its briefing → presenter view, Page Down across four slides → the meeting pack."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.helpers import console_errors, start
from tests.browser.test_presenter import press, wait_for

pytestmark = pytest.mark.browser
TRAFFORD = "E08000009"
LABELS = {"north-west": "North West", "england": "England"}
# What each page says it compares with: a select's choice, the profile's current "Compare with" pill, the captions
# "Ratings against …", the pack's cover.
SHOWN = """
const out = [];
for (const id of ['overview-benchmark', 'domain-benchmark']) {
  const s = document.getElementById(id);
  if (s && s.value) { out.push(s.options[s.selectedIndex].text); }
}
document.querySelectorAll('.benchmark-links a[aria-current]').forEach(a => out.push(a.textContent));
document.querySelectorAll('caption, .pack-benchmark strong').forEach(c => {
  const m = c.textContent.match(/^Ratings against (.+?) in each domain/);
  if (m) { out.push(m[1]); } else if (c.tagName === 'STRONG') { out.push(c.textContent); }
});
return out;
"""


CELL = """
const cell = [...document.querySelectorAll(`#overview-heatmap tr[data-council=${arguments[0]}] td a`)]
  .find(a => !a.textContent.endsWith('No data') && a.getAttribute('href').includes('benchmark=' + arguments[1]));
"""


def _shown(dash_duo) -> set[str]:
    return set(dash_duo.driver.execute_script(SHOWN))


def _wait_shown(dash_duo, timeout: float = 15.0) -> set[str]:
    end = time.time() + timeout
    while not (found := _shown(dash_duo)) and time.time() < end:
        time.sleep(0.2)
    return found


@pytest.mark.parametrize("benchmark", ["north-west", "england"])
def test_a_journey_keeps_one_comparator_unless_the_user_changes_it(dash_duo, published_engine, benchmark):
    label = LABELS[benchmark]
    start(dash_duo, str(published_engine.url), "/?domain=national-priorities-partnerships")
    select = Select(dash_duo.wait_for_element("#overview-benchmark", timeout=15))
    assert select.first_selected_option.text == "North West"  # the default
    if benchmark != "north-west":  # the user changes it, once, on the overview
        select.select_by_value(benchmark)
        wait_for_url(dash_duo, f"benchmark={benchmark}")
    dash_duo.wait_for_element(f"#overview-heatmap tr[data-council={TRAFFORD}]", timeout=20)
    assert _wait_shown(dash_duo) == {label}
    # a rated cell of Trafford's, once the heatmap is drawn against the comparator (a click, as a reader's)
    wait_until(lambda: dash_duo.driver.execute_script(CELL + "return !!cell;", TRAFFORD, benchmark))
    assert dash_duo.driver.execute_script(CELL + "cell.click(); return true;", TRAFFORD, benchmark)
    dash_duo.wait_for_element("tr.selected-row", timeout=20)  # the profile, at the cell's measure
    assert f"/council/{TRAFFORD}" in dash_duo.driver.current_url and _wait_shown(dash_duo) == {label}
    briefing = dash_duo.driver.find_element(By.PARTIAL_LINK_TEXT, "Briefing for a meeting")
    dash_duo.driver.execute_script("arguments[0].click()", briefing)
    wait_for_url(dash_duo, "/briefing")
    dash_duo.wait_for_element(".briefing caption", timeout=20)
    assert _wait_shown(dash_duo) == {label}
    # Presenter view from the briefing, then five slides with Page Down: what changed, the region, a heatmap, the
    # domain on the map, a measure's chart
    press(dash_duo, "p")
    seen = []
    for _ in range(5):
        before = dash_duo.driver.current_url
        press(dash_duo, "\ue00f")  # Page Down
        wait_for(dash_duo, lambda s, b=before: dash_duo.driver.current_url != b)
        time.sleep(1.0)
        seen.append((dash_duo.driver.current_url, _wait_shown(dash_duo)))
    for url, shown in seen:
        assert shown == {label}, (url, shown)
        assert benchmark == "north-west" or f"benchmark={benchmark}" in url, url
    assert "part=map" in seen[-2][0] and "/domain/" in seen[-1][0]
    # The meeting pack, from the overview's pack form: every section says the same comparator
    press(dash_duo, "p")  # leave presenter view
    dash_duo.driver.get(dash_duo.server_url + "/" + (f"?benchmark={benchmark}" if benchmark != "north-west" else ""))
    link = dash_duo.wait_for_element("#pack-link", timeout=15)
    wait_until(lambda: benchmark == "north-west" or f"benchmark={benchmark}" in (link.get_attribute("href") or ""))
    dash_duo.driver.get(link.get_attribute("href") + f"&councils={TRAFFORD}&domains=national-priorities-partnerships")
    dash_duo.wait_for_element(".pack-benchmark", timeout=30)
    assert _wait_shown(dash_duo) == {label}
    assert console_errors(dash_duo) == []


def wait_for_url(dash_duo, part: str, timeout: float = 15.0) -> None:
    wait_until(lambda: part in dash_duo.driver.current_url, timeout)
    assert part in dash_duo.driver.current_url, dash_duo.driver.current_url


def wait_until(check, timeout: float = 15.0) -> None:
    end = time.time() + timeout
    while not check() and time.time() < end:
        time.sleep(0.2)


def test_councils_i_choose_finds_stockton_on_tees_by_typing(dash_duo, published_engine):
    start(dash_duo, str(published_engine.url),
          "/domain/national-priorities-partnerships?measure=ascof_2a2&period=2020-21&benchmark=chosen")
    box = dash_duo.wait_for_element("#domain-chosen-add", timeout=15)
    options = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#domain-chosen-names option')].map(o => o.value)")
    assert "Stockton-on-Tees" in options and "Cumbria" in options and "Cumberland" not in options
    box.send_keys("Stockton")
    box.send_keys("\ue007")  # Enter
    wait_for_url(dash_duo, "chosen=E06000004")
    ticked = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#domain-chosen input:checked')].map(i => i.labels[0].textContent)")
    assert ticked == ["Stockton-on-Tees"] and box.get_attribute("value") == ""
    box.send_keys("Nowhere-on-Sea\ue007")
    status = dash_duo.wait_for_element("#domain-chosen-status", timeout=10)
    wait_until(lambda: "Nowhere-on-Sea" in status.text)
    assert "No English council of 2020-21 is called “Nowhere-on-Sea”" in status.text
    assert console_errors(dash_duo) == []


def test_the_names_to_type_arrive_when_councils_i_choose_is_picked(dash_duo, published_engine):
    """The ~150 names of every English council are drawn only while "Councils I choose" is the benchmark."""
    from selenium.webdriver.support.ui import Select

    start(dash_duo, str(published_engine.url), "/domain/national-priorities-partnerships?measure=ascof_2a2")
    names = "return [...document.querySelectorAll('#domain-chosen-names option')].map(o => o.value)"
    dash_duo.wait_for_element("#domain-bar .ranked", timeout=15)
    assert dash_duo.driver.execute_script(names) == []
    Select(dash_duo.find_element("#domain-benchmark")).select_by_value("chosen")
    wait_until(lambda: "Stockton-on-Tees" in dash_duo.driver.execute_script(names))
    assert "Stockton-on-Tees" in dash_duo.driver.execute_script(names)
    assert console_errors(dash_duo) == []
