# Two commands on a fresh machine (see README):
#   make serve   install and serve the dashboard on the embedded default (SQLite + the published data), on gunicorn
#   make test    install the test tools and run the whole suite (make test-quick: the fast part, while working)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
TEST_WORKERS ?= auto

.PHONY: serve test test-quick check install install-test browser-tools bench clean
.DELETE_ON_ERROR:  # a step that fails leaves no half-made file that make would take for done

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	touch $@

# plotly.js's basic bundle (scatter, with error bars, shapes and date axes: all the scorecard draws), 1.2 MB instead of
# the full 4.8 MB, and a copy compressed once with Brotli's best setting (static_files.py serves it: 0.33 MB).
# dcc.Graph uses window.Plotly when a bundle in assets/ defines it. Keep its version equal to the one the installed
# plotly package ships (tests/test_assets.py checks). The app refuses to start without it.
PLOTLY_BUNDLE := assets/vendor/plotly-basic.min.js
$(PLOTLY_BUNDLE): package.json package-lock.json $(VENV)/.installed
	@command -v npm >/dev/null || { echo "npm is needed to install plotly.js's bundle (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p assets/vendor
	cp node_modules/plotly.js-basic-dist-min/plotly-basic.min.js $@
	$(PY) -m static_files $@

install: $(VENV)/.installed $(PLOTLY_BUNDLE)

install-test: install $(VENV)/.installed-test browser-tools

# Debian's Chromium and ChromeDriver for the browser tests (never a downloaded browser), poppler's pdftotext for the
# meeting pack's PDF, axe-core from npm.
browser-tools:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver poppler-utils; \
	  else echo "Install Debian's chromium, chromium-driver and poppler-utils (sudo apt-get install chromium chromium-driver poppler-utils)"; exit 1; fi; \
	fi
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --loglevel=error

# gunicorn with the repo's config (gunicorn.conf.py); on this machine the editor gets a throwaway key.
serve: install
	SCORECARD_DEVELOPMENT=$${SCORECARD_DEVELOPMENT:-1} $(VENV)/bin/gunicorn -c gunicorn.conf.py app:server

# The whole suite: lint and types first, then every test on all cores (pytest-xdist), then the tests that must run
# alone (gunicorn, frozen services, timings). CI runs this.
test: install-test check
	@export SCORECARD_TEST_WAREHOUSES=$$(mktemp -d) && trap 'rm -rf "$$SCORECARD_TEST_WAREHOUSES"' EXIT && \
	  set -x && $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not serial" && $(PY) -m pytest -m serial

# The quick loop while working: lint, types, and the unit, page-model and callback tests (no browser, no
# PostgreSQL, nothing that must run alone).
test-quick: install-test check
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not browser and not postgres and not serial" -q

# ruff (the rules in pyproject.toml) over everything, mypy over the folders it checks (pyproject.toml: [tool.mypy]).
check: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Every benchmark (PostgreSQL and Redis must be running; the serving one drives Chromium, so it needs the test tools).
bench: install-test
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) node_modules instance .pytest_cache
