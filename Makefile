# Quick start: `make run` (set up, build the index if missing, start the app) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 7860

.PHONY: install run run-postgres test lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install it or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first and pinned: any other torch spec pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[st,dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/strategiqa serve --host 127.0.0.1 --port $(PORT)

# The same app with the index in PostgreSQL + pgvector: a throwaway local server in .pgdata (pgserver).
run-postgres: install
	STRATEGIQA_VECTOR_STORE=postgres STRATEGIQA_DATABASE_URL=pgserver:.pgdata \
		$(BIN)/strategiqa serve --host 127.0.0.1 --port $(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check ingest retrieval app eval tests
	$(BIN)/mypy ingest retrieval app eval

bench: install
	$(BIN)/strategiqa eval

clean:
	rm -rf $(VENV) .index .cache .pgdata
