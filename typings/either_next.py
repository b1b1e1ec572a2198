"""Static checks for "either, next": NonEmpty, the handle's methods, guards, context, recovery, Schedule.

Lines ending in `# type: ignore[code]` must be errors in BOTH checkers (mypy runs with
`warn_unused_ignores`, pyright with `reportUnnecessaryTypeIgnoreComment`).
"""

from __future__ import annotations

from collections.abc import Iterator

from typing_extensions import assert_type

import either
from either import Bind, Block, Context, Either, Left, NonEmpty, Right, Schedule


class NotFound: ...


class Timeout: ...


class Invalid: ...


class DbError:
    code = 503


class LoginError: ...


class Profile:
    name = "ada"


def fetch(user_id: int) -> Either[NotFound, Profile]:
    return Right(Profile())


def parse_age(text: str) -> Either[Invalid, int]:
    return Right(36)


def parse_name(text: str) -> Either[Invalid, str]:
    return Right(text)


def load(key: str) -> Either[NotFound | Timeout, bytes]:
    return Right(b"")


def query() -> Either[DbError, str]:
    return Right("row")


# --- NonEmpty ------------------------------------------------------------------------------
errors = NonEmpty("a", "b")
assert_type(errors, NonEmpty[str])
assert_type(errors.head, str)
assert_type(errors.last, str)
assert_type(errors.tail, tuple[str, ...])
assert_type(errors[0], str)
assert_type(errors[1:], tuple[str, ...])
assert_type(errors.map(len), NonEmpty[int])
assert_type(len(errors), int)
assert_type(iter(errors), Iterator[str])
assert_type(NonEmpty.from_iterable([1, 2]), NonEmpty[int] | None)
mixed: NonEmpty[object] = errors  # covariant
NonEmpty()  # type: ignore[call-arg]
errors.head = "c"  # type: ignore[misc]
errors.map(1)  # type: ignore[arg-type]


# --- bind.all / bind.each ------------------------------------------------------------------
@either.do
def signup(bind: Bind[NonEmpty[Invalid]], age: str, name: str) -> str:
    years, label = bind.all(parse_age(age), parse_name(name))
    assert_type(years, int)
    assert_type(label, str)
    five = bind.all(parse_age(age), parse_name(name), parse_age(age), parse_name(name), parse_age(age))
    assert_type(five, tuple[int, str, int, str, int])
    many = bind.all(parse_age("1"), parse_age("2"), parse_age("3"), parse_age("4"), parse_age("5"), parse_age("6"))
    assert_type(many, tuple[int, ...])
    ages = bind.each(["1", "2"], parse_age)
    assert_type(ages, list[int])
    return label


assert_type(signup("36", "ada"), Either[NonEmpty[Invalid], str])


@either.do
def both(bind: Bind[NotFound | NonEmpty[Invalid | NotFound]], user_id: int) -> int:
    profile = bind(fetch(user_id))
    assert_type(profile, Profile)
    age, found = bind.all(parse_age("1"), fetch(user_id))
    assert_type(found, Profile)
    return age


assert_type(both(1), Either[NotFound | NonEmpty[Invalid | NotFound], int])


@either.do
def needs_non_empty(bind: Bind[Invalid]) -> int:
    bind.all(parse_age("1"), parse_age("2"))  # type: ignore[misc, arg-type]
    return bind.each(["1"], parse_age)[0]  # type: ignore[misc, arg-type]


@either.do
def wrong_error(bind: Bind[NonEmpty[Invalid]]) -> object:
    return bind.all(parse_age("1"), fetch(1))  # type: ignore[arg-type]


# --- ensure / ensure_not_none / with_error -------------------------------------------------
ages: dict[str, int] = {"ada": 36}


@either.do
def adult(bind: Bind[NotFound | Invalid], name: str) -> int:
    age = bind.ensure_not_none(ages.get(name), NotFound())
    assert_type(age, int)
    bind.ensure(age >= 18, Invalid())
    bind.ensure(age >= 18, "too young")  # type: ignore[arg-type]
    bind.ensure_not_none(ages.get(name), DbError())  # type: ignore[arg-type]
    return age


