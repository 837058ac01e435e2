"""The published scorecard: the bundle in data/published/ becomes the default warehouse, one release per source,
every value credited to its own release, each measure in its own latest period, honest empty states."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from callbacks.router import render
from callbacks.state import domain_state, overview_state, profile_state
from data.cli import main
from data.imports.problems import ImportFailed
from data.imports.run import import_file
from data.published import load
from data.published.make_bundle import make
from data.published.sources import BUNDLE_DIR, rows, sources
from data.read_api import ReadAPI
from data.schema import Observation, PeerGroup, Release
from data.warehouse import init_warehouse
from layouts import domain_layout, ids, overview_layout
from page_models import council_model, domain_model, overview_model
from page_models.latest import period_for
from page_models.routes import LATEST
from tests.callbacks.test_router import text_of

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
LOADED = [s for s in sources() if s.id in load.CONVERTERS]


def test_the_bundle_is_small_and_each_source_says_who_published_it_under_what_licence():
    assert sum(s.path.stat().st_size for s in sources()) < 5_000_000
    for s in sources():
        assert s.path.exists() and s.publisher and s.licence and s.origin and s.caveats, s.id
        assert s.status in ("provisional", "final", "revised")
    licences = {s.id: s.licence for s in sources()}
    assert licences["political_control"].startswith("Creative Commons Attribution-ShareAlike 4.0")
    assert licences["ascof_2020_21"] == "Open Government Licence v3.0"


@pytest.mark.skipif(not SHARED.exists(), reason="the originals (../shared/data) are not beside this clone")
def test_the_bundle_is_remade_byte_for_byte_from_the_originals(tmp_path):
    make(SHARED, tmp_path)
    for s in sources():
        assert (tmp_path / s.file).read_bytes() == s.path.read_bytes(), s.file


def test_each_source_lands_as_its_own_release_with_its_publisher_licence_and_status(engine):
    init_warehouse(engine)
    with Session(engine) as session:
        releases = {r.source: r for r in session.scalars(select(Release))}
        counts = dict(session.execute(select(Observation.release_id, func.count())
                                      .group_by(Observation.release_id)).all())
        groups = session.scalar(select(func.count()).select_from(PeerGroup)
                                .where(PeerGroup.kind == "nearest_neighbours"))
    assert set(releases) == {s.title for s in LOADED}
    for s in LOADED:
        r = releases[s.title]
        assert (r.publisher, r.licence, r.status, r.note) == (s.publisher, s.licence, s.status, s.caveats)
        assert r.sha256 == hashlib.sha256(s.path.read_bytes()).hexdigest() and not r.illustrative
        assert counts[r.id] > 100, s.id
    assert groups >= 150  # every English council's CIPFA nearest neighbours


def test_trafford_short_term_support_2020_21_is_worse_than_england_and_credits_ascof(published_engine, capsys):
    assert main(["--database-url", str(published_engine.url), "ratings", "-", "--area", "E08000009",
                 "--period", "2020-21", "--comparator", "england"]) == 0
    (row,) = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["measure_id"] == "ascof_2d"]
    assert (float(row["value"]), row["rating"]) == (45.5, "Worse") and row["source"].startswith("ASCOF 2020-21 (")
    assert (row["lower_ci"], row["upper_ci"]) == ("41.7", "49.3")  # 41.701–49.317, to the measure's decimals
    assert row["licence"] == "Open Government Licence v3.0" and ", final release " in row["source"]


def test_the_council_page_lists_the_real_cipfa_nearest_neighbours_and_no_page_says_illustrative(published):
    cipfa = sorted(r["group_member_name"] for r in rows("cipfa_nearest_neighbours")
                   if r["area_code"] == "E08000009" and r["is_self"] != "True")
    _, page, _ = render(published, "/council/E08000009")
    text = text_of(page)
    assert "CIPFA nearest neighbours" in text and all(name in text for name in cipfa) and len(cipfa) == 15
    for path in ["/", "/council/E08000009", "/measures", "/about", "/domain/performance-outcomes"]:
        assert "Illustrative" not in text_of(render(published, path)[1]), path


def test_each_row_s_why_names_the_release_of_its_own_value(published, published_engine):
    page = council_model.build(published, "E08000009", profile_state(published, "E08000009", "?domain=performance-"
                                                                                            "outcomes"))
    (section,) = page.sections
    with Session(published_engine) as session:
        for p in section.rows:
            release = session.scalar(select(Observation.release_id).where(
                Observation.measure_id == p.measure.id, Observation.area_code == "E08000009",
                Observation.period == p.row.record.period, Observation.superseded_by_release_id.is_(None)))
            assert p.row.record.value_release_id == release and f"release {release}" in p.row.source
    named = {p.row.source.split(" (")[0] for p in section.rows}
    assert "ASCOF 2017-18 to 2023-24 outcomes" in named
    assert all(n in section.sources for n in named)  # the section's source line names every one of them


def test_a_trend_fed_by_two_sources_names_both(published):
    state = domain_state(published, "national-priorities-partnerships", "?measure=ascof_2d&council=E08000009")[0]
    page = domain_model.build(published, state)
    assert "ASCOF 2020-21 (" in page.trend.source and "ASCOF 2017-18 to 2023-24" in page.trend.source
    assert page.sources.startswith("Source: ASCOF 2017-18 to 2023-24") and "ASCOF 2020-21" not in page.sources


def test_each_measure_shows_its_own_latest_period_unless_one_is_pinned(published):
    latest = published.latest_periods()
    assert (latest["ascof_2d"], latest["lg_political_control"], latest["ascof_2c1"]) == ("2023-24", "2025-26",
                                                                                         "2019-20")
    page = domain_model.build(published, domain_state(published, "national-priorities-partnerships",
                                                      "?measure=ascof_2d")[0])
    assert page.period == "2023-24" and page.period_words == "2023-24 (latest available)"
    assert "2023-24 (latest available)" in page.caption
    pinned = domain_model.build(published, domain_state(published, "national-priorities-partnerships",
                                                        "?measure=ascof_2d&period=2020-21")[0])
    assert pinned.period == pinned.period_words == "2020-21"
    assert {r.record.period for r in pinned.rows} == {"2020-21"}
    overview = overview_model.build(published, overview_state(published, "?domain=national-priorities-partnerships")[0])
    shown = {measure_id: period for measure_id, _, period, _ in overview.measures}
    assert shown["ascof_2d"] == "2023-24" and shown["np_reablement_episodes_per_100k"] == "2021-22"
    heat = text_of(overview_layout.heatmap(overview))
    assert "2023-24" in heat and "2021-22" in heat


def test_a_domain_opens_on_its_measure_with_the_most_councils_rated(published):
    state, _ = domain_state(published, "performance-outcomes", "")
    counts = published.rated_counts()
    best = max(counts.get((m.id, period_for(published, m.id, LATEST)), (0, 0))
               for m in published.catalogue.measures_in("performance-outcomes"))
    assert counts[(state.measure, period_for(published, state.measure, LATEST))] == best and best[0] > 0
    state, _ = domain_state(published, "culture-challenge", "")  # none rated there: the one with most values
    assert state.measure == "ascof_3d1"


@pytest.fixture(scope="module")
def one_source(tmp_path_factory):
    """A published warehouse holding one small file: political control of the region's councils in one year."""
    path = tmp_path_factory.mktemp("one") / "one.db"
    from data import reference
    from data.db import make_engine

    engine = make_engine(f"sqlite:///{path}")
    init_warehouse(engine, initial="none")
    data = path.parent / "control.csv"
    councils = [a.code for a in reference.areas() if a.kind == "council" and a.region_code == reference.NORTH_WEST
                and a.exists_in("2024-25")]
    data.write_text("area_code,period,measure_id,value\n" + "".join(f"{code},2024-25,lg_political_control,Labour\n"
                                                                    for code in councils), encoding="utf-8")
    import_file(engine, data, "csv", metadata={"source": "Control", "publisher": "Open Council Data UK",
                                               "licence": "CC BY-SA 4.0"})
    yield ReadAPI(engine)
    engine.dispose()


