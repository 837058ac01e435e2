"""The scorecard as a user gets it (issue 15), on PostgreSQL with Redis under gunicorn with the repo's config, each
figure beside a floor measured in the same run, at North West scale (the published bundle) and at national scale
(the demo: every English council, ten years). Writes the "Serving" section of benchmarks/RESULTS.md.

- Interactions: headless Chromium performs each one (open the overview; open a domain; change domain, measure,
  period, benchmark, highlighted council; open a profile) and its callback requests are recorded, then replayed
  warm (cache filled) and cold (Redis emptied before each request). Floor: the same bodies posted to a plain WSGI
  address under the same gunicorn answering the bytes the app answered (benchmarks/floor.py).
- Page loads (benchmarks/page_timing.py): a fresh Chromium opens `/`, a domain, a profile and `/measures`: time
  until the main content is drawn, cold and warm browser cache, and the bytes transferred; on the published
  warehouse also beside static floors, with the phone and a presenter's slide changes.
- Throughput at 1, 8 and 32 connections (callbacks, warm) against the floor's; a mixed load of 32 connections
  for 30 s from a fresh start: pages, scripts, callbacks and downloads; errors, p50/p95/p99, workers' memory.

    python -m benchmarks.bench_serving        (make bench runs it with the others)
"""

from __future__ import annotations

import gzip
import json
import platform
import re
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date
from importlib.metadata import version
from pathlib import Path

import brotli

from benchmarks import page_timing
from benchmarks import serving_tools as tools
from data.db import make_engine
from data.warehouse import init_warehouse

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/13"
RESULTS = Path(__file__).with_name("RESULTS.md")
START, END = "<!-- serving:start -->", "<!-- serving:end -->"
PAGES = ["/", "/domain/performance-outcomes", "/council/E08000009"]


@contextmanager
def warehouse(initial: str):
    """A PostgreSQL schema filled with the published bundle or the national demo, dropped afterwards."""
    from sqlalchemy import text

    schema = f"sc_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    try:
        engine = make_engine(url)
        init_warehouse(engine, initial=initial, demo_scope="england")
        engine.dispose()
        yield url
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _pick(driver, css: str, value: str | None = None) -> None:
    from selenium.webdriver.support.ui import Select

    select = Select(driver.find_element("css selector", css))
    current = driver.find_element("css selector", css).get_attribute("value")
    values = [o.get_attribute("value") for o in select.options if o.get_attribute("value")]
    select.select_by_value(value or next(v for v in values if v != current))


def capture(base: str) -> dict[str, list[tuple[str, str]]]:
    """Each interaction's callback requests, as Chromium sent them."""
    driver = tools.chromium()
    steps = {
        "open the overview": lambda: driver.get(base + "/"),
        "overview: change period": lambda: _pick(driver, "#overview-period"),
        "open a domain page": lambda: driver.get(base + "/domain/performance-outcomes"),
        "change measure": lambda: _pick(driver, "#domain-measure"),
        "change period": lambda: _pick(driver, "#domain-period"),
        "change benchmark": lambda: _pick(driver, "#domain-benchmark"),
        "highlight a council": lambda: _pick(driver, "#domain-council", "E08000010"),
        "change domain": lambda: driver.find_element(
            "css selector", "#domain-nav a[href^='/domain/commissioning-quality']").click(),
        "open a profile": lambda: (_pick(driver, "#council-picker", "E08000009"),
                                   driver.find_element("css selector", "#council-picker-go").click()),
    }
    found = {}
    try:
        for name, step in steps.items():
            tools.network_events(driver)
            step()
            time.sleep(3)
            found[name] = tools.callbacks_sent(tools.network_events(driver))
    finally:
        driver.quit()
    return found


def _slug(interaction: str, n: int) -> str:
    return f"{re.sub(r'[^a-z]+', '-', interaction)}-{n}"


def _decoded(data: bytes, encoding: str | None) -> bytes:
    return brotli.decompress(data) if encoding == "br" else gzip.decompress(data) if encoding == "gzip" else data


