"""The router turns any URL into a page: real content for known ones, a friendly not-found for the rest."""

import json
from html.parser import HTMLParser

import pytest
from dash.development.base_component import Component

from callbacks.router import render
from callbacks.state import profile_state
from data import demo
from data.catalogue import catalogue
from page_models import council_model


class _Html(HTMLParser):
    """The text and link addresses in a layouts.raw_html.RawHtml's HTML, as a browser shows them."""

    def __init__(self, markup: str):
        super().__init__()
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k == "href" and v]

    def handle_data(self, data):
        self.text.append(data)


def text_of(node) -> str:
    """All the text a reader would see in a component tree (RawHtml's HTML included)."""
    if node is None:
        return ""
    if isinstance(node, (str, int, float)):
        return str(node)
    if isinstance(node, (list, tuple)):
        return " ".join(text_of(n) for n in node)
    if isinstance(node, Component) and isinstance(getattr(node, "html", None), str):
        return " ".join(_Html(node.html).text)
    if isinstance(node, Component):
        return text_of(getattr(node, "children", None))
    return ""


def hrefs(node) -> list[str]:
    found = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (list, tuple)):
            stack.extend(n)
        elif isinstance(n, Component) and isinstance(getattr(n, "html", None), str):
            found += _Html(n.html).hrefs
        elif isinstance(n, Component):
            if getattr(n, "href", None):
                found.append(n.href)
            stack.append(getattr(n, "children", None))
    return found


def test_overview_skeleton_has_the_banner_and_controls_set_from_the_url(api):
    title, page, active = render(api, "/", "?period=2019-20&benchmark=england&domain=culture-challenge")
    assert title == "Regional overview" and active is None
    assert "Illustrative data — not official statistics" in text_of(page)
    assert "23 councils" in text_of(page)  # 2019-20: Cumbria, before its split
    values = {c.id: c.value for c in _components(page) if getattr(c, "id", None) in ("overview-period",
                                                                                        "overview-benchmark")}
    assert values == {"overview-period": "2019-20", "overview-benchmark": "england"}


@pytest.mark.parametrize("slug", [d.slug for d in catalogue().domains])
def test_each_domain_skeleton_offers_its_measures(api, slug):
    title, page, active = render(api, f"/domain/{slug}")
    assert active == slug and title == catalogue().domain(slug).name
    (measure_select,) = [c for c in _components(page) if getattr(c, "id", None) == "domain-measure"]
    assert [o["value"] for o in measure_select.options] == [m.id for m in catalogue().measures_in(slug)]


def test_unknown_query_values_fall_back_and_say_so(api):
    _, page, _ = render(api, "/domain/performance-outcomes", "?period=2023-13&benchmark=mars&measure=nope")
    values = {c.id: c.value for c in _components(page) if getattr(c, "id", None) in ("domain-period",
                                                                                        "domain-benchmark")}
    assert values == {"domain-period": "latest", "domain-benchmark": "north-west"}
    assert "was not understood and was ignored" in text_of(page) and "'2023-13'" in text_of(page)


def _components(node):
    stack, found = [node], []
    while stack:
        n = stack.pop()
        if isinstance(n, (list, tuple)):
            stack.extend(n)
        elif isinstance(n, Component):
            found.append(n)
            stack.append(getattr(n, "children", None))
    return found


@pytest.mark.parametrize("path, what", [
    ("/domain/not-a-domain", "domain"),
    ("/council/E99999999", "council code"),
    ("/council/E09000007", "council code"),  # Camden is real but not a North West council
    ("/measures/nope", "measure"),
    ("/nothing/here/at/all", "page"),
    ("/domain/<script>alert(1)<script>", "domain"),
    ("/domain/<script>alert(1)</script>", "page"),
])
def test_unknown_things_get_a_friendly_not_found_with_links_back(api, path, what):
    title, page, _ = render(api, path)
    text = text_of(page)
    assert title == "Page not found" and f"We could not find the {what}" in text
    assert "/" in hrefs(page) and "/measures" in hrefs(page)
    assert "/council/E08000009" in hrefs(page)  # the council list to choose from


