"""Static typing of `validation.sources`, `load`, `explain` and the error views (mypy and pyright, no plugin)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from typing_extensions import assert_type

import validation
from either import Either
from validation import Invalid, Issue, Options, Parsed, Setting, sources
from validation.sources import Source


class Retry(Options):
    attempts: int = 3


class AppOptions(Options):
    name: str = "app"
    retry: Retry = Retry()


@dataclasses.dataclass
class Page:
    size: int = 20


def sources_are_values_of_one_type(path: Path) -> None:
    assert_type(sources.env("APP_"), Source)
    assert_type(sources.env("APP_", environ={"APP_NAME": "x"}, nested=".", case_sensitive=True), Source)
    assert_type(sources.dotenv(".env", prefix="APP_", required=False), Source)
    assert_type(sources.file(path, required=False, format="toml"), Source)
    assert_type(sources.values({"name": "x"}, name="overrides"), Source)


def load_returns_either_of_the_class(path: Path) -> None:
    assert_type(AppOptions.load(sources.file(path), sources.env("APP_")), Either[Invalid, AppOptions])
    assert_type(AppOptions.from_env("APP_"), Either[Invalid, AppOptions])
    assert_type(AppOptions.from_env("APP_", {"APP_NAME": "x"}), Either[Invalid, AppOptions])
    assert_type(AppOptions.from_file(path), Either[Invalid, AppOptions])
    assert_type(AppOptions.from_file("app.toml"), Either[Invalid, AppOptions])
    assert_type(validation.load(Page, sources.env("PAGE_")), Either[Invalid, Page])
    params = validation.schema({"port": int}, open=True)
    assert_type(params.load(sources.env("PAGE_")), Either[Invalid, dict[str, Any]])
    assert_type(AppOptions.json_schema(), dict[str, Any])


def lenient_load_returns_parsed(path: Path) -> None:
    result = AppOptions.load(sources.file(path), sources.env("APP_"), warn={"unknown_key"})
    assert_type(result, Either[Invalid, Parsed[AppOptions]])
    parsed = result.unwrap()
    assert_type(parsed.value, AppOptions)
    assert_type(parsed.warnings, tuple[Issue, ...])
    assert_type(parsed.pretty(color=False), str)
    assert_type(AppOptions.load(sources.env("APP_"), warn=None), Either[Invalid, AppOptions])
    assert_type(validation.load(Page, sources.env("PAGE_"), warn=["unknown_key"]), Either[Invalid, Parsed[Page]])
    assert_type(
        validation.load(AppOptions, sources.file(path), warn=frozenset({"unknown_key"})),
        Either[Invalid, Parsed[AppOptions]],
    )


def explain_and_views(options: AppOptions, invalid: Invalid) -> None:
    assert_type(validation.explain(options), tuple[Setting, ...])
    assert_type(invalid.pretty(), str)
    assert_type(invalid.pretty(color=False), str)
    assert_type(invalid.flatten(), dict[str, object])


def mistakes_are_type_errors(path: Path) -> None:
    AppOptions.load({"name": "x"})  # type: ignore[call-overload]
    sources.dotenv(".env")  # type: ignore[call-arg]
    sources.env(prefix=1)  # type: ignore[arg-type]
    validation.explain({"name": "x"})  # type: ignore[arg-type]
    AppOptions.load(sources.env("APP_"), warn=1)  # type: ignore[call-overload]
    validation.load(Page, sources.env("PAGE_"), warn=1)  # type: ignore[call-overload]
    lenient: AppOptions = AppOptions.load(sources.env("APP_"), warn={"unknown_key"}).unwrap()  # type: ignore[assignment]
    strict: Parsed[AppOptions] = AppOptions.load(sources.env("APP_")).unwrap()  # type: ignore[assignment]
    del lenient, strict
