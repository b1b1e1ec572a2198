# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck typings pytest docs bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: lint typecheck typings pytest docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

typings: $(STAMP)
	$(BIN)/mypy typings
	$(BIN)/pyright

pytest: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/pytest --cov --cov-report=
	$(BIN)/coverage report --include='either/*' --fail-under=95
	$(BIN)/coverage report --include='validation/*' --fail-under=90

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir .site

bench: $(STAMP)
	$(BIN)/python bench/either_bench.py
	$(BIN)/python bench/deferred_bench.py
	$(BIN)/python bench/validation_bench.py

clean:
	rm -rf $(VENV) .site .coverage .mypy_cache .ruff_cache
