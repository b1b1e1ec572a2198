"""`AsyncBlock`: the inline do-block for async code, the twin of `either.Block`.

`Deferred.do` needs a whole `async def`; an `AsyncBlock` is for a few awaits inside one:

>>> import asyncio
>>> from either import AsyncBlock, Deferred, Left, Right
>>> async def main() -> None:
...     block = AsyncBlock[str, int]()
...     async with block as bind:
...         x = await bind(Deferred.of(Right(20)))
...         y = await bind(Right(22))
...         block.succeed(x + y)
...     print(block.result)
...     block = AsyncBlock[str, int]()
...     async with block as bind:
...         await bind(Deferred.of(Left("stopped here")))
...         block.succeed(0)
...     print(block.result)
>>> asyncio.run(main())
Right(42)
Left('stopped here')

The handle is an `AsyncBind[E]`: `await bind(x)` takes a `Deferred`, any awaitable of an
`Either`, or an `Either`, and awaits it in the task that runs the block (it starts no
task of its own). A `Left` ends the `async with` body through the same `BaseException`
short-circuit as the sync block, so `except Exception` in the body does not swallow it.
Cancellation passes through untouched: only this block's own short-circuit (alone, or
every member of an exception group raised by a task group inside the body) becomes the
result; anything else propagates.
"""

from __future__ import annotations

from types import CoroutineType, TracebackType
from typing import Any, Generic, TypeVar, cast, final

from either._async_do import AsyncBind
from either._core import Either, Left, Right
from either._do import _foreign, _ShortCircuit
from either._errors import BindError, NotAnEitherError, describe

__all__ = ["AsyncBlock"]

_E = TypeVar("_E")
_A = TypeVar("_A")

_LABEL = "an either.AsyncBlock"


@final
class AsyncBlock(Generic[_E, _A]):
    """An inline async do-block: `async with block as bind`, then `block.result`.

    Entering gives a fresh `AsyncBind[E]` handle; a `Left` given to it ends the body.
    Call `succeed(value)` before the body ends; `result` is then the `Either`. A block is
    entered once.
    """

    __slots__ = ("_result", "_token")

    def __init__(self) -> None:
        self._result: Either[_E, _A] | None = None
        self._token: list[bool] | None = None

    async def __aenter__(self) -> AsyncBind[_E]:
        if self._token is not None:
            raise BindError("an either.AsyncBlock can be entered once; create a new AsyncBlock for each use")
        token = self._token = [True]
        return cast("AsyncBind[_E]", _make_handle(token))

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        token = self._token
        assert token is not None
        token[0] = False
        if exc is None:
            return False
        if isinstance(exc, _ShortCircuit):
            if exc.token is not token:
                raise _foreign(_LABEL) from None
            self._result = exc.left
            return True
        left = _left_in_group(exc, token)
        if left is None:
            return False
        self._result = left
        return True

    def succeed(self, value: _A) -> None:
        """Record the block's success value; `result` becomes `Right(value)`."""
        if self._token is None or not self._token[0]:
            raise BindError("AsyncBlock.succeed() must be called inside its `async with` body")
        self._result = Right(value)

    @property
    def result(self) -> Either[_E, _A]:
        """The outcome: the `Left` that ended the block, or `Right` of the succeeded value."""
        if self._result is None:
            state = "has not run" if self._token is None else "ended without calling succeed(value)"
            raise BindError(f"this either.AsyncBlock {state}; there is no result yet")
        return self._result


def _make_handle(token: list[bool]) -> Any:
    async def bind(value: Any, /) -> Any:
        if not token[0]:
            _close_unstarted(value)
            raise BindError(
                f"the bind handle of {_LABEL} was used after its block ended; "
                "a handle is only valid while its own block runs"
            )
        either = value
        cls = either.__class__
        if cls is CoroutineType:  # the common case: `await bind(step(x))`
            either = await value
            cls = either.__class__
        elif cls is not Right and cls is not Left:
            if not hasattr(cls, "__await__"):
                raise NotAnEitherError(
                    f"bind() in {_LABEL} expected a Left, a Right, a Deferred or an awaitable of one, "
                    f"got {describe(value)}"
                )
            either = await value
            cls = either.__class__
        if cls is Right:
            return either.value
        if cls is Left:
            raise _ShortCircuit(either, token)
        raise NotAnEitherError(
            f"bind() in {_LABEL} expected the awaitable to give a Left or a Right, got {describe(either)}"
        )

    return bind


def _close_unstarted(value: Any) -> None:
    """Close a coroutine that will never be awaited, so Python does not warn about it."""
    if value.__class__.__name__ == "coroutine":
        value.close()


def _left_in_group(exc: BaseException, token: list[bool]) -> Left[Any] | None:
    """The first `Left` when `exc` is an exception group holding only this block's short-circuits.

    A task group inside the body wraps a short-circuit raised by a `bind` in one of its
    tasks; a group that also holds anything else (a cancellation, an error) propagates.
    """
    inner: Any = getattr(exc, "exceptions", None)
    if inner is None or not hasattr(exc, "split"):
        return None
    found: Left[Any] | None = None
    for item in inner:
        if isinstance(item, _ShortCircuit) and item.token is token:
            left: Left[Any] | None = item.left
        else:
            left = _left_in_group(item, token)
        if left is None:
            return None
        found = found or left
    return found
