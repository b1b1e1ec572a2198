"""The names rustedpy/result users reach for: `expect_left`, `unwrap_or_raise`, `map_or`,
`map_or_else`, `LeftRight`, and the message `bind` gives for an async step."""

from __future__ import annotations

import gc
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from either import Deferred, Either, Left, LeftRight, NotAnEitherError, Right, UnwrapError

eithers = st.one_of(st.integers().map(Right), st.text(max_size=5).map(Left))


def test_expect_left_names_the_original_right() -> None:
    with pytest.raises(UnwrapError, match=r"^wanted a failure: Right\('yay'\)$") as info:
        Right("yay").expect_left("wanted a failure")
    assert info.value.either == Right("yay")
    assert Left("boom").expect_left("wanted a failure") == "boom"


def test_expect_left_keeps_messages_short() -> None:
    with pytest.raises(UnwrapError) as info:
        Right("x" * 1_000_000).expect_left("no")
    assert len(str(info.value)) < 200


class BoundaryError(Exception):
    pass


def test_unwrap_or_raise_builds_the_exception_from_the_error() -> None:
    assert Right(3).unwrap_or_raise(BoundaryError) == 3
    with pytest.raises(BoundaryError) as info:
        Left("no such user").unwrap_or_raise(BoundaryError)
    assert info.value.args == ("no such user",)
    assert info.value.__cause__ is None


def test_unwrap_or_raise_chains_from_a_held_exception() -> None:
    cause = KeyError("k")
    with pytest.raises(BoundaryError) as info:
        Left(cause).unwrap_or_raise(BoundaryError)
    assert info.value.__cause__ is cause


@pytest.mark.parametrize("bad", [3, "ValueError", int, ValueError("x"), None])
def test_unwrap_or_raise_refuses_what_is_not_an_exception_class(bad: object) -> None:
    for value in (Right(1), Left("e")):
        with pytest.raises(NotAnEitherError, match=r"unwrap_or_raise\(\) expected an exception class, got "):
            value.unwrap_or_raise(bad)  # type: ignore[arg-type]


@given(eithers, st.integers())
def test_map_or_is_fold_with_a_constant(value: Either[str, int], default: int) -> None:
    def double(n: int) -> int:
        return n * 2

    assert value.map_or(default, double) == value.fold(lambda _: default, double)
    assert value.map_or_else(lambda: default, double) == value.fold(lambda _: default, double)


def test_map_or_else_calls_the_default_only_on_a_left() -> None:
    calls: list[str] = []

    def default() -> int:
        calls.append("default")
        return 0

    assert Right(2).map_or_else(default, lambda n: n + 1) == 3
    assert calls == []
    assert Left("e").map_or_else(default, lambda n: n + 1) == 0
    assert calls == ["default"]


@given(eithers)
def test_left_right_tuple_recognises_exactly_the_two_variants(value: Either[str, int]) -> None:
    assert isinstance(value, LeftRight)
    assert not isinstance(value.fold(lambda e: e, lambda n: n), LeftRight)


def test_isinstance_on_the_alias_itself_is_refused_by_python() -> None:
    with pytest.raises(TypeError, match="Subscripted generics"):
        isinstance(Right(1), Either)  # type: ignore[arg-type]


async def double_later(n: int) -> Either[str, int]:
    return Right(n * 2)


def test_bind_with_an_async_function_points_to_deferred_and_closes_the_coroutine() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "never awaited" RuntimeWarning would fail here
        with pytest.raises(NotAnEitherError) as info:
            Right(2).bind(double_later)  # type: ignore[arg-type]
        gc.collect()
    message = str(info.value)
    assert "bind() expected double_later to return a Left or a Right, got <coroutine" in message
    assert "either.Deferred.of(value).bind(double_later)" in message
    with pytest.raises(NotAnEitherError, match=r"Deferred\.of\(value\)\.bind_left\(double_later\)"):
        Left(2).bind_left(double_later)  # type: ignore[arg-type]
    gc.collect()


def test_bind_with_a_deferred_result_points_to_deferred_too() -> None:
    with pytest.raises(NotAnEitherError, match=r"got Deferred\.of\(Right\(1\)\).*Deferred\.of"):
        Right(1).bind(lambda n: Deferred.of(Right(n)))  # type: ignore[arg-type,return-value]


@pytest.mark.anyio
async def test_the_suggested_deferred_chain_works() -> None:
    assert await Deferred.of(Right(2)).bind(double_later) == Right(4)
