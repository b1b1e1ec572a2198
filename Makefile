# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# The oldest Python we support, for `make compat`: pyenv's copy if there is one, else PATH.
PY_OLDEST ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.10.*/bin/python3.10) $(shell command -v python3.10))
VENV_OLDEST := .venv-py310

# The mypy plugin's tests at the oldest mypy release the `mypy` extra allows (a scratch venv
# reused while pyproject.toml is unchanged) and at the newest (the one .venv resolves to).
MYPY_OLDEST := 1.19.0
VENV_MYPY_OLDEST := .venv-mypy-$(MYPY_OLDEST)
PLUGIN_TESTS := tests/validation/test_mypy_plugin.py

.PHONY: demo test lint typecheck typings pytest docs compat bench clean plugin-matrix

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py
	$(BIN)/python examples/mypy_plugin_demo.py

test: lint typecheck typings pytest docs compat plugin-matrix

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
	$(VENV_OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[hypothesis,yaml,mypy]' pytest trio attrs
	HYPOTHESIS_PROFILE=ci $(VENV_OLDEST)/bin/python -m pytest
endif

$(VENV_MYPY_OLDEST)/.installed-stamp: pyproject.toml
	test -x $(VENV_MYPY_OLDEST)/bin/python || $(PYTHON) -m venv $(VENV_MYPY_OLDEST)
	$(VENV_MYPY_OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[hypothesis]' pytest attrs 'mypy==$(MYPY_OLDEST)'
	touch $@

plugin-matrix: $(STAMP) $(VENV_MYPY_OLDEST)/.installed-stamp
	@echo "plugin tests at mypy $(MYPY_OLDEST) (oldest supported)"
	$(VENV_MYPY_OLDEST)/bin/python -m pytest $(PLUGIN_TESTS) -q
	@echo "plugin tests at mypy $$($(BIN)/python -c 'import mypy.version; print(mypy.version.__version__)') (newest supported)"
	$(BIN)/python -m pytest $(PLUGIN_TESTS) -q

bench: $(STAMP)
	$(BIN)/python bench/either_bench.py
	$(BIN)/python bench/deferred_bench.py
	$(BIN)/python bench/validation_bench.py
	$(BIN)/python bench/mypy_plugin_bench.py

clean:
	rm -rf $(VENV) $(VENV_OLDEST) $(VENV_MYPY_OLDEST) .site .coverage .mypy_cache .ruff_cache
