"""Static typing of `either.testing`, `either.strategies` and `validation.strategies` (mypy and pyright).

`st.from_type(Either[str, int])` is not here: mypy rejects it ("Type application is only
supported for generic classes") and pyright accepts it, so it cannot be a must-fail line;
the form both accept, `st.one_of(st.from_type(Left[str]), st.from_type(Right[int]))`, is.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from typing_extensions import assert_type

from either import Deferred, Either, Left, Right
from either.strategies import LawError, check_async_laws, check_laws, deferreds, eithers, lefts, rights
from either.testing import EitherAssertionError, assert_left, assert_right
from validation import Invalid, Options
from validation.strategies import Typo, WrongValue, invalid, typos, valid


class AppOptions(Options):
    host: str
    port: int = 8080


def assert_helpers_return_the_side(result: Either[Invalid, AppOptions], value: Either[str, int]) -> None:
    assert_type(assert_right(result), AppOptions)
    assert_type(assert_left(result), Invalid)
    assert_type(assert_right(value), int)
    assert_type(assert_left(value), str)
    assert_type(assert_right(Right(3)), int)
    assert_type(assert_left(Left("e")), str)
    assert_right(3)  # type: ignore[arg-type]
    assert_left("error")  # type: ignore[arg-type]
    _error: AssertionError = EitherAssertionError("x")
    _law: AssertionError = LawError("law", "m = 1", ("a", 1), ("b", 2))


def validation_strategies_are_typed() -> None:
    assert_type(valid(AppOptions), st.SearchStrategy[dict[str, Any]])
    assert_type(typos(AppOptions), st.SearchStrategy[Typo])
    assert_type(invalid(AppOptions), st.SearchStrategy[WrongValue])
    assert_type(st.from_type(AppOptions), st.SearchStrategy[AppOptions])
    valid("AppOptions")  # type: ignore[arg-type]


def typo_fields(typo: Typo, wrong: WrongValue) -> None:
    data, original, path = typo
    assert_type(data, dict[str, Any])
    assert_type(original, str)
    assert_type(path, tuple[str | int, ...])
    assert_type(wrong.code, str)
    assert_type(wrong.path, tuple[str | int, ...])


def either_strategies_are_typed() -> None:
    assert_type(rights(st.integers()), st.SearchStrategy[Right[int]])
    assert_type(lefts(st.text()), st.SearchStrategy[Left[str]])
    assert_type(eithers(st.text(), st.integers()), st.SearchStrategy[Left[str] | Right[int]])
    assert_type(deferreds(st.text(), st.integers()), st.SearchStrategy[Deferred[str, int]])
    _both: st.SearchStrategy[Either[str, int]] = st.one_of(st.from_type(Left[str]), st.from_type(Right[int]))


def first(n: int) -> Either[str, int]:
    return Right(n)


def then(n: int) -> Either[ValueError, str]:
    return Right(str(n))


async def then_async(n: int) -> Either[KeyError, str]:
    return Right(str(n))


def laws_take_steps_with_different_error_types() -> None:
    check_laws(errors=st.text(), values=st.integers(), bind_first=first, bind_then=then)
    check_laws(errors=st.text(), values=st.integers(), bind_first=first, bind_then=first, map_first=abs, map_then=str)
    check_laws(errors=st.text(), values=st.integers(), bind_first=then, bind_then=then)  # type: ignore[misc]
    check_async_laws(errors=st.text(), values=st.integers(), bind_first=first, bind_then=then_async)
    check_async_laws(errors=st.text(), values=st.integers(), bind_first=then_async, bind_then=then_async)  # type: ignore[misc]