@either.do
def login(bind: Bind[LoginError]) -> str:
    row = bind.with_error(lambda e: LoginError(), query())
    assert_type(row, str)
    bind.with_error(lambda e: e, query())  # type: ignore[arg-type, return-value]
    bind.with_error(lambda e: LoginError(), "row")  # type: ignore[arg-type]
    return row


block = Block[NonEmpty[Invalid], int]()
with block as handle:
    pair = handle.all(parse_age("1"), parse_age("2"))
    assert_type(pair, tuple[int, int])
    block.succeed(pair[0])


# --- is_right / is_left --------------------------------------------------------------------
result = fetch(1)
if either.is_right(result):
    assert_type(result, Right[Profile])
else:
    assert_type(result, Left[NotFound])
if either.is_left(result):
    assert_type(result.error, NotFound)
else:
    assert_type(result.value, Profile)
if result.is_right():
    result.value  # type: ignore[union-attr]  # the method narrows nothing

# --- context -------------------------------------------------------------------------------
contexted = fetch(1).context("loading user 1")
assert_type(contexted, Either[Context[NotFound], Profile])
assert_type(fetch(1).context(lambda: "loading"), Either[Context[NotFound], Profile])
assert_type(contexted.context("again"), Either[Context[NotFound], Profile])  # never nested
fetch(1).context(3)  # type: ignore[arg-type]
assert_type(Context("loading", NotFound()), Context[NotFound])
assert_type(Context("outer", Context("inner", NotFound())), Context[NotFound])  # never nested
assert_type(Context("outer", Context("inner", NotFound())).cause, NotFound)
Context(3, NotFound())  # type: ignore[call-overload]
fetch(1).context(lambda: 3)  # type: ignore[arg-type, return-value]
if isinstance(contexted, Left):
    error = contexted.error
    assert_type(error.cause, NotFound)
    assert_type(error.root_cause(), NotFound)
    assert_type(error.find(NotFound), NotFound | None)
    assert_type(error.messages, tuple[str, ...])
    assert_type(error.message, str)
    assert_type(error.pretty(), str)
    error.find("NotFound")  # type: ignore[arg-type]


# --- recover -------------------------------------------------------------------------------
def retry_later(error: Timeout) -> Either[Invalid, bytes]:
    return Right(b"cached")


def not_found(error: NotFound) -> Either[Invalid, bytes]:
    return Right(b"default")


def anything(error: object) -> Either[Invalid, bytes]:
    return Right(b"")


# Both checkers keep the handled class in the error type (neither removes a class from a
# union): recovering Timeout from NotFound | Timeout gives NotFound | Timeout | Invalid,
# spelt as the union of Lefts that bind chains give too.
recovered = load("k").recover(Timeout, retry_later)
assert_type(recovered, Left[NotFound | Timeout] | Left[Invalid] | Right[bytes])
as_either: Either[NotFound | Timeout | Invalid, bytes] = recovered
by_mapping = load("k").recover({Timeout: anything, NotFound: anything})
assert_type(by_mapping, Left[NotFound | Timeout] | Left[Invalid] | Right[bytes])
narrowed_wrongly: Either[NotFound | Invalid, bytes] = recovered  # type: ignore[assignment]
assert_type(load("k").recover(anything), Either[Invalid, bytes])
load("k").recover(Timeout, not_found)  # type: ignore[arg-type]
load("k").recover("Timeout", retry_later)  # type: ignore[call-overload]
load("k").recover(Timeout, lambda e: b"plain")  # type: ignore[arg-type, return-value]
load("k").recover({"Timeout": anything})  # type: ignore[dict-item]

# --- Schedule ------------------------------------------------------------------------------
policy = (Schedule.exponential(0.1) | Schedule.spaced(2.0)) & Schedule.recurs(4)
assert_type(policy, Schedule)
assert_type(policy.jittered(0.5, 1.5, seed=1), Schedule)
assert_type(policy.delays(), Iterator[float])
Schedule.recurs("3")  # type: ignore[arg-type]
Schedule.spaced(1.0) & 3  # type: ignore[operator]
Schedule.exponential(0.1, factor="2")  # type: ignore[arg-type]
