# The two commands of the README: `make run` and `make test`. Both start with `make setup`, safe to repeat.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)

.PHONY: setup run test bench bench-search clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed" or 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)
	@command -v msgfmt >/dev/null || { echo "Installing gettext (msgfmt) for compilemessages"; \
		apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compilemessages -v0

run: setup
	$(PY) manage.py load_sample_archive
	@echo "Arsip Berita: http://127.0.0.1:8000/  (admin: http://127.0.0.1:8000/admin/, create a user with: $(PY) manage.py createsuperuser)"
	$(PY) manage.py runserver --insecure 127.0.0.1:8000

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) scripts/bench_ingest.py

# Synthetic archives of 10k and 100k articles, cached in var/bench/ (the first run builds them: about 15 minutes).
bench-search: setup
	$(PY) scripts/bench_search.py

clean:
	rm -rf $(VENV) var
