# Dân vận số — the two commands that set everything up: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test lint install install-dev bench clean messages

$(BIN)/python:
	@PY=$$(scripts/find-python) || exit 1; echo "Dùng $$PY"; $$PY -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

# Every command of `make run` runs in debug (a development key, static files from the source tree) unless
# DANVAN_DEBUG says otherwise; production is `danvan serve` (docs/deployment.md).
run: export DANVAN_DEBUG ?= 1
run: $(STAMP)
	$(BIN)/danvan migrate --no-input
	$(BIN)/danvan demo
	@echo ""
	@echo "  Dân vận số đang chạy tại http://127.0.0.1:8000"
	@echo "  Tài khoản demo (mật khẩu danvan-demo): admin (quản trị hệ thống), caobang (quản trị Tỉnh Cao Bằng), thucphan (biên tập Phường Thục Phán), tiepdan (tiếp công dân tỉnh, xem danh tính người tố cáo), bientap (biên tập tin bài của Ban, không duyệt)"
	@echo ""
	@# The background worker (report documents, imports) runs beside the server and stops with it.
	@$(BIN)/danvan db_worker --no-reload --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo "$(BIN)/danvan runserver 127.0.0.1:8000  (+ danvan db_worker, pid $$worker)"; \
	$(BIN)/danvan runserver 127.0.0.1:8000

# lint-imports holds the layers of DESIGN §3 (contracts in pyproject.toml), read from this checkout's src/.
lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	PYTHONPATH=src $(BIN)/lint-imports

# The browser tests run in their own pass: they commit to the database, the rest roll back.
PYTEST_UNIT := $(BIN)/pytest -m "not e2e" -n 2 --dist loadfile
PYTEST_E2E := $(BIN)/pytest -m e2e -p no:xdist

# The browser tests drive the pages, which behave the same on both databases (the tests of every query run on
# both): they run once, on PostgreSQL (production's database) when it is given, else on SQLite.
test: lint
	@echo "== SQLite"
	$(PYTEST_UNIT)
	@if [ -n "$$DANVAN_TEST_POSTGRES_URL" ]; then \
		echo "== PostgreSQL: $$DANVAN_TEST_POSTGRES_URL"; \
		DANVAN_DATABASE_URL="$$DANVAN_TEST_POSTGRES_URL" $(PYTEST_UNIT) && \
		DANVAN_DATABASE_URL="$$DANVAN_TEST_POSTGRES_URL" $(PYTEST_E2E); \
	else \
		$(PYTEST_E2E); \
	fi

# Refresh the English catalogue after changing strings; translate the new entries, then `make messages` again.
messages: $(DEV_STAMP)
	cd src/danvan && ../../$(BIN)/danvan makemessages -l en --ignore 'static/*' --ignore 'formats/*'
	cd src/danvan && ../../$(BIN)/danvan compilemessages
	msgfmt --check --statistics -o /dev/null src/danvan/locale/en/LC_MESSAGES/django.po

bench: $(STAMP)
	$(BIN)/danvan bench units
	$(BIN)/danvan bench practices
	$(BIN)/danvan bench reporting
	$(BIN)/danvan bench activities
	$(BIN)/danvan bench portal
	$(BIN)/danvan bench load

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .import_linter_cache
