"""The async side of "either, next": the AsyncBind methods, Deferred.context/recover, schedules."""

from __future__ import annotations

import gc
import warnings
from typing import Any

import anyio
import pytest
from either_helpers import resolve, sleep_recording_cancellation
from hypothesis import given
from hypothesis import strategies as st

import either
from either import (
    AsyncBind,
    BindError,
    Context,
    Deferred,
    Either,
    Left,
    NonEmpty,
    NotAnEitherError,
    NotRetryableError,
    Retry,
    RetryExhausted,
    Right,
    Schedule,
)


async def after(seconds: float, result: Either[str, int], log: list[str] | None = None) -> Either[str, int]:
    await anyio.sleep(seconds)
    if log is not None:
        log.append(repr(result))
    return result


# ---------------------------------------------------------------- bind.all / bind.each
@pytest.mark.anyio
async def test_bind_all_runs_concurrently_and_keeps_argument_order() -> None:
    log: list[str] = []

    @Deferred.do
    async def both(bind: AsyncBind[NonEmpty[str]]) -> tuple[int, int, int]:
        return await bind.all(after(0.05, Right(1), log), Deferred.from_call(after, 0.0, Right(2), log), Right(3))

    with anyio.fail_after(5):
        assert await both() == Right((1, 2, 3))
    assert log == ["Right(2)", "Right(1)"]  # the second finished first: they overlapped


@pytest.mark.anyio
async def test_bind_all_ends_the_block_with_every_error_in_argument_order() -> None:
    reached: list[str] = []

    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> int:
        a, b, c = await bind.all(after(0.02, Left("slow")), after(0.0, Right(1)), Left("ready"))
        reached.append("after")  # pragma: no cover
        return a + b + c  # pragma: no cover

    with anyio.fail_after(5):
        assert await block() == Left(NonEmpty("slow", "ready"))
    assert reached == []


@given(st.lists(st.one_of(st.integers().map(Right), st.text(max_size=3).map(Left)), max_size=6))
def test_async_bind_all_agrees_with_collect(results: list[Either[str, int]]) -> None:
    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> tuple[int, ...]:
        return await bind.all(*results)

    expected = either.collect(*results)
    if all(isinstance(r, Right) for r in results):
        assert resolve(block()) == expected  # ready successes need no event loop
    else:
        assert anyio.run(_await, block()) == expected


async def _await(d: Deferred[Any, Any]) -> Any:
    return await d


