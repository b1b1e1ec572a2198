"""`gather` and `gather_all`: order, fail-fast cancellation, limits, no leaks, no warnings."""

from __future__ import annotations

import asyncio
import gc
import sys
import warnings
from typing import Any

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from either import Deferred, DeferredError, Either, EitherwayError, Left, NonEmpty, Right, gather, gather_all, sequence


def after(seconds: float, either: Either[Any, Any], log: list[str] | None = None, name: str = "") -> Deferred[Any, Any]:
    """A Deferred that sleeps, then gives `either`; records whether it finished or was cancelled."""

    async def work() -> Either[Any, Any]:
        try:
            await anyio.sleep(seconds)
        except anyio.get_cancelled_exc_class():
            if log is not None:
                log.append(f"{name} cancelled")
            raise
        if log is not None:
            log.append(f"{name} done")
        return either

    return Deferred.from_call(work)


def tasks_now() -> int:
    """How many tasks exist (asyncio) or child nurseries hang off this task (trio)."""
    if "trio" in sys.modules:
        import trio

        try:
            return len(trio.lowlevel.current_task().child_nurseries)
        except RuntimeError:
            pass
    return len(asyncio.all_tasks())


@pytest.mark.anyio
async def test_values_come_in_argument_order_not_arrival_order() -> None:
    outcome = await gather(after(0.03, Right("slow")), after(0.0, Right("fast")), after(0.01, Right("mid")))
    assert outcome == Right(("slow", "fast", "mid"))


@pytest.mark.anyio
async def test_the_first_left_cancels_the_siblings() -> None:
    log: list[str] = []
    with anyio.fail_after(5):  # the sibling sleeps 10 s: only cancellation ends this quickly
        outcome = await gather(after(10, Right(1), log, "slow"), after(0.01, Left("broken"), log, "failing"))
    assert outcome == Left("broken")
    assert log == ["failing done", "slow cancelled"]


@pytest.mark.anyio
async def test_the_first_left_to_arrive_wins_whatever_its_position() -> None:
    outcome = await gather(after(0.05, Left("late")), after(0.0, Left("early")), after(0.02, Right(0)))
    assert outcome == Left("early")


@pytest.mark.anyio
async def test_gather_all_waits_for_everything_and_keeps_every_error_in_order() -> None:
    log: list[str] = []
    outcome = await gather_all(
        after(0.02, Left("a"), log, "a"), after(0.0, Right(1), log, "ok"), after(0.01, Left("c"), log, "c")
    )
    assert outcome == Left(NonEmpty("a", "c"))
    assert sorted(log) == ["a done", "c done", "ok done"]
    assert await gather_all(after(0, Right(1)), Deferred.of(Right(2))) == Right((1, 2))


@pytest.mark.anyio
async def test_no_task_remains_after_gather_returns() -> None:
    before = tasks_now()
    await gather(after(10, Right(1)), after(0.0, Left("stop")), after(10, Right(3)))
    assert tasks_now() == before
    await gather_all(after(0.0, Right(1)), after(0.01, Left("x")))
    assert tasks_now() == before


@pytest.mark.anyio
@pytest.mark.parametrize("limit", [1, 2, 3])
async def test_limit_bounds_how_many_run_at_once(limit: int) -> None:
    running = 0
    peak = 0

    async def work(i: int) -> Either[str, int]:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        for _ in range(3):
            await anyio.sleep(0)
        running -= 1
        return Right(i)

    ds = [Deferred.from_call(work, i) for i in range(7)]
    assert await gather(*ds, limit=limit) == Right(tuple(range(7)))
    assert peak == limit
    peak = 0
    assert await gather_all(*ds, limit=limit) == Right(tuple(range(7)))
    assert peak == limit
    peak = 0
    assert await gather(*ds) == Right(tuple(range(7)))
    assert peak == 7


@pytest.mark.anyio
async def test_coroutines_whose_turn_never_came_are_closed_without_warning() -> None:
    started: list[int] = []

    async def work(i: int) -> Either[str, int]:
        started.append(i)
        await anyio.sleep(0)
        return Left(f"stop {i}") if i == 0 else Right(i)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        never = Deferred(work(2))
        outcome = await gather(work(0), work(1), never, limit=1)
        gc.collect()
    assert outcome == Left("stop 0")
    assert started == [0]
    assert [str(w.message) for w in caught] == []
    with pytest.raises(DeferredError, match=r"awaited after a fail-fast gather\(\) dropped its coroutine"):
        await never


