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

# A consistent copy of the database named by DATABASE_URL (PostgreSQL: pg_dump -Fc; SQLite: its online
# backup) in backups/, and putting one back: `make restore FILE=backups/factcheck-....dump`. Without
# DEBUG set these run as development (DEBUG=1), so `make run`'s database needs nothing configured.
.PHONY: backup restore
backup: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py backup $(FILE)

restore: install
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/factcheck-....dump" >&2; exit 2; }
	DEBUG=$${DEBUG:-1} $(PY) manage.py restore $(FILE)

# Any management command in development, e.g. make manage CMD="drf_create_token editeur".
.PHONY: manage editor factchecker
manage: install
	$(DEV_ENV) $(PY) manage.py $(CMD)

# Desk accounts: make editor NAME=alice, make factchecker NAME=bob (prints the password; again resets it).
editor: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py create_desk_account "$(NAME)" --role editor

factchecker: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py create_desk_account "$(NAME)" --role fact-checker

# schemathesis against /api/schema/ on a live local server, bounded to about a minute.
fuzz: install
	scripts/fuzz_api.sh

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Other publishers' reviews: the LIAR statements of ../shared/data/liar (PolitiFact), loaded in bulk.
# The seed (idempotent) brings our rating scale, onto which PolitiFact's labels are mapped.
.PHONY: load-liar
load-liar: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_seed
	$(DEV_ENV) $(PY) manage.py import_liar ../shared/data/liar/train.tsv ../shared/data/liar/valid.tsv ../shared/data/liar/test.tsv

# The production layout on this machine: PostgreSQL primary + streaming replica, Redis, two
# gunicorn app servers, a Celery worker and nginx on :8100 (deploy/cluster/, data in .cluster/).
.PHONY: cluster cluster-stop test-cluster
cluster: install
	deploy/cluster/start.sh

cluster-stop:
	deploy/cluster/stop.sh

# The tests that need that cluster (tests/cluster/): they start its data tier themselves.
test-cluster: install
	@echo "== Cluster tests (replicas, Redis, Celery) =="
	$(PY) -m pytest tests/cluster -m cluster

# Intake scores: the seed article, the gold set, and the CheckThat! leave-one-debate-out MAP (minutes).
.PHONY: intake-eval
intake-eval: install
	$(DEV_ENV) $(PY) manage.py intake_eval

# Load figures of every public endpoint against a bare-WSGI floor (a script, not a test), on a
# PostgreSQL database of BENCH_CLAIMS generated claims (default 100000); BENCH_SMOKE=1 for a short
# run on 1,000 claims. Results in bench-results/<date>-<N>/; see docs/bench.md.
.PHONY: bench
bench: install
	$(PY) scripts/bench/run.py
