# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_CASES ?= ../shared/dev-cases
POLNEAR ?= ../shared/polnear

.PHONY: install demo test lint typecheck eval eval-extract bench bench-library clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	-$(BIN)/quoteverify check examples/ice-repost.txt

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check quoteverify tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy quoteverify

eval: $(STAMP)
	$(BIN)/python scripts/eval_cases.py $(DEV_CASES)

eval-extract: $(STAMP)
	$(BIN)/python scripts/eval_extract.py --split dev

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

bench-library: $(STAMP)
	$(BIN)/python scripts/bench_library.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
