"""Static checks for `either` values, bind chains and combinators (mypy --strict and pyright).

Lines ending in `# type: ignore[code]` must be errors in BOTH checkers: mypy runs with
`warn_unused_ignores` and pyright with `reportUnnecessaryTypeIgnoreComment`, so a line
that stops failing fails the suite.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import Never, assert_never, assert_type

import either
from either import Either, Left, NonEmpty, Right


class NotFound: ...


class Deleted: ...


class Locked: ...


class Profile: ...


class Session: ...


def fetch(user_id: int) -> Either[NotFound, Profile]:
    return Left(NotFound())


def check_deleted(profile: Profile) -> Either[Deleted, Profile]:
    return Right(profile)


def open_session(profile: Profile) -> Either[Locked, Session]:
    return Right(Session())


# --- construction -------------------------------------------------------------------
assert_type(Right(1), Right[int])
assert_type(Left("e"), Left[str])
assert_type(Right(1).value, int)
assert_type(Left("e").error, str)
assert_type(either.right(1), Either[Never, int])
assert_type(either.left("e"), Either[str, Never])
assert_type(either.from_optional({"a": 1}.get("a"), "missing"), Either[str, int])

# --- widening through a 3-step bind chain ------------------------------------------
chain = fetch(1).bind(check_deleted).bind(open_session)
assert_type(chain, Left[NotFound] | Left[Deleted] | Left[Locked] | Right[Session])
widened: Either[NotFound | Deleted | Locked, Session] = chain
narrow: Either[NotFound | Deleted, Session] = chain  # type: ignore[assignment]

# --- map / map_left / recover / swap (a parameter keeps the declared union) -----------


def plus_one(number: int) -> int:
    return number + 1


def methods(result: Either[str, int]) -> None:
    assert_type(result.map(str), Left[str] | Right[str])
    assert_type(result.map_left(len), Left[int] | Right[int])
    assert_type(result.recover(lambda e: Right(0)), Left[Never] | Right[int])
    assert_type(result.bind(lambda n: Right(str(n))), Left[str] | Left[Never] | Right[str])
    recovered = result.bind_left(lambda e: Left(len(e)))
    _recovered: Either[int, int] = recovered
    _still_str: Either[str, int] = recovered  # type: ignore[assignment]
    _mixed: Either[int, int] = result.recover(lambda e: Right(0) if e else Left(len(e)))
    assert_type(result.swap(), Right[str] | Left[int])
    assert_type(result.ensure(lambda n: n > 0, "negative"), Left[str] | Right[int])
    assert_type(result.tap(print), Left[str] | Right[int])
    assert_type(result.fold(len, lambda n: n * 2), int)
    assert_type(result.unwrap(), int)
    assert_type(result.unwrap_or(None), int | None)
    assert_type(result.unwrap_or_else(len), int)
    assert_type(result.right_or_none(), int | None)
    assert_type(result.left_or_none(), str | None)
    assert_type(result.expect("needs a number"), int)
    assert_type(result.is_right(), bool)
    result.map(lambda n: n.upper())  # type: ignore[attr-defined]
    result.bind(plus_one)  # type: ignore[arg-type]

    match result:
        case Right(value):
            assert_type(value, int)
        case Left(error):
            assert_type(error, str)
        case _:
            assert_never(result)

    if isinstance(result, Right):
        assert_type(result, Right[int])
    else:
        assert_type(result, Left[str])


assert_type(Left("e").unwrap_left(), str)
assert_type(Right(1).is_right(), Literal[True])


# --- covariance ------------------------------------------------------------------------
class Animal: ...


class Dog(Animal): ...


def variance(dogs: Either[NotFound, Dog], animals: Either[NotFound | Deleted, Animal]) -> None:
    _widened: Either[NotFound | Deleted, Animal] = dogs
    _narrowed: Either[NotFound, Dog] = animals  # type: ignore[assignment]


# --- exceptions ----------------------------------------------------------------------


@either.safe(ValueError)
def parse_port(text: str) -> int:
    return int(text)


@either.safe(KeyError, ValueError)
def lookup(table: dict[str, str], key: str) -> int:
    return int(table[key])


@either.safe
def anything(text: str) -> float:
    return float(text)


assert_type(parse_port("80"), Either[ValueError, int])
assert_type(lookup({}, "a"), Either[KeyError | ValueError, int])
assert_type(anything("1.5"), Either[Exception, float])
assert_type(either.attempt(lambda: int("1")), Either[Exception, int])
assert_type(either.attempt(lambda: int("1"), ValueError), Either[ValueError, int])
parse_port(80)  # type: ignore[arg-type]

# --- combinators -------------------------------------------------------------------------
items: list[Either[str, int]] = [Right(1), Left("x")]
assert_type(either.sequence(items), Either[str, list[int]])
assert_type(either.traverse(fetch, [1, 2]), Either[NotFound, list[Profile]])
assert_type(either.partition(items), tuple[list[str], list[int]])
assert_type(either.collect(fetch(1), parse_port("1")), Either[NonEmpty[NotFound | ValueError], tuple[Profile, int]])
assert_type(either.collect(*items), Either[NonEmpty[str], tuple[int, ...]])
assert_type(either.first_right(items), Either[list[str], int])


def positive(number: int) -> Either[str, int]:
    return Right(number)


assert_type(either.validate_all(3, positive, positive), Either[NonEmpty[str], int])
