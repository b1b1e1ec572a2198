"""`Deferred`: construction, every chain method, re-awaiting, errors, cancellation, `@safe`."""

from __future__ import annotations

import gc
import subprocess
import sys
import warnings
from collections.abc import Generator
from typing import Any

import anyio
import pytest
from either_helpers import Later, fail, inc, resolve, sleep_recording_cancellation

import either
from either import Deferred, DeferredError, Either, Left, NotAnEitherError, Right, safe

# ---------------------------------------------------------------- construction


def test_of_from_call_and_awaitable_give_their_either() -> None:
    assert resolve(Deferred.of(Right(1))) == Right(1)
    assert resolve(Deferred.of(Left("e"))) == Left("e")
    assert resolve(Deferred.from_call(inc, 1)) == Right(2)
    assert resolve(Deferred(inc(1))) == Right(2)
    assert resolve(Deferred(Later(Left("x")))) == Left("x")


def test_from_call_passes_keyword_arguments() -> None:
    async def join(a: str, *, sep: str) -> Either[str, str]:
        return Right(sep.join(a))

    assert resolve(Deferred.from_call(join, "ab", sep="-")) == Right("a-b")


def test_bad_sources_are_refused_with_what_came() -> None:
    with pytest.raises(NotAnEitherError, match=r"expected an awaitable of an Either, got 5 \(int\)"):
        Deferred(5)  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"use Deferred\.of\(either\)"):
        Deferred(Right(1))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"Deferred\.of\(\) expected a Left or a Right, got 'x' \(str\)"):
        Deferred.of("x")  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"from_call\(\) expected a callable, got 3 \(int\)"):
        Deferred.from_call(3)  # type: ignore[arg-type]


def test_a_source_that_gives_no_either_is_reported() -> None:
    async def plain() -> int:
        return 3

    def sync() -> int:
        return 4

    with pytest.raises(NotAnEitherError, match=r"function .*plain result expected a Left.*got 3 \(int\)"):
        resolve(Deferred.from_call(plain))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"sync result expected .* got 4 \(int\)"):
        resolve(Deferred.from_call(sync))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"its awaitable .* to give a Left or a Right, got 5 \(int\)"):
        resolve(Deferred(Later(5)))


def test_from_call_accepts_a_function_returning_an_either_directly() -> None:
    assert resolve(Deferred.from_call(lambda: Right(9))) == Right(9)  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------- chain methods


def test_map_and_map_left_touch_only_their_side() -> None:
    assert resolve(Deferred.of(Right(2)).map(lambda x: x * 10)) == Right(20)
    assert resolve(Deferred.of(Left("e")).map(lambda x: x * 10)) == Left("e")
    assert resolve(Deferred.of(Left("e")).map_left(str.upper)) == Left("E")
    assert resolve(Deferred.of(Right(2)).map_left(str.upper)) == Right(2)


@pytest.mark.parametrize(
    "step",
    [
        lambda x: Right(x + 1),
        inc,
        lambda x: Deferred.from_call(inc, x),
        lambda x: Later(Right(x + 1)),
    ],
    ids=["either", "coroutine", "deferred", "awaitable"],
)
def test_bind_accepts_every_kind_of_step(step: Any) -> None:
    assert resolve(Deferred.of(Right(1)).bind(step)) == Right(2)
    assert resolve(Deferred.of(Left("e")).bind(step)) == Left("e")
    assert resolve(Deferred.of(Left("e")).bind_left(lambda e: step(len(e)))) == Right(2)


def test_bind_stops_at_the_first_left() -> None:
    calls: list[int] = []

    async def record(x: int) -> Either[str, int]:
        calls.append(x)
        return Right(x)

    chain = Deferred.from_call(inc, 1).bind(fail).bind(record).map(lambda x: x + 1)
    assert resolve(chain) == Left("failed at 2")
    assert calls == []


def test_recover_is_bind_left() -> None:
    d = Deferred.of(Left("missing")).recover(lambda e: Right(f"default for {e}"))
    assert resolve(d) == Right("default for missing")
    assert resolve(Deferred.of(Right(1)).recover(lambda e: Right(0))) == Right(1)


