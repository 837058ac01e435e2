"""Publishing a release's account (`scorecard publish`, issue 30) on the published bundle: the whole site, and each
part of it, against a floor measured in the same run, copying the written site (the same files and bytes) to a new
folder: what is left is the cost of making them. Also the site's size: pages, data, API, the largest page compressed.

    python -m benchmarks.bench_publish
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import time
from pathlib import Path

from data.db import make_engine
from data.read_api import ReadAPI
from data.warehouse import init_warehouse
from plain import json_api, open_data, spreadsheet
from plain.plain_pages import every_page
from plain.publish import environment, for_publishing, publish, release_facts, render


def seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def size(folder: Path, pattern: str = "*") -> tuple[int, int]:
    files = [p for p in folder.rglob(pattern) if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        engine = make_engine(f"sqlite:///{root / 'w.db'}")
        init_warehouse(engine)
        api = ReadAPI(engine)
        site = root / "site"
        whole = seconds(lambda: publish(api, site))
        floor = seconds(lambda: shutil.copytree(site, root / "copy"))
        pinned = seconds(lambda: publish(api.pinned(str(api.newest_release_id() - 1)), root / "pinned"))
        view = for_publishing(api)
        parts = {"open data (CSV + data package)": lambda: open_data.write(view, root / "p" / "data", 1)}
        found = open_data.write(view, root / "q", 1)
        parts["spreadsheet (ODS + XLSX)"] = lambda: spreadsheet.write(found, root / "q", 1, "")
        parts["JSON API + OpenAPI"] = lambda: json_api.write(view, found, root / "q" / "api", 1)
        env, release = environment(), release_facts(view)
        env.globals["nav_domains"] = view.catalogue.domains
        parts["HTML pages (page models + templates)"] = lambda: [render(env, p, release) for p in every_page(view)]
        timed = {label: seconds(run) for label, run in parts.items()}
        pages, page_bytes = size(site, "*.html")
        embeds, _ = size(site / "embed", "*.html")
        largest = max((len(gzip.compress(p.read_bytes(), 6)), str(p.relative_to(site))) for p in site.rglob("*.html"))
        files, total = size(site)
        print("benchmark".ljust(44), "time (s)   floor (s)   ratio")
        print("publish the whole site".ljust(44), f"{whole:8.1f}   {floor:9.2f}   {whole / floor:5.0f}x")
        print("publish the release before (pinned)".ljust(44), f"{pinned:8.1f}   {floor:9.2f}   "
              f"{pinned / floor:5.0f}x")
        for label, s in timed.items():
            print(f"  {label}".ljust(44), f"{s:8.1f}")
        print(f"site: {files:,} files, {total / 1e6:.1f} MB; {pages:,} pages ({embeds:,} embeds), "
              f"{page_bytes / 1e6:.1f} MB; data {size(site / 'data')[1] / 1e6:.1f} MB; "
              f"API {size(site / 'api')[1] / 1e6:.1f} MB; largest page {largest[1]} "
              f"({largest[0] / 1e3:.1f} kB compressed)")
        engine.dispose()


if __name__ == "__main__":
    main()
