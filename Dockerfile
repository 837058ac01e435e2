# The scorecard's image: gunicorn with the repo's config on port 8050 (`docker compose up -d` starts it with
# PostgreSQL and Redis: compose.yaml). Two stages: npm fetches plotly.js's basic bundle; the Python image installs
# the app (editable, so app.py finds assets/ and data/ beside it), puts the bundle and its Brotli copy in
# assets/vendor/, and runs gunicorn as an unprivileged user.

FROM node:22-bookworm-slim AS bundle
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY app.py published_account.py rate_limits.py static_files.py gunicorn.conf.py ./
COPY analysis analysis
COPY callbacks callbacks
COPY data data
COPY editor editor
COPY layouts layouts
COPY page_models page_models
COPY plain plain
COPY assets assets
RUN pip install -e . \
 && useradd --system --home-dir /app --shell /usr/sbin/nologin scorecard
COPY --from=bundle /build/node_modules/plotly.js-basic-dist-min/plotly-basic.min.js assets/vendor/plotly-basic.min.js
RUN python -m static_files assets/vendor/plotly-basic.min.js
USER scorecard
ENV SCORECARD_BIND=0.0.0.0:8050 SCORECARD_INSTANCE_DIR=/tmp/scorecard
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8050/health', timeout=4).status != 200)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
