"""Where people wait (issue 27): the time until a page's main content is drawn in a new headless Chromium, the
main thread's longest task while it loads, and a presenter's slide change. Used by bench_serving; also runnable
against any running scorecard:

    python -m benchmarks.page_timing http://127.0.0.1:8050

A page's time is taken by the page's own clock, from its navigation's start to the frame that paints the last of its
main content (WATCH below); how long its main thread stays busy is the longest task. A slide change is timed by the
page's clock from the key press.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from benchmarks.serving_tools import bytes_received, chromium, network_events

# What "the main content is drawn" means on each page: a count that rises to its final value.
CONTENT = {
    "overview": ("/", "return document.querySelectorAll('#overview-heatmap table tbody tr').length"),
    "domain": ("/domain/performance-outcomes",
               "return document.querySelectorAll('#domain-bar .ranked-mark').length"),
    "profile": ("/council/E08000009",
                "return document.querySelectorAll('.spine .spine-row').length"),
    "measures": ("/measures", "return document.querySelectorAll('main dl dt').length"),
}

# Every long task (over 50 ms) the page's main thread runs, recorded from before the page's first script.
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { window.__longTasks.push(e.duration); });
}).observe({type: "longtask", buffered: true});
"""


def _phone(driver) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})


# The page's own clock says when the content was drawn: from the document's first moment, every change to the page
# counts what `count_js` counts, and each rise is timed at the next frame (the moment it is painted). Asking from
# outside (Python polling) measured something else: chromedriver holds a script until the page has settled, so a
# chart drawn at 0.4 s was "seen" at 1.1 s, when plotly had finished drawing the trend chart below the fold.
# How long the main thread is busy is its own figure (the longest task).
WATCH = """
(function () {
  const count = new Function(%s);
  window.__drawn = {count: 0, at: NaN};
  function check() {
    let n = 0;
    try { n = count() || 0; } catch (e) { return; }
    if (n > window.__drawn.count) {
      window.__drawn.count = n;
      window.__drawn.at = performance.now();  // in the DOM; then, at the next frame, painted
      requestAnimationFrame(function () { window.__drawn.at = performance.now(); });
    }
  }
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""


def watch(driver, count_js: str) -> None:
    """Every page this browser opens from now on times its own content (WATCH)."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH % json.dumps(count_js)})


def drawn(driver, url: str, settle: float) -> tuple[float, int]:
    """(ms from asking for `url` until the counted content reached its final value, that value), for a browser
    that watch()es: opens `url` and waits `settle` seconds for everything to arrive."""
    asked = time.time() * 1000
    driver.execute_script("window.location.href = arguments[0]", url)
    time.sleep(settle)
    late = time.time() + 10  # a page still not drawn (a busy server) is waited for, not timed as nothing
    while True:
        origin, found = driver.execute_script("return [performance.timeOrigin, window.__drawn || {}]")
        if found.get("at") is not None or time.time() > late:  # (NaN, "not yet", arrives as None)
            break
        time.sleep(0.25)
    if found.get("at") is None:
        return float("nan"), 0
    # From the moment it was asked for (the page's clock starts a few ms later, at its navigation's start).
    return float(origin) + float(found["at"]) - asked, int(found["count"])


def page(base: str, path: str, count_js: str, *, phone: bool = False, settle: float = 4.0) -> dict:
    """A new Chromium opens `path` twice: cold (empty browser cache), then warm. Returns both times, the bytes the
    cold visit transferred, what was counted, and the main thread's longest task during the cold visit."""
    driver = chromium()
    try:
        if phone:
            _phone(driver)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LONG_TASKS})
        watch(driver, count_js)
        network_events(driver)
        cold, count = drawn(driver, base + path, settle)
        longest = max(driver.execute_script("return window.__longTasks || []") or [0])
        sent = bytes_received(network_events(driver))
        warm, _ = drawn(driver, base + path, settle)
        return {"cold": cold, "warm": warm, "bytes": sent, "count": count, "longest_task": longest}
    finally:
        driver.quit()


# In presenter view: press a key and wait until the page has stopped changing for `quiet` ms; the time is that
# of the last change (the slide fully drawn), measured by the page's own clock from the key press.
KEY_PRESS = """
const key = arguments[0], quiet = arguments[1], done = arguments[arguments.length - 1];
let last = performance.now();
const t0 = last;
const observer = new MutationObserver(function () { last = performance.now(); });
observer.observe(document.documentElement, {childList: true, subtree: true, characterData: true, attributes: true});
document.dispatchEvent(new KeyboardEvent("keydown", {key: key, bubbles: true}));
(function wait() {
  if (performance.now() - last <= quiet) { setTimeout(wait, 20); return; }
  observer.disconnect();
  done([last - t0, location.pathname + location.search]);
})();
"""