def test_council_profile_shows_every_domain_and_its_neighbours(api):
    title, page, _ = render(api, "/council/E08000009")
    text = text_of(page)
    assert title == "Trafford"
    for d in catalogue().domains:
        assert d.name in text
    assert "Illustrative nearest neighbours" in text and "2024-25" in text


def test_council_profile_opens_one_domain_and_accepts_lower_case_codes(api):
    _, page, active = render(api, "/council/e08000009", "?domain=resource-workforce")
    text = text_of(page)
    assert active is None  # a profile is no domain's page: the header marks none as current
    assert "Trafford: Resource & Workforce" in text and "Trafford: Culture & Challenge" not in text


def test_cumbria_shows_its_last_year_and_points_to_its_successors(api):
    _, page, _ = render(api, "/council/E10000006")
    text = text_of(page)
    # Each measure in its latest year: for Cumbria, which ended in March 2023, that is 2022-23 or before.
    assert "County council. Each measure's latest year." in text and "2022-23" in text
    page_model = council_model.build(api, "E10000006", profile_state(api, "E10000006", ""))
    assert max(p.row.record.period for s in page_model.sections for p in s.rows) == "2022-23"
    assert "/council/E06000063" in hrefs(page) and "/council/E06000064" in hrefs(page)
    _, page, _ = render(api, "/council/E06000063", "?period=2024-25")
    assert "/council/E10000006" in hrefs(page) and "Unitary authority. 2024-25." in text_of(page)


def test_measures_page_lists_the_catalogue_by_domain_with_definition_and_source(api):
    _, page, _ = render(api, "/measures")
    text = text_of(page)
    for m in catalogue().measures:
        assert f"/measures/{m.id}" in hrefs(page) and m.definition in text
    assert "Lower is better" in text and "No judgement" in text


def test_every_measure_has_a_definition_page(api):
    for m in catalogue().measures:
        title, page, _ = render(api, f"/measures/{m.id}")
        assert title == m.short_name and m.definition in text_of(page) and m.source_url in hrefs(page)


def test_pages_serialise_to_json_for_the_browser(api):
    for path in ("/", "/domain/culture-challenge", "/council/E06000064", "/measures", "/about"):
        _, page, _ = render(api, path)
        json.dumps(page, cls=__import__("plotly").utils.PlotlyJSONEncoder)


def test_a_note_with_a_script_tag_is_shown_as_text(tmp_path):
    """Notes from imported files reach the page as text children: Dash never renders a string as HTML."""
    from data.db import make_engine, session_factory
    from data.read_api import ReadAPI
    from data.releases import ReleaseMeta, add_release
    from data.warehouse import init_warehouse

    engine = make_engine(f"sqlite:///{tmp_path / 'n.db'}")
    init_warehouse(engine, initial="none")
    note = "<script>alert('x')</script> provisional"
    with session_factory(engine).begin() as session:
        add_release(session, ReleaseMeta("s", "p", "l", "f.csv", "1" * 64),
                    [{"measure_id": "rw_vacancy", "area_code": "E08000009", "period": "2023-24", "value": 9.1,
                      "note": note}])
    _, page, _ = render(ReadAPI(engine), "/council/E08000009")
    assert note in text_of(page)
    assert "dangerously_allow_html" not in json.dumps(page, cls=__import__("plotly").utils.PlotlyJSONEncoder)


def test_about_lists_releases_methods_and_accessibility(api):
    _, page, _ = render(api, "/about")
    text = text_of(page)
    n = len(demo.generate("north_west"))  # the session's demo warehouse holds the region's scope
    assert "Illustrative demo data (invented values)" in text and f"{n:,} of {n:,}" in text
    for heading in ("Data, releases and revisions", "How the comparisons work", "Accessibility statement",
                    "Feedback and contact", "Enforcement procedure"):
        assert heading in text
    assert "Wilson score" in text and "WCAG) version 2.2 AA" in text