@given(st.lists(st.integers(-20, 20), max_size=8), st.sampled_from([None, 1, 3]))
def test_async_bind_each_equals_traverse_with_accumulation(numbers: list[int], limit: int | None) -> None:
    async def halve(n: int) -> Either[str, int]:
        return Right(n // 2) if n % 2 == 0 else Left(f"odd: {n}")

    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> list[int]:
        return await bind.each(numbers, halve, limit=limit)

    errors = [f"odd: {n}" for n in numbers if n % 2]
    expected = Left(NonEmpty(*errors)) if errors else Right([n // 2 for n in numbers])
    assert anyio.run(_await, block()) == expected


@pytest.mark.anyio
async def test_bind_each_bounds_concurrency() -> None:
    running = 0
    peak = 0

    async def step(n: int) -> Either[str, int]:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await anyio.sleep(0.01)
        running -= 1
        return Right(n)

    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> list[int]:
        return await bind.each(range(6), step, limit=2)

    with anyio.fail_after(5):
        assert await block() == Right(list(range(6)))
    assert peak == 2


@pytest.mark.anyio
async def test_cancelling_a_block_cancels_the_work_of_bind_all() -> None:
    seen: list[str] = []

    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> object:
        return await bind.all(
            sleep_recording_cancellation(seen), Deferred.from_call(sleep_recording_cancellation, seen)
        )

    outcome: list[object] = []
    with anyio.move_on_after(0.02) as scope:
        outcome.append(await block())
    assert scope.cancelled_caught and outcome == []
    assert seen == ["cancelled", "cancelled"]


@pytest.mark.anyio
async def test_an_exception_in_one_cancels_the_others_and_propagates() -> None:
    seen: list[str] = []

    async def boom() -> Either[str, int]:
        await anyio.sleep(0.01)
        raise KeyError("boom")

    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> object:
        return await bind.all(boom(), sleep_recording_cancellation(seen))

    with anyio.fail_after(5), pytest.raises(KeyError, match="boom"):
        await block()
    assert seen == ["cancelled"]


@pytest.mark.anyio
async def test_a_refused_argument_leaves_no_never_awaited_coroutine() -> None:
    @Deferred.do
    async def block(bind: AsyncBind[NonEmpty[str]]) -> object:
        return await bind.all(after(0.0, Right(1)), 42)  # type: ignore[call-overload]

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(NotAnEitherError, match=r"bind.all\(\) in .*block.* argument 1 .* got 42"):
            await block()
        gc.collect()


@pytest.mark.anyio
async def test_bind_each_refuses_bad_input_clearly() -> None:
    @Deferred.do
    async def not_iterable(bind: AsyncBind[NonEmpty[str]]) -> object:
        return await bind.each(3, after)  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match="expected an iterable of items, got 3"):
        await not_iterable()

    @Deferred.do
    async def not_callable(bind: AsyncBind[NonEmpty[str]]) -> object:
        return await bind.each([1], "step")  # type: ignore[arg-type]

    with pytest.raises(NotAnEitherError, match="expected a callable"):
        await not_callable()

    @Deferred.do
    async def plain(bind: AsyncBind[NonEmpty[str]]) -> object:
        return await bind.each([1], lambda n: n)  # type: ignore[arg-type, return-value, misc]

    with pytest.raises(NotAnEitherError, match="got 1"):
        await plain()


@pytest.mark.anyio
async def test_guards_on_the_async_handle() -> None:
    ages = {"ada": 36, "tim": 12}

    @Deferred.do
    async def adult(bind: AsyncBind[str], name: str) -> int:
        age = bind.ensure_not_none(ages.get(name), "unknown")
        bind.ensure(age >= 18, "minor")
        return bind.with_error(lambda e: f"db: {e}", Right(age) if age < 100 else Left(503))

    assert await adult("ada") == Right(36)
    assert await adult("tim") == Left("minor")
    assert await adult("eve") == Left("unknown")

    @Deferred.do
    async def mapped(bind: AsyncBind[str]) -> int:
        return bind.with_error(lambda e: f"db: {e}", Left(503))

    assert await mapped() == Left("db: 503")


@pytest.mark.anyio
async def test_every_async_method_refuses_an_ended_handle() -> None:
    kept: list[Any] = []

    @Deferred.do
    async def leak(bind: AsyncBind[NonEmpty[str]]) -> None:
        kept.append(bind)

    await leak()
    handle = kept[0]
    assert "ended" in repr(handle)
    with pytest.raises(BindError):
        await handle.all(Right(1))
    with pytest.raises(BindError):
        await handle.all(Left("x"))
    with pytest.raises(BindError):
        await handle.each([1], after)
    with pytest.raises(BindError):
        handle.ensure(True, "x")
    with pytest.raises(BindError):
        handle.ensure_not_none(1, "x")
    with pytest.raises(BindError):
        handle.with_error(str, Right(1))


# ---------------------------------------------------------------- Deferred.context / recover
class NotFound(Exception): ...  # noqa: N818


class Busy(Exception): ...  # noqa: N818


def test_deferred_context_wraps_the_error_and_calls_a_thunk_only_on_failure() -> None:
    called: list[str] = []

    def message() -> str:
        called.append("x")
        return "loading user 7"

    assert resolve(Deferred.of(Right(1)).context(message)) == Right(1)
    assert called == []
    outcome = resolve(Deferred.of(Left(NotFound("7"))).context(message).context("rendering"))
    assert isinstance(outcome, Left) and isinstance(outcome.error, Context)
    assert outcome.error.messages == ("rendering", "loading user 7")
    assert isinstance(outcome.error.root_cause(), NotFound)
    with pytest.raises(TypeError, match="expected a message"):
        Deferred.of(Right(1)).context(3)  # type: ignore[arg-type]


def test_deferred_recover_by_class_and_by_mapping() -> None:
    async def cached(error: Busy) -> Either[str, str]:
        return Right("cached")

    busy, missing = Busy(), NotFound()
    assert resolve(Deferred.of(Left(busy)).recover(Busy, cached)) == Right("cached")
    assert resolve(Deferred.of(Left(missing)).recover(Busy, cached)) == Left(missing)
    assert resolve(Deferred.of(Right("x")).recover(Busy, cached)) == Right("x")
    handlers: dict[type[Any], Any] = {Busy: cached, NotFound: lambda e: Left("gone")}
    assert resolve(Deferred.of(Left(missing)).recover(handlers)) == Left("gone")
    assert resolve(Deferred.of(Left("text")).recover(handlers)) == Left("text")
    assert resolve(Deferred.of(Left(1)).recover(lambda e: Right(e + 1))) == Right(2)
    with pytest.raises(TypeError, match="expected an error class"):
        Deferred.of(Left(1)).recover("Busy", cached)  # type: ignore[call-overload]


# ---------------------------------------------------------------- retry with a schedule
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
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


class RateLimited:
    def __init__(self, retry_after: object) -> None:
        self.retry_after = retry_after


def test_retry_with_a_schedule_waits_its_delays() -> None:
    flaky, sleeps = Flaky("a", "b", "c"), Sleeps()
    schedule = Schedule.exponential(1.0) & Schedule.recurs(5)
    outcome = resolve(Deferred.from_call(flaky).retry(schedule, sleep=sleeps))
    assert outcome == Right("ok after 4")
    assert sleeps.delays == [1.0, 2.0, 4.0]


def test_a_stopped_schedule_gives_retry_exhausted_with_every_error() -> None:
    flaky, sleeps = Flaky("a", "b", "c", "d"), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Schedule.spaced(0.5) & Schedule.recurs(2), sleep=sleeps))
    assert outcome == Left(RetryExhausted(("a", "b", "c")))
    assert flaky.calls == 3 and sleeps.delays == [0.5, 0.5]