class Later:
    """An awaitable without `close()` (like a Future): nothing to close if never started."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __await__(self) -> Any:
        yield from ()
        return self.value


@pytest.mark.anyio
async def test_awaitables_whose_turn_never_came_are_dropped() -> None:
    never = Deferred(Later(Right(2)))
    assert await gather(Deferred.of(Left("stop")), never, limit=1) == Left("stop")
    with pytest.raises(DeferredError, match=r"awaited after a fail-fast gather\(\) dropped its coroutine"):
        await never


@pytest.mark.anyio
@pytest.mark.skipif(sys.version_info < (3, 11), reason="ExceptionGroup is built in from 3.11")
async def test_an_exception_group_raised_by_a_task_is_raised_as_it_was() -> None:
    async def explode() -> Either[str, int]:
        raise ExceptionGroup("mine", [ValueError("inner")])  # noqa: F821 (3.11+)

    with pytest.raises(BaseException) as caught:
        await gather(Deferred.from_call(explode))
    assert caught.value.message == "mine"  # type: ignore[attr-defined]
    assert isinstance(caught.value.exceptions[0], ValueError)  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_an_exception_propagates_unchanged_and_cancels_the_rest() -> None:
    log: list[str] = []

    async def explode() -> Either[str, int]:
        await anyio.sleep(0.01)
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await gather(after(10, Right(1), log, "slow"), Deferred.from_call(explode))
    assert log == ["slow cancelled"]
    with pytest.raises(ValueError, match="boom"):
        await gather_all(after(10, Right(1)), Deferred.from_call(explode))


@pytest.mark.anyio
@pytest.mark.parametrize("limit", [None, 1, 2])
async def test_simultaneous_exceptions_give_the_first_bare_whatever_the_timing(limit: int | None) -> None:
    # The rule: gather raises one exception, bare, as the child raised it (the first in
    # time); never an ExceptionGroup of its own making, however close together they came.
    async def explode(message: str) -> Either[str, int]:
        raise ValueError(message)

    with pytest.raises(ValueError, match=r"^[ab]$"):
        await gather(Deferred.from_call(explode, "a"), Deferred.from_call(explode, "b"), limit=limit)

    async def explode_later(message: str) -> Either[str, int]:
        await anyio.sleep(0)
        raise ValueError(message)

    with pytest.raises(ValueError, match=r"^[ab]$"):  # trio runs ready tasks in any order
        await gather_all(Deferred.from_call(explode_later, "a"), Deferred.from_call(explode_later, "b"), limit=limit)


@pytest.mark.anyio
async def test_cancelling_the_gatherer_cancels_every_child() -> None:
    log: list[str] = []
    with anyio.move_on_after(0.02) as scope:
        await gather(after(10, Right(1), log, "a"), after(10, Right(2), log, "b"))
    assert scope.cancelled_caught
    assert sorted(log) == ["a cancelled", "b cancelled"]


@pytest.mark.anyio
async def test_gather_composes_as_a_deferred() -> None:
    total = gather(Deferred.of(Right(1)), after(0, Right(2))).map(sum)
    assert await total == Right(3)
    assert await gather() == Right(())
    assert await gather_all() == Right(())


def test_no_task_exception_was_never_retrieved_message_under_asyncio() -> None:
    reports: list[dict[str, Any]] = []

    async def explode() -> Either[str, int]:
        raise ValueError("boom")

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: reports.append(context))
        with pytest.raises(ValueError, match="boom"):
            await gather(after(10, Right(1)), Deferred.from_call(explode))
        assert await gather(after(10, Right(1)), Deferred.of(Left("x"))) == Left("x")
        gc.collect()
        await asyncio.sleep(0)

    asyncio.run(main())
    gc.collect()
    assert reports == []


def test_arguments_are_checked() -> None:
    with pytest.raises(TypeError, match=r"gather\(\) argument 1 expected a Deferred or an awaitable .* 5 \(int\)"):
        gather(Deferred.of(Right(1)), 5)  # type: ignore[call-overload]
    for limit, error in ((0, ValueError), (-1, ValueError), (1.5, TypeError), (True, TypeError), ("2", TypeError)):
        with pytest.raises(error, match=r"gather_all\(limit=\.\.\.\) expected None or an int >= 1") as caught:
            gather_all(Deferred.of(Right(1)), limit=limit)  # type: ignore[arg-type]
        assert isinstance(caught.value, EitherwayError)


@pytest.mark.anyio
async def test_a_gather_of_calls_can_be_retried_and_timed_out() -> None:
    import either

    calls: list[int] = []

    async def flaky() -> Either[str, int]:
        calls.append(1)
        return Left("busy") if len(calls) < 2 else Right(len(calls))

    async def no_sleep(seconds: float) -> None:
        return None

    outcome = await gather(Deferred.from_call(flaky), Deferred.of(Right(0))).retry(
        either.Retry(attempts=3, sleep=no_sleep)
    )
    assert outcome == Right((2, 0))
    assert await gather(after(10, Right(1))).timeout(0.01) == Left(either.Timeout(0.01))


# ---------------------------------------------------------------- properties

EITHERS = st.lists(
    st.one_of(st.integers().map(Right), st.text(max_size=3).map(Left)),
    max_size=8,
)


def run(deferred: Deferred[Any, Any]) -> Any:
    return anyio.run(lambda: _await(deferred))


async def _await(deferred: Deferred[Any, Any]) -> Any:
    return await deferred


@given(EITHERS)
def test_gather_of_ready_values_equals_sequence(eithers: list[Either[str, int]]) -> None:
    outcome = run(gather(*(Deferred.of(e) for e in eithers)))
    expected = sequence(eithers).map(tuple)
    assert outcome == expected


@given(EITHERS, st.sampled_from([None, 1, 3]))
def test_gather_all_keeps_every_error_in_argument_order(eithers: list[Either[str, int]], limit: int | None) -> None:
    outcome = run(gather_all(*(Deferred.of(e) for e in eithers), limit=limit))
    errors = [e.error for e in eithers if isinstance(e, Left)]
    values = tuple(e.value for e in eithers if isinstance(e, Right))
    assert outcome == (Left(NonEmpty(*errors)) if errors else Right(values))
