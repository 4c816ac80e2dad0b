# The two commands in the README: `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)

.PHONY: run test test-sqlite test-dates lint format env

.tools/bin/uv:
	python3.12 -m venv .tools
	.tools/bin/pip install --quiet uv

env: $(UV)
	$(UV) sync --frozen

## Set up, migrate, load demo data, and serve the app with a Celery worker and beat.
run: env
	DEBUG=$${DEBUG:-true} $(UV) run --no-sync python manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(UV) run --no-sync python manage.py load_content
	DEBUG=$${DEBUG:-true} $(UV) run --no-sync python manage.py seed_demo
	@echo "Mend is starting at http://127.0.0.1:8000 (Ctrl-C stops everything)."
	DEBUG=$${DEBUG:-true} $(UV) run --no-sync honcho -f Procfile.dev start

## Install what the tests need and run the whole suite. With DATABASE_URL set, the suite runs on
## PostgreSQL and then `test-sqlite` runs on the embedded SQLite that `make run` uses.
test: $(UV)
	$(UV) sync --frozen
	$(UV) run --no-sync pytest -n $${PYTEST_WORKERS:-2}
	if [ -n "$${DATABASE_URL:-}" ]; then $(MAKE) --no-print-directory test-sqlite; fi

## The suite on the embedded SQLite, browser tests aside: every page as its users, htmx fragments
## included. PostgreSQL-only tests (EXPLAIN plans, triggers, real workers) skip with their reason.
test-sqlite: env
	mkdir -p var
	env -u DATABASE_URL MEND_TEST_DB=sqlite \
		$(UV) run --no-sync pytest -n $${PYTEST_WORKERS:-2} --ignore=tests/e2e -rs

## The suite again with the clock a year ahead and a year back (`faketime`; Chromium keeps the real
## clock). A test that passes only near the day it was written fails here.
test-dates: env
	for days in 365 -365; do \
		MEND_CLOCK_SHIFT_DAYS=$$days faketime -f "$$( [ $$days -gt 0 ] && echo + )$${days}d" \
			$(UV) run --no-sync pytest -n $${PYTEST_WORKERS:-2} || exit 1; \
	done

lint: $(UV)
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format: $(UV)
	$(UV) run ruff format .
	$(UV) run ruff check --fix .