def test_domains_and_measures_without_values_say_so_and_count_nothing(one_source):
    overview = overview_model.build(one_source, overview_state(one_source, "")[0])
    assert overview.heat_domain == "leadership-governance"  # the one domain with values opens first
    empty = [s for s in overview.summaries if s.empty]
    assert len(empty) == 5 and all("not yet collected. They would come from" in s.empty for s in empty)
    cards = text_of(overview_layout.domain_cards(overview))
    assert cards.count("Not rated") == 1  # only the domain with values shows its counts
    page = domain_model.build(one_source, domain_state(one_source, "performance-outcomes", "")[0])
    assert page.empty and page.caption == page.empty and page.chart is None
    assert "NHS England, Measures from the Adult Social Care" in page.empty
    outputs = dict(zip(domain_layout.DRAWN, domain_layout.outputs(page), strict=True))
    assert outputs[ids.D_BAR, "style"] == {"display": "none"} and outputs[ids.D_TABLE, "children"] is None
    assert "They would come from NHS" in outputs[ids.D_BAR_CAPTION, "children"]
    assert "scorecard import" not in text_of(list(outputs.values()))  # no command-line instructions for the public
    assert page.trend.empty and "Fewer than two years" in page.trend.caption
    assert outputs[ids.D_TREND_HOLDER, "children"] is None  # no trend drawn, the caption says why
    council = council_model.build(one_source, "E08000009", profile_state(one_source, "E08000009", ""))
    assert sum(1 for s in council.sections if s.empty) == 5


def test_demo_and_published_values_never_share_a_warehouse(published_engine, tmp_path, engine):
    init_warehouse(engine, initial="demo", demo_scope="north_west")
    data = tmp_path / "real.csv"
    data.write_text("area_code,period,measure_id,value\nE08000009,2024-25,rw_vacancy,9.1\n", encoding="utf-8")
    with Session(engine) as session:
        before = session.scalar(select(func.count()).select_from(Observation))
    with pytest.raises(ImportFailed) as failed:
        import_file(engine, data, "csv", metadata={"source": "s", "publisher": "p", "licence": "l"})
    assert [p.code for p in failed.value.problems] == ["mixed_warehouse"]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == before
    report = init_warehouse(published_engine, initial="demo")  # a published warehouse stays as it is
    assert report.loaded is None and not ReadAPI(published_engine).shows_illustrative()


def test_the_bundle_folder_holds_only_what_sources_yaml_names():
    listed = {s.file for s in sources()}
    assert {p.name for p in BUNDLE_DIR.glob("*.csv.gz")} == listed
