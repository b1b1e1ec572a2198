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


class Cat(Options):
    kind: Literal["cat"]
    lives: int = 9


class Dog(Options):
    kind: Literal["dog"]
    bark: int = 1


class Home(Options):
    pets: dict[str, Cat | Dog] = {}  # noqa: RUF012


class PydCat(_Closed):
    kind: Literal["cat"]
    lives: int = 9


class PydDog(_Closed):
    kind: Literal["dog"]
    bark: int = 1


class PydHome(_Closed):
    pets: dict[str, PydCat | PydDog] = {}


PETS = {"pets": {"rex": {"kind": "dog", "brak": 2}, "tom": {"kind": "cat", "lives": 7}}}
MANY_PETS = {"pets": {f"p{i}": {"kind": "dog", "brak": 2} for i in range(2_000)}}


def _pyd_home(data: dict[str, Any]) -> object:
    try:
        return PydHome.model_validate(data)
    except ValidationError as exc:
        return exc.errors()


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
    assert len(Home.parse(PETS).unwrap_left()) == 1
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

    compare(
        "two option classes in a union, one typo (the member the Literal tag names is reported)",
        {"pydantic BaseModel": lambda: _pyd_home(PETS), "validation.Options": lambda: Home.parse(PETS)},
        baseline="pydantic BaseModel",
        rounds=ROUNDS,
    )
    compare(
        "two option classes in a union, 2 000 typos (1 000 listed, the rest counted as reported)",
        {"pydantic BaseModel": lambda: _pyd_home(MANY_PETS), "validation.Options": lambda: Home.parse(MANY_PETS)},
        baseline="pydantic BaseModel",
        rounds=5,
    )


if __name__ == "__main__":
    main()
