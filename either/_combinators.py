"""Combinators over many results: fail fast (`sequence`, `traverse`) or keep every error.

`sequence` and `traverse` stop at the first `Left` without consuming the rest of an
iterator, so they can drive generators of expensive steps. `collect` and `validate_all`
run everything and accumulate every error in order, for reporting all problems at once,
as a `NonEmpty` (a `Left` of "every error" always holds at least one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

from either._checks import check_callable
from either._core import Either, Left, Right
from either._errors import ArgumentTypeError, NotAnEitherError, describe, name_of
from either._nonempty import NonEmpty, _of

__all__ = ["collect", "first_right", "partition", "sequence", "traverse", "validate_all"]

_A = TypeVar("_A")
_B = TypeVar("_B")
_E = TypeVar("_E")
_A1 = TypeVar("_A1")
_A2 = TypeVar("_A2")
_A3 = TypeVar("_A3")
_A4 = TypeVar("_A4")
_E1 = TypeVar("_E1")
_E2 = TypeVar("_E2")
_E3 = TypeVar("_E3")
_E4 = TypeVar("_E4")


def _not_either(caller: str, index: int, value: object) -> NotAnEitherError:
    return NotAnEitherError(f"{caller}() expected a Left or a Right at item {index}, got {describe(value)}")


def _items(caller: str, items: Iterable[_A]) -> Iterable[_A]:
    """`items` as an iterator, or an `ArgumentTypeError` naming what came instead of an iterable."""
    try:
        return iter(items)
    except TypeError:
        raise ArgumentTypeError(f"{caller}() expected an iterable, got {describe(items)}") from None


def _bad_result(caller: str, f: object, value: object) -> NotAnEitherError:
    return NotAnEitherError(f"{caller}() expected {name_of(f)} to return a Left or a Right, got {describe(value)}")


def sequence(eithers: Iterable[Either[_E, _A]]) -> Either[_E, list[_A]]:
    """`Right` of every value in order, or the first `Left`; stops reading at that `Left`.

    >>> sequence([Right(1), Right(2)])
    Right([1, 2])
    >>> sequence(iter([Right(1), Left("bad"), Right(3)]))
    Left('bad')
    """
    values: list[_A] = []
    append = values.append
    for index, item in enumerate(_items("sequence", eithers)):
        if type(item) is Right:
            append(item._value)
        elif type(item) is Left:
            return item
        else:
            raise _not_either("sequence", index, item)
    return Right(values)


def traverse(f: Callable[[_A], Either[_E, _B]], items: Iterable[_A]) -> Either[_E, list[_B]]:
    """`sequence(map(f, items))`: apply a fallible step to each item, stopping at a failure.

    >>> traverse(lambda s: Right(int(s)) if s.isdigit() else Left(s), ["1", "x", "3"])
    Left('x')
    """
    check_callable("traverse", f)
    values: list[_B] = []
    append = values.append
    for item in _items("traverse", items):
        result = f(item)
        if type(result) is Right:
            append(result._value)
        elif type(result) is Left:
            return result
        else:
            raise _bad_result("traverse", f, result)
    return Right(values)


def partition(eithers: Iterable[Either[_E, _A]]) -> tuple[list[_E], list[_A]]:
    """Split results into `(errors, values)`, each in its original order.

    >>> partition([Right(1), Left("a"), Right(2)])
    (['a'], [1, 2])
    """
    return _split(eithers, "partition")


def _split(eithers: Iterable[Either[_E, _A]], caller: str) -> tuple[list[_E], list[_A]]:
    errors: list[_E] = []
    values: list[_A] = []
    for index, item in enumerate(_items(caller, eithers)):
        if type(item) is Right:
            values.append(item._value)
        elif type(item) is Left:
            errors.append(item._error)
        else:
            raise _not_either(caller, index, item)
    return errors, values


@overload
def collect(e1: Either[_E1, _A1], /) -> Either[NonEmpty[_E1], tuple[_A1]]: ...
@overload
def collect(e1: Either[_E1, _A1], e2: Either[_E2, _A2], /) -> Either[NonEmpty[_E1 | _E2], tuple[_A1, _A2]]: ...
@overload
def collect(
    e1: Either[_E1, _A1], e2: Either[_E2, _A2], e3: Either[_E3, _A3], /
) -> Either[NonEmpty[_E1 | _E2 | _E3], tuple[_A1, _A2, _A3]]: ...
@overload
def collect(
    e1: Either[_E1, _A1], e2: Either[_E2, _A2], e3: Either[_E3, _A3], e4: Either[_E4, _A4], /
) -> Either[NonEmpty[_E1 | _E2 | _E3 | _E4], tuple[_A1, _A2, _A3, _A4]]: ...
@overload
def collect(*eithers: Either[_E, _A]) -> Either[NonEmpty[_E], tuple[_A, ...]]: ...
def collect(*eithers: Either[Any, Any]) -> Either[NonEmpty[Any], tuple[Any, ...]]:
    """Every value as a tuple, or `Left` of every error in argument order.

    Unlike `sequence`, nothing stops early: the point is to report all failures at once.

    >>> collect(Right(1), Right("a"))
    Right((1, 'a'))
    >>> collect(Left("no name"), Right(3), Left("no email"))
    Left(NonEmpty('no name', 'no email'))
    """
    errors, values = _split(eithers, "collect")
    return Left(_of(tuple(errors))) if errors else Right(tuple(values))


def validate_all(value: _A, *checks: Callable[[_A], Either[_E, object]]) -> Either[NonEmpty[_E], _A]:
    """Run every check on `value`: `Right(value)` if all pass, else `Left` of every error.

    >>> def positive(n: int) -> Either[str, int]:
    ...     return Right(n) if n > 0 else Left("not positive")
    >>> def even(n: int) -> Either[str, int]:
    ...     return Right(n) if n % 2 == 0 else Left("not even")
    >>> validate_all(-3, positive, even)
    Left(NonEmpty('not positive', 'not even'))
    >>> validate_all(4, positive, even)
    Right(4)
    """
    errors: list[_E] = []
    for check in checks:
        result = check(value)
        if type(result) is Left:
            errors.append(result._error)
        elif type(result) is not Right:
            raise _bad_result("validate_all", check, result)
    return Left(_of(tuple(errors))) if errors else Right(value)


def first_right(eithers: Iterable[Either[_E, _A]]) -> Either[list[_E], _A]:
    """The first `Right`, or `Left` of every error when none succeeds; stops at that `Right`.

    The errors are a `list`, not a `NonEmpty`: given no alternatives at all, it is empty.

    Give it a generator to try alternatives lazily: later ones are not computed.

    >>> first_right([Left("cache miss"), Right("from db"), Right("unused")])
    Right('from db')
    >>> first_right([Left("cache miss"), Left("db down")])
    Left(['cache miss', 'db down'])
    """
    errors: list[_E] = []
    for index, item in enumerate(_items("first_right", eithers)):
        if type(item) is Right:
            return item
        if type(item) is Left:
            errors.append(item._error)
        else:
            raise _not_either("first_right", index, item)
    return Left(errors)
