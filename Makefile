# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The oldest Python we support, for `make compat`: pyenv's copy if there is one, else PATH.
PY_OLDEST ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python3.10) $(shell command -v python3.10))
VENV_OLDEST := .venv-py310

.PHONY: demo test lint typecheck typings pytest docs compat bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: lint typecheck typings pytest docs compat

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

# The runtime tests again on Python 3.10 (typing_extensions, TypedDict and pydantic differ there).
compat:
ifeq ($(PY_OLDEST),)
	@echo "compat: SKIPPED - no Python 3.10 on this machine (pyenv or PATH); runtime tests ran on $$($(BIN)/python -V) only"
else
	test -x $(VENV_OLDEST)/bin/python || $(PY_OLDEST) -m venv $(VENV_OLDEST)
	$(VENV_OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[hypothesis,yaml]' pytest trio attrs
	HYPOTHESIS_PROFILE=ci $(VENV_OLDEST)/bin/python -m pytest
endif

bench: $(STAMP)
	$(BIN)/python bench/either_bench.py
	$(BIN)/python bench/deferred_bench.py
	$(BIN)/python bench/validation_bench.py
	$(BIN)/python bench/strategies_bench.py

clean:
	rm -rf $(VENV) $(VENV_OLDEST) .site .coverage .mypy_cache .ruff_cache
