"""`AsyncBlock`: the inline async do-block, on asyncio and trio."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
import pytest
from either_helpers import Later, fail, inc, resolve, sleep_recording_cancellation
from hypothesis import given
from hypothesis import strategies as st

from either import AsyncBlock, BindError, Deferred, Either, Left, NotAnEitherError, Right


@pytest.mark.anyio
async def test_binds_every_kind_of_source() -> None:
    block = AsyncBlock[str, int]()
    async with block as bind:
        a = await bind(Right(1))
        b = await bind(inc(a))
        c = await bind(Deferred.from_call(inc, b))
        d = await bind(Later(Right(c + 1)))
        await anyio.sleep(0)
        block.succeed(d * 10)
    assert block.result == Right(40)


@pytest.mark.anyio
async def test_a_left_ends_the_body_and_is_the_result() -> None:
    seen: list[str] = []
    block = AsyncBlock[str, int]()
    async with block as bind:
        seen.append("before")
        await bind(fail(3))
        seen.append("after")  # pragma: no cover
    assert block.result == Left("failed at 3")
    assert seen == ["before"]


@pytest.mark.anyio
async def test_except_exception_in_the_body_does_not_swallow_the_short_circuit() -> None:
    block = AsyncBlock[str, int]()
    async with block as bind:
        try:
            await bind(Deferred.of(Left("stop")))
        except Exception:  # pragma: no cover
            block.succeed(-1)
    assert block.result == Left("stop")


@pytest.mark.anyio
async def test_cancellation_is_never_a_left() -> None:
    seen: list[str] = []
    block = AsyncBlock[str, int]()
    with anyio.move_on_after(0.01) as scope:
        async with block as bind:
            await bind(sleep_recording_cancellation(seen))
            block.succeed(1)  # pragma: no cover
    assert scope.cancelled_caught
    assert seen == ["cancelled"]
    with pytest.raises(BindError, match="ended without calling succeed"):
        _ = block.result


@pytest.mark.anyio
async def test_a_left_bound_in_a_task_of_the_body_ends_the_block_and_cancels_siblings() -> None:
    seen: list[str] = []
    block = AsyncBlock[str, int]()
    with anyio.fail_after(5):
        async with block as bind:

            async def child() -> None:
                await anyio.sleep(0.001)
                await bind(fail(7))

            async with anyio.create_task_group() as group:
                group.start_soon(sleep_recording_cancellation, seen)
                group.start_soon(child)
            block.succeed(0)  # pragma: no cover
    assert block.result == Left("failed at 7")
    assert seen == ["cancelled"]


@pytest.mark.anyio
async def test_an_error_beside_a_short_circuit_in_a_task_group_propagates() -> None:
    async def explode() -> None:
        raise KeyError("k")

    block = AsyncBlock[str, int]()
    with pytest.raises(BaseException) as info:  # noqa: PT012
        async with block as bind:

            async def child() -> None:
                await bind(fail(1))

            async with anyio.create_task_group() as group:
                group.start_soon(explode)
                group.start_soon(child)
    assert "KeyError" in repr(info.value)


@pytest.mark.anyio
async def test_exceptions_from_the_body_propagate() -> None:
    block = AsyncBlock[str, int]()
    with pytest.raises(ZeroDivisionError):  # noqa: PT012
        async with block as bind:
            await bind(Right(1))
            _ = 1 / 0


@pytest.mark.anyio
async def test_a_handle_from_another_block_is_refused() -> None:
    outer = AsyncBlock[str, int]()
    inner = AsyncBlock[str, int]()
    with pytest.raises(BindError, match="another do-block"):
        async with outer as outer_bind, inner:
            await outer_bind(Left("x"))


@pytest.mark.anyio
async def test_a_handle_used_after_the_block_is_refused_and_closes_the_coroutine() -> None:
    block = AsyncBlock[str, int]()
    async with block as bind:
        block.succeed(1)
    with pytest.raises(BindError, match="used after its block ended"):
        await bind(inc(1))
    gc.collect()  # an unclosed coroutine would warn here, and warnings are errors


@pytest.mark.anyio
async def test_bad_values_are_named() -> None:
    block = AsyncBlock[str, int]()
    expected = r"in an either.AsyncBlock expected a Left, a Right, a Deferred or an awaitable of an Either, got 5"
    with pytest.raises(NotAnEitherError, match=expected + r" \(int\)"):
        async with block as bind:
            await bind(5)  # type: ignore[arg-type]
    block = AsyncBlock[str, int]()
    with pytest.raises(NotAnEitherError, match=r"in an either.AsyncBlock expected a Left, a Right, .*got 'x' \(str\)"):
        async with block as bind:
            await bind(Later("x"))


@pytest.mark.anyio
async def test_misuse_is_explained() -> None:
    block = AsyncBlock[str, int]()
    with pytest.raises(BindError, match="has not run"):
        _ = block.result
    with pytest.raises(BindError, match="inside its `async with` body"):
        block.succeed(1)
    async with block:
        pass
    with pytest.raises(BindError, match="ended without calling succeed"):
        _ = block.result
    with pytest.raises(BindError, match="entered once"):
        async with block:
            pass  # pragma: no cover


@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_no_task_is_started_or_left_behind(anyio_backend: str) -> None:
    before = asyncio.all_tasks()
    block = AsyncBlock[str, int]()
    async with block as bind:
        await bind(Deferred.from_call(inc, 1))
        assert asyncio.all_tasks() == before
        await bind(fail(1))
    assert asyncio.all_tasks() == before


Step = Callable[[int], Coroutine[Any, Any, Either[str, int]]]
steps = st.lists(st.sampled_from([inc, fail]), max_size=6)


@given(st.integers(-5, 5), steps)
def test_the_block_agrees_with_a_bind_chain(start: int, functions: list[Step]) -> None:
    async def run() -> Either[str, int]:
        block = AsyncBlock[str, int]()
        async with block as bind:
            x = start
            for f in functions:
                x = await bind(f(x))
            block.succeed(x)
        return block.result

    chain: Deferred[str, int] = Deferred.of(Right(start))
    for f in functions:
        chain = chain.bind(f)
    assert resolve(run()) == resolve(chain)


@pytest.mark.anyio
async def test_the_handle_accumulates_and_guards_as_the_do_handle_does() -> None:
    from either import NonEmpty

    block = AsyncBlock[NonEmpty[str], tuple[int, int]]()
    async with block as bind:
        pair = await bind.all(Deferred.of(Right(1)), Right(2))
        block.succeed(pair)
    assert block.result == Right((1, 2))

    failed = AsyncBlock[NonEmpty[str], tuple[int, int]]()
    async with failed as bind:
        failed.succeed(await bind.all(Deferred.of(Left("a")), Left("b")))
    assert failed.result == Left(NonEmpty("a", "b"))

    guarded = AsyncBlock[str, int]()
    async with guarded as bind:
        bind.ensure(False, "no")
        guarded.succeed(1)
    assert guarded.result == Left("no")
