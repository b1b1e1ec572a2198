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
from collections.abc import Awaitable, Callable, Coroutine
from types import CoroutineType
from typing import Any, Protocol, TypeVar, final

from either._checks import is_async_function
from either._core import Left, Right
from either._deferred import Deferred, _is_awaitable, _new_deferred, _new_right, _not_either
from either._do import _foreign, _ShortCircuit, handle_position
from either._errors import ArgumentTypeError, BindError, describe

__all__ = ["AsyncBind"]

_E_contra = TypeVar("_E_contra", contravariant=True)
_T = TypeVar("_T")

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
        token = [True]

        async def bind(value: Any, /) -> Any:  # the fast path of _bind_slow, inlined
            if value.__class__ is _CoroutineType and token[0]:
                either = await value
                if either.__class__ is Right:
                    return either._value
                value = either
            return await _bind_slow(value, token, label)

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
            if stop.token is not token:
                raise _foreign(label) from None
            return stop.left
        except BaseException as exc:
            # A bind in a task the block started: the task group wrapped the short-circuit.
            left = _left_in_group(exc, token)
            if left is None:
                raise
            return left
        finally:
            token[0] = False

    def __repr__(self) -> str:
        return f"Deferred.do({self.block.label[:-2]})"


async def _bind_slow(value: Any, token: list[bool], label: str) -> Any:
    """Everything but the fast path of the handle: a closed handle, a ready Either, any awaitable."""
    either: Any = value
    cls = either.__class__
    if not token[0]:
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
        raise _ShortCircuit(either, token)
    raise _not_either(f"bind() in {label}", either)


def _left_in_group(exc: BaseException, token: list[bool]) -> Any:
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
    label = f"{getattr(fn, '__qualname__', None) or type(fn).__qualname__}()"
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
