"""docs/migrating.md: every code block passes mypy --strict and pyright strict on its own.

(tests/test_docs.py runs them.) Each block is checked as its own module, the way a reader
pastes it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "migrating.md"
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def blocks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("migrating")
    found = FENCE.findall(PAGE.read_text(encoding="utf-8"))
    assert len(found) >= 6
    for number, block in enumerate(found, start=1):
        (root / f"block_{number}.py").write_text(block, encoding="utf-8")
    return root


def test_every_block_passes_mypy_strict(blocks: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")  # the `mypy` extra
    out, err, status = mypy_api.run(
        ["--strict", "--config-file", os.devnull, "--cache-dir", str(blocks / ".mypy_cache"), str(blocks)]
    )
    assert status == 0, out + err


def test_every_block_passes_pyright_strict(blocks: Path) -> None:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:  # pragma: no cover - pyright is in the dev extra
        pytest.skip("pyright is not installed")
    config = {"typeCheckingMode": "strict", "reportUnnecessaryTypeIgnoreComment": "error"}
    (blocks / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run(
        [pyright, "--pythonpath", sys.executable, "--project", str(blocks), str(blocks)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
