# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# `make compat`: the runtime tests (no coverage) against the built wheel, installed alone in
# a scratch venv per run (tools/check_wheel.py), on every Python we support with the newest
# pydantic, and on the oldest and newest Python with the lowest pydantic pyproject.toml
# declares (`~=floor.0`: its newest patch). Each Python is pyenv's copy if there is one, else
# python3.X on PATH; one not found is reported SKIPPED. Venvs (.venv-wheel-*) are reused until
# pyproject.toml changes; runs go one after another (2 cores are shared).
COMPAT_PYTHONS := 3.10 3.11 3.12 3.13
PYDANTIC_FLOOR := $(shell sed -n 's/^ *"pydantic>=\([0-9.]*\),.*/\1/p' pyproject.toml)
COMPAT_RUNS    := $(foreach v,$(COMPAT_PYTHONS),$(v):newest) $(firstword $(COMPAT_PYTHONS)):floor $(lastword $(COMPAT_PYTHONS)):floor
# The Python of .venv already ran the suite with the newest pydantic (`make pytest`); `either`
# does not import pydantic, so the floor runs take the tests that reach pydantic.
MAIN_PYTHON     = $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
FLOOR_TESTS    := tests/validation tests/test_examples.py
find_python     = $(firstword $(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/$(1).*/bin/python$(1)))) $(shell command -v python$(1) 2>/dev/null))

# The mypy plugin's tests at the oldest mypy release the `mypy` extra allows (a scratch venv
# reused while pyproject.toml is unchanged); `make pytest` runs them at the newest (.venv's).
MYPY_OLDEST := 1.19.0
VENV_MYPY_OLDEST := .venv-mypy-$(MYPY_OLDEST)
PLUGIN_TESTS := tests/validation/test_mypy_plugin.py

.PHONY: demo test lint typecheck typings pytest docs compat wheel bench clean plugin-matrix

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py
	$(BIN)/python examples/mypy_plugin_demo.py

test: lint typecheck typings pytest docs wheel compat plugin-matrix

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

compat: $(STAMP)
	@test -n "$(PYDANTIC_FLOOR)" || { echo "compat: cannot read the pydantic floor from pyproject.toml"; exit 1; }
	@$(foreach run,$(COMPAT_RUNS),$(call compat_one,$(word 1,$(subst :, ,$(run))),$(word 2,$(subst :, ,$(run)))))

# $(1): the Python version, $(2): floor or newest.
compat_one = \
	$(if $(and $(filter newest,$(2)),$(filter $(1),$(MAIN_PYTHON))), \
	  echo "compat: Python $(1) with pydantic newest: ran as \`make pytest\` (.venv)";, \
	$(if $(call find_python,$(1)), \
	  echo "compat: Python $(1) with pydantic $(2)" && HYPOTHESIS_PROFILE=matrix $(BIN)/python tools/check_wheel.py \
	    --skip-types --python $(call find_python,$(1)) \
	    --pydantic '$(if $(filter floor,$(2)),~=$(PYDANTIC_FLOOR).0,>=$(PYDANTIC_FLOOR),<3)' \
	    $(if $(filter floor,$(2)),--tests $(FLOOR_TESTS)) || exit 1;, \
	  echo "compat: Python $(1) with pydantic $(2): SKIPPED - no python$(1) (pyenv or PATH)";))

# What users install: build the wheel and sdist, check that every module, both py.typed
# markers and the licence are in them, and require 100 % from pyright --verifytypes on the
# installed wheel. `make compat` runs the runtime tests against the same wheel.
wheel: $(STAMP)
	$(BIN)/python tools/check_wheel.py --skip-tests

$(VENV_MYPY_OLDEST)/.installed-stamp: pyproject.toml
	test -x $(VENV_MYPY_OLDEST)/bin/python || $(PYTHON) -m venv $(VENV_MYPY_OLDEST)
	$(VENV_MYPY_OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[hypothesis]' pytest attrs 'mypy==$(MYPY_OLDEST)'
	touch $@

plugin-matrix: $(STAMP) $(VENV_MYPY_OLDEST)/.installed-stamp
	@echo "plugin tests at mypy $(MYPY_OLDEST) (oldest supported)"
	$(VENV_MYPY_OLDEST)/bin/python -m pytest $(PLUGIN_TESTS) -q
	@echo "plugin tests at mypy $$($(BIN)/python -c 'import mypy.version; print(mypy.version.__version__)') (newest supported): ran in \`make pytest\`"

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
	rm -rf $(VENV) .venv-wheel-* $(VENV_MYPY_OLDEST) .site .coverage .mypy_cache .ruff_cache
