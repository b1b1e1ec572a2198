"""Static typing of `replace`, `as_dict`, `@rule`, aliases and null-as-default (mypy and pyright, no plugin)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field
from typing_extensions import assert_type

import validation
from validation import Issue, NullAsDefault, Options


class Pool(Options, null_as_default=True):
    min_connections: int = 1
    max_connections: Annotated[int, Field(alias="maxConn")] = 10
    locale: Annotated[str, NullAsDefault] = "en"

    @validation.rule
    def ordered(self) -> Iterator[Issue]:
        if self.min_connections > self.max_connections:
            yield Issue(("min_connections",), "rule", "must not exceed maxConn")

    @validation.rule
    def single(self) -> Issue | None:
        return None


def replace_keeps_the_class(pool: Pool) -> None:
    assert_type(pool.replace(min_connections=2), Pool)
    assert_type(pool.ordered(), Iterator[Issue])
    Pool(max_connections=3)  # the constructor takes the Python name


def as_dict_modes(pool: Pool) -> None:
    assert_type(validation.as_dict(pool), dict[str, Any])
    assert_type(validation.as_dict(pool, mode="json", reveal_secrets=True), dict[str, Any])
    validation.as_dict(pool, mode="yaml")  # type: ignore[arg-type]


def rule_needs_a_method_returning_issues() -> None:
    @validation.rule  # type: ignore[type-var]
    def not_issues(self: object) -> int:
        return 1
