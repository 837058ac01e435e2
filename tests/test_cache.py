"""The production cache: Redis through Flask-Caching, with keys that carry the warehouse version (newest release
and withdrawals)."""

import os

import pytest
import redis

from app import create_app
from data.settings import Settings
from tests.test_app import _route_request

pytestmark = pytest.mark.serial  # Redis database 15 is flushed: alone, after the parallel part

REDIS_URL = os.environ.get("SCORECARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("SCORECARD_REQUIRE_REDIS") == "1":
            raise
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    client.flushdb()
    yield client
    client.flushdb()


def test_pages_are_cached_in_redis_under_the_release_id(demo_db_url, redis_client):
    app = create_app(Settings(database_url=demo_db_url, cache_redis_url=REDIS_URL))
    client = app.server.test_client()
    first = client.post("/_dash-update-component", json=_route_request("/council/E08000009"))
    keys = sorted(k.decode() for k in redis_client.keys("scorecard:*"))
    assert any(k.startswith("scorecard:ratings_at:1.0:('region',") for k in keys), keys  # release 1, no withdrawals
    second = client.post("/_dash-update-component", json=_route_request("/council/E08000009"))
    assert first.get_data() == second.get_data()
