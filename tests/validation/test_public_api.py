"""`validation.__all__` lists exactly the public names, and every one is importable."""

from __future__ import annotations

import subprocess
import sys
import types

import validation


def test_public_names_are_exactly_all() -> None:
    # Skipped: submodules (`validation.strategies`), attributes once imported, and the
    # `@py_builtins` names pytest's assertion rewriting adds to a plugin's distribution.
    public = {
        name
        for name in dir(validation)
        if name.isidentifier()
        and not name.startswith("_")
        and (name in validation.__all__ or not isinstance(getattr(validation, name), types.ModuleType))
    }
    assert public == set(validation.__all__)
    assert sorted(validation.__all__) == validation.__all__
    for name in validation.__all__:
        assert getattr(validation, name) is not None


def test_both_packages_ship_py_typed() -> None:
    from importlib import resources

    for package in ("either", "validation"):
        assert resources.files(package).joinpath("py.typed").is_file()


def test_validation_returns_either_values_but_either_never_imports_validation() -> None:
    code = "import sys, either; print('validation' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "False"]
