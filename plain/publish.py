"""`scorecard publish OUT/ [--as-at N]`: the published account of a release, written as a static site of plain
HTML pages (no script) from the same page models as the app. The site is written beside OUT and moved into place
whole, so a reader (or a web server) never sees half a site, and a failed publish leaves the old one as it was."""

from __future__ import annotations

import copy
import gzip
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analysis.commentary import as_html
from analysis.formatting import with_unit
from analysis.vocabulary import RATING_COLOURS
from data.read_api import ReadAPI
from plain import json_api, open_data, spreadsheet, svg_charts
from plain.plain_pages import Page, data_page, every_page

SITE_NAME = "North West adult social care scorecard"
STYLESHEET = Path(__file__).with_name("plain.css")


@dataclass(frozen=True)
class Published:
    """What a publish wrote: where, which release, how many pages and bytes, and the largest page compressed."""

    out: Path
    release: int
    pages: int
    files: int
    bytes: int
    largest_page: str
    largest_gzip: int


def environment() -> Environment:
    env = Environment(loader=PackageLoader("plain", "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(svg=svg_charts, colours=RATING_COLOURS, with_unit=with_unit, site_name=SITE_NAME,
                       commentary=lambda text: Markup(as_html(text)), trend_rows=trend_rows,
                       with_values=lambda history: [(p, v) for p, v in history if v is not None])
    return env


def trend_rows(chart, measure) -> list[tuple[str, list[str]]]:
    """The trend's table: each year (financial years only), and each line's value in it, or a dash."""
    found = {(s.key, p): v for s in chart.series for p, v, _, _ in s.points if len(p) == 7}
    periods = sorted({p for _, p in found})
    return [(p, [with_unit(v, measure.unit, measure.decimals) if (v := found.get((s.key, p))) is not None else "—"
                 for s in chart.series]) for p in periods]


def relative(from_page: str, to: str) -> str:
    """A link from one page of the site to another (or to a #part of one), relative, so the site works anywhere."""
    path, _, part = to.partition("#")
    here = posixpath.dirname(from_page) or "."
    link = posixpath.relpath(path, here) if path else ""
    return link + (f"#{part}" if part else "")


def render(env: Environment, page: Page, release: dict) -> str:
    depth = page.path.count("/")
    return env.get_template(page.template).render(
        page=page, m=page.model, root="../" * depth, release=release,
        url=lambda to: relative(page.path, to), **page.extra)


def release_facts(api: ReadAPI) -> dict:
    """The release the site is of, in words, for every page's foot."""
    at = api.as_at() or {"release": 0, "date": "", "withdrawn_since": []}
    sources = {r["id"]: r for r in api.releases()}
    newest = sources.get(at["release"], {})
    return {"number": at["release"], "date": at["date"], "source": newest.get("source", ""),
            "illustrative": api.shows_illustrative(), "withdrawn_since": at["withdrawn_since"]}


class Kept(dict):
    """One publish's cache and memo: every answer kept until the site is written, so the pages read one version of
    the warehouse and a pinned release is rated once, not once a page."""

    def set(self, key: str, value: object, timeout: int | None = None) -> None:
        self[key] = value

    def memo(self, name: str, compute):
        if name not in self:
            self[name] = compute()
        return self[name]


def for_publishing(api: ReadAPI) -> ReadAPI:
    """The same view (pinned or not) with a cache of its own for the length of one publish."""
    view = copy.copy(api)
    kept = Kept()
    view.cache, view.memo = kept, kept.memo
    return view


def publish(api: ReadAPI, out: Path, base_url: str | None = None) -> Published:
    """Write the site of the release `api` reads (pinned, or the newest) to `out`, replacing what was there.
    `base_url`: where the site will be served (its embed codes name it); by default the app's /account/<release>/."""
    out = Path(out)
    api = for_publishing(api)
    env = environment()
    env.globals["nav_domains"] = api.catalogue.domains
    release = release_facts(api)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        found = open_data.write(api, work / "data", release["number"])
        books = spreadsheet.write(found, work / "data", release["number"], release["source"])
        json_api.write(api, found, work / "api" / json_api.VERSION, release["number"])
        base = base_url or f"/account/{release['number']}/"
        pages = [*every_page(api, base if base.endswith('/') else base + '/'), data_page(found, books, work)]
        largest = ("", 0)
        for page in pages:
            text = render(env, page, release)
            target = work / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            packed = len(gzip.compress(text.encode("utf-8"), 6))
            largest = max(largest, (page.path, packed), key=lambda p: p[1])
        shutil.copyfile(STYLESHEET, work / "plain.css")
        (work / "pin.txt").write_text((api.pin_text or api.pin_here()) + "\n", encoding="utf-8")
        files = [p for p in work.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        _swap(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Published(out, release["number"], len(pages), len(files), size, *largest)


def _swap(work: Path, out: Path) -> None:
    """Move the new site into place: the old one aside first, then the new one in, then the old one away."""
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    work.rename(out)
    out.chmod(0o755)
    shutil.rmtree(old, ignore_errors=True)
