"""The meeting pack's contents: the presenter's agenda order, the key charts, and its link checked like any URL."""

from __future__ import annotations

import pytest

from callbacks.state import pack_state, view
from layouts.shell import presenter_parts
from page_models import pack_model
from page_models.agenda import agenda


def _deck(api) -> list[str]:
    """The hrefs presenter view steps through, as the page ships them."""
    import json

    deck = presenter_parts(api.catalogue.domains, api.catalogue.measures, [])[0]
    return [s["href"] for s in json.loads(getattr(deck, "data-deck"))]


def test_the_pack_follows_the_presenter_s_agenda(published):
    state, ignored = pack_state(published, "?domains=resource-workforce,performance-outcomes&councils=E08000009,"
                                           "e06000008")
    pack = pack_model.build(published, state, ignored)
    kinds = [s.slide.kind for s in pack.sections]
    assert kinds[:2] == ["changes", "matrix"] and kinds[-2:] == ["council", "council"] and ignored == []
    # Domains in TEASC order whatever order the link names them in; councils in the order chosen.
    assert [d.slug for d in pack.domains] == ["performance-outcomes", "resource-workforce"]
    assert [s.slide.council for s in pack.sections[-2:]] == ["E08000009", "E06000008"]
    deck = _deck(published)
    shown = [s.slide.href for s in pack.sections if s.slide.kind != "council"]
    positions = [deck.index(h) for h in shown]
    assert positions == sorted(positions), "the pack and presenter view must follow one order"
    assert [s.number for s in pack.sections] == list(range(1, len(pack.sections) + 1))


def test_each_domain_has_its_heatmap_and_at_most_two_rated_key_charts(published):
    pack = pack_model.build(published, pack_state(published, "")[0], [])
    for d in published.catalogue.domains:
        charts = [s.chart for s in pack.sections if s.slide.kind == "measure" and s.slide.domain == d.slug]
        assert [s.slide.kind for s in pack.sections if s.slide.domain == d.slug][0] == "heatmap"
        assert len(charts) <= pack_model.KEY_CHARTS
        assert all(c.chart is not None and not c.measure.is_categorical for c in charts)
        assert all(any(r.record.colour != "grey" for r in c.rows) for c in charts)


@pytest.mark.parametrize("search, said", [
    ("?domains=nonsense", "domains that are not among the six"),
    ("?councils=E09000001", "councils that are not North West councils"),
    ("?councils=" + ",".join(["E08000009", "E06000008", "E08000001", "E08000002", "E08000003", "E08000004",
                              "E08000005"]), "councils after the first 6"),
    ("?date=2026-02-30", "date '2026-02-30'"),
    ("?date=２０２６-１２-１０", "write it as 2026-12-10"),
    ("?date=1999-01-01", "date '1999-01-01'"),
    ("?date=2026-12-10T09:00", "date '2026-12-10T0"),
    ("?as_at=99999", "not a release of this warehouse"),
])
def test_what_the_link_gets_wrong_is_said_and_left_out(published, search, said):
    state, ignored = pack_state(view(published, search), search)
    assert any(said in i for i in ignored), ignored
    assert len(state.councils) <= pack_model.MAX_COUNCILS and state.meeting is None
    assert state.domains == tuple(d.slug for d in published.catalogue.domains)


def test_the_cover_says_the_meeting_date_and_the_pin(published):
    pin = str(published.newest_release_id())
    search = f"?date=2026-12-10&as_at={pin}"
    api = view(published, search)
    pack = pack_model.build(api, *pack_state(api, search))
    assert pack.meeting == "Thursday 10 December 2026"
    assert pack.as_at["pinned"] and pack.as_at["release"] == int(pin)


def test_one_agenda_builds_both(published):
    cat = published.catalogue
    slides = agenda(cat.domains, cat.measures, [("E08000009", "Trafford")])
    assert [s.kind for s in slides[:2]] == ["changes", "matrix"] and slides[-1].title == "Trafford: briefing"
    assert [s.href for s in slides[:-1]] == _deck(published)


def test_a_profile_opens_a_meeting_pack_with_its_briefing_in_one_click(published):
    """Building a pack for one council took eight clicks on the overview; the profile now links to one: every
    domain, this council's briefing, the benchmark the profile was compared with."""
    from callbacks.state import profile_state
    from page_models import council_model

    page = council_model.build(published, "E08000009", profile_state(published, "E08000009", "?benchmark=england"))
    path, _, query = page.pack.partition("?")
    assert path == "/pack"
    state, ignored = pack_state(published, "?" + query)
    assert ignored == [] and state.councils == ("E08000009",) and state.benchmark == "england"
    assert state.domains == tuple(d.slug for d in published.catalogue.domains)