def test_when_decides_which_errors_are_retried() -> None:
    flaky, sleeps = Flaky("busy", "fatal", "busy"), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Schedule.recurs(5), when=lambda e: e == "busy", sleep=sleeps))
    assert outcome == Left("fatal")
    assert flaky.calls == 2


def test_retry_after_on_the_error_sets_the_delay() -> None:
    flaky, sleeps = Flaky(RateLimited(7.5), RateLimited("soon"), RateLimited(float("nan")), "plain"), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Schedule.spaced(1.0) & Schedule.recurs(5), sleep=sleeps))
    assert outcome == Right("ok after 5")
    assert sleeps.delays == [7.5, 1.0, 1.0, 1.0]  # unusable values fall back to the schedule


def test_retry_after_past_the_budget_stops() -> None:
    flaky, sleeps = Flaky(RateLimited(1.0), RateLimited(100.0)), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Schedule.spaced(1.0) & Schedule.up_to(10.0), sleep=sleeps))
    assert isinstance(outcome, Left) and isinstance(outcome.error, RetryExhausted)
    assert len(outcome.error.errors) == 2 and sleeps.delays == [1.0]


def test_a_hostile_retry_after_is_ignored() -> None:
    class Hostile:
        @property
        def retry_after(self) -> float:
            raise RuntimeError("no")

    flaky, sleeps = Flaky(Hostile(), RateLimited(10**400), RateLimited(True)), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Schedule.spaced(2.0) & Schedule.recurs(3), sleep=sleeps))
    assert outcome == Right("ok after 4") and sleeps.delays == [2.0, 2.0, 2.0]