def test_tap_and_tap_left_run_sync_and_async_effects_and_keep_the_value() -> None:
    seen: list[object] = []

    async def log(x: object) -> None:
        seen.append(("async", x))

    right = Deferred.of(Right(1)).tap(seen.append).tap(log).tap_left(seen.append)
    assert resolve(right) == Right(1)
    left = Deferred.of(Left("e")).tap_left(seen.append).tap_left(log).tap(seen.append)
    assert resolve(left) == Left("e")
    assert seen == [1, ("async", 1), "e", ("async", "e")]


def test_tap_ignores_a_returned_non_awaitable() -> None:
    assert resolve(Deferred.of(Right([])).tap(len)) == Right([])


def test_fold_turns_both_sides_into_a_value() -> None:
    assert resolve(Deferred.of(Right(2)).fold(len, lambda x: x * 2)) == Right(4)
    assert resolve(Deferred.of(Left("abc")).fold(len, lambda x: x * 2)) == Right(3)


def test_a_chain_is_immutable_each_method_returns_a_new_deferred() -> None:
    base = Deferred.of(Right(1))
    plus = base.map(lambda x: x + 1)
    times = base.map(lambda x: x * 10)
    assert resolve(base) == Right(1)
    assert resolve(plus) == Right(2)
    assert resolve(times) == Right(10)


# ---------------------------------------------------------------- bad steps


def test_steps_that_are_not_callable_are_named() -> None:
    with pytest.raises(NotAnEitherError, match=r"Deferred\.map\(\) expected a callable, got 3 \(int\)"):
        resolve(Deferred.of(Right(1)).map(3))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"Deferred\.bind\(\) expected a callable, got None"):
        resolve(Deferred.of(Right(1)).bind(None))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"Deferred\.bind\(\) expected a callable, got None"):
        resolve(Deferred.of(Right(1)).map(str).bind(None))  # type: ignore[arg-type]
    for method in ("map_left", "bind_left", "tap", "tap_left"):
        with pytest.raises(NotAnEitherError, match=rf"Deferred\.{method}\(\) expected a callable"):
            getattr(Deferred.of(Right(1)), method)("nope")
    with pytest.raises(NotAnEitherError, match=r"Deferred\.fold\(\) expected a callable"):
        Deferred.of(Right(1)).fold(len, 5)  # type: ignore[arg-type]


def test_a_type_error_raised_by_a_step_propagates_unchanged() -> None:
    def broken(x: int) -> Either[str, int]:
        raise TypeError("mine")

    with pytest.raises(TypeError, match=r"^mine$"):
        resolve(Deferred.of(Right(1)).bind(broken))
    with pytest.raises(TypeError, match=r"^mine$"):
        resolve(Deferred.of(Right(1)).map(broken))


def test_a_bind_chain_goes_on_after_a_step_that_gives_a_deferred_or_a_ready_either() -> None:
    # Each kind of result a bind step may give, in the middle of a chain of binds alone:
    # the steps after it still run, and a Left from any of them ends the chain.
    d: Deferred[str, int] = (
        Deferred.of(Right(1))
        .bind(lambda x: Deferred.of(Right(x + 1)))  # a Deferred
        .bind(lambda x: Right(x * 10))  # a ready Either
        .bind(inc)  # a coroutine
        .bind(lambda x: Later(Right(x + 5)))  # another awaitable of an Either
        .bind(inc)
    )
    assert resolve(d) == Right(27)
    for left_giver in (lambda _: Deferred.of(Left("no")), lambda _: Left("no"), lambda _: Later(Left("no"))):
        assert resolve(Deferred.of(Right(1)).bind(left_giver).bind(inc)) == Left("no")


