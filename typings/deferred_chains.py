"""Static checks: Deferred chains widen error types in mypy and pyright, without a plugin."""
# mypy: disable-error-code="unused-awaitable"

from __future__ import annotations

from typing import Any

from typing_extensions import Never, assert_type

import either
from either import Deferred, Either, Left, NonEmpty, Retry, RetryExhausted, Right, Timeout


class NotFound: ...


class Forbidden: ...


class Broken: ...


async def fetch(user_id: int) -> Either[NotFound, str]:
    return Right("ada")


async def authorize(name: str) -> Either[Forbidden, bytes]:
    return Right(name.encode())


def parse(data: bytes) -> Either[Broken, int]:
    return Right(len(data))


def load(size: int) -> Deferred[Broken, float]:
    return Deferred.of(Right(size / 2))


async def count_letters(name: str) -> int:
    return len(name)


async def describe_async(error: NotFound) -> str:
    return "missing"


def default_zero(error: NotFound) -> Right[int]:
    return Right(0)


async def chains() -> None:
    d = Deferred.from_call(fetch, 1)
    assert_type(d, Deferred[NotFound, str])
    assert_type(Deferred(fetch(1)), Deferred[NotFound, str])
    assert_type(Deferred.of(Right(1)), Deferred[Never, int])
    assert_type(Deferred.of(Left("e")), Deferred[str, Never])

    step1 = d.bind(authorize)
    assert_type(step1, Deferred[NotFound | Forbidden, bytes])
    step2 = step1.bind(parse)
    assert_type(step2, Deferred[NotFound | Forbidden | Broken, int])
    step3 = step2.bind(load)
    assert_type(step3, Deferred[NotFound | Forbidden | Broken, float])

    assert_type(d.map(len), Deferred[NotFound, int])
    # An async step is awaited: the value is what it gives, not the coroutine.
    assert_type(d.map(count_letters), Deferred[NotFound, int])
    assert_type(d.map_left(describe_async), Deferred[str, str])
    assert_type(d.map_left(lambda e: "missing"), Deferred[str, str])
    assert_type(d.tap(print), Deferred[NotFound, str])
    assert_type(d.tap_left(print), Deferred[NotFound, str])
    assert_type(d.fold(lambda e: 0, len), Deferred[Never, int])
    assert_type(d.bind_left(default_zero), Deferred[Never, str | int])
    assert_type(d.recover(lambda e: Left(Broken())), Deferred[Broken, str])

    outcome = await step2
    assert_type(outcome, Left[NotFound | Forbidden | Broken] | Right[int])
    match outcome:
        case Right(value):
            assert_type(value, int)
        case Left(error):
            assert_type(error, NotFound | Forbidden | Broken)

    assert_type(d.timeout(1.0), Deferred[NotFound | Timeout, str])
    assert_type(d.retry(Retry()), Deferred[NotFound | RetryExhausted[NotFound], str])


async def gathering(a: Deferred[NotFound, str], b: Deferred[Forbidden, int], c: Deferred[Broken, bytes]) -> None:
    assert_type(either.gather(a, b), Deferred[NotFound | Forbidden, tuple[str, int]])
    three = either.gather(a, b, c, limit=2)
    assert_type(three, Deferred[NotFound | Forbidden | Broken, tuple[str, int, bytes]])
    assert_type(either.gather_all(a, b), Deferred[NonEmpty[NotFound | Forbidden], tuple[str, int]])
    many = [a, a, a, a, a, a]
    assert_type(either.gather(*many), Deferred[NotFound, tuple[str, ...]])
    assert_type(either.gather_all(*many), Deferred[NonEmpty[NotFound], tuple[str, ...]])
    assert_type(either.gather(fetch(1), authorize("x")), Deferred[NotFound | Forbidden, tuple[str, bytes]])


@either.safe(ValueError)
async def read_port(text: str) -> int:
    return int(text)


@either.safe
async def read_any(text: str) -> int:
    return int(text)


@either.safe(KeyError, ValueError)
def read_sync(text: str) -> int:
    return int(text)


def safe_functions() -> None:
    assert_type(read_port("1"), Deferred[ValueError, int])
    assert_type(read_any("1"), Deferred[Exception, int])
    assert_type(read_sync("1"), Either[KeyError | ValueError, int])


def wrong_steps(d: Deferred[NotFound, str]) -> Any:
    d.bind(len)  # type: ignore[arg-type]
    return d.map(lambda s: s + 1)  # type: ignore[operator]


def lambdas(d: Deferred[NotFound, str]) -> None:
    assert_type(d.bind(lambda s: Right(len(s))), Deferred[NotFound, int])
    assert_type(d.bind(lambda s: Left(Broken())), Deferred[NotFound | Broken, Never])
    assert_type(d.recover(lambda e: Right(0)), Deferred[Never, str | int])
    assert_type(d.recover(lambda e: Left("gone")), Deferred[str, str])