def slide_changes(base: str, start: str, keys: list[str], quiet: int = 1500) -> list[tuple[str, float]]:
    """Presenter view from `start`, then each key in turn (twice over the same steps: the second time is warm, as
    a rehearsed deck is): [(where it went, ms), ...] for the second pass."""
    driver = chromium()
    driver.set_script_timeout(30)
    try:
        driver.get(f"{base}{start}{'&' if '?' in start else '?'}present=1")
        time.sleep(3)
        for _ in range(2):
            driver.get(f"{base}{start}")
            time.sleep(2)
            found = []
            for key in keys:
                ms, where = driver.execute_async_script(KEY_PRESS, key, quiet)
                found.append((where, ms))
        return found
    finally:
        driver.quit()


# ------------------------------------------------------------------ the floor: the same content, static
SNAPSHOT = """
const copy = document.documentElement.cloneNode(true);
copy.querySelectorAll("script, link[rel=preload], style").forEach(function (s) { s.remove(); });
// Styles written by scripts (plotly.js adds its rules one by one) are not in the markup: copied as text.
const rules = [...document.styleSheets].filter(function (s) { return !s.href; }).map(function (s) {
  try { return [...s.cssRules].map(function (r) { return r.cssText; }).join("\\n"); } catch (e) { return ""; }
}).join("\\n");
const style = document.createElement("style");
style.textContent = rules;
copy.querySelector("head").appendChild(style);
return "<!DOCTYPE html>" + copy.outerHTML;
"""


def snapshot(base: str, path: str, count_js: str, *, phone: bool = False, present: bool = False) -> bytes:
    """The page as drawn (every chart's SVG, every table), without its scripts: the floor's static page."""
    driver = chromium(1280, 720) if present else chromium()
    try:
        if phone:
            _phone(driver)
        if present:
            driver.get(f"{base}/?present=1")
            time.sleep(2)
        watch(driver, count_js)
        if drawn(driver, base + path, 4.0)[1] == 0:
            print(f"  (the floor's copy of {path} was taken before its content was drawn)", flush=True)
        return driver.execute_script(SNAPSHOT).encode()
    finally:
        driver.quit()


LOADED = "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;"


def static_switch(base: str, paths: list[str], rounds: int = 3) -> list[float]:
    """Moving between static pages (warm browser cache): ms from each navigation's start to its load event."""
    driver = chromium(1280, 720)
    try:
        for path in paths:
            driver.get(base + path)
        found = []
        for _ in range(rounds):
            for path in paths:
                driver.get(base + path)
                found.append(driver.execute_script(LOADED))
        return found
    finally:
        driver.quit()


# ------------------------------------------------------------------ everything make bench reports
SLIDE_START = "/?domain=performance-outcomes"
SLIDE_KEYS = (("heatmap → measure", "PageDown"), ("measure → measure", "ArrowRight"),
              ("measure → measure", "ArrowLeft"), ("measure → heatmap", "PageUp"))


def figures(base: str, record, runs: int = 3) -> dict:
    """The browser's figures for issue 27 against their floors. `record(name, html)` stores a static page for the
    floor's address `/_floor/<name>` (benchmarks/floor.py); each figure is the median of `runs` fresh Chromiums."""
    def median_of(measure) -> dict:
        found = [measure() for _ in range(runs)]
        return {k: statistics.median(f[k] for f in found) for k in found[0] if k != "count"} | {
            "count": found[0]["count"]}

    out: dict = {"pages": {}, "slides": {}}
    for name, (path, count_js) in [*CONTENT.items(), ("phone", (CONTENT["overview"][0], CONTENT["overview"][1]))]:
        phone = name == "phone"
        record(f"page-{name}", snapshot(base, path, count_js, phone=phone))
        app = median_of(lambda path=path, count_js=count_js, phone=phone: page(base, path, count_js, phone=phone))
        floor = median_of(lambda name=name, count_js=count_js, phone=phone: page(
            base, f"/_floor/page-{name}", count_js, phone=phone))
        out["pages"][name] = {"path": path, "app": app, "floor": floor}
    passes = [slide_changes(base, SLIDE_START, [k for _, k in SLIDE_KEYS]) for _ in range(runs)]
    for i, (kind, _key) in enumerate(SLIDE_KEYS):
        out["slides"].setdefault(kind, []).extend(p[i][1] for p in passes)
    heat, measure = SLIDE_START, passes[0][0][0]
    record("slide-heatmap", snapshot(base, heat, CONTENT["overview"][1], present=True))
    record("slide-measure", snapshot(base, measure, CONTENT["domain"][1], present=True))
    out["slide_floor"] = static_switch(base, ["/_floor/slide-heatmap", "/_floor/slide-measure"], runs)
    return out


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050"
    for name, (path, count_js) in CONTENT.items():
        print(name, page(base, path, count_js))
    print("phone", page(base, "/", CONTENT["overview"][1], phone=True))
    for where, ms in slide_changes(base, SLIDE_START, [k for _, k in SLIDE_KEYS]):
        print(f"slide {where}: {ms:.0f} ms")