def test_steps_that_give_no_either_are_named() -> None:
    def plain(x: int) -> int:
        return x

    async def aplain(x: int) -> int:
        return x

    with pytest.raises(NotAnEitherError, match=r"Deferred\.bind\(\) step .*plain result expected .* 1 \(int\)"):
        resolve(Deferred.of(Right(1)).bind(plain))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"Deferred\.bind\(\) step .*aplain result .* 1 \(int\)"):
        resolve(Deferred.of(Right(1)).bind(aplain))  # type: ignore[arg-type]
    with pytest.raises(NotAnEitherError, match=r"Deferred\.bind_left\(\) step .* result .* 'e' \(str\)"):
        resolve(Deferred.of(Left("e")).bind_left(lambda e: e))  # type: ignore[arg-type, return-value]
    with pytest.raises(NotAnEitherError, match=r"result expected .* got 7 \(int\)"):
        resolve(Deferred.of(Right(1)).bind(lambda x: Later(7)))  # type: ignore[arg-type, return-value]


def test_exceptions_raised_in_steps_propagate_unchanged() -> None:
    error = ValueError("boom")

    def explode(x: int) -> Either[str, int]:
        raise error

    with pytest.raises(ValueError, match="boom") as caught:
        resolve(Deferred.of(Right(1)).bind(explode))
    assert caught.value is error


# ---------------------------------------------------------------- awaiting again


def test_a_call_runs_again_on_every_await() -> None:
    calls: list[int] = []

    async def count() -> Either[str, int]:
        calls.append(1)
        return Right(len(calls))

    d = Deferred.from_call(count)
    assert resolve(d) == Right(1)
    assert resolve(d) == Right(2)
    assert resolve(d.map(str)) == Right("3")


def test_a_coroutine_runs_once_and_its_either_is_shared() -> None:
    calls: list[int] = []

    async def once() -> Either[str, int]:
        calls.append(1)
        return Right(10)

    d = Deferred(once())
    plus = d.map(lambda x: x + 1)
    assert resolve(d) == Right(10)
    assert resolve(d) == Right(10)
    assert resolve(plus) == Right(11)
    assert calls == [1]
    assert repr(d) == "Deferred(done)"


def test_a_coroutine_that_raised_cannot_be_awaited_again() -> None:
    async def explode() -> Either[str, int]:
        raise ValueError("once")

    d = Deferred(explode())
    with pytest.raises(ValueError, match="once"):
        resolve(d)
    with pytest.raises(DeferredError, match=r"explode\) was awaited again after its coroutine raised"):
        resolve(d)
    junk = Deferred(Later(1)).map(str)
    with pytest.raises(NotAnEitherError):
        resolve(junk)
    with pytest.raises(DeferredError):
        resolve(junk)  # gave no Either once: refuses to run again


@pytest.mark.anyio
async def test_a_coroutine_awaited_from_two_places_at_once_is_refused() -> None:
    started = anyio.Event()

    async def slow() -> Either[str, int]:
        started.set()
        await anyio.sleep(0.01)
        return Right(1)

    d = Deferred(slow())
    results: list[object] = []

    async def first() -> None:
        results.append(await d)

    async with anyio.create_task_group() as group:
        group.start_soon(first)
        await started.wait()
        with pytest.raises(DeferredError, match=r"slow\) was awaited while its coroutine was already"):
            await d
    assert results == [Right(1)]


def test_repr_names_the_source_and_counts_steps() -> None:
    assert repr(Deferred.of(Right(1))) == "Deferred.of(Right(1))"
    assert repr(Deferred.from_call(inc, 1).map(str)) == "Deferred.from_call(inc) + 1 step"
    assert repr(Deferred.of(Right(1)).map(str).map(len)) == "Deferred.of(Right(1)) + 2 steps"
    coro = inc(1)
    assert repr(Deferred(coro)).startswith("Deferred(<coroutine object inc")
    coro.close()


# ---------------------------------------------------------------- cancellation and exceptions


@pytest.mark.anyio
async def test_cancelling_an_awaiting_task_cancels_the_work_and_is_no_left() -> None:
    seen: list[str] = []
    outcome: list[object] = []
    with anyio.CancelScope() as scope:

        async def cancel_soon() -> None:
            await anyio.sleep(0.01)
            scope.cancel()

        async with anyio.create_task_group() as group:
            group.start_soon(cancel_soon)
            outcome.append(await Deferred.from_call(sleep_recording_cancellation, seen).map(lambda x: x + 1))
    assert scope.cancelled_caught
    assert seen == ["cancelled"]
    assert outcome == []


