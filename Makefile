# The two commands of the README: `make demo` and `make test`.
# PYTHON must be 3.11 or newer (Django 5.2 LTS); the machine's python3 is.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint format install schema worker clean

$(BIN)/.installed: requirements/base.txt requirements/prod.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed: make PYTHON=python3.12 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	@touch $@

install: $(BIN)/.installed

## Set up everything on the embedded defaults (SQLite, in-process tasks), import the sample papers, serve.
demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_curators
	$(BIN)/python manage.py import_papers papers/sample_data/papers.jsonl papers/sample_data/leaderboard_papers.jsonl
	$(BIN)/python manage.py ensure_demo_admin
	@echo ""
	@echo "  Home:         http://$(HOST):$(PORT)/   (search, most reported benchmarks, recently verified)"
	@echo "  Tasks:        http://$(HOST):$(PORT)/tasks/"
	@echo "  Benchmark:    http://$(HOST):$(PORT)/benchmarks/gsm8k/   (leaderboard, state-of-the-art chart)"
	@echo "  Paper:        http://$(HOST):$(PORT)/papers/1/"
	@echo "  Curation:     http://$(HOST):$(PORT)/curate/   (curators and staff: sign in as admin)"
	@echo "  API:          http://$(HOST):$(PORT)/api/v1/"
	@echo "  API docs:     http://$(HOST):$(PORT)/api/docs/   (Redoc: /api/redoc/, schema: /api/schema/)"
	@echo "  Leaderboard:  http://$(HOST):$(PORT)/api/v1/benchmarks/gsm8k/leaderboard/"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/   (user admin, password admin: demo only)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (integration tests skip without PostgreSQL/Redis, except under CI=true).
test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: install
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file var/schema.yml

worker: install
	$(BIN)/celery -A tracker worker --loglevel=info

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
