"""`scorecard publish`: the published account as a static site, on the published bundle. Every link inside it
resolves, no page has a script, every page has its own <title>, the pages are small, the values are the
warehouse's, and a pinned publish reproduces an older release after a newer import."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from data.read_api import ReadAPI
from plain.command import main as scorecard
from plain.publish import publish, relative
from tests.data.test_pin import COUNCIL, _a_value, _revise, _value_of

MAX_PAGE_GZIP = 150_000


class Page(HTMLParser):
    """What the tests read of a page: its links, ids, <title>, scripts, lang and description."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts = 0
        self.title = ""
        self.lang = None
        self.description = None
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("a", "link") and a.get("href"):
            self.links.append(a["href"])
        if tag in ("img", "iframe") and a.get("src"):
            self.links.append(a["src"])
        if tag == "script" or any(k.startswith("on") for k in a):
            self.scripts += 1
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.fixture
def site(published_site) -> Path:
    return published_site


def pages_of(site: Path) -> dict[str, Page]:
    return {str(p.relative_to(site)): Page(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def test_every_link_inside_the_site_resolves_to_a_file_and_a_place_in_it(site):
    pages = pages_of(site)
    broken, reached = [], set()
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # a publisher's page outside the site
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            target = target.resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append((name, link))
            else:
                reached.add(str(target.relative_to(site.resolve())))
            if target.is_file() and parts.fragment:
                inside = pages.get(str(target.relative_to(site.resolve())))
                if inside is None or parts.fragment not in inside.ids:
                    broken.append((name, link))
    assert broken == []
    assert set(pages) <= reached  # and every page can be reached by following links: none is an orphan


def test_every_page_is_plain_titled_described_and_in_british_english(site, published):
    pages = pages_of(site)
    councils = {c["code"] for c in published.region_councils()}
    expected = {"index.html", "measures.html", "about.html", "changes.html", "data.html",
                *(f"domain/{d.slug}.html" for d in published.catalogue.domains),
                *(f"measure/{m.id}.html" for m in published.catalogue.measures),
                *(f"council/{code}.html" for code in councils)}
    embeds = {name for name in pages if name.startswith("embed/")}
    assert set(pages) - embeds == expected
    measures = {m.id for m in published.catalogue.measures}
    assert embeds and all(e.split("/")[1] in measures and e.split("/")[2][:-5] in councils for e in embeds)
    assert [n for n, p in pages.items() if p.scripts] == []
    assert not list(site.rglob("*.js"))
    titles = [p.title for p in pages.values()]
    assert len(set(titles)) == len(titles) and all(t.strip() for t in titles)
    assert {p.lang for p in pages.values()} == {"en-GB"}
    assert all(p.description and len(p.description) > 40 for p in pages.values())
    assert all("#main" in p.links and "main" in p.ids for n, p in pages.items()  # the skip link and its target
               if not n.startswith("embed/"))  # (an embed has nothing before its content to skip)
    assert pages["council/E08000009.html"].title.startswith("Trafford – ")


def test_the_largest_page_is_under_150_kb_compressed(site):
    sizes = {p.name: len(gzip.compress(p.read_bytes(), 6)) for p in site.rglob("*.html")}
    assert max(sizes.values()) < MAX_PAGE_GZIP, max(sizes.items(), key=lambda kv: kv[1])


def test_a_measure_page_shows_every_council_s_value_and_rating_as_the_warehouse_has_them(site, published):
    row = _a_value(published)
    text = (site / "measure" / f"{row.measure_id}.html").read_text(encoding="utf-8")
    m = published.catalogue.known_measure(row.measure_id)
    table = text[text.index('<h2 id="table">'):]
    trafford = re.search(r'<a href="\.\./council/E08000009\.html">Trafford</a></th>(.*?)</tr>', table, re.S)
    assert trafford, "Trafford's row is in the table, linked to its page"
    from analysis.formatting import with_unit
    assert with_unit(row.value, m.unit, m.decimals) in trafford[1]
    assert f"</span> {row.rating}</span>" in trafford[1]  # the word beside the icon, never colour alone
    rated = [r for r in published.ratings(comparator="region", measure=row.measure_id, period=row.period)
             if r.area_code in {c["code"] for c in published.region_councils()}]
    assert text.count('class="rk-track"') == len(rated)  # a mark's row for every council


def test_a_council_page_names_the_council_and_links_each_measure(site, published):
    text = (site / "council" / f"{COUNCIL}.html").read_text(encoding="utf-8")
    assert "<h1>Trafford</h1>" in text
    for d in published.catalogue.domains:
        assert f'<h2 id="{d.slug}">' in text


def test_relative_links_work_from_any_depth():
    assert relative("index.html", "measure/a.html") == "measure/a.html"
    assert relative("measure/a.html", "council/E1.html#x") == "../council/E1.html#x"
    assert relative("measure/a.html", "measure/a.html") == "a.html"


def test_a_pinned_publish_reproduces_an_older_release_after_a_newer_import(published_copy, tmp_path):
    api = ReadAPI(published_copy)
    release = api.newest_release_id()
    row = _a_value(api)
    publish(api, tmp_path / "before")
    _revise(published_copy, row, row.value + 7.5)
    now = ReadAPI(published_copy)
    assert _value_of(now, row).value == row.value + 7.5  # the newer import did change the value
    publish(now.pinned(str(release)), tmp_path / "pinned")
    for page in (f"measure/{row.measure_id}.html", f"council/{COUNCIL}.html", "data/ratings-north-west.csv",
                 f"api/v1/measures/{row.measure_id}.json"):
        assert (tmp_path / "pinned" / page).read_bytes() == (tmp_path / "before" / page).read_bytes(), page


def test_the_command_publishes_and_refuses_what_is_not_a_release(published_copy, tmp_path, capsys):
    url = str(published_copy.url)
    assert scorecard(["--database-url", url, "publish", str(tmp_path / "out"), "--as-at", "99"]) == 2
    assert "--as-at '99' is not a release" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing written
    assert scorecard(["--database-url", url, "publish", str(tmp_path / "out"), "--as-at", "3"]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Published release 3 to ") and "pages" in said
    assert "release 3" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_failed_publish_leaves_the_site_that_was_there(published, tmp_path, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the old site")
    import plain.publish as module

    def broken(*_a, **_k):
        raise RuntimeError("a template failed half way")
    monkeypatch.setattr(module, "render", lambda env, page, release: broken() if "council/" in page.path
                        else "<html></html>")
    with pytest.raises(RuntimeError):
        publish(published, out)
    assert (out / "index.html").read_text() == "the old site"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no half-written site left beside it


def test_a_council_s_embed_codes_name_the_pages_they_show(site):
    text = (site / "council" / f"{COUNCIL}.html").read_text(encoding="utf-8")
    codes = re.findall(r"<textarea[^>]*>(.*?)</textarea>", text, re.S)
    assert len(codes) > 10
    release = int(re.search(r"release (\d+)", text)[1])
    for code in codes:
        src = re.search(r'src=&#34;(.*?)&#34;', code)[1]
        assert src.startswith(f"/account/{release}/embed/") and src.endswith(f"/{COUNCIL}.html")
        assert (site / src.removeprefix(f"/account/{release}/")).is_file()
        assert re.search(r'title=&#34;.+? over time: Trafford&#34;', code)  # named for a screen reader
    embed = (site / "embed" / "ascof_2a2" / f"{COUNCIL}.html").read_text(encoding="utf-8")
    assert "<table" in embed and "<svg" in embed and 'target="_top"' in embed and "<nav" not in embed
    assert len(gzip.compress(embed.encode(), 6)) < 10_000  # small enough to sit in a page
