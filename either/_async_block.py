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

from types import TracebackType
from typing import Generic, TypeVar, cast, final

from either._async_do import AsyncBind, _AsyncHandle, _left_in_group
from either._core import Either, Right
from either._do import _foreign, _ShortCircuit, check_inside, outcome
from either._errors import BindError

__all__ = ["AsyncBlock"]

_E = TypeVar("_E")
_A = TypeVar("_A")

_LABEL = "an either.AsyncBlock"


@final
class AsyncBlock(Generic[_E, _A]):
    """An inline async do-block: `async with block as bind`, then `block.result`.

    Entering gives a fresh `AsyncBind[E]` handle, the same one `@Deferred.do` bodies get
    (`bind.all`, `bind.each`, `bind.ensure`, ... included); a `Left` given to it ends the
    body. Call `succeed(value)` before the body ends; `result` is then the `Either`. A block
    is entered once.
    """

    __slots__ = ("_handle", "_result")

    def __init__(self) -> None:
        self._result: Either[_E, _A] | None = None
        self._handle: _AsyncHandle | None = None

    async def __aenter__(self) -> AsyncBind[_E]:
        if self._handle is not None:
            raise BindError("an either.AsyncBlock can be entered once; create a new AsyncBlock for each use")
        handle = self._handle = _AsyncHandle(_LABEL)
        return cast("AsyncBind[_E]", handle)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        handle = self._handle
        assert handle is not None
        handle._open = False
        if exc is None:
            return False
        if isinstance(exc, _ShortCircuit):
            if exc.token is not handle:
                raise _foreign(_LABEL) from None
            self._result = exc.left
            return True
        left = _left_in_group(exc, handle)
        if left is None:
            return False
        self._result = left
        return True

    def succeed(self, value: _A) -> None:
        """Record the block's success value; `result` becomes `Right(value)`."""
        check_inside(self._handle, "AsyncBlock.succeed() must be called inside its `async with` body")
        self._result = Right(value)

    @property
    def result(self) -> Either[_E, _A]:
        """The outcome: the `Left` that ended the block, or `Right` of the succeeded value."""
        return outcome(self._result, self._handle, "either.AsyncBlock")
