"""A view pinned to a release (`?as_at=`): a meeting's screen and downloads keep the data that was sent out with its
papers, whatever is imported later, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from app import create_app
from data.db import session_factory
from data.read_api import ReadAPI
from data.releases import ReleaseMeta, add_release, withdraw
from data.settings import Settings
from data.warehouse import init_warehouse
from tests.conftest import postgres_engine
from tests.data.test_withdraw import cli_url

COUNCIL = "E08000009"  # Trafford


def _a_value(api: ReadAPI) -> dict:
    """A rated, numeric current value of the council's, in a measure's latest period."""
    latest = api.latest_periods()
    rows = [r for r in api.ratings(comparator="region", area=COUNCIL) if r.value is not None
            and r.period == latest[r.measure_id] and r.colour != "grey"]
    return sorted(rows, key=lambda r: r.measure_id)[0]


def _value_of(api: ReadAPI, row: dict) -> dict:
    """The council's region rating of the same measure and period as `row`."""
    return next(r for r in api.ratings(comparator="region", area=COUNCIL, measure=row.measure_id,
                                       period=row.period))


def _revise(engine, row: dict, value: float) -> int:
    """Land a release that revises one value (as a corrected file would) and return its id."""
    meta = ReleaseMeta(source="A correction", publisher="Test", licence="OGL v3", file_name="fix.csv",
                       sha256="f" * 64, status="revised")
    obs = {"measure_id": row.measure_id, "area_code": COUNCIL, "period": row.period, "value": value}
    with session_factory(engine)() as session, session.begin():
        return add_release(session, meta, [obs], touched={(row.measure_id, row.period)}).id


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse(request, tmp_path, published_file):
    """The published warehouse, to change: a copy of the one made once (SQLite), or filled anew (PostgreSQL), as
    the pinned reads' SQL runs on both."""
    if request.param == "sqlite":
        yield request.getfixturevalue("published_copy")
        return
    with postgres_engine() as engine:
        init_warehouse(engine)
        yield engine


def test_a_pinned_view_keeps_its_values_and_ratings_after_a_newer_import(warehouse):
    api = ReadAPI(warehouse)
    pin = str(api.newest_release_id())
    before = _a_value(api)
    ranked_before = {r.area_code: r.rating for r in api.ratings(measure=before.measure_id,
                                                                      period=before.period)}
    new = _revise(warehouse, before, before.value / 2)

    now, pinned = ReadAPI(warehouse), ReadAPI(warehouse).pinned(pin)
    assert pinned is not None and pinned.pin == int(pin)
    current = _value_of(now, before)
    assert current.value == before.value / 2 and current.source_release_id == new
    kept = _value_of(pinned, before)
    assert kept.value == before.value and kept.source_release_id == before.source_release_id
    # The pinned ratings are the ones shown before the import, for every council (the revision moved the median).
    assert {r.area_code: r.rating for r in pinned.ratings(measure=before.measure_id,
                                                                period=before.period)} == ranked_before
    values = {c["measure"].id: c["council"]["value"] for c in pinned.council_values(COUNCIL, before.period)}
    assert values[before.measure_id] == before.value
    assert pinned.as_at()["pinned"] and pinned.as_at()["release"] == int(pin)
    assert not now.as_at()["pinned"] and now.as_at()["release"] == new
    assert pinned.current_release().id == int(pin)
    assert pinned.rated_counts() != {} and pinned.periods() == now.periods()


def test_a_release_landing_while_a_pinned_view_reads_never_shows_it(warehouse):
    """The race a meeting's link can lose: the view learns its pin is the newest release, a correction lands, then
    it reads the stored ratings (now the correction's). The rows say when they were computed, so the view rates
    its own data instead."""
    api = ReadAPI(warehouse)
    pin = api.newest_release_id()
    before = _a_value(api)
    _revise(warehouse, before, before.value / 2)
    pinned = ReadAPI(warehouse).pinned(str(pin))
    pinned.newest_release_id = lambda: pin  # read before the correction landed
    for rows in (pinned.ratings(measure=before.measure_id, period=before.period),
                 pinned.ratings_at("region", ((before.measure_id, before.period),))):
        (mine,) = [r for r in rows if r.area_code == COUNCIL]
        assert mine.value == before.value and all(r.release_id <= pin for r in rows)


def test_ratings_computed_for_a_pin_match_the_stored_ones_at_that_release(warehouse):
    """The pinned view rates its data with the same code as the stored ratings: pinned to the newest release, the
    two agree on every row."""
    api = ReadAPI(warehouse)
    pinned = api.pinned(str(api.newest_release_id()))
    measures = [m.id for m in api.catalogue.measures]
    for comparator in ("region", "nearest_neighbours"):
        stored = {(r.measure_id, r.area_code, r.period): (r.rating, r.reason, r.trend)
                  for r in api.ratings(comparator=comparator)}
        computed = {(r.measure_id, r.area_code, r.period): (r.rating, r.reason, r.trend)
                    for r in pinned._pinned_ratings(comparator, measures)}
        assert stored and computed == stored


def test_an_earlier_pin_shows_only_what_had_landed_then(warehouse):
    api = ReadAPI(warehouse)
    first = api.pinned("1")
    assert {r.source_release_id for r in first.ratings()} == {1}
    assert set(first.periods()) < set(api.periods()) or first.periods() == api.periods()
    assert len(first.ratings()) < len(api.ratings())


