# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_ENV := DEBUG=1

.PHONY: run test test-sqlite test-postgresql lint format install fuzz

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_seed
	$(DEV_ENV) $(PY) manage.py ensure_demo_editor
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: /admin/, API: /api/v1/). Stop with Ctrl-C."
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Test processes in parallel (pytest-xdist): one per logical CPU by default; TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= logical
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS)

# The whole suite on SQLite, then again on PostgreSQL when DATABASE_URL names one; each pass says how long it took.
test: install
	$(MAKE) --no-print-directory test-sqlite
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
		$(MAKE) --no-print-directory test-postgresql; \
	else \
		echo "DATABASE_URL does not name a PostgreSQL server: the PostgreSQL run is not made."; \
	fi

test-sqlite: install
	@echo "== Test suite on SQLite =="
	@echo "env -u DATABASE_URL $(PYTEST)"
	@start=$$SECONDS; env -u DATABASE_URL $(PYTEST); status=$$?; \
		echo "== SQLite pass: $$((SECONDS - start)) s"; exit $$status

test-postgresql: install
	@echo "== Test suite on PostgreSQL ($${DATABASE_URL%%\?*}) =="
	@echo "$(PYTEST)"
	@start=$$SECONDS; $(PYTEST); status=$$?; \
		echo "== PostgreSQL pass: $$((SECONDS - start)) s"; exit $$status

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run
	$(DEV_ENV) env -u DATABASE_URL $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

# schemathesis against /api/schema/ on a live local server, bounded to about a minute.
fuzz: install
	scripts/fuzz_api.sh

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
