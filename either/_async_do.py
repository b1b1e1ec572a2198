"""The async do-block: `@Deferred.do` and the `AsyncBind` handle its body awaits.

`@Deferred.do` turns `async def f(bind: AsyncBind[E], ...)` into a function returning a
`Deferred[E, A]` whose source is a `_Do`: a record of the call, started anew each time the
`Deferred` runs (so a block can be retried). Starting it makes a fresh handle and awaits
the body. As in `either.do`, a `Left` given to the handle leaves the body as a
`_ShortCircuit` (a `BaseException`, so `except Exception` in the body misses it) carrying
a token that belongs to this one run; a handle used after its run ended is refused.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from types import CoroutineType
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar, Union, final, overload

from either._checks import check_callable, is_async_function
from either._core import Left, Right
from either._deferred import Deferred, _from_call, _is_awaitable, _new_deferred, _new_right, _not_either
from either._do import (
    _check_open,
    _ensure,
    _ensure_not_none,
    _foreign,
    _ShortCircuit,
    _with_error,
    block_label,
    handle_position,
)
from either._errors import ArgumentTypeError, BindError, NotAnEitherError, describe

if TYPE_CHECKING:
    from either._nonempty import NonEmpty

__all__ = ["AsyncBind"]

_E_contra = TypeVar("_E_contra", contravariant=True)
_T = TypeVar("_T")
_B = TypeVar("_B")
_F = TypeVar("_F")
_X = TypeVar("_X")
_A1 = TypeVar("_A1")
_A2 = TypeVar("_A2")
_A3 = TypeVar("_A3")
_A4 = TypeVar("_A4")
_A5 = TypeVar("_A5")

# What the handle binds: a Deferred or another awaitable of an Either, or an Either.
_Source: TypeAlias = "Union[Awaitable[Union[Left[_X], Right[_T]]], Left[_X], Right[_T]]"

_CoroutineType: Any = CoroutineType
_new: Any = object.__new__


class AsyncBind(Protocol[_E_contra]):
    """The handle an async do-block receives: `await bind(x)` is the value of a `Right`.

    `x` may be a `Deferred`, any awaitable of an `Either`, or an `Either`. A `Left` ends the
    block, which then gives that `Left`. Like `Bind`, it admits an `Either[E2, A]` only where
    `E2` fits the declared `AsyncBind[E]`.
    """

    def __call__(
        self, value: Awaitable[Left[_E_contra] | Right[_T]] | Left[_E_contra] | Right[_T], /
    ) -> Coroutine[Any, Any, _T]: ...

    # As on `Bind`: an explicit self type makes the handle admit NonEmpty[X], X being the
    # union of the arguments' error types. The work runs concurrently (gather_all).
    @overload
    def all(self: AsyncBind[NonEmpty[_X]], d1: _Source[_X, _A1], /) -> Coroutine[Any, Any, tuple[_A1]]: ...
    @overload
    def all(
        self: AsyncBind[NonEmpty[_X]], d1: _Source[_X, _A1], d2: _Source[_X, _A2], /
    ) -> Coroutine[Any, Any, tuple[_A1, _A2]]: ...
    @overload
    def all(
        self: AsyncBind[NonEmpty[_X]], d1: _Source[_X, _A1], d2: _Source[_X, _A2], d3: _Source[_X, _A3], /
    ) -> Coroutine[Any, Any, tuple[_A1, _A2, _A3]]: ...
    @overload
    def all(
        self: AsyncBind[NonEmpty[_X]],
        d1: _Source[_X, _A1],
        d2: _Source[_X, _A2],
        d3: _Source[_X, _A3],
        d4: _Source[_X, _A4],
        /,
    ) -> Coroutine[Any, Any, tuple[_A1, _A2, _A3, _A4]]: ...
    @overload
    def all(
        self: AsyncBind[NonEmpty[_X]],
        d1: _Source[_X, _A1],
        d2: _Source[_X, _A2],
        d3: _Source[_X, _A3],
        d4: _Source[_X, _A4],
        d5: _Source[_X, _A5],
        /,
    ) -> Coroutine[Any, Any, tuple[_A1, _A2, _A3, _A4, _A5]]: ...
    @overload
    def all(self: AsyncBind[NonEmpty[_X]], /, *ds: _Source[_X, _T]) -> Coroutine[Any, Any, tuple[_T, ...]]: ...

    def each(
        self: AsyncBind[NonEmpty[_X]],
        items: Iterable[_T],
        step: Callable[[_T], _Source[_X, _B]],
        /,
        *,
        limit: int | None = None,
    ) -> Coroutine[Any, Any, list[_B]]:
        """`step(item)` for every item, at most `limit` at once: the values, or every error."""
        ...

    def ensure(self, condition: object, error: _E_contra, /) -> None:
        """End the block with `Left(error)` unless `condition` is true (a plain call)."""
        ...

    def ensure_not_none(self, value: _T | None, error: _E_contra, /) -> _T:
        """`value`, no longer optional; the block ends with `Left(error)` when it is `None`."""
        ...

    def with_error(self, mapper: Callable[[_F], _E_contra], result: Left[_F] | Right[_T], /) -> _T:
        """The value of `result`, or end the block with `Left(mapper(error))` (a plain call)."""
        ...


@final
class _AsyncHandle:
    """The run-time `AsyncBind`: one per run of a block, slotted like the sync handle.

    Like it, the handle is the token its short-circuits carry; `_open` says whether its run
    goes on.
    """

    __slots__ = ("_label", "_open")

    def __init__(self, label: str) -> None:
        self._label = label
        self._open = True

    def __repr__(self) -> str:
        return f"<async bind handle of {self._label}{'' if self._open else ' (ended)'}>"

    async def __call__(self, value: Any, /) -> Any:
        if value.__class__ is _CoroutineType and self._open:  # the common case, inlined
            either = await value
            if either.__class__ is Right:
                return either._value
            value = either
        return await _bind_slow(value, self)

    async def all(self, *sources: Any) -> Any:
        if self._open:
            values: list[Any] = []
            for source in sources:  # every result ready and a success: nothing to run
                if source.__class__ is not Right:
                    break
                values.append(source._value)
            else:
                return tuple(values)
        return await self._gather("all", _deferreds(self, sources))

    async def each(self, items: Iterable[Any], step: Callable[[Any], Any], /, *, limit: int | None = None) -> Any:
        self._check_open()
        check_callable("bind.each", step)
        try:
            iterator = iter(items)
        except TypeError:
            raise NotAnEitherError(
                f"bind.each() in {self._label} expected an iterable of items, got {describe(items)}"
            ) from None
        # A call per item, made when its turn comes: no coroutine waits unstarted.
        ds = [_from_call(step, (item,), {}, True) for item in iterator]
        return list(await self._gather("each", ds, limit))

    ensure = _ensure
    ensure_not_none = _ensure_not_none
    with_error = _with_error
    _check_open = _check_open

    async def _gather(self, method: str, ds: list[Deferred[Any, Any]], limit: int | None = None) -> Any:
        from either._gather import gather_all

        self._check_open()
        either: Any = await gather_all(*ds, limit=limit)
        if either.__class__ is Left:
            raise _ShortCircuit(either, self)
        return either._value


def _deferreds(handle: _AsyncHandle, sources: tuple[Any, ...]) -> list[Deferred[Any, Any]]:
    """Each source as a `Deferred`; if one is refused, every coroutine among them is closed
    first, so none is reported as never awaited."""
    try:
        return [_deferred_of(handle, source, index) for index, source in enumerate(sources)]
    except BaseException:
        for source in sources:
            if source.__class__ is _CoroutineType:
                source.close()
        raise


def _deferred_of(handle: _AsyncHandle, source: Any, index: int) -> Deferred[Any, Any]:
    cls = source.__class__
    if cls is Deferred:
        d: Deferred[Any, Any] = source
        return d
    if cls is Right or cls is Left:
        return Deferred.of(source)
    if _is_awaitable(source):
        return Deferred(source)
    raise NotAnEitherError(
        f"bind.all() in {handle._label} expected argument {index} to be a Deferred, an awaitable of an Either "
        f"or an Either, got {describe(source)}"
    )


@final
class _Block:
    """What `@Deferred.do` learnt about its function, once, when decorating it."""

    __slots__ = ("fn", "label", "method")

    def __init__(self, fn: Callable[..., Any], label: str, method: bool) -> None:
        self.fn = fn
        self.label = label
        self.method = method  # the handle follows `self`/`cls`, the first of `args`


@final
class _Do:
    """One call of an `@Deferred.do` function: its arguments, run anew on every start."""

    __slots__ = ("args", "block", "kwargs")
    retryable = True
    checked = True
    # Set by the decorated function on each call (see `async_do`), without an __init__ call.
    block: _Block
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    async def start(self) -> Any:
        """Run the body with a fresh handle: `Right` of what it returns, or the `Left` it bound."""
        block = self.block
        label = block.label
        bind = _new(_AsyncHandle)  # `_AsyncHandle(label)`, inlined
        bind._label = label
        bind._open = True
        args = self.args
        kwargs = self.kwargs
        try:
            if block.method:
                value = await block.fn(args[0], bind, *args[1:], **kwargs)
            elif kwargs:
                value = await block.fn(bind, *args, **kwargs)
            else:
                value = await block.fn(bind, *args)
            right = _new_right()
            right._value = value
            return right
        except _ShortCircuit as stop:
            if stop.token is not bind:
                raise _foreign(label) from None
            return stop.left
        except BaseException as exc:
            # A bind in a task the block started: the task group wrapped the short-circuit.
            left = _left_in_group(exc, bind)
            if left is None:
                raise
            return left
        finally:
            bind._open = False

    def __repr__(self) -> str:
        return f"Deferred.do({self.block.label[:-2]})"


async def _bind_slow(value: Any, handle: _AsyncHandle) -> Any:
    """Everything but the fast path of the handle: a closed handle, a ready Either, any awaitable."""
    either: Any = value
    cls = either.__class__
    label = handle._label
    if not handle._open:
        if cls is not Right and cls is not Left and cls is not Deferred:
            close: Any = getattr(value, "close", None)
            if close is not None:
                close()  # a coroutine that will never be awaited: no warning for it
        raise BindError(
            f"the bind handle of {label} was used after its block ended; "
            "a handle is only valid while its own block runs"
        )
    if cls is not Right and cls is not Left:
        if not _is_awaitable(value):
            raise _not_either(f"bind() in {label}", value)
        either = await value
        cls = either.__class__
    if cls is Right:
        return either._value
    if cls is Left:
        raise _ShortCircuit(either, handle)
    raise _not_either(f"bind() in {label}", either)


def _left_in_group(exc: BaseException, token: object) -> Any:
    """The `Left` when `exc` is an exception group holding only this block's short-circuits."""
    inner: Any = getattr(exc, "exceptions", None)
    if inner is None or not hasattr(exc, "split"):
        return None
    found: Any = None
    for item in inner:
        if isinstance(item, _ShortCircuit) and item.token is token:
            left: Any = item.left
        else:
            left = _left_in_group(item, token)
            if left is None:
                return None
        found = found or left
    return found


_new_do: Any = functools.partial(_new, _Do)


def async_do(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`Deferred.do`: check `fn` is an `async def` with a handle, and wrap it."""
    if not is_async_function(fn):
        raise ArgumentTypeError(
            f"Deferred.do decorates an `async def`, got {describe(fn)}; use either.do for a synchronous block"
        )
    label = block_label(fn)
    block = _Block(fn, label, handle_position(fn) == 1)

    def call(*args: Any, **kwargs: Any) -> Deferred[Any, Any]:
        # `_Do(...)` and `from_source(...)`, inlined: this runs on every call.
        source = _new_do()
        source.block = block
        source.args = args
        source.kwargs = kwargs
        new: Deferred[Any, Any] = _new_deferred()
        new._source = source
        new._steps = ()
        return new

    return functools.wraps(fn)(call)
