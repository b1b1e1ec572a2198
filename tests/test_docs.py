"""Every ```python block in README.md and docs/ runs, in order, one namespace per page.

A block whose first line is `# not run` is skipped (used for snippets that need a network
or a terminal); a block may show expected output in a following ```text block, which is
not checked: the blocks assert what matters themselves. A page holding the line
`<!-- each block stands alone -->` (side-by-side recipes, as in migrating.md) runs and
type-checks each block as a module of its own, the way a reader pastes one.
"""

from __future__ import annotations

import asyncio
import re
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


STANDALONE = "<!-- each block stands alone -->"


def _blocks(page: Path) -> list[str]:
    return [block for block in FENCE.findall(page.read_text(encoding="utf-8")) if not block.startswith("# not run")]


def _modules(page: Path) -> list[list[str]]:
    """The page's blocks grouped as they run: one module for the page, or one per block."""
    blocks = _blocks(page)
    if STANDALONE in page.read_text(encoding="utf-8"):
        return [[block] for block in blocks]
    return [blocks] if blocks else []


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_code_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    number = 0
    for blocks in _modules(page):
        module = types.ModuleType(f"docs_{page.stem.replace('-', '_')}")
        monkeypatch.setitem(sys.modules, module.__name__, module)  # dataclasses look their module up
        namespace = module.__dict__
        for block in blocks:
            number += 1
            code = compile(block, f"{page.name} block {number}", "exec", flags=_top_level_await(), dont_inherit=True)
            result = eval(code, namespace)
            if asyncio.iscoroutine(result):
                asyncio.run(result)


def _top_level_await() -> int:
    import ast

    return ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def test_every_page_has_code() -> None:
    assert PAGES, "no documentation pages found"


# ---------------------------------------------------------------- type-checked too

# What a reader copies must pass both checkers in strict mode, as the library itself does.
# Each page becomes one module (its blocks in order, as they run), and one mypy run and one
# pyright run check every page, so the cost does not grow with the number of blocks.
_PYRIGHT_CONFIG = {
    "typeCheckingMode": "strict",
    "pythonVersion": "3.10",
    "reportUnnecessaryTypeIgnoreComment": "error",
    "extraPaths": [str(ROOT)],
}


def _write_page_modules(directory: Path) -> dict[str, list[tuple[int, str]]]:
    """One module per page with code (or per block); for each, where each block starts (line, label)."""
    starts: dict[str, list[tuple[int, str]]] = {}
    for page in PAGES:
        stem = "docs_" + re.sub(r"\W", "_", str(page.relative_to(ROOT).with_suffix("")))
        number = 0
        modules = _modules(page)
        for index, blocks in enumerate(modules, start=1):
            name = stem if len(modules) == 1 else f"{stem}_{index}"
            lines: list[str] = []
            starts[f"{name}.py"] = []
            for block in blocks:
                number += 1
                starts[f"{name}.py"].append((len(lines) + 1, f"{page.relative_to(ROOT)} block {number}"))
                lines.extend(block.splitlines())
            (directory / f"{name}.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return starts


def _where(starts: dict[str, list[tuple[int, str]]], module: str, line: int) -> str:
    label, first = module, 1
    for start, block in starts.get(module, []):
        if start <= line:
            label, first = block, start
    return f"{label}, line {line - first + 1}"


def test_code_blocks_pass_mypy_strict_and_pyright_strict(tmp_path: Path) -> None:
    import json
    import subprocess

    api = pytest.importorskip("mypy.api", reason="the checkers are in the dev extra (the compat run has none)")
    pyright = Path(sys.executable).with_name("pyright")
    if not pyright.exists():
        pytest.skip("pyright is in the dev extra (the compat run has none)")

    starts = _write_page_modules(tmp_path)
    modules = sorted(str(tmp_path / name) for name in starts)
    problems: list[str] = []

    stdout, _, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / ".mypy"),
            *modules,
        ]
    )
    for line in stdout.splitlines():
        found = re.match(r"^(.*?\.py):(\d+): error: (.*)$", line)
        if found:
            problems.append(f"mypy: {_where(starts, Path(found[1]).name, int(found[2]))}: {found[3]}")
    if status and not problems:
        problems.append(f"mypy failed: {stdout}")

    (tmp_path / "pyrightconfig.json").write_text(json.dumps(_PYRIGHT_CONFIG), encoding="utf-8")
    completed = subprocess.run(
        [str(pyright), "--outputjson", "--pythonpath", sys.executable, "--project", str(tmp_path), *modules],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    report = json.loads(completed.stdout)
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] == "error":
            line = diagnostic["range"]["start"]["line"] + 1
            where = _where(starts, Path(diagnostic["file"]).name, line)
            problems.append(f"pyright: {where}: {diagnostic['message'].splitlines()[0]}")
    assert not problems, "docs blocks that do not type-check:\n" + "\n".join(problems)
