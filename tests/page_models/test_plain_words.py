"""Plain English on public pages: method names and test statistics stay in "Why?" and on /about, where a glossary
explains every word the ratings use; a comparison that cannot be made offers one that can."""

from __future__ import annotations

from analysis.vocabulary import GLOSSARY, RATING_WORDS
from callbacks.state import profile_state
from layouts import about_layout, council_layout
from page_models import about_model, council_model
from tests.callbacks.test_router import text_of


def test_the_glossary_explains_every_rating_word(api):
    text = text_of(about_layout.about_page(about_model.build(api)))
    assert "Glossary" in text
    terms = " ".join(term.lower() for term, _ in GLOSSARY)
    for word in ("better", "similar", "worse", "quartile", "no judgement", "not rated", "confidence interval",
                 "percentage point", "recent trend", "nearest neighbours", "suppressed"):
        assert word in terms or word in " ".join(t for _, t in GLOSSARY).lower(), word
    assert all(w.split()[0].lower() in terms for w in RATING_WORDS)


def test_a_profile_shows_no_test_statistics_outside_why(api):
    page = council_model.build(api, "E08000009", profile_state(api, "E08000009", "?benchmark=north-west"))
    rows = [p.row for s in page.sections for p in s.rows]
    assert any("χ²" in r.record.trend_reason for r in rows)  # the full reason is kept, for "Why?" and the CSV
    assert not any("χ²" in r.trend_plain or "Cochran" in r.trend_plain for r in rows)
    tree = council_layout.council_page(page)
    visible = text_of(tree)
    why = " ".join(text_of(d) for d in _all(tree) if getattr(d, "className", "") == "why")
    assert visible.count("χ²") == why.count("χ²")


def test_a_comparison_that_cannot_be_made_offers_one_that_can(api, published):
    """Only the region's councils loaded (the demo at the region's scope): ranking against England cannot be done,
    and the profile offers the North West. With every English council (the published data, the national demo) there
    is nothing to offer."""
    region_only = api
    england = council_model.build(region_only, "E08000009", profile_state(region_only, "E08000009",
                                                                          "?benchmark=england"))
    assert england.offer is not None and "benchmark=north-west" in england.offer.href
    assert "cannot be ranked against England here" in england.offer.text
    assert council_model.build(region_only, "E08000009", profile_state(
        region_only, "E08000009", "?benchmark=north-west")).offer is None
    assert council_model.build(published, "E08000009", profile_state(published, "E08000009", "")).offer is None


def test_the_demo_is_credited_in_plain_words(api):
    annual, quarterly = sorted(api.releases(), key=lambda r: r["id"])
    assert annual["source"] == "Illustrative demo data (invented values)" and "seed" not in annual["source"]
    assert quarterly["source"] == "Illustrative quarterly returns (invented values)"


def _all(node):
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, str):
            yield from _all(child)
