"""Unions on a mkdocs-style config: the valid path, and a typo inside the map member.

`theme: str | Theme`, `font: Font | Literal[False]` and a list of plugins as `str | dict`,
parsed by `validation.Options` and by pydantic `BaseModel(extra='forbid')` of the same
shape. Issue 15 asks that reporting only the members the input's kind fits leaves the
valid path as it was (it does no work there) and keeps the error path bounded. Rounds are
interleaved; ratios are medians against pydantic. Run with `python bench/union_bench.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from validation import Options

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import compare

ROUNDS = 15


class Palette(Options):
    scheme: str = "default"
    primary: str = "indigo"


class Theme(Options):
    name: str
    palette: Palette = Palette()
    features: list[str] = []  # noqa: RUF012


class Font(Options):
    text: str = "Roboto"
    code: str = "Roboto Mono"


class Site(Options):
    site_name: str
    theme: str | Theme = "mkdocs"
    font: Font | Literal[False] = False
    plugins: list[str | dict[str, dict[str, Any]]] = []  # noqa: RUF012


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PydPalette(_Closed):
    scheme: str = "default"
    primary: str = "indigo"


class PydTheme(_Closed):
    name: str
    palette: PydPalette = PydPalette()
    features: list[str] = []


class PydFont(_Closed):
    text: str = "Roboto"
    code: str = "Roboto Mono"


class PydSite(_Closed):
    site_name: str
    theme: str | PydTheme = "mkdocs"
    font: PydFont | Literal[False] = False
    plugins: list[str | dict[str, dict[str, Any]]] = []


VALID = {
    "site_name": "Docs",
    "theme": {"name": "material", "palette": {"scheme": "slate"}, "features": ["navigation.tabs"]},
    "font": {"text": "Inter"},
    "plugins": ["search", {"tags": {"tags_file": "tags.md"}}],
}
TYPO = {**VALID, "theme": {"name": "material", "palete": {"scheme": "slate"}}}


def _pydantic(data: dict[str, Any]) -> object:
    try:
        return PydSite.model_validate(data)
    except ValidationError as exc:
        return exc.errors()


def main() -> None:
    assert Site.parse(VALID).is_right()
    assert Site.parse(TYPO).is_left()
    compare(
        "mkdocs-style unions, valid input",
        {"pydantic BaseModel": lambda: _pydantic(VALID), "validation.Options": lambda: Site.parse(VALID)},
        baseline="pydantic BaseModel",
        rounds=ROUNDS,
    )
    compare(
        "mkdocs-style unions, one typo inside theme (one issue vs pydantic's two errors)",
        {"pydantic BaseModel": lambda: _pydantic(TYPO), "validation.Options": lambda: Site.parse(TYPO)},
        baseline="pydantic BaseModel",
        rounds=ROUNDS,
    )


if __name__ == "__main__":
    main()