@pytest.mark.parametrize("wanted", ["0", "-1", "99", "1.0", "１", "٣", "1e3", "", " 1", "1" * 12, None, 3, ["1"],
                                    {"a": 1}])
def test_a_pin_that_is_not_a_release_is_refused(published, wanted):
    assert published.pinned(wanted) is None


def test_a_withdrawal_after_the_pin_is_said_on_the_pinned_view(warehouse):
    api = ReadAPI(warehouse)
    pin = api.newest_release_id()
    with session_factory(warehouse)() as session, session.begin():
        withdraw(session, 2, "Wrong year's file", "analyst")
    pinned = ReadAPI(warehouse).pinned(str(pin))
    said = pinned.as_at()["withdrawn_since"]
    assert [w["release"] for w in said] == [2] and said[0]["reason"] == "Wrong year's file"
    assert 2 not in {r.source_release_id for r in pinned.ratings()}


def test_pinned_pages_and_downloads_over_http(published_copy):
    warehouse = published_copy
    """The pin travels in every download link and the CSV holds the pinned value; an unknown pin is said, not
    obeyed."""
    api = ReadAPI(warehouse)
    pin = api.newest_release_id()
    before = _a_value(api)
    half = round(before.value / 2, api.catalogue.known_measure(before.measure_id).decimals)  # as a download shows it
    _revise(warehouse, before, half)
    app = create_app(Settings(database_url=cli_url(warehouse)))
    client = app.server.test_client()
    domain = api.catalogue.measure(before.measure_id).domain
    for path in (f"/download/council/{COUNCIL}.csv", "/download/overview.csv", f"/download/domain/{domain}.csv"):
        query = f"measure={before.measure_id}&council={COUNCIL}&period={before.period}&domain={domain}"
        pinned = client.get(f"{path}?{query}&as_at={pin}").get_data(as_text=True)
        current = client.get(f"{path}?{query}").get_data(as_text=True)
        assert pinned != current, path
        assert f",{half}," in current and f",{half}," not in pinned
    from callbacks.router import pin_line

    line, words = pin_line(app.read_api, "/", f"?as_at={pin}")
    assert "Pinned for a meeting" in str(line) and f"release {pin}: releases are the published files" in str(line)
    assert words.startswith("Newest data ") and "pinned to the data as it stood on" in words
    line, words = pin_line(app.read_api, "/", "?domain=x")
    assert "Pin this view for a meeting" in str(line) and f"as_at={pin + 1}" in str(line) and "domain=x" in str(line)
    assert words.startswith("Newest data ") and " · loaded on " in words and "as at" not in str(line)
    assert pin_line(app.read_api, "/about", f"?as_at={pin}") == ([], "")


def _publish(engine, words: str, risk: str) -> None:
    from data.accounts import Actor
    from data.statements import Content, RiskEntry, publish, save, submit

    editor, analyst = Actor("jo", "council_editor", COUNCIL), Actor("sam", "regional_analyst")
    with session_factory(engine).begin() as s:
        draft = save(s, editor, COUNCIL, "resource-workforce", "2025-26",
                     Content(words, "medium", "Because.", (RiskEntry(risk, "A plan.", "Director", date(2027, 3, 31)),)))
        submit(s, editor, draft.id)
        publish(s, analyst, draft.id)


def test_a_pinned_view_shows_the_statement_as_it_was_published_at_the_pin(warehouse):
    """Issue 26: commentary published after a pin showed in pinned views (32 of 280 responses), so the screen
    stopped matching the papers. The pin now names the moment of the newest publication too."""
    import time

    _publish(warehouse, "AS-SENT-WITH-THE-PAPERS", "RISK-AT-THE-MEETING")
    pin = ReadAPI(warehouse).as_at()["pin"]
    assert pin.startswith(f"{ReadAPI(warehouse).newest_release_id()}~")
    time.sleep(1.1)  # the pin's moment is to the second
    _publish(warehouse, "WRITTEN-AFTER-THE-MEETING", "A-LATER-RISK")

    def account(api):
        found = [a for a in api.accounts(council=COUNCIL) if a["domain"] == "resource-workforce"]
        return found[0]["commentary"], found[0]["risks"][0]["risk"], found[0]["self_rating"]

    assert account(ReadAPI(warehouse).pinned(pin)) == ("AS-SENT-WITH-THE-PAPERS", "RISK-AT-THE-MEETING", "medium")
    assert account(ReadAPI(warehouse))[:2] == ("WRITTEN-AFTER-THE-MEETING", "A-LATER-RISK")
    old_style = ReadAPI(warehouse).pinned(pin.split("~")[0])  # a link from before pins named a moment
    assert account(old_style)[0] == "WRITTEN-AFTER-THE-MEETING"
    assert "as published by" in str(__import__("layouts.shell", fromlist=["pin_bar"]).pin_bar(
        ReadAPI(warehouse).pinned(pin).as_at(), None, "/", {}))


@pytest.mark.parametrize("wanted", ["1~2026120608304", "1~20261306083046", "1~99991231235959", "1~２0261206083046",
                                    "1~20261206083046~1", "~20261206083046"])
def test_a_pin_s_moment_that_is_not_a_real_past_moment_is_refused(published, wanted):
    assert published.pinned(wanted) is None
