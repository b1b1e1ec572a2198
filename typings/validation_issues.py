"""Static typing of the error model (`Issue`, `Invalid`, `InvalidOptions`), checked by mypy and pyright."""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import assert_type

from either import EitherwayError
from validation import Invalid, InvalidOptions, Issue
from validation._suggest import KeySuggester, suggest_values


def issue_fields(issue: Issue) -> None:
    assert_type(issue.path, tuple[str | int, ...])
    assert_type(issue.code, str)
    assert_type(issue.message, str)
    assert_type(issue.suggestions, tuple[str, ...])
    assert_type(issue.source, str | None)
    assert_type(issue.path_text, str)
    assert_type(issue.to_json(), dict[str, object])
    assert_type(issue.under("server", 0), Issue)
    assert_type(issue.with_source("env"), Issue)
    issue.code = "missing"  # type: ignore[misc]  # frozen


def building_issues() -> None:
    Issue(("server", "port"), "wrong_type", "expected int")
    Issue(("servers", 2), "missing", "required key missing", suggestions=("port",), source="app.toml")
    Issue(["server"], "missing", "m")  # type: ignore[arg-type]  # a path is a tuple
    Issue(("server",), "missing")  # type: ignore[call-arg]  # a message is required


def invalid_values(invalid: Invalid) -> None:
    assert_type(invalid.issues, tuple[Issue, ...])
    assert_type(invalid.codes, tuple[str, ...])
    assert_type(invalid.paths, tuple[tuple[str | int, ...], ...])
    assert_type(len(invalid), int)
    assert_type(iter(invalid), Iterator[Issue])
    for issue in invalid:
        assert_type(issue, Issue)
    assert_type(invalid.to_json(), list[dict[str, object]])
    assert_type(invalid.to_json(limit=None), list[dict[str, object]])
    assert_type(invalid.under("app"), Invalid)
    assert_type(invalid.with_source("env"), Invalid)
    assert_type(Invalid.merge(invalid, invalid), Invalid)
    assert_type(Invalid([Issue((), "not_a_mapping", "expected a mapping")]), Invalid)


def invalid_options(invalid: Invalid) -> None:
    error = InvalidOptions(invalid, "AppOptions")
    assert_type(error.invalid, Invalid)
    assert_type(error.target, str)
    _caught: EitherwayError = error
    _value_error: ValueError = error


def suggestions() -> None:
    keys = KeySuggester(["street1", "street2"])
    assert_type(keys.suggest("streetz"), tuple[str, ...])
    assert_type(keys.suggest("streetz", present={"street1": 1}.keys()), tuple[str, ...])
    assert_type(suggest_values("infoo", ["info", "debug"]), tuple[object, ...])
