"""The router turns any URL into a page: real content for known ones, a friendly not-found for the rest."""

import json

import pytest
from dash.development.base_component import Component

from callbacks.router import render
from data.catalogue import catalogue


def text_of(node) -> str:
    """All the text a reader would see in a component tree."""
    if node is None:
        return ""
    if isinstance(node, (str, int, float)):
        return str(node)
    if isinstance(node, (list, tuple)):
        return " ".join(text_of(n) for n in node)
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
        elif isinstance(n, Component):
            if getattr(n, "href", None):
                found.append(n.href)
            stack.append(getattr(n, "children", None))
    return found


def test_overview_shows_six_domains_with_counts_and_the_illustrative_banner(wh):
    title, page, active = render(wh, "/")
    text = text_of(page)
    assert title == "Regional overview" and active is None
    assert "Illustrative data — not official statistics" in text
    for d in catalogue().domains:
        assert d.name in text and f"/domain/{d.slug}" in hrefs(page)
    assert "24 councils" in text and "2024-25" in text


@pytest.mark.parametrize("slug", [d.slug for d in catalogue().domains])
def test_each_domain_page_lists_its_measures_with_region_and_england(wh, slug):
    title, page, active = render(wh, f"/domain/{slug}")
    assert active == slug and title == catalogue().domain(slug).name
    links = hrefs(page)
    for m in catalogue().measures_in(slug):
        assert f"/measures/{m.id}" in links
    assert "North West" in text_of(page) and "England" in text_of(page)


def test_domain_page_shows_real_warehouse_values(wh):
    _, page, _ = render(wh, "/domain/national-priorities-partnerships", "?period=2019-20")
    row = next(r for r in wh.domain_summary("national-priorities-partnerships", "2019-20")
               if r["measure"].id == "ascof_2a2")
    assert f"{row['england']['value']:,.1f} per 100,000" in text_of(page)
    assert "the North West against England, 2019-20" in text_of(page)


def test_an_unknown_period_falls_back_to_the_latest(wh):
    _, page, _ = render(wh, "/domain/performance-outcomes", "?period=2023-13")
    assert "the North West against England, 2024-25" in text_of(page)


@pytest.mark.parametrize("path, what", [
    ("/domain/not-a-domain", "domain"),
    ("/council/E99999999", "council code"),
    ("/council/E09000007", "council code"),  # Camden is real but not a North West council
    ("/measures/nope", "measure"),
    ("/nothing/here/at/all", "page"),
    ("/domain/<script>alert(1)<script>", "domain"),
    ("/domain/<script>alert(1)</script>", "page"),
])
def test_unknown_things_get_a_friendly_not_found_with_links_back(wh, path, what):
    title, page, _ = render(wh, path)
    text = text_of(page)
    assert title == "Page not found" and f"We could not find the {what}" in text
    assert "/" in hrefs(page) and "/measures" in hrefs(page)
    assert "/council/E08000009" in hrefs(page)  # the council list to choose from


def test_council_profile_shows_every_domain_and_its_neighbours(wh):
    title, page, _ = render(wh, "/council/E08000009")
    text = text_of(page)
    assert title == "Trafford"
    for d in catalogue().domains:
        assert d.name in text
    assert "Illustrative nearest neighbours" in text and "2024-25" in text


def test_council_profile_opens_one_domain_and_accepts_lower_case_codes(wh):
    _, page, active = render(wh, "/council/e08000009", "?domain=resource-workforce")
    text = text_of(page)
    assert active == "resource-workforce"
    assert "Trafford: Resource & Workforce" in text and "Trafford: Culture & Challenge" not in text


def test_cumbria_shows_its_last_year_and_points_to_its_successors(wh):
    _, page, _ = render(wh, "/council/E10000006")
    text = text_of(page)
    assert "Period shown: 2022-23" in text
    assert "/council/E06000063" in hrefs(page) and "/council/E06000064" in hrefs(page)
    _, page, _ = render(wh, "/council/E06000063")
    assert "/council/E10000006" in hrefs(page) and "Period shown: 2024-25" in text_of(page)


def test_measures_page_lists_the_catalogue_by_domain_with_definition_and_source(wh):
    _, page, _ = render(wh, "/measures")
    text = text_of(page)
    for m in catalogue().measures:
        assert f"/measures/{m.id}" in hrefs(page) and m.definition in text
    assert "Lower is better" in text and "No judgement" in text


def test_every_measure_has_a_definition_page(wh):
    for m in catalogue().measures:
        title, page, _ = render(wh, f"/measures/{m.id}")
        assert title == m.short_name and m.definition in text_of(page) and m.source_url in hrefs(page)


def test_pages_serialise_to_json_for_the_browser(wh):
    for path in ("/", "/domain/culture-challenge", "/council/E06000064", "/measures", "/about"):
        _, page, _ = render(wh, path)
        json.dumps(page, cls=__import__("plotly").utils.PlotlyJSONEncoder)


def test_a_note_with_a_script_tag_is_shown_as_text(tmp_path):
    """Notes from imported files reach the page as text children: Dash never renders a string as HTML."""
    from data.db import make_engine, session_factory
    from data.queries import Warehouse
    from data.releases import ReleaseMeta, add_release
    from data.warehouse import init_warehouse

    engine = make_engine(f"sqlite:///{tmp_path / 'n.db'}")
    init_warehouse(engine, load_demo=False)
    note = "<script>alert('x')</script> provisional"
    with session_factory(engine).begin() as session:
        add_release(session, ReleaseMeta("s", "p", "l", "f.csv", "1" * 64),
                    [{"measure_id": "rw_vacancy", "area_code": "E08000009", "period": "2023-24", "value": 9.1,
                      "note": note}])
    _, page, _ = render(Warehouse(engine), "/council/E08000009")
    assert note in text_of(page)
    assert "dangerously_allow_html" not in json.dumps(page, cls=__import__("plotly").utils.PlotlyJSONEncoder)
