"""The deployment files agree with the code: the image copies every package the app is made of, runs gunicorn with
the repo's config and checks /health; the compose file starts it on PostgreSQL and Redis with settings the app reads.
(No Docker engine runs where the tests run, so the image itself is not built here.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
README = (ROOT / "README.md").read_text()


def test_the_image_holds_every_package_and_module_of_the_app():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packages = [p.rstrip("*") for p in project["packages"]["find"]["include"]]
    copied = set(re.findall(r"^COPY (?!--)(\S+) ", DOCKERFILE, re.M)) | {
        name for line in re.findall(r"^COPY (?!--)(.+) \./$", DOCKERFILE, re.M) for name in line.split()}
    missing = [p for p in packages + [f"{m}.py" for m in project["py-modules"]] + ["assets", "gunicorn.conf.py"]
               if p not in copied]
    assert not missing, f"the Dockerfile does not copy {missing}"
    assert "python -m static_files assets/vendor/plotly-basic.min.js" in DOCKERFILE  # the precompressed bundle
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]' in DOCKERFILE
    assert "HEALTHCHECK" in DOCKERFILE and "/health" in DOCKERFILE and "\nUSER scorecard\n" in DOCKERFILE


def test_compose_runs_the_app_on_postgresql_and_redis_with_settings_it_reads():
    services = COMPOSE["services"]
    web = services["web"]
    assert web["environment"]["DATABASE_URL"].startswith("postgresql://") and "@db:5432/" in web["environment"][
        "DATABASE_URL"]
    assert web["environment"]["CACHE_REDIS_URL"] == "redis://cache:6379/0"
    assert {n: c["condition"] for n, c in web["depends_on"].items()} == {"db": "service_healthy",
                                                                          "cache": "service_healthy"}
    assert all("healthcheck" in services[name] for name in ("db", "cache"))
    assert web["ports"] == ["127.0.0.1:8050:8050"]  # only the TLS proxy on the host reaches it
    settings = (ROOT / "data" / "settings.py").read_text() + (ROOT / "gunicorn.conf.py").read_text()
    for name in web["environment"]:
        assert f'"{name}"' in settings, f"{name} is not a setting the app or gunicorn reads"
        assert f"`{name}`" in README, f"{name} is not documented in the README"
    assert "${SCORECARD_SECRET_KEY:?" in (ROOT / "compose.yaml").read_text()  # no start without a secret
