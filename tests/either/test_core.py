"""Behaviour of `Left` and `Right`: every method, equality, repr, errors, tracing."""

from __future__ import annotations

import subprocess
import sys

import pytest

import either
from either import Either, Left, NotAnEitherError, Right, UnwrapError
from either._core import _set_tracing


def test_values_are_slotted_final_and_read_only() -> None:
    value = Right(1)
    with pytest.raises(AttributeError):
        value.value = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        value.extra = 3  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        Left("e").error = "f"  # type: ignore[misc]
    assert not hasattr(value, "__dict__")
    with pytest.raises(TypeError, match="Right is final"):
        type("Sub", (Right,), {})
    with pytest.raises(TypeError, match="Left is final"):
        type("Sub", (Left,), {})


def test_equality_and_hash() -> None:
    assert Right(1) == Right(1)
    assert Right(1) != Right(2)
    assert Right(1) != Left(1)
    assert Left(1) != Right(1)
    assert Left("e") == Left("e")
    assert Right(1) != 1
    assert Left(1) != 1
    assert not (Right(1) != Right(1))  # noqa: SIM202 - __ne__ itself is under test
    assert len({Right(1), Right(1), Left(1), Left(1)}) == 2
    assert hash(Right((1, 2))) == hash(Right((1, 2)))


def test_ordering_is_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="'<' not supported"):
        Right(1) < Right(2)  # type: ignore[operator]  # noqa: B015


def test_repr() -> None:
    assert repr(Right([1, "a"])) == "Right([1, 'a'])"
    assert repr(Left(KeyError("k"))) == "Left(KeyError('k'))"


def test_match_captures() -> None:
    def describe(value: Either[str, int]) -> str:
        match value:
            case Right(number):
                return f"ok {number}"
            case Left(text):
                return f"error {text}"

    assert describe(Right(3)) == "ok 3"
    assert describe(Left("x")) == "error x"


def square(x: int) -> int:
    return x * x


def test_map_and_map_left() -> None:
    assert Right(3).map(square) == Right(9)
    assert Left("e").map(square) == Left("e")
    assert Left("e").map_left(str.upper) == Left("E")
    assert Right(3).map_left(str.upper) == Right(3)


def test_bind_runs_only_on_right() -> None:
    def half(x: int) -> Either[str, int]:
        return Right(x // 2) if x % 2 == 0 else Left(f"odd: {x}")

    assert Right(8).bind(half).bind(half) == Right(2)
    assert Right(6).bind(half).bind(half) == Left("odd: 3")
    calls: list[int] = []
    assert Left("early").bind(lambda x: calls.append(x) or Right(x)) == Left("early")
    assert calls == []


def test_bind_left_and_recover() -> None:
    assert Left("e").bind_left(lambda e: Right(len(e))) == Right(1)
    assert Left("e").recover(lambda e: Left(e * 2)) == Left("ee")
    assert Right(1).recover(lambda e: Right(0)) == Right(1)


def test_bind_rejects_a_plain_return_value_with_a_clear_error() -> None:
    with pytest.raises(
        NotAnEitherError, match=r"bind\(\) expected .*<lambda> to return a Left or a Right, got 2 \(int\)"
    ):
        Right(1).bind(lambda x: x + 1)  # type: ignore[arg-type,return-value]
    with pytest.raises(NotAnEitherError, match=r"bind_left\(\) expected"):
        Left(1).bind_left(lambda e: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError):  # NotAnEitherError is a TypeError too
        Right(1).bind(str)  # type: ignore[arg-type]


def test_non_callables_are_named() -> None:
    for method in ("map", "bind"):
        with pytest.raises(NotAnEitherError, match=rf"{method}\(\) expected a callable, got 5 \(int\)"):
            getattr(Right(1), method)(5)
    for method in ("map_left", "bind_left"):
        with pytest.raises(NotAnEitherError, match=rf"{method}\(\) expected a callable, got 'x' \(str\)"):
            getattr(Left(1), method)("x")


def test_a_type_error_raised_inside_the_callback_propagates_unchanged() -> None:
    def broken(x: int) -> Either[str, int]:
        raise TypeError("inner")

    with pytest.raises(TypeError, match="inner") as info:
        Right(1).bind(broken)
    assert type(info.value) is TypeError
    with pytest.raises(TypeError, match="inner"):
        Right(1).map(broken)
    with pytest.raises(TypeError, match="inner"):
        Left(1).map_left(broken)
    with pytest.raises(TypeError, match="inner"):
        Left(1).bind_left(broken)


def test_ensure_tap_fold_swap() -> None:
    assert Right(5).ensure(lambda x: x > 3, "small") == Right(5)
    assert Right(1).ensure(lambda x: x > 3, "small") == Left("small")
    assert Left("e").ensure(lambda x: False, "small") == Left("e")
    seen: list[object] = []
    assert Right(1).tap(seen.append).tap_left(seen.append) == Right(1)
    assert Left(2).tap(seen.append).tap_left(seen.append) == Left(2)
    assert seen == [1, 2]
    assert Right(2).fold(len, square) == 4
    assert Left("abc").fold(len, square) == 3
    assert Right(1).swap() == Left(1)
    assert Left(1).swap() == Right(1)


def test_predicates_and_accessors() -> None:
    assert Right(1).is_right() and not Right(1).is_left()
    assert Left(1).is_left() and not Left(1).is_right()
    assert Right(1).right_or_none() == 1 and Right(1).left_or_none() is None
    assert Left(1).left_or_none() == 1 and Left(1).right_or_none() is None
    assert Right(1).unwrap() == 1
    assert Right(1).unwrap_or(0) == 1 and Left(1).unwrap_or(0) == 0
    assert Right(1).unwrap_or_else(len) == 1 and Left("abc").unwrap_or_else(len) == 3
    assert Left("e").unwrap_left() == "e"
    assert Right(1).expect("needed") == 1


def test_unwrap_on_left_shows_the_error() -> None:
    with pytest.raises(UnwrapError, match=r"called unwrap\(\) on Left\('no such user'\): expected a Right") as info:
        Left("no such user").unwrap()
    assert info.value.either == Left("no such user")
    assert info.value.__cause__ is None
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, either.EitherwayError)


