# The two commands of the README: `make run` and `make test`. Both start with `make setup`, safe to repeat.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
# Debian packages the tests need, installed when missing (as root, or through sudo).
APT_INSTALL := $(if $(filter 0,$(shell id -u)),,sudo -n) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -qq --no-install-recommends "$$@" >/dev/null' apt-install
PROD := DJANGO_SETTINGS_MODULE=newsarchive.settings.production

.PHONY: setup run serve test test-fast test-deps bench bench-search load-test load-test-hostile clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed" or 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt) for compilemessages"; $(APT_INSTALL) gettext; }
	mkdir -p "$${ARSIP_VAR_DIR:-var}"
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compilemessages -v0

run: setup
	$(PY) manage.py load_sample_archive
	@echo "Arsip Berita: http://127.0.0.1:8000/  (admin: http://127.0.0.1:8000/$$(echo "$${ARSIP_ADMIN_PATH:-admin}" | sed "s:^/*::; s:/*$$:/:"), create a user with: $(PY) manage.py createsuperuser)"
	$(PY) manage.py runserver 127.0.0.1:8000

# Production serving on 127.0.0.1 (gunicorn + WhiteNoise), behind a proxy that terminates HTTPS. Needs
# ARSIP_SECRET_KEY and ARSIP_ALLOWED_HOSTS; ARSIP_HTTPS=0 to try it over plain HTTP. See the README.
serve: setup
	@test -n "$$ARSIP_SECRET_KEY" || { echo "Set ARSIP_SECRET_KEY (e.g. to the output of: $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; exit 1; }
	$(PROD) $(PY) manage.py migrate --noinput -v0
	$(PROD) $(PY) manage.py collectstatic --noinput -v0
	$(PROD) $(VENV)/bin/gunicorn --config newsarchive/gunicorn.conf.py newsarchive.wsgi:application

# Chromium for the browser tests; PostgreSQL's server when ARSIP_TEST_POSTGRES=1 (then the suite runs on it twice:
# with the Whoosh engine, and with the PostgreSQL engine answering searches).
test-deps:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
		$(APT_INSTALL) chromium fonts-liberation || { test -z "$$CI" && \
		echo "WARNING: could not install chromium (needs root or sudo): the browser tests will be skipped" >&2; }; }
	@if [ "$$ARSIP_TEST_POSTGRES" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Installing Debian's postgresql for the PostgreSQL run"; $(APT_INSTALL) postgresql; fi

# lint-imports first: the import contracts in pyproject.toml (docs/architecture.md), so CI fails when one breaks.
test: setup test-deps
	$(VENV)/bin/lint-imports --no-logo
	$(PY) -m pytest
	@if [ "$$ARSIP_TEST_POSTGRES" = 1 ]; then \
		echo "== The same suite on PostgreSQL =="; $(PY) scripts/with_postgres.py $(PY) -m pytest -p no:cacheprovider && \
		echo "== The same suite on PostgreSQL, searched by PostgreSQL (ARSIP_SEARCH_BACKEND=postgres) ==" && \
		ARSIP_SEARCH_BACKEND=postgres $(PY) scripts/with_postgres.py $(PY) -m pytest -p no:cacheprovider; fi

# While working: the suite without the browser, fuzz, load and slow tests (markers in pyproject.toml), in under 30 s.
test-fast: setup
	$(PY) -m pytest -m "not browser and not fuzz and not load and not slow"

# Ingest of 10,000 new distinct pages (sample layouts, realistic vocabulary), then of changed versions, apart.
# BENCH_ARGS passes options through, e.g. make bench BENCH_ARGS="--pages 500".
bench: setup
	$(PY) scripts/bench_ingest.py $(BENCH_ARGS)

# Realistic synthetic archives (scripts/gen_corpus.py) of 10k and 100k articles, cached in var/bench/ (the first run
# builds them; the index rebuild dominates), searched cold and warm via the API and the engine. Other sizes:
# make bench-search BENCH_ARGS="--sizes 10000,300000".
bench-search: setup
	$(PY) scripts/bench_search.py $(BENCH_ARGS)

# 60 s of mixed load on gunicorn over a 10k archive while 1,000 pages are ingested and the index is rebuilt.
load-test: setup
	$(PY) scripts/load_test.py

# 60 s on gunicorn over the 10k archive: 2 of 8 clients send only worst-case queries; normal searches' p95 and 500s.
load-test-hostile: setup
	$(PY) scripts/hostile_load_test.py

clean:
	rm -rf $(VENV) var