def test_the_header_carries_period_benchmark_and_council_to_every_domain(api):
    from callbacks.router import nav

    links = nav(api, "/council/E08000009", "?period=2023-24&benchmark=north-west&domain=resource-workforce")
    hrefs = [li.children.href for li in links.children]
    assert hrefs[0] == "/domain/leadership-governance?period=2023-24&benchmark=north-west&council=E08000009"
    assert not any("active" in li.children.className for li in links.children)  # a profile is no domain's page
    here = nav(api, "/domain/resource-workforce", "?council=E08000001&benchmark=chosen&period=9999-00")
    assert [li.children.href for li in here.children][0] == "/domain/leadership-governance?council=E08000001"
    assert [li.children.className for li in here.children].count("nav-link active") == 1
    assert nav(api, "/measures/rw_vacancy", "").children[4].children.className == "nav-link active"


def test_every_page_is_declared_once_with_its_builder_and_download():
    """The page table (page_models.routes.PAGES) is where a page is declared: the router builds each of its pages,
    the downloads serve each download it declares, and every declared path routes back to its page."""
    from callbacks.downloads import DOWNLOADS
    from callbacks.router import BUILDERS, KEY_EXISTS
    from page_models.routes import PAGES, route

    assert set(BUILDERS) == {p.name for p in PAGES}
    assert set(DOWNLOADS) == {p.name for p in PAGES if p.download}
    assert {p.key for p in PAGES if p.key} <= set(KEY_EXISTS)
    for page in PAGES:
        assert route(page.href("E08000009" if page.key == "council code" else "x")).page == page.name


def test_a_page_s_download_is_served_at_the_path_it_declares(demo_db_url):
    from app import create_app
    from data.settings import Settings
    from page_models.routes import PAGES

    client = create_app(Settings(database_url=demo_db_url)).server.test_client()
    for page in (p for p in PAGES if p.download):
        response = client.get(page.download_href("E08000009" if page.key == "council code" else
                                                 "performance-outcomes"))
        assert response.status_code == 200 and response.mimetype == "text/csv", page.name


@pytest.mark.parametrize("path", ["//council/E08000009", "///council/E08000009"])
def test_pin_links_stay_on_this_site_whatever_the_path(api, path):
    """Issue 26: a path starting // made "Pin this view" point at another host (http://council/E08000009?as_at=16)."""
    from callbacks.router import pin_line

    bar, _ = pin_line(api, path, "?period=2022-23")
    links = hrefs(bar)
    assert links and all(h.startswith("/council/E08000009?") for h in links), links


@pytest.mark.parametrize("search, said", [
    ("?from=abc&to=99999&council=E09000001&benchmark=mars",
     ["the 'to' release", "the 'from' release", "not one of the North West's", "benchmark 'mars'"]),
    ("?from=1&to=2&benchmark=england", []),
    ("?from=1&to=2~20991231000000", ["the 'to' release"]),  # a moment no pin was made at
    ("?from=%00&council=%00%00", ["the 'from' release", "not one of the North West's"]),
])
def test_what_changed_takes_any_address_and_says_what_it_ignored(api, search, said):
    """The changes page's points, council and benchmark are checked like any URL: what cannot be used is said and
    left out, never a traceback; the page always names its two points and its comparator."""
    title, page, _ = render(api, "/changes", search)
    text = text_of(page)
    assert title == "What changed" and "What changed" in text
    assert all(s in text for s in said), (said, text[:400])
    assert ("was not understood and was ignored" in text) == bool(said)
    json.dumps(page, cls=__import__("plotly").utils.PlotlyJSONEncoder)  # it reaches the browser