def test_unwrap_chains_from_a_held_exception() -> None:
    def parse() -> Either[ValueError, int]:
        try:
            return Right(int("x"))
        except ValueError as exc:
            return Left(exc)

    with pytest.raises(UnwrapError) as info:
        parse().unwrap()
    cause = info.value.__cause__
    assert isinstance(cause, ValueError)
    assert cause.__traceback__ is not None


def test_expect_and_unwrap_left_messages() -> None:
    with pytest.raises(UnwrapError, match=r"^config must load: Left\('missing file'\)$"):
        Left("missing file").expect("config must load")
    with pytest.raises(UnwrapError, match=r"called unwrap_left\(\) on Right\(1\): expected a Left"):
        Right(1).unwrap_left()


def test_messages_stay_short_for_huge_values() -> None:
    with pytest.raises(UnwrapError) as info:
        Left("x" * 1_000_000).unwrap()
    assert len(str(info.value)) < 300


def test_constructor_functions() -> None:
    assert either.right(1) == Right(1)
    assert either.left("e") == Left("e")
    assert either.from_optional(0, "none") == Right(0)
    assert either.from_optional(None, "none") == Left("none")


def make_left() -> Left[str]:
    return Left("traced")


def test_tracing_records_the_creation_site() -> None:
    _set_tracing(True)
    try:
        value = make_left()
        helper_made = either.left("via helper")
    finally:
        _set_tracing(False)
    assert value.origin is not None
    assert value.origin.endswith("in make_left")
    assert "test_core.py:" in value.origin
    assert "created at" in repr(value)
    assert isinstance(helper_made, Left)
    assert helper_made.origin is not None
    assert "in test_tracing_records_the_creation_site" in helper_made.origin  # skips either's own frames
    with pytest.raises(UnwrapError, match=r"created at .*in make_left"):
        value.unwrap()
    assert Left("untraced").origin is None
    assert repr(Left("untraced")) == "Left('untraced')"


def test_tracing_is_switched_on_by_the_environment() -> None:
    code = "import either; v = either.Left(1); print(v.origin is not None, 'created at' in repr(v))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"EITHERWAY_TRACE": "1", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["True", "True"]
    out = subprocess.run([sys.executable, "-c", code], env={"PATH": ""}, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_broken_repr_does_not_hide_the_error() -> None:
    class Weird:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    with pytest.raises(UnwrapError, match=r"on Left\(<Weird instance at 0x[0-9a-f]+>\)"):
        Left(Weird()).unwrap()
