# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# `make compat`: the runtime tests (no coverage) against the built wheel, installed alone in
# a scratch venv per run (tools/check_wheel.py). Every Python we support runs once, and every
# declared floor runs once: the oldest Python gets every dependency at its floor
# (`--floors`: pydantic, anyio, typing_extensions, tomli, and the extras hypothesis, PyYAML,
# mypy and libcst, each at the newest patch of its floor; the mypy plugin's tests run there);
# the newer ones get the newest releases. The Python of .venv ran the suite with the newest
# releases already (`make pytest`). Each Python is pyenv's copy if there is one, else
# python3.X on PATH; one not found is reported SKIPPED. Venvs (.venv-wheel-*) are reused until
# pyproject.toml changes; `make test` runs them beside the main suite, two jobs at a time.
COMPAT_PYTHONS := 3.10 3.11 3.12 3.13
COMPAT_RUNS    := $(firstword $(COMPAT_PYTHONS)):floors $(foreach v,$(wordlist 2,9,$(COMPAT_PYTHONS)),$(v):newest)
COMPAT_JOBS    := $(foreach run,$(COMPAT_RUNS),compat-$(subst :,-,$(run)))
MAIN_PYTHON     = $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
find_python     = $(firstword $(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/$(1).*/bin/python$(1)))) $(shell command -v python$(1) 2>/dev/null))

.PHONY: demo test lint typecheck typings pytest docs compat wheel bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py
	$(BIN)/python examples/mypy_plugin_demo.py

# The quick checks first, then the long jobs two at a time (CI has 2 cores): the main suite,
# the docs, the wheel and each compat run are separate processes. Output is kept per job.
test: lint typecheck typings
	@$(MAKE) --no-print-directory -j2 --output-sync=target pytest $(COMPAT_JOBS) wheel docs

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

compat: $(COMPAT_JOBS)

# compat-3.10-floors, compat-3.12-newest, ...: one run each.
compat-%: $(STAMP)
	@$(call compat_one,$(word 1,$(subst -, ,$*)),$(word 2,$(subst -, ,$*)))

compat_what = $(if $(filter floors,$(1)),every dependency at its declared floor,the newest releases)

# $(1): the Python version, $(2): floors or newest.
compat_one = \
	$(if $(and $(filter newest,$(2)),$(filter $(1),$(MAIN_PYTHON))), \
	  echo "compat: Python $(1) with the newest releases: ran as \`make pytest\` (.venv)";, \
	$(if $(call find_python,$(1)), \
	  echo "compat: Python $(1) with $(call compat_what,$(2))" && HYPOTHESIS_PROFILE=matrix $(BIN)/python tools/check_wheel.py \
	    --skip-types --python $(call find_python,$(1)) $(if $(filter floors,$(2)),--floors) || exit 1;, \
	  echo "compat: Python $(1) with $(call compat_what,$(2)): SKIPPED - no python$(1) (pyenv or PATH)";))

# What users install: build the wheel and sdist, check that every module, both py.typed
# markers and the licence are in them, and require 100 % from pyright --verifytypes on the
# installed wheel. `make compat` runs the runtime tests against the same wheel.
wheel: $(STAMP)
	$(BIN)/python tools/check_wheel.py --skip-tests

bench: $(STAMP)
	$(BIN)/python bench/either_bench.py
	$(BIN)/python bench/deferred_bench.py
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/async_block_bench.py
	$(BIN)/python bench/validation_bench.py
	$(BIN)/python bench/sources_bench.py
	$(BIN)/python bench/union_bench.py
	$(BIN)/python bench/strategies_bench.py
	$(BIN)/python bench/mypy_plugin_bench.py

clean:
	rm -rf $(VENV) .venv-wheel-* .venv-mypy-* .site .coverage .mypy_cache .ruff_cache
