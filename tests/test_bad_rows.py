"""The site keeps serving whatever a row holds: the review's one-row import is refused, and a current value whose
period the app cannot show (put in some other way than an import) is skipped with a logged warning, never a 500."""

import logging
import shutil

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import create_app
from data.comparisons import recompute
from data.db import make_engine
from data.imports.problems import ImportFailed
from data.imports.run import import_file
from data.schema import Observation, Release
from data.settings import Settings
from tests.test_app import _route_request

BAD_PERIODS = ("9999-00", "0000-01", "2099-00", "1900-01", "2015-99", "soon")
PAGES = ["/", "/domain/resource-workforce", "/domain/performance-outcomes", "/council/E08000009",
         "/council/E08000009/briefing", "/council/E06000063", "/about", "/measures/rw_turnover"]
DOWNLOADS = ["/download/overview.csv", "/download/domain/resource-workforce.csv",
             "/download/council/E08000009.csv", "/download/domain/resource-workforce.csv?period=9999-00"]


@pytest.fixture(scope="module")
def warehouse(published_engine, tmp_path_factory):
    """A copy of the published warehouse into which rows with impossible periods got (not through an import)."""
    path = tmp_path_factory.mktemp("bad-rows") / "w.db"
    with published_engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(published_engine.url.database, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        release = session.scalar(select(Release.id).where(Release.superseded_by_id.is_(None)).limit(1))
        for period in BAD_PERIODS:
            session.add(Observation(release_id=release, measure_id="rw_turnover", area_code="E08000009", period=period,
                                    value=31.5))
        session.flush()
        recompute(session, release)  # as the next import would
    yield engine
    engine.dispose()


def test_the_reviews_row_is_refused_and_the_site_keeps_serving(published_engine, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("area_code,period,measure_id,value\nE08000009,9999-00,rw_turnover,31.5\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_file(published_engine, path, "csv", metadata={"source": "s", "publisher": "p", "licence": "l"})
    assert [p.code for p in failed.value.problems] == ["period_out_of_range"]
    client = create_app(Settings(database_url=str(published_engine.url))).server.test_client()
    assert all(client.get(page).status_code == 200 for page in PAGES)


def test_rows_with_periods_the_app_cannot_show_are_skipped_and_logged(warehouse, caplog):
    with caplog.at_level(logging.WARNING, logger="scorecard"):
        client = create_app(Settings(database_url=str(warehouse.url))).server.test_client()
        for page in PAGES:
            response = client.get(page)
            assert response.status_code == 200, page
            posted = client.post("/_dash-update-component", json=_route_request(page.split("?")[0]))
            assert posted.status_code == 200, page
            assert not any(period in posted.get_data(as_text=True) for period in BAD_PERIODS[:2])
        for download in DOWNLOADS:
            response = client.get(download)
            assert response.status_code == 200, download
            assert "9999-00" not in response.get_data(as_text=True)
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert all(repr(period) in warned for period in BAD_PERIODS)
