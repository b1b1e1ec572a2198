"""`Deferred.timeout` and `Deferred.retry`: cancellation of the work, the retry policy, errors."""

from __future__ import annotations

import math
from typing import Any

import anyio
import pytest
from either_helpers import resolve, sleep_recording_cancellation
from hypothesis import given
from hypothesis import strategies as st

from either import (
    Deferred,
    Either,
    EitherwayError,
    Left,
    NotRetryableError,
    Retry,
    RetryExhausted,
    Right,
    Timeout,
)


class Flaky:
    """Fails with the given errors in turn, then succeeds; counts its calls."""

    def __init__(self, *errors: object) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> Either[object, str]:
        self.calls += 1
        if self.errors:
            return Left(self.errors.pop(0))
        return Right(f"ok after {self.calls}")


class Sleeps:
    """An injected sleep that records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


# ---------------------------------------------------------------- timeout


@pytest.mark.anyio
async def test_a_timeout_gives_a_left_and_cancels_the_work() -> None:
    seen: list[str] = []
    with anyio.fail_after(5):
        outcome = await Deferred.from_call(sleep_recording_cancellation, seen).map(str).timeout(0.01)
    assert outcome == Left(Timeout(0.01))
    assert seen == ["cancelled"]


@pytest.mark.anyio
async def test_work_that_finishes_in_time_is_unchanged() -> None:
    assert await Deferred.of(Right(1)).timeout(5) == Right(1)
    assert await Deferred.of(Left("e")).timeout(5) == Left("e")
    assert await Deferred.of(Right(1)).timeout(0) == Right(1)  # no checkpoint: nothing to cancel


@pytest.mark.anyio
async def test_an_outer_cancellation_is_not_a_timeout() -> None:
    async def slow() -> Either[str, int]:
        await anyio.sleep(10)
        return Right(1)  # pragma: no cover

    outcome: list[object] = []
    with anyio.move_on_after(0.01) as scope:
        outcome.append(await Deferred.from_call(slow).timeout(5))
    assert scope.cancelled_caught
    assert outcome == []


def test_timeout_checks_its_argument() -> None:
    d = Deferred.of(Right(1))
    for bad in (-1, math.nan, 10**400):
        with pytest.raises(ValueError, match=r"timeout\(seconds=\.\.\.\) expected a number at least 0, got"):
            d.timeout(bad)
    for wrong in ("1", None, True):
        with pytest.raises(TypeError, match=r"timeout\(seconds=\.\.\.\) expected a number, got"):
            d.timeout(wrong)  # type: ignore[arg-type]


def test_timeout_is_a_value() -> None:
    assert Timeout(1.5) == Timeout(1.5)
    assert Timeout(1.5) != Timeout(2)
    assert Timeout(1.5) != 1.5
    assert hash(Timeout(1.5)) == hash(Timeout(1.5))
    assert repr(Timeout(1.5)) == "Timeout(seconds=1.5)"
    assert str(Timeout(1.5)) == "timed out after 1.5 s"
    match Left(Timeout(3)):
        case Left(Timeout(seconds)):
            assert seconds == 3
        case _:  # pragma: no cover
            pytest.fail("no match")


# ---------------------------------------------------------------- retry


def test_retry_runs_again_while_the_error_is_retryable() -> None:
    flaky = Flaky("busy", "busy")
    sleeps = Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Retry(attempts=3, sleep=sleeps, jitter=0)))
    assert outcome == Right("ok after 3")
    assert flaky.calls == 3
    assert sleeps.delays == [0.1, 0.2]


def test_attempts_count_every_try_and_exhaustion_keeps_every_error() -> None:
    flaky = Flaky("a", "b", "c", "d")
    outcome = resolve(Deferred.from_call(flaky).retry(Retry(attempts=3, sleep=Sleeps())))
    assert outcome == Left(RetryExhausted(("a", "b", "c")))
    assert flaky.calls == 3
    assert isinstance(outcome, Left)
    assert outcome.error.last == "c"


def test_one_attempt_never_runs_again() -> None:
    flaky = Flaky("a")
    sleeps = Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Retry(attempts=1, sleep=sleeps)))
    assert outcome == Left(RetryExhausted(("a",)))
    assert (flaky.calls, sleeps.delays) == (1, [])


def test_an_error_retry_on_rejects_is_returned_as_it_is() -> None:
    flaky = Flaky("busy", "fatal", "busy")
    policy = Retry(attempts=5, retry_on=lambda error: error == "busy", sleep=Sleeps())
    assert resolve(Deferred.from_call(flaky).retry(policy)) == Left("fatal")
    assert flaky.calls == 2


def test_a_non_idempotent_operation_is_never_run_again() -> None:
    flaky = Flaky("busy")
    sleeps = Sleeps()
    assert resolve(Deferred.from_call(flaky).retry(Retry(attempts=5, idempotent=False, sleep=sleeps))) == Left("busy")
    assert (flaky.calls, sleeps.delays) == (1, [])


def test_a_success_on_the_first_try_sleeps_never() -> None:
    sleeps = Sleeps()
    assert resolve(Deferred.from_call(Flaky()).retry(Retry(sleep=sleeps))) == Right("ok after 1")
    assert sleeps.delays == []


def test_delays_grow_exponentially_up_to_max_delay() -> None:
    sleeps = Sleeps()
    policy = Retry(attempts=6, backoff=1, multiplier=3, max_delay=10, jitter=0, sleep=sleeps)
    resolve(Deferred.from_call(Flaky(*"abcdef")).retry(policy))
    assert sleeps.delays == [1, 3, 9, 10, 10]


def test_jitter_shortens_each_delay_by_a_random_fraction() -> None:
    sleeps = Sleeps()
    draws = iter([0.0, 0.5, 1.0])
    policy = Retry(
        attempts=4, backoff=1, multiplier=2, max_delay=3, jitter=0.5, sleep=sleeps, random=lambda: next(draws)
    )
    resolve(Deferred.from_call(Flaky(*"abcd")).retry(policy))
    assert sleeps.delays == [1.0, 2 * 0.75, 3 * 0.5]


@given(
    # Every attempt number a policy can reach (attempts is unbounded), and every finite
    # float a policy accepts: the wait is computed without overflowing anywhere.
    attempt=st.one_of(st.integers(1, 60), st.integers(1, 10**30)),
    numbers=st.fixed_dictionaries(
        {
            "backoff": st.one_of(st.floats(0, 100), st.floats(0, allow_infinity=False)),
            "multiplier": st.one_of(st.floats(1, 10), st.floats(1, allow_infinity=False)),
            "max_delay": st.one_of(st.floats(0, 1000), st.floats(0, allow_infinity=False)),
            "jitter": st.floats(0, 1),
        }
    ),
    draw=st.floats(0, 1, exclude_max=True),
)
def test_every_delay_lies_between_zero_and_max_delay(attempt: int, numbers: dict[str, float], draw: float) -> None:
    policy = Retry(**numbers, random=lambda: draw)  # type: ignore[arg-type]
    delay = policy.delay(attempt)
    assert 0 <= delay <= numbers["max_delay"]
    schedule = _reference_schedule(numbers["backoff"], numbers["multiplier"], numbers["max_delay"], attempt)
    assert delay >= schedule * (1 - numbers["jitter"]) * (1 - 1e-9) - 1e-300
    assert policy.delay(attempt) <= policy.delay(attempt + 1) or numbers["jitter"] > 0  # waits never shrink


def _reference_schedule(backoff: float, multiplier: float, max_delay: float, attempt: int) -> float:
    """`min(max_delay, backoff * multiplier ** (attempt - 1))` computed exactly, with fractions."""
    from fractions import Fraction

    if backoff == 0:
        return 0.0
    grown, exponent, power = Fraction(backoff), 0, Fraction(multiplier)
    while exponent < attempt - 1 and grown < max_delay and exponent < 3000:  # stop at the cap
        grown *= power
        exponent += 1
    if exponent == 3000 and grown < max_delay:  # a multiplier a hair above 1: in logarithms
        logarithm = math.log(backoff) + (attempt - 1) * math.log(multiplier)
        return min(max_delay, math.exp(min(logarithm, 709.0)))
    return float(min(Fraction(max_delay), grown))


def test_huge_attempts_and_multipliers_do_not_overflow() -> None:
    # Both used to raise OverflowError: 2.0 ** 1024, and 1e200 ** 2.
    assert Retry(attempts=2000, max_delay=1, jitter=0).delay(1025) == 1
    assert Retry(attempts=2000, max_delay=1, jitter=0).delay(2000) == 1
    assert Retry(multiplier=1e200, jitter=0).delay(3) == 10
    assert Retry(backoff=5e-324, multiplier=1.7e308, max_delay=1.7e308, jitter=0).delay(10**30) == 1.7e308
    assert Retry(backoff=1e-300, multiplier=1.0000001, max_delay=1e300, jitter=0).delay(10**12) == 1e300


@pytest.mark.parametrize("name", ["backoff", "multiplier", "max_delay"])
@pytest.mark.parametrize("value", [math.inf, 10**400])
def test_infinite_or_unrepresentable_numbers_are_refused_at_construction(name: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"Retry\({name}=\.\.\.\) expected a finite number") as caught:
        Retry(**{name: value})  # type: ignore[arg-type]
    assert isinstance(caught.value, EitherwayError)


def test_delay_checks_its_attempt_number() -> None:
    with pytest.raises(ValueError, match=r"Retry\.delay\(attempt=\.\.\.\) expected an int >= 1, got 0"):
        Retry().delay(0)
    with pytest.raises(TypeError, match=r"Retry\.delay\(attempt=\.\.\.\) expected an int >= 1, got 1\.5"):
        Retry().delay(1.5)  # type: ignore[arg-type]


def test_the_default_random_source_keeps_delays_in_range() -> None:
    policy = Retry(backoff=1, max_delay=1, jitter=1)
    assert all(0 <= policy.delay(1) <= 1 for _ in range(50))


@pytest.mark.anyio
async def test_the_default_sleep_waits_on_both_loops() -> None:
    flaky = Flaky("busy")
    outcome = await Deferred.from_call(flaky).retry(Retry(attempts=2, backoff=0.001))
    assert outcome == Right("ok after 2")


@pytest.mark.anyio
async def test_retry_with_a_timeout_per_attempt_runs_the_work_again() -> None:
    calls: list[int] = []

    async def slow_then_fast() -> Either[str, int]:
        calls.append(1)
        if len(calls) < 3:
            await anyio.sleep(10)
        return Right(len(calls))

    policy = Retry(attempts=3, sleep=Sleeps(), retry_on=lambda error: isinstance(error, Timeout))
    outcome = await Deferred.from_call(slow_then_fast).timeout(0.01).retry(policy)
    assert outcome == Right(3)


def test_retrying_work_that_cannot_run_again_is_refused() -> None:
    coro = Flaky()()
    d = Deferred(coro).map(str)
    with pytest.raises(NotRetryableError, match=r"can only re-run work it can call again, got Deferred\(<coroutine"):
        d.retry(Retry())
    with pytest.raises(NotRetryableError):
        d.timeout(1).retry(Retry())
    assert isinstance(NotRetryableError("x"), TypeError)
    # a policy that never re-runs is fine on anything
    assert resolve(d.retry(Retry(attempts=1))) == Right("ok after 1")
    assert resolve(Deferred.of(Left("e")).retry(Retry(attempts=2, sleep=Sleeps()))) == Left(RetryExhausted(("e", "e")))


def test_retry_needs_a_policy() -> None:
    with pytest.raises(TypeError, match=r"retry\(\) expected an either\.Retry policy, got 3 \(int\)"):
        Deferred.of(Right(1)).retry(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"attempts": 0}, ValueError, r"attempts=\.\.\.\) expected an int >= 1 \(every try counts"),
        ({"attempts": 2.5}, TypeError, r"attempts=\.\.\.\) expected an int"),
        ({"attempts": True}, TypeError, r"attempts=\.\.\.\) expected an int"),
        ({"backoff": -1}, ValueError, r"backoff=\.\.\.\) expected a finite number at least 0, got -1"),
        ({"backoff": math.nan}, ValueError, r"backoff=\.\.\.\) expected a finite number at least 0, got nan"),
        ({"multiplier": 0.5}, ValueError, r"multiplier=\.\.\.\) expected a finite number at least 1"),
        ({"max_delay": "1"}, TypeError, r"max_delay=\.\.\.\) expected a number, got '1' \(str\)"),
        ({"jitter": 2}, ValueError, r"jitter=\.\.\.\) expected a number at least 0 and at most 1, got 2"),
        ({"retry_on": 3}, TypeError, r"retry_on=\.\.\.\) expected a callable or None, got 3"),
        ({"sleep": "x"}, TypeError, r"sleep=\.\.\.\) expected a callable or None"),
        ({"idempotent": "yes"}, TypeError, r"idempotent=\.\.\.\) expected True or False"),
    ],
)
def test_retry_arguments_are_checked(kwargs: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        Retry(**kwargs)


def test_a_policy_is_immutable_and_readable() -> None:
    policy = Retry(attempts=4, backoff=0.5)
    with pytest.raises(AttributeError, match="Retry is immutable"):
        policy.attempts = 5
    assert repr(policy) == "Retry(attempts=4, backoff=0.5, multiplier=2, max_delay=10, jitter=0.5, idempotent=True)"


def test_retry_exhausted_is_a_value() -> None:
    a = RetryExhausted(("x", "y"))
    assert a == RetryExhausted(["x", "y"])  # type: ignore[arg-type]
    assert a != RetryExhausted(("x",))
    assert a != ("x", "y")
    assert hash(a) == hash(RetryExhausted(("x", "y")))
    assert repr(a) == "RetryExhausted(errors=('x', 'y'))"
    assert str(a) == "gave up after 2 attempts; last error: 'y'"
