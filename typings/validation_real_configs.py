"""Static typing of lenient parsing (`Parsed`) and `NamedOptions` (mypy and pyright, no plugin)."""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import assert_type

import validation
from either import Either, Left, Right
from validation import Invalid, Issue, NamedOptions, Options, Parsed, schema


class Toc(Options):
    permalink: bool = False


class Site(Options):
    site_name: str = "docs"
    extensions: list[NamedOptions[Literal["toc", "tables"], Toc]] = []  # noqa: RUF012


def strict_parse_keeps_its_type(data: object) -> None:
    assert_type(Site.parse(data), Either[Invalid, Site])
    assert_type(validation.parse(Site, data), Either[Invalid, Site])
    assert_type(validation.parse(list[int], data), Either[Invalid, list[int]])


def lenient_parse_returns_parsed(data: object) -> None:
    result = Site.parse(data, warn={"unknown_key"})
    assert_type(result, Either[Invalid, Parsed[Site]])
    match result:
        case Right(parsed):
            assert_type(parsed.value, Site)
            assert_type(parsed.warnings, tuple[Issue, ...])
        case Left(invalid):
            assert_type(invalid, Invalid)
    assert_type(validation.parse(Site, data, warn=["unknown_key"]), Either[Invalid, Parsed[Site]])
    assert_type(schema({"a": int}).parse(data, warn={"unknown_key"}), Either[Invalid, Parsed[dict[str, Any]]])
    Site.parse(data, warn=1)  # type: ignore[call-overload]


def named_options_are_typed(site: Site) -> None:
    first = site.extensions[0]
    assert_type(first.name, Literal["toc", "tables"])
    assert_type(first.options, Toc)
    assert_type(NamedOptions("toc", Toc()), NamedOptions[str, Toc])
    first.name = "toc"  # type: ignore[misc]
