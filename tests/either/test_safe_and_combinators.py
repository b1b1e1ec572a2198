"""`safe`, `attempt` and the combinators, with their misuse errors."""

from __future__ import annotations

import asyncio
import types
from collections.abc import Iterator

import pytest

import either
from either import Either, Left, NonEmpty, NotAnEitherError, Right


@either.safe(ValueError)
def to_int(text: str) -> int:
    return int(text)


def test_safe_catches_only_the_listed_exceptions() -> None:
    assert to_int("3") == Right(3)
    result = to_int("x")
    assert isinstance(result, Left)
    assert isinstance(result.error, ValueError)
    assert result.error.__traceback__ is not None  # the traceback is kept

    @either.safe(KeyError)
    def other(text: str) -> int:
        return int(text)

    with pytest.raises(ValueError, match="invalid literal"):
        other("x")


def test_safe_bare_and_empty_catch_exception() -> None:
    @either.safe
    def bare(x: int) -> float:
        return 1 / x

    @either.safe()
    def empty(x: int) -> float:
        return 1 / x

    assert bare(2) == Right(0.5)
    assert isinstance(bare(0).left_or_none(), ZeroDivisionError)
    assert isinstance(empty(0).left_or_none(), ZeroDivisionError)
    assert bare.__name__ == "bare"


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit, asyncio.CancelledError, GeneratorExit])
def test_base_exceptions_are_refused_and_never_caught(exc: type[BaseException]) -> None:
    with pytest.raises(TypeError, match="only turns Exception subclasses into a Left"):
        either.safe(exc)  # type: ignore[arg-type,type-var]
    with pytest.raises(TypeError, match="only turns Exception subclasses into a Left"):
        either.attempt(lambda: 1, exc)  # type: ignore[arg-type,type-var]

    @either.safe
    def interrupted() -> int:
        raise exc

    with pytest.raises(exc):
        interrupted()
    with pytest.raises(exc):
        either.attempt(interrupted)


def test_safe_rejects_non_exception_arguments() -> None:
    with pytest.raises(TypeError, match=r"safe\(\) expected exception classes, got 'oops' \(str\)"):
        either.safe("oops")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"safe\(\) expected exception classes, got <class 'int'>"):
        either.safe(int)  # type: ignore[arg-type,type-var]
    with pytest.raises(TypeError, match=r"safe\(\.\.\.\) decorates a function, got 3 \(int\)"):
        either.safe(ValueError)(3)  # type: ignore[arg-type]


def test_attempt() -> None:
    assert either.attempt(lambda: 4) == Right(4)
    result = either.attempt(lambda: {}["k"], KeyError)  # type: ignore[index]
    assert isinstance(result.left_or_none(), KeyError)
    with pytest.raises(ZeroDivisionError):
        either.attempt(lambda: 1 / 0, KeyError)
    with pytest.raises(TypeError, match=r"attempt\(\) expected a callable taking no arguments, got 5"):
        either.attempt(5)  # type: ignore[call-overload]


def test_sequence_is_lazy() -> None:
    consumed: list[int] = []

    def produce() -> Iterator[Either[str, int]]:
        for i in range(10):
            consumed.append(i)
            yield Right(i) if i != 2 else Left("stop")

    assert either.sequence(produce()) == Left("stop")
    assert consumed == [0, 1, 2]
    assert either.sequence([]) == Right([])


def test_traverse() -> None:
    assert either.traverse(to_int, ["1", "2"]) == Right([1, 2])
    seen: list[str] = []

    def recording(text: str) -> Either[ValueError, int]:
        seen.append(text)
        return to_int(text)

    assert isinstance(either.traverse(recording, iter(["1", "x", "3"])), Left)
    assert seen == ["1", "x"]


def test_partition_collect_validate_all_first_right() -> None:
    items: list[Either[str, int]] = [Right(1), Left("a"), Right(2), Left("b")]
    assert either.partition(items) == (["a", "b"], [1, 2])
    assert either.collect(*items) == Left(NonEmpty("a", "b"))
    assert either.collect(Right(1), Right("x")) == Right((1, "x"))
    assert either.collect() == Right(())
    assert either.first_right(items) == Right(1)
    assert either.first_right([Left("a"), Left("b")]) == Left(["a", "b"])
    assert either.first_right([]) == Left([])

    def small(n: int) -> Either[str, int]:
        return Right(n) if n < 10 else Left("too big")

    def even(n: int) -> Either[str, int]:
        return Right(n) if n % 2 == 0 else Left("odd")

    assert either.validate_all(4, small, even) == Right(4)
    assert either.validate_all(11, small, even) == Left(NonEmpty("too big", "odd"))
    assert either.validate_all(4) == Right(4)


def test_first_right_stops_at_the_first_success() -> None:
    tried: list[str] = []

    def alternatives() -> Iterator[Either[str, str]]:
        for name in ("cache", "db", "network"):
            tried.append(name)
            yield Right(name) if name == "db" else Left(f"{name} failed")

    assert either.first_right(alternatives()) == Right("db")
    assert tried == ["cache", "db"]


@pytest.mark.parametrize(
    ("call", "where"),
    [
        (lambda: either.sequence([Right(1), 2]), r"sequence\(\) expected a Left or a Right at item 1, got 2 \(int\)"),
        (lambda: either.partition([3]), r"partition\(\) expected a Left or a Right at item 0, got 3"),
        (lambda: either.collect(Right(1), None), r"collect\(\) expected a Left or a Right at item 1, got None"),
        (lambda: either.first_right([Left(1), "x"]), r"first_right\(\) expected a Left or a Right at item 1"),
        (lambda: either.traverse(lambda x: x, [1]), r"traverse\(\) expected .*<lambda> to return a Left or a Right"),
        (lambda: either.validate_all(1, lambda x: x), r"validate_all\(\) expected .*<lambda> to return a Left or"),
    ],
)
def test_combinators_name_a_non_either(call: object, where: str) -> None:
    with pytest.raises(NotAnEitherError, match=where):
        call()  # type: ignore[operator]


def test_public_names_are_exactly_all() -> None:
    # Skipped: submodules (`either.strategies`, `either.testing`), attributes once imported, and
    # the `@py_builtins` names pytest's assertion rewriting adds to a plugin's distribution.
    public = {
        name
        for name in dir(either)
        if name.isidentifier() and not name.startswith("_") and not isinstance(getattr(either, name), types.ModuleType)
    }
    assert public == set(either.__all__)
    assert sorted(either.__all__) == either.__all__
    for name in either.__all__:
        assert getattr(either, name) is not None
