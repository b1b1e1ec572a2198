"""`@Deferred.do`: the async do-block, on functions and methods, with the sync block's rules."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Generator
from typing import Any

import anyio
import pytest
from either_helpers import Later, fail, inc, resolve
from hypothesis import given
from hypothesis import strategies as st

import either
from either import AsyncBind, Bind, BindError, Deferred, Either, Left, NotAnEitherError, Right


def test_bind_takes_coroutines_deferreds_awaitables_and_eithers() -> None:
    @Deferred.do
    async def total(bind: AsyncBind[str], x: int) -> int:
        a = await bind(inc(x))
        b = await bind(Deferred.from_call(inc, a))
        c = await bind(Later(Right(b + 1)))
        return await bind(Right(c + 1))

    assert resolve(total(0)) == Right(4)


def test_a_left_ends_the_block_and_is_its_result() -> None:
    after: list[str] = []

    @Deferred.do
    async def block(bind: AsyncBind[str], x: int) -> int:
        y = await bind(fail(x))
        after.append("ran")  # pragma: no cover
        return y  # pragma: no cover

    assert resolve(block(3)) == Left("failed at 3")
    assert after == []


@pytest.mark.parametrize("make", [lambda: Left("e"), lambda: Deferred.of(Left("e")), lambda: Later(Left("e"))])
def test_a_left_from_any_kind_of_input_ends_the_block(make: Any) -> None:
    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        return await bind(make())  # type: ignore[no-any-return]

    assert resolve(block()) == Left("e")


def test_the_short_circuit_passes_except_exception_and_runs_finally() -> None:
    cleaned: list[str] = []

    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        try:
            return await bind(fail(1))
        except Exception:  # pragma: no cover - must not see the short-circuit
            return -1
        finally:
            cleaned.append("finally")

    assert resolve(block()) == Left("failed at 1")
    assert cleaned == ["finally"]


def test_methods_take_the_handle_after_self() -> None:
    class Service:
        def __init__(self, base: int) -> None:
            self.base = base

        @Deferred.do
        async def add(self, bind: AsyncBind[str], x: int) -> int:
            return self.base + await bind(inc(x))

        @Deferred.do
        async def unannotated(self, bind, x):  # type: ignore[no-untyped-def]
            return self.base + await bind(inc(x))

    service = Service(100)
    assert resolve(service.add(1)) == Right(102)
    assert resolve(service.unannotated(1)) == Right(102)
    assert resolve(Service.add(service, 2)) == Right(103)


def test_the_block_runs_again_on_every_await_so_it_can_be_retried() -> None:
    calls: list[int] = []

    @Deferred.do
    async def flaky(bind: AsyncBind[str]) -> int:
        calls.append(1)
        return await bind(Left("busy") if len(calls) < 3 else Right(len(calls)))

    async def no_sleep(seconds: float) -> None:
        return None

    assert resolve(flaky().retry(either.Retry(attempts=5, sleep=no_sleep))) == Right(3)
    assert repr(flaky()).startswith("Deferred.do(")


def test_a_handle_used_after_its_block_ended_is_an_error() -> None:
    kept: list[Any] = []

    @Deferred.do
    async def leak(bind: AsyncBind[str]) -> int:
        kept.append(bind)
        return 1

    assert resolve(leak()) == Right(1)
    stale = kept[0]
    for value in (Right(1), Left("e"), Deferred.of(Right(1)), Later(Right(1))):
        with pytest.raises(BindError, match="used after its block ended"):
            resolve(stale(value))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(BindError, match="used after its block ended"):
            resolve(stale(inc(1)))  # the coroutine is closed, not left to warn
        gc.collect()
    assert caught == []


def test_a_handle_from_another_block_is_an_error() -> None:
    @Deferred.do
    async def outer(bind: AsyncBind[str]) -> int:
        @Deferred.do
        async def inner(inner_bind: AsyncBind[str]) -> int:
            return await bind(Left("from outer handle"))  # type: ignore[no-any-return]

        return await bind(inner())

    with pytest.raises(BindError, match=r"another do-block short-circuited inside .*inner"):
        resolve(outer())


def test_a_sync_handle_inside_an_async_block_is_an_error() -> None:
    @either.do
    def sync(bind: Bind[str]) -> Any:
        return bind

    handle = sync().unwrap()

    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        return handle(Left("x"))  # type: ignore[no-any-return]

    with pytest.raises(BindError):
        resolve(block())


def test_nested_blocks_each_use_their_own_handle() -> None:
    @Deferred.do
    async def inner(bind: AsyncBind[str], x: int) -> int:
        return await bind(fail(x) if x > 1 else inc(x))

    @Deferred.do
    async def outer(bind: AsyncBind[str], x: int) -> int:
        return await bind(inner(x)) * 10

    assert resolve(outer(1)) == Right(20)
    assert resolve(outer(5)) == Left("failed at 5")


def test_bind_refuses_what_is_not_an_either() -> None:
    @Deferred.do
    async def block(bind: AsyncBind[str], value: Any) -> int:
        return await bind(value)  # type: ignore[no-any-return]

    async def number() -> int:
        return 5

    with pytest.raises(NotAnEitherError, match=r"bind\(\) in .*block\(\) expected a Left.*got 3 \(int\)"):
        resolve(block(3))
    with pytest.raises(NotAnEitherError, match=r"got 5 \(int\)"):
        resolve(block(number()))
    with pytest.raises(NotAnEitherError, match=r"got 6 \(int\)"):
        resolve(block(Later(6)))


def test_a_type_error_inside_an_awaited_value_propagates() -> None:
    async def broken() -> Either[str, int]:
        raise TypeError("mine")

    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        return await bind(broken())

    with pytest.raises(TypeError, match=r"^mine$"):
        resolve(block())

    class Odd:
        def __await__(self) -> Generator[Any, Any, Any]:
            raise TypeError("odd")

    @Deferred.do
    async def odd(bind: AsyncBind[str]) -> int:
        return await bind(Odd())  # type: ignore[arg-type, no-any-return]

    with pytest.raises(TypeError, match=r"^odd$"):
        resolve(odd())


def test_do_refuses_a_synchronous_function() -> None:
    def sync(bind: AsyncBind[str]) -> int:
        return 1

    with pytest.raises(TypeError, match=r"Deferred\.do decorates an `async def`, got .*use either\.do"):
        Deferred.do(sync)  # type: ignore[call-overload]


def test_exceptions_in_the_body_propagate_unchanged() -> None:
    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        await bind(inc(1))
        raise LookupError("lost")

    with pytest.raises(LookupError, match="lost"):
        resolve(block())


@pytest.mark.anyio
async def test_a_block_that_really_suspends_works_on_both_loops() -> None:
    async def slow(x: int) -> Either[str, int]:
        await anyio.sleep(0.001)
        return Right(x * 2)

    @Deferred.do
    async def block(bind: AsyncBind[str], x: int) -> int:
        a = await bind(slow(x))
        b = await bind(Deferred.from_call(slow, a).timeout(5))
        return a + b

    assert await block(1) == Right(6)


# ---------------------------------------------------------------- block == bind chain


STEPS = st.lists(st.tuples(st.booleans(), st.integers(-5, 5)), max_size=6)


@given(start=st.integers(-100, 100), steps=STEPS)
def test_a_do_block_equals_its_bind_chain(start: int, steps: list[tuple[bool, int]]) -> None:
    def make(ok: bool, delta: int) -> Any:
        async def step(x: int) -> Either[str, int]:
            return Right(x + delta) if ok else Left(f"stop {delta} at {x}")

        return step

    functions = [make(ok, delta) for ok, delta in steps]

    @Deferred.do
    async def block(bind: AsyncBind[str], x: int) -> int:
        for f in functions:
            x = await bind(f(x))
        return x

    chain: Deferred[str, int] = Deferred.of(Right(start))
    for f in functions:
        chain = chain.bind(f)
    assert resolve(block(start)) == resolve(chain)


@pytest.mark.anyio
async def test_a_left_bound_in_a_task_the_block_started_ends_the_block() -> None:
    log: list[str] = []

    async def sibling() -> None:
        try:
            await anyio.sleep(10)
        except anyio.get_cancelled_exc_class():
            log.append("sibling cancelled")
            raise

    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        async def child() -> None:
            await anyio.sleep(0.001)
            await bind(fail(7))

        async with anyio.create_task_group() as group:
            group.start_soon(sibling)
            group.start_soon(child)
        log.append("after the group")  # pragma: no cover
        return 0  # pragma: no cover

    with anyio.fail_after(5):
        assert await block() == Left("failed at 7")
    assert log == ["sibling cancelled"]


@pytest.mark.anyio
async def test_an_exception_from_a_task_group_in_a_block_is_not_a_left() -> None:
    @Deferred.do
    async def block(bind: AsyncBind[str]) -> int:
        async def explode() -> None:
            raise KeyError("k")

        async with anyio.create_task_group() as group:
            group.start_soon(explode)
        return 0  # pragma: no cover

    with pytest.raises(BaseException) as caught:
        await block()
    assert caught.value.__class__.__name__.endswith("ExceptionGroup")
    assert isinstance(caught.value.exceptions[0], KeyError)  # type: ignore[attr-defined]


async def _summed(bind: AsyncBind[str], x: int, y: int) -> int:
    return await bind(Deferred.of(Right(x + y) if x >= 0 else Left("negative")))


@pytest.mark.anyio
async def test_a_partial_of_an_async_function_is_an_async_do_block() -> None:
    import functools

    block = Deferred.do(functools.partial(_summed, y=10))
    assert await block(1) == Right(11)
    assert await block(-1) == Left("negative")
    assert repr(block(1)) == "Deferred.do(_summed)"
