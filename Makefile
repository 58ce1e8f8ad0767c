# VET NET Community — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test services services-stop services-status install install-dev \
        badgecheck system-deps messages serve lint check bench eval-search clean-demo help

help:
	@echo "make run        embedded platform on http://127.0.0.1:8000 and its task worker (SQLite, no services)"
	@echo "make test       the whole suite against real PostgreSQL, Redis, Elasticsearch"
	@echo "make services   start the test services alone (scripts/services.sh)"
	@echo "make serve      production shape on http://127.0.0.1:8080 (nginx, gunicorn, daphne, worker)"
	@echo "make bench      benchmarks; results in bench/results.json"
	@echo "make eval-search  search quality per engine on the development and held-out test sets (search/eval/README.md)"

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

# badgecheck (the Open Badges validator the credential tests run against the live
# server) pins packages that conflict with ours and with each other: it gets a
# virtualenv of its own, installed without the resolver from a full pinned list
# (requirements/badgecheck.txt says which pins had to move for Python 3.11).
BADGECHECK_VENV := .venv-badgecheck
$(BADGECHECK_VENV)/.installed: requirements/badgecheck.txt
	@test -x $(BADGECHECK_VENV)/bin/python || $(PYTHON) -m venv $(BADGECHECK_VENV)
	$(BADGECHECK_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps \
	  -r requirements/badgecheck.txt
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev $(BADGECHECK_VENV)/.installed
badgecheck: $(BADGECHECK_VENV)/.installed

# gettext tools compile the interface catalogues; libcairo2 draws PNG charts;
# the DejaVu fonts draw certificates and badges in every script we serve, Greek
# included (Debian packages, installed if missing).
system-deps:
	@command -v msgfmt >/dev/null || { echo "installing gettext"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	@# CairoSVG (PNG downloads of the insights charts) loads the cairo library.
	@ldconfig -p | grep -q libcairo.so.2 || { echo "installing libcairo2"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcairo2 >/dev/null; }
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { echo "installing fonts-dejavu-core"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; }

messages: system-deps install
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

run: install messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_dev_admin
	@echo "Serving on http://127.0.0.1:8000 with the task worker (Ctrl-C stops both)"
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py db_worker --no-reload --no-startup-delay -v 0 & worker=$$!; \
	  $(VENV)/bin/daphne -b 127.0.0.1 -p 8000 vetnet.asgi:application

# nginx (page cache, purges) -> gunicorn for pages, Daphne for /ws/, the task
# worker; PostgreSQL, Redis and Elasticsearch from scripts/services.sh.
serve: install messages
	scripts/serve.sh

services:
	scripts/services.sh start

services-stop:
	scripts/services.sh stop

services-status:
	scripts/services.sh status

test: install-dev system-deps
	scripts/test.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: install-dev
	scripts/bench.sh

eval-search: install-dev
	scripts/eval-search.sh
