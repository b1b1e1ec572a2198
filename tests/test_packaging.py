"""What users install: metadata, licence, and the wheel checker's own verdicts."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"

pytestmark = pytest.mark.skipif(not PYPROJECT.exists(), reason="needs the source tree")


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_wheel", ROOT / "tools" / "check_wheel.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _declared(field: str) -> str:
    match = re.search(rf'^{field} = "([^"]+)"', PYPROJECT.read_text(), re.MULTILINE)
    assert match, f"pyproject.toml declares no {field}"
    return match.group(1)


def test_version_is_read_from_the_installed_metadata() -> None:
    assert importlib.metadata.version("eitherway") == _declared("version")


def test_metadata_names_urls_keywords_and_every_supported_python() -> None:
    metadata = importlib.metadata.metadata("eitherway")
    urls = {entry.split(",")[0] for entry in metadata.get_all("Project-URL") or []}
    assert {"Documentation", "Changelog", "Issues"} <= urls
    assert metadata["Keywords"]
    classifiers = set(metadata.get_all("Classifier") or [])
    floor = int(_declared("requires-python").removeprefix(">=3."))
    for minor in range(floor, 14):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    assert metadata["License-Expression"] == "MIT"


def test_the_licence_is_declared_and_present() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert 'license-files = ["LICENSE"]' in PYPROJECT.read_text()


def _wheel(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "eitherway-0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "")
    return path


def _complete_wheel_names(checker: ModuleType) -> list[str]:
    return [*checker.source_files(), "eitherway-0.dist-info/licenses/LICENSE"]


def test_the_checker_accepts_a_complete_wheel(tmp_path: Path) -> None:
    checker = _load_checker()
    assert checker.inspect_wheel(_wheel(tmp_path, _complete_wheel_names(checker))) == []


@pytest.mark.parametrize("dropped", ["either/py.typed", "validation/py.typed", "either/_core.py", "LICENSE"])
def test_the_checker_names_what_a_wheel_lacks(tmp_path: Path, dropped: str) -> None:
    checker = _load_checker()
    names = [name for name in _complete_wheel_names(checker) if not name.endswith(dropped)]
    problems = checker.inspect_wheel(_wheel(tmp_path, names))
    assert problems
    assert any(dropped in problem for problem in problems)
