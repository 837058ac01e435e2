"""Settings from the environment, with defaults that run on a fresh machine (SQLite, SimpleCache)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment. See README "Settings" for each variable."""

    database_url: str
    cache_redis_url: str | None = None
    cache_timeout: int = 300
    debug: bool = False
    initial_data: str = "published"   # what an empty warehouse is filled with: published, demo or none
    behind_proxy: bool = False        # served behind one reverse proxy (TLS): trust its X-Forwarded-* headers
    secret_key: str | None = None     # signs the editor's sessions and forms; required outside development
    development: bool = False         # `python app.py` on this machine: a throwaway key, cookies over plain HTTP
    statement_timeout: float = 5.0    # seconds: PostgreSQL cancels a web request's query running longer
    instance_dir: str | None = None   # the app's own files (the editor's checked uploads); None: ./instance
    costly_limit: str = "120/minute"  # per address: pinned, pack and briefing answers not kept (rate_limits.py)
    download_limit: str = "60/minute"  # per address: CSV downloads
    health_timeout: float = 1.0       # seconds: /health answers 503 if the warehouse has not answered by then
    contact: str | None = None        # an email or web address for accessibility problems (/about's statement)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        instance = Path(env.get("SCORECARD_INSTANCE_DIR") or Path.cwd() / "instance")
        return cls(
            database_url=env.get("DATABASE_URL") or f"sqlite:///{instance / 'scorecard.db'}",
            instance_dir=str(instance),
            cache_redis_url=env.get("CACHE_REDIS_URL") or None,
            cache_timeout=int(env.get("CACHE_TIMEOUT") or 300),
            debug=_flag(env.get("SCORECARD_DEBUG"), False),
            initial_data=(env.get("SCORECARD_INITIAL_DATA") or "published").strip().lower(),
            behind_proxy=_flag(env.get("SCORECARD_BEHIND_PROXY"), False),
            secret_key=env.get("SCORECARD_SECRET_KEY") or None,
            development=_flag(env.get("SCORECARD_DEVELOPMENT"), False),
            statement_timeout=float(env.get("SCORECARD_STATEMENT_TIMEOUT") or 5),
            health_timeout=float(env.get("SCORECARD_HEALTH_TIMEOUT") or 1),
            costly_limit=env.get("SCORECARD_COSTLY_LIMIT") or "120/minute",
            download_limit=env.get("SCORECARD_DOWNLOAD_LIMIT") or "60/minute",
            contact=(env.get("SCORECARD_CONTACT") or "").strip() or None,
        )

    @property
    def cache_config(self) -> dict:
        """Flask-Caching configuration: Redis in production, an in-process cache by default."""
        if self.cache_redis_url:
            from redis.backoff import NoBackoff
            from redis.retry import Retry

            # A down or frozen Redis costs a request at most ~0.3 s (data.resilience then skips it for 30 s).
            options = {"socket_timeout": 0.3, "socket_connect_timeout": 0.3, "retry": Retry(NoBackoff(), 0)}
            return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": self.cache_redis_url,
                    "CACHE_DEFAULT_TIMEOUT": self.cache_timeout, "CACHE_KEY_PREFIX": "scorecard:",
                    "CACHE_OPTIONS": options}
        return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": self.cache_timeout}
