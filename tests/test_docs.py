"""Every ```python block in README.md and docs/ runs, in order, one namespace per page.

A block whose first line is `# not run` is skipped (used for snippets that need a network
or a terminal); a block may show expected output in a following ```text block, which is
not checked: the blocks assert what matters themselves.
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


def _blocks(page: Path) -> list[str]:
    return [block for block in FENCE.findall(page.read_text(encoding="utf-8")) if not block.startswith("# not run")]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_code_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    module = types.ModuleType(f"docs_{page.stem.replace('-', '_')}")
    monkeypatch.setitem(sys.modules, module.__name__, module)  # dataclasses look their module up
    namespace = module.__dict__
    for number, block in enumerate(_blocks(page), start=1):
        code = compile(block, f"{page.name} block {number}", "exec", flags=_top_level_await(), dont_inherit=True)
        result = eval(code, namespace)
        if asyncio.iscoroutine(result):
            asyncio.run(result)


def _top_level_await() -> int:
    import ast

    return ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def test_every_page_has_code() -> None:
    assert PAGES, "no documentation pages found"