def test_retry_policies_are_schedules() -> None:
    policy = Retry(attempts=5, backoff=0.5, multiplier=3.0, max_delay=4.0, jitter=0)
    assert list(policy.schedule().delays()) == pytest.approx([policy.delay(n) for n in range(1, 5)])
    jittered = Retry(attempts=30, backoff=1.0, max_delay=1.0, jitter=0.5).schedule()
    assert all(0.5 <= d <= 1.0 for d in jittered.delays())
    flaky, sleeps = Flaky("a", "b"), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(policy.schedule(), when=policy.retry_on, sleep=sleeps))
    assert outcome == Right("ok after 3") and sleeps.delays == [0.5, 1.5]


@given(st.integers(0, 5), st.integers(0, 8))
def test_retry_makes_at_most_recurs_plus_one_calls(retries: int, failures: int) -> None:
    flaky, sleeps = Flaky(*range(failures)), Sleeps()
    outcome = resolve(Deferred.from_call(flaky).retry(Schedule.recurs(retries), sleep=sleeps))
    assert flaky.calls == min(failures, retries) + 1
    if failures > retries:
        assert outcome == Left(RetryExhausted(tuple(range(retries + 1))))
    else:
        assert outcome == Right(f"ok after {failures + 1}")


def test_retry_refuses_what_it_cannot_rerun_or_bad_options() -> None:
    async def once() -> Either[str, int]:
        return Left("x")  # pragma: no cover

    coroutine = once()
    with pytest.raises(NotRetryableError):
        Deferred(coroutine).retry(Schedule.recurs(1))
    coroutine.close()
    d = Deferred.from_call(Flaky())
    with pytest.raises(TypeError, match=r"retry\(when=...\)\(\) expected a callable"):
        d.retry(Schedule.recurs(1), when="busy")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="with a Schedule only"):
        d.retry(Retry(), when=lambda e: True)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"either\.Retry policy"):
        d.retry("3")  # type: ignore[call-overload]


@pytest.mark.anyio
async def test_retry_with_a_schedule_sleeps_for_real_by_default() -> None:
    flaky = Flaky("a")
    with anyio.fail_after(5):
        assert await Deferred.from_call(flaky).retry(Schedule.spaced(0.001) & Schedule.recurs(1)) == Right("ok after 2")


@pytest.mark.anyio
@pytest.mark.parametrize("schedule", [Schedule.up_to(1.0), Schedule.spaced(1.0) | Schedule.up_to(5.0)])
async def test_a_schedule_that_never_waits_is_refused_as_a_busy_loop(schedule: Schedule) -> None:
    from either._retry import IMMEDIATE_RETRIES_MAX

    failing = Flaky(*range(10_000))
    sleeps = Sleeps()
    with anyio.fail_after(5), pytest.raises(ValueError, match="retries in a row without waiting") as caught:
        await Deferred.from_call(failing).retry(schedule, sleep=sleeps)
    assert isinstance(caught.value, either.EitherwayError)
    assert repr(schedule) in str(caught.value)
    assert failing.calls == IMMEDIATE_RETRIES_MAX + 1
    assert set(sleeps.delays) == {0.0}


@pytest.mark.anyio
async def test_immediate_retries_up_to_the_limit_and_paced_ones_are_not_refused() -> None:
    from either._retry import IMMEDIATE_RETRIES_MAX

    bounded = await Deferred.from_call(Flaky(*range(2000))).retry(
        Schedule.recurs(IMMEDIATE_RETRIES_MAX), sleep=Sleeps()
    )
    assert len(bounded.unwrap_left().errors) == IMMEDIATE_RETRIES_MAX + 1
    # up_to alone is fine when the errors say how long to wait: 30 s in steps of 2 s.
    sleeps = Sleeps()
    paced = await Deferred.from_call(Flaky(*[RateLimited(2.0)] * 100)).retry(Schedule.up_to(30.0), sleep=sleeps)
    assert paced.is_left()
    assert sleeps.delays == [2.0] * 15
