# mypy: disable-error-code="unused-awaitable"
"""Static checks for the async side of "either, next": AsyncBind methods, Deferred.context/recover, retry.

Lines ending in `# type: ignore[code]` must be errors in BOTH checkers.
"""

from __future__ import annotations

from typing_extensions import Never, assert_type

from either import AsyncBind, Context, Deferred, Either, NonEmpty, Retry, RetryExhausted, Right, Schedule


class NotFound: ...


class Busy:
    retry_after = 1.5


class Invalid: ...


class Profile: ...


async def fetch(user_id: int) -> Either[NotFound, Profile]:
    return Right(Profile())


async def count(text: str) -> Either[Invalid, int]:
    return Right(len(text))


def parse(text: str) -> Either[Invalid, int]:
    return Right(1)


def busy_call() -> Deferred[Busy | NotFound, str]:
    return Deferred.of(Right("x"))


# --- await bind.all / bind.each ------------------------------------------------------------
@Deferred.do
async def page(bind: AsyncBind[NonEmpty[Invalid | NotFound]], user_id: int) -> int:
    profile, size, ready = await bind.all(fetch(user_id), Deferred.from_call(count, "abc"), parse("1"))
    assert_type(profile, Profile)
    assert_type(size, int)
    assert_type(ready, int)
    sizes = await bind.each(["a", "bb"], count, limit=2)
    assert_type(sizes, list[int])
    many = await bind.all(count("1"), count("2"), count("3"), count("4"), count("5"), count("6"))
    assert_type(many, tuple[int, ...])
    return size


assert_type(page(1), Deferred[NonEmpty[Invalid | NotFound], int])


@Deferred.do
async def single_error_type(bind: AsyncBind[Invalid]) -> int:
    await bind.all(count("1"), count("2"))  # type: ignore[misc, arg-type]
    return 0


@Deferred.do
async def narrower(bind: AsyncBind[NonEmpty[Invalid]]) -> object:
    return await bind.all(count("1"), fetch(1))  # type: ignore[arg-type]


@Deferred.do
async def guards(bind: AsyncBind[NotFound], found: Profile | None) -> Profile:
    profile = bind.ensure_not_none(found, NotFound())
    assert_type(profile, Profile)
    bind.ensure(profile is not None, NotFound())
    bind.ensure(True, Invalid())  # type: ignore[arg-type]
    size = bind.with_error(lambda e: NotFound(), parse("1"))
    assert_type(size, int)
    return profile


# --- context, recover -----------------------------------------------------------------------
d = Deferred.from_call(fetch, 1)
assert_type(d.context("loading user 1"), Deferred[Context[NotFound], Profile])
assert_type(d.context(lambda: "loading"), Deferred[Context[NotFound], Profile])
assert_type(d.context("a").context("b"), Deferred[Context[NotFound], Profile])
d.context(1)  # type: ignore[arg-type]


async def spare(error: Busy) -> Either[Invalid, str]:
    return Right("spare")


assert_type(busy_call().recover(Busy, spare), Deferred[Busy | NotFound | Invalid, str])
assert_type(busy_call().recover(lambda e: Right(0)), Deferred[Never, str | int])
assert_type(busy_call().recover({Busy: spare}), Deferred[Busy | NotFound | Invalid, str])
busy_call().recover(NotFound, spare)  # type: ignore[arg-type]

# --- retry with a schedule ------------------------------------------------------------------
schedule = Schedule.exponential(0.1) & Schedule.recurs(3)
assert_type(busy_call().retry(schedule), Deferred[Busy | NotFound | RetryExhausted[Busy | NotFound], str])
assert_type(
    busy_call().retry(schedule, when=lambda e: isinstance(e, Busy)),
    Deferred[Busy | NotFound | RetryExhausted[Busy | NotFound], str],
)
assert_type(busy_call().retry(Retry(attempts=3)), Deferred[Busy | NotFound | RetryExhausted[Busy | NotFound], str])
busy_call().retry(Retry(), when=lambda e: True)  # type: ignore[call-overload]
busy_call().retry(schedule, when=3)  # type: ignore[call-overload]
busy_call().retry(3)  # type: ignore[call-overload]
