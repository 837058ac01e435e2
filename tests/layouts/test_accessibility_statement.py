"""/about's accessibility statement has what the UK regulations ask of one (issue 29): how accessible the site is
and what is not, a contact for problems and other formats, the enforcement procedure, and when it was prepared and
last reviewed; the contact is the deployment's own (SCORECARD_CONTACT)."""

from __future__ import annotations

import json

from app import create_app
from data.settings import Settings
from tests.test_app import _route_request


def _about(published_engine, contact: str | None) -> str:
    app = create_app(Settings(database_url=str(published_engine.url), contact=contact))
    answer = app.server.test_client().post("/_dash-update-component", json=_route_request("/about"))
    app.read_api.engine.dispose()
    assert answer.status_code == 200
    return json.dumps(answer.get_json())


def test_the_statement_says_how_accessible_who_to_contact_how_to_complain_and_when_it_was_checked(published_engine):
    page = _about(published_engine, "access@nw-adass.example")
    for words in ("Accessibility statement", "fully compliant", "not yet been checked by an independent auditor",
                  "Non-accessible content", "Other limits we know of", "Feedback and contact",
                  "mailto:access@nw-adass.example", "another format", "Enforcement procedure",
                  "Equality and Human Rights Commission", "Equality Advisory and Support Service (EASS)",
                  "How we tested this website", "This statement was prepared on", "It was last reviewed on"):
        assert words in page, words


def test_a_web_address_is_a_link_and_without_a_contact_the_statement_still_names_one(published_engine):
    assert '"href": "https://example.org/accessibility"' in _about(published_engine, "https://example.org/accessibility")
    assert "the North West ADASS branch office" in _about(published_engine, None)


def test_the_contact_is_read_from_the_environment():
    assert Settings.from_env({"SCORECARD_CONTACT": "  access@nw-adass.example "}).contact == "access@nw-adass.example"
    assert Settings.from_env({}).contact is None


def test_each_rating_word_on_a_page_is_said_in_plain_words_once_with_the_glossary():
    """"Middle quartiles", "Not rated": each word the page shows, in a short phrase where it is first used."""
    from analysis.vocabulary import RATING_WORDS
    from layouts.components import rating_words
    from tests.callbacks.test_router import text_of

    said = text_of(rating_words(["Middle quartiles", "Not rated", "Middle quartiles", "Worst quartile"]))
    assert said.startswith("What the ratings mean.") and said.count("Middle quartiles") == 1
    assert "in the middle half of councils" in said and "no rating could be made" in said
    assert "Better" not in said and "glossary" in said  # only the words the page uses
    assert rating_words([]) is None
    assert all(text_of(rating_words([w])).count(":") >= 1 for w in RATING_WORDS)  # every word has its phrase
