"""Helpers shared by the `either` test modules (imported as `either_helpers`)."""

from __future__ import annotations

from collections.abc import Awaitable, Generator
from typing import Any, TypeVar

from either import Either, Left, Right

_T = TypeVar("_T")


def resolve(awaitable: Awaitable[_T]) -> _T:
    """Run an awaitable that never suspends, without an event loop (fast property tests)."""
    steps = awaitable.__await__()
    try:
        steps.send(None)
    except StopIteration as stop:
        result: _T = stop.value
        return result
    steps.close()
    raise AssertionError(f"{awaitable!r} suspended; run it under an event loop instead")


async def inc(x: int) -> Either[str, int]:
    """A step that always succeeds, without suspending."""
    return Right(x + 1)


async def fail(x: int) -> Either[str, int]:
    """A step that always fails, without suspending."""
    return Left(f"failed at {x}")


class Later:
    """An awaitable that is neither a coroutine nor a Deferred (like a Future)."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __await__(self) -> Generator[Any, Any, Any]:
        if False:  # pragma: no cover - makes this a generator
            yield
        return self.value


async def sleep_recording_cancellation(seen: list[str]) -> Either[str, int]:
    """Work that would take 10 s: notes "cancelled" in `seen` when cancelled, then re-raises."""
    import anyio

    try:
        await anyio.sleep(10)
    except anyio.get_cancelled_exc_class():
        seen.append("cancelled")
        raise
    return Right(1)  # pragma: no cover
