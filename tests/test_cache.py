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
    assert any(k.startswith("scorecard:ratings_at:2.0:('region',") for k in keys), keys  # release 2, no withdrawals
    second = client.post("/_dash-update-component", json=_route_request("/council/E08000009"))
    assert first.get_data() == second.get_data()


def test_two_hundred_junk_parameters_leave_one_answer_in_redis_within_its_memory_bound(demo_db_url, redis_client):
    """Issue 26: each junk parameter was a new answer kept 5 minutes (1,000 requests stored 197 MB in Redis)."""
    from callbacks import answers

    client = create_app(Settings(database_url=demo_db_url, cache_redis_url=REDIS_URL)).server.test_client()
    for n in range(200):
        response = client.post("/_dash-update-component",
                               json=_route_request("/council/E08000009", f"?x{n}={'y' * 50}&fbclid={n}"),
                               headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response.status_code == 200
    kept = redis_client.keys("scorecard:answer-slot:*")
    assert len(kept) == 1
    used = sum(redis_client.memory_usage(k) for k in kept)
    assert used <= answers.MAX_BYTES * 1.1, used  # Redis's own overhead on one entry is small