@pytest.mark.anyio
async def test_a_user_exception_reaches_the_awaiter_unchanged() -> None:
    async def explode() -> Either[str, int]:
        await anyio.sleep(0)
        raise KeyError("k")

    with pytest.raises(KeyError, match="k"):
        await Deferred.from_call(explode).map(str)


# ---------------------------------------------------------------- @safe on async functions


@pytest.mark.anyio
async def test_safe_async_gives_a_deferred_catching_only_listed_exceptions() -> None:
    @safe(ValueError)
    async def parse(text: str) -> int:
        await anyio.sleep(0)
        return int(text)

    d = parse("12")
    assert isinstance(d, Deferred)
    assert await d == Right(12)
    outcome = await parse("x")
    assert isinstance(outcome, Left)
    assert isinstance(outcome.error, ValueError)

    @safe(KeyError)
    async def lookup(key: str) -> int:
        return int(key)

    with pytest.raises(ValueError, match="invalid literal"):
        await lookup("x")


@pytest.mark.anyio
async def test_safe_async_without_arguments_and_never_catching_cancellation() -> None:
    @safe
    async def wait() -> int:
        await anyio.sleep(10)
        return 1  # pragma: no cover

    with anyio.move_on_after(0.01) as scope:
        await wait()
    assert scope.cancelled_caught

    @safe()
    async def boom() -> int:
        raise RuntimeError("r")

    outcome = await boom()
    assert isinstance(outcome, Left)
    assert isinstance(outcome.error, RuntimeError)


def test_safe_async_deferreds_can_be_retried() -> None:
    calls: list[int] = []

    @safe(ValueError)
    async def flaky() -> int:
        calls.append(1)
        if len(calls) < 3:
            raise ValueError("again")
        return len(calls)

    async def no_sleep(seconds: float) -> None:
        return None

    policy = either.Retry(attempts=3, sleep=no_sleep)
    assert resolve(flaky().retry(policy)) == Right(3)


# ---------------------------------------------------------------- import cost


def test_import_either_stays_light() -> None:
    """`import either` loads no event-loop library, no pydantic, and none of the slow typing helpers."""
    heavy = ("anyio", "pydantic", "trio", "typing_extensions", "inspect", "asyncio")
    code = f"import sys, either; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"


def test_an_unawaited_handle_leaves_no_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        d = Deferred.from_call(inc, 1).map(str)
        del d
        gc.collect()
    assert caught == []


def test_bind_left_skips_a_right_and_awaitables_raising_type_error_propagate() -> None:
    assert resolve(Deferred.of(Right(1)).bind_left(lambda e: Left("never"))) == Right(1)

    class Odd:
        def __await__(self) -> Generator[Any, Any, Any]:
            raise TypeError("odd")

    with pytest.raises(TypeError, match=r"^odd$"):
        resolve(Deferred.of(Right(1)).bind(lambda x: Odd()))  # type: ignore[arg-type, return-value]


def test_safe_refuses_what_it_cannot_use() -> None:
    with pytest.raises(TypeError, match=r"safe\(\) expected exception classes, got 'x' \(str\)"):
        safe("x")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"only turns Exception subclasses into a Left; KeyboardInterrupt"):
        safe(KeyboardInterrupt)  # type: ignore[type-var]
    with pytest.raises(TypeError, match=r"safe\(\.\.\.\) decorates a function, got 5 \(int\)"):
        safe(ValueError)(5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"attempt\(\) expected a callable taking no arguments, got 5"):
        either.attempt(5)  # type: ignore[call-overload]


def test_the_example_program_prints_every_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "fetch_profile.py"
    spec = importlib.util.spec_from_file_location("fetch_profile_example", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    module.main()
    assert capsys.readouterr().out.splitlines() == [
        "user 1: ok, Ada (user 1) after 1 call",
        "user 2: ok, Alan (user 2) after 3 calls",
        "user 3: failed, Suspended(name='Grace') after 1 call",
        "user 4: failed, NotFound(user_id=4) after 1 call",
        "user 5: gave up after 3 calls (Timeout, Timeout, Timeout)",
    ]