def measure_scale(label: str, initial: str, tmp: Path, port: int) -> dict:
    import redis

    cache = redis.Redis.from_url(REDIS)
    floor_file = tmp / f"floor-{initial}.json"
    out: dict = {"label": label}
    with warehouse(initial) as url:
        cache.flushdb()
        with tools.gunicorn(url, port, floor_file, REDIS, tmp):
            interactions = capture(f"http://127.0.0.1:{port}")
            answers, sizes = {}, {}
            connection = tools.http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for name, bodies in interactions.items():
                for i, (address, body) in enumerate(bodies):
                    status, data, headers = tools.post(connection, address, body.encode())
                    encoding = headers.get("Content-Encoding")
                    answers[_slug(name, i)] = [data.hex(), headers.get("Content-Type", ""), encoding]
                    wire, plain = len(data), len(_decoded(data, encoding))
                    sizes[name] = max(sizes.get(name, (0, 0)), (wire, plain))
            connection.close()
            floor_file.write_text(json.dumps(answers))
            app_requests = {n: [(a, b.encode()) for a, b in bodies] for n, bodies in interactions.items()}
            floor_requests = {n: [(f"/_floor/{_slug(n, i)}", b.encode()) for i, (_a, b) in enumerate(bodies)]
                              for n, bodies in interactions.items()}
            rows = {}
            for name in interactions:
                warm_app, warm_floor, cold_app, cold_floor = [], [], [], []
                for _ in range(20):
                    warm_app += tools.replay(port, app_requests[name])
                    warm_floor += tools.replay(port, floor_requests[name])
                for _ in range(4):
                    cold_app += tools.replay(port, app_requests[name], before=cache.flushdb)
                    cold_floor += tools.replay(port, floor_requests[name], before=cache.flushdb)
                rows[name] = {"requests": len(app_requests[name]), "size": sizes.get(name, (0, 0)),
                              "warm": warm_app, "floor": warm_floor, "cold": cold_app, "cold_floor": cold_floor}
            out["rows"] = rows
            every_app = [("POST", p, b) for n in interactions for p, b in app_requests[n]]
            every_floor = [("POST", p, b) for n in interactions for p, b in floor_requests[n]]
            out["throughput"] = {c: (tools.load(port, every_app, c, 8), tools.load(port, every_floor, c, 8))
                                 for c in (1, 8, 32)}
            base = f"http://127.0.0.1:{port}"
            if initial == "published":  # where people wait (issue 27): the published warehouse is what users see
                out["browser"] = page_timing.figures(base, _recorder(floor_file, answers))
                out["pages"] = {row["path"]: row["app"] for name, row in out["browser"]["pages"].items()
                                if name != "phone"}
            else:
                out["pages"] = {path: page_timing.page(base, path, count) for path, count in
                                page_timing.CONTENT.values()}
        out["mixed"] = mixed_load(url, port + 1, tmp, floor_file, every_app)
    return out


def _recorder(floor_file: Path, answers: dict):
    """Store a static page for the floor's address /_floor/<name>, compressed as the app's pages are."""
    def record(name: str, html: bytes) -> None:
        answers[name] = [brotli.compress(html).hex(), "text/html; charset=utf-8", "br"]
        floor_file.write_text(json.dumps(answers))
    return record


def mixed_load(url: str, port: int, tmp: Path, floor_file: Path, callbacks: list) -> dict:
    """32 connections for 30 s on a fresh start (new workers, empty cache): pages, scripts, callbacks, downloads."""
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    with tools.gunicorn(url, port, floor_file, REDIS, tmp) as master:
        html = tools.urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
        scripts = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
        gets = [("GET", p, b"") for p in PAGES + scripts + ["/download/overview.csv", "/health"]]
        mix = callbacks + gets
        before = [tools.rss_mb(p) for p in tools.worker_pids(master.pid)]
        result = tools.load(port, mix, 32, 30)
        after = [tools.rss_mb(p) for p in tools.worker_pids(master.pid)]
    return {**result, "rss_before": before, "rss_after": after, "mix": len(mix)}


def _ms(values) -> str:
    return f"{values:.1f}" if values == values else "–"


