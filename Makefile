# Pantau — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
export PANTAU_DB ?= $(CURDIR)/pantau.duckdb

.PHONY: run test install model demo lint typecheck browser postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --upgrade pip
	# torch first and pinned: a bare `torch` requirement would pull a multi-GB CUDA build.
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e '.[dev,scale]'
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/pantau setup

demo: model
	$(BIN)/pantau demo

# The worker (collects the sources on their schedule, scores, alerts) runs beside the
# dashboard and stops with it; its log is pantau-worker.log. With PANTAU_AUTH=oidc the
# sign-in secrets file is written first (pantau oidc-secrets) and handed to Streamlit.
run: demo
	set --; if [ "$${PANTAU_AUTH:-on}" = oidc ]; then \
		secrets=$$($(BIN)/pantau oidc-secrets) || exit 1; set -- --secrets.files "$$secrets"; fi; \
	$(BIN)/pantau worker >> pantau-worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Worker started (pid $$worker, log: pantau-worker.log)"; \
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false "$$@"

browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the end-to-end tests"; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# The store tests run on DuckDB and on a real PostgreSQL server, which they start themselves
# (initdb into a temporary folder, 127.0.0.1 on a free port; tests/pg_server.py): only the
# binaries are needed.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
		echo "Installing Debian's PostgreSQL server binaries for the store tests"; \
		apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

lint: install
	$(BIN)/ruff check analysis dashboard tests benchmarks
	$(BIN)/mypy

test: model browser postgres
	$(MAKE) lint
	PANTAU_REQUIRE_PG=1 $(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