def write(results: list[dict]) -> str:
    chromium = tools.subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    packages = ", ".join(f"{p} {version(p)}" for p in ("dash", "plotly", "Flask", "gunicorn", "SQLAlchemy",
                                                         "psycopg", "redis", "Flask-Compress"))
    lines = [START, f"## Serving (issue 15), {date.today().isoformat()}", "",
             f"`python -m benchmarks.bench_serving` (part of `make bench`). Machine: {platform.platform()}, "
             f"{tools.os.cpu_count()} cores, Python {platform.python_version()}; {packages}; {chromium}. "
             "gunicorn with the repo's config (2 gthread workers × 4 threads), PostgreSQL warehouse, Redis cache, "
             "responses compressed. Milliseconds; the floor is a plain WSGI address under the same gunicorn "
             "answering the same bytes (benchmarks/floor.py). An interaction's requests are the callbacks the "
             "browser sent and, for a page opened afresh, the layout it asked for (which holds the page drawn).", ""]
    targets = []
    for r in results:
        lines += [f"### {r['label']}", "",
                  "| interaction | requests | warm p50 | floor p50 | ratio | warm p95 | cold p50 | cold p95 | "
                  "floor p95 | largest answer: sent / JSON (bytes) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        all_warm, all_floor, all_cold = [], [], []
        for name, row in r["rows"].items():
            w, f, c = tools.median(row["warm"]), tools.median(row["floor"]), row["cold"]
            all_warm += row["warm"]
            all_floor += row["floor"]
            all_cold += c
            lines.append(f"| {name} | {row['requests']} | {_ms(w)} | {_ms(f)} | {w / f:.1f}× | "
                         f"{_ms(tools.percentile(row['warm'], 95))} | {_ms(tools.median(c))} | "
                         f"{_ms(tools.percentile(c, 95))} | {_ms(tools.percentile(row['floor'], 95))} | "
                         f"{row['size'][0]:,} / {row['size'][1]:,} |")
        warm50, floor50, cold95 = tools.median(all_warm), tools.median(all_floor), tools.percentile(all_cold, 95)
        biggest = max(row["size"] for row in r["rows"].values())
        highlight = r["rows"].get("highlight a council", {"size": (0, 0)})["size"]
        lines += ["", f"Every request (callbacks and layouts): warm p50 {_ms(warm50)} against the floor's "
                  f"{_ms(floor50)} ({warm50 / floor50:.1f}×); cold p95 {_ms(cold95)}.", "",
                  "| connections | requests/s | floor requests/s | share of the floor | p50 | p95 | errors |",
                  "|---:|---:|---:|---:|---:|---:|---:|"]
        for c, (app, floor) in r["throughput"].items():
            lines.append(f"| {c} | {app['rps']:.0f} | {floor['rps']:.0f} | {app['rps'] / floor['rps']:.0%} | "
                         f"{_ms(app['p50'])} | {_ms(app['p95'])} | {len(app['errors'])} |")
        lines += ["", "| page (fresh Chromium, loopback) | main content drawn, cold cache | warm cache | "
                  "bytes transferred, cold | rows or charts counted |", "|---|---:|---:|---:|---:|"]
        for path, p in r["pages"].items():
            lines.append(f"| `{path}` | {_ms(p['cold'])} | {_ms(p['warm'])} | {p['bytes']:,.0f} | {p['count']} |")
        m = r["mixed"]
        lines += ["", f"Mixed load from a fresh start ({m['mix']} different requests: pages, scripts, callbacks, "
                  f"downloads), 32 connections for 30 s: {m['count']:,} requests ({m['rps']:.0f}/s), "
                  f"**{len(m['errors'])} errors**, p50 {_ms(m['p50'])}, p95 {_ms(m['p95'])}, p99 {_ms(m['p99'])}; "
                  f"workers' memory {', '.join(f'{x:.0f}' for x in m['rss_before'])} MB before, "
                  f"{', '.join(f'{x:.0f}' for x in m['rss_after'])} MB after.", ""]
        if m["errors"]:
            lines += [f"Errors: {', '.join(sorted(set(m['errors']))[:10])}", ""]
        tp8 = r["throughput"][8]
        slowest = max(p["cold"] for p in r["pages"].values())
        targets += [
            (r["label"], "callback p50, warm", "≤ 2× floor", f"{warm50:.1f} ms = {warm50 / floor50:.1f}× "
             f"({floor50:.2f} ms)", warm50 <= 2 * floor50),
            (r["label"], "callback p95, cold", "≤ 50 ms (national)", f"{cold95:.1f} ms", cold95 <= 50),
            (r["label"], "slowest page's main content drawn, cold browser cache", "≤ 1,000 ms", f"{slowest:.0f} ms",
             slowest <= 1000),
            (r["label"], "first visit transferred (`/`)", "≤ 0.8 MB", f"{r['pages']['/']['bytes'] / 1e6:.2f} MB",
             r["pages"]["/"]["bytes"] <= 800_000),
            (r["label"], "largest callback answer (sent)", "≤ 20 KB", f"{biggest[0] / 1000:.1f} KB "
             f"({biggest[1] / 1000:.1f} KB of JSON)", biggest[0] <= 20_000),
            (r["label"], "highlight answer (sent)", "≤ 2 KB", f"{highlight[0] / 1000:.2f} KB "
             f"({highlight[1] / 1000:.2f} KB of JSON)", highlight[0] <= 2_000),
            (r["label"], "throughput at 8 connections", "≥ 70% of floor", f"{tp8[0]['rps']:.0f}/s = "
             f"{tp8[0]['rps'] / tp8[1]['rps']:.0%} of {tp8[1]['rps']:.0f}/s", tp8[0]["rps"] >= 0.7 * tp8[1]["rps"]),
            (r["label"], "mixed load, fresh start", "0 errors", f"{len(m['errors'])} errors", not m["errors"]),
        ]
    browser = next((r["browser"] for r in results if "browser" in r), None)
    if browser:
        section, more = browser_section(browser)
        lines += section
        targets += more
    lines += ["### Targets", "", "| scale | target | aim | measured | met |", "|---|---|---|---|---|"]
    lines += [f"| {s} | {t} | {aim} | {got} | {'yes' if ok else '**no**'} |" for s, t, aim, got, ok in targets]
    lines += ["", END]
    return "\n".join(lines)


PAGE_WORDS = {"overview": "the overview's heatmap table", "domain": "a domain's ranked chart",
              "profile": "a profile's spine charts", "measures": "the measures catalogue",
              "phone": "the overview's table at 390×844 (phone emulation)"}


def browser_section(b: dict) -> tuple[list[str], list[tuple]]:
    """Issue 27's figures: the time until each page's main content is drawn, beside a static page with the same
    content served by the same gunicorn (the floor), and a presenter's slide change beside moving between static
    copies of the same slides."""
    lines = ["### Where people wait (issue 27): the published warehouse in headless Chromium", "",
             "Each page opened in a new Chromium (1366×900; the phone by device emulation), the median of three: "
             "milliseconds until the page's main content is drawn, cold (empty browser cache) and warm, and the "
             "main thread's longest task during the cold visit. The floor is the same page as drawn (its charts' "
             "SVG, its tables) saved without scripts and served by the same gunicorn.", "",
             "| page | content | cold | floor cold | ratio | warm | floor warm | longest task |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    targets = []
    for name, row in b["pages"].items():
        app, floor = row["app"], row["floor"]
        lines.append(f"| `{row['path']}` | {PAGE_WORDS[name]} | {app['cold']:,.0f} | {floor['cold']:,.0f} | "
                     f"{app['cold'] / floor['cold']:.1f}× | {app['warm']:,.0f} | {floor['warm']:,.0f} | "
                     f"{app['longest_task']:,.0f} |")
        aim = 2000 if name == "phone" else 1000
        targets.append(("North West", f"{PAGE_WORDS[name]} drawn, cold", f"≤ {aim:,} ms",
                        f"{app['cold']:.0f} ms (floor {floor['cold']:.0f})", app["cold"] <= aim))
    longest = b["pages"]["overview"]["app"]["longest_task"]
    targets.append(("North West", "the overview's longest task", "≤ 200 ms", f"{longest:.0f} ms", longest <= 200))
    floor = tools.median(b["slide_floor"])
    lines += ["", "Presenter view at 1280×720, warm (the deck's second pass): milliseconds from the key press until "
              "the slide stops changing (the last change to the page, by its own clock); the floor is moving "
              f"between static copies of a heatmap and a measure slide: {floor:.0f} ms to each one's load event.", "",
              "| slide change | times | median | ratio to the floor |", "|---|---|---:|---:|"]
    for kind, times in b["slides"].items():
        median = tools.median(times)
        lines.append(f"| {kind} | {', '.join(f'{t:.0f}' for t in times)} | {median:.0f} | {median / floor:.1f}× |")
        targets.append(("North West", f"slide change {kind}, warm", "≤ 300 ms", f"{median:.0f} ms", median <= 300))
    return lines + [""], targets


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (label, initial) in enumerate((("North West (the published bundle)", "published"),
                                              ("National (demo: every English council, ten years)", "demo"))):
            print(f"measuring: {label} …", flush=True)
            results.append(measure_scale(label, initial, Path(tmp), 18_500 + 10 * n))
    section = write(results)
    text = RESULTS.read_text()
    if START in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text)
    print(section)


if __name__ == "__main__":
    main()
