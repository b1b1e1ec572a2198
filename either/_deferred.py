"""`Deferred[E, A]`: an awaitable of `Either[E, A]`, with bind chains and an async do-block.

A `Deferred` is a recipe: a source (an awaitable, a call, or a ready `Either`) followed by
the steps added with `map`, `bind` and friends. Nothing runs until it is awaited, and then
the whole chain runs inside one coroutine: a chain of ten steps costs one coroutine plus
whatever the steps themselves await, not ten wrappers. That is what keeps a chain close to
plain `await`s.

>>> import asyncio
>>> from either import Deferred, Left, Right
>>> async def fetch_age(name: str) -> Left[str] | Right[int]:
...     return Right(41) if name == "ada" else Left(f"no such user: {name}")
>>> async def main() -> None:
...     print(await Deferred.from_call(fetch_age, "ada").map(lambda age: age + 1))
...     print(await Deferred.from_call(fetch_age, "bob").map(lambda age: age + 1))
>>> asyncio.run(main())
Right(42)
Left('no such user: bob')

Awaiting runs the recipe again each time, like calling an async function again: a
`from_call` source is called anew, which is what `retry` relies on. A coroutine can run only
once, so a `Deferred` built from one keeps the `Either` it gave and hands it to later
awaits (of that `Deferred` and of every one derived from it); the steps run again.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine, Generator
from types import CoroutineType
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, final, overload

from either._core import Left, Right, check_callable
from either._do import _foreign, _ShortCircuit, handle_position
from either._errors import BindError, EitherwayError, NotAnEitherError, describe, name_of, short_repr

if TYPE_CHECKING:
    from typing_extensions import Never

    from either._retry import Retry, RetryExhausted, Timeout

# `retryable` and `discard_unstarted` are shared with the package's other modules only.
__all__ = ["AsyncBind", "Deferred", "DeferredError", "NotRetryableError"]

_A_co = TypeVar("_A_co", covariant=True)
_E_co = TypeVar("_E_co", covariant=True)
_E_contra = TypeVar("_E_contra", contravariant=True)
_A = TypeVar("_A")
_B = TypeVar("_B")
_E = TypeVar("_E")
_F = TypeVar("_F")
_S = TypeVar("_S")
_T = TypeVar("_T")
_P = ParamSpec("_P")

# Source kinds: a call (re-run on every await), a do-block (function or method), a ready
# Either, a one-shot awaitable.
_CALL = 0
_DO = 1
_DO_METHOD = 2
_OF = 3
_ONCE = 4

# Step kinds, in the order the run loop tests them (the common ones first).
_BIND = 0
_MAP = 1
_MAP_LEFT = 2
_BIND_LEFT = 3
_TAP = 4
_TAP_LEFT = 5
_FOLD = 6
_STEP_NAMES = ("bind", "map", "map_left", "bind_left", "tap", "tap_left", "fold")

_CO_COROUTINE = 0x80  # inspect.CO_COROUTINE, without importing inspect


class DeferredError(EitherwayError, RuntimeError):
    """A `Deferred` built from a coroutine was awaited while it was already running, or
    after that coroutine raised or was cancelled: a coroutine runs only once."""


class NotRetryableError(EitherwayError, TypeError):
    """`retry()` was asked to re-run a `Deferred` that cannot run its work again.

    Only a `Deferred` whose source is a call (`Deferred.from_call`, a `@Deferred.do`
    function, an `@safe` async function, or a timeout/gather over such) can be re-run.
    """


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
class _Once:
    """The shared source of Deferreds built from one awaitable: it runs once, then replays."""

    __slots__ = ("awaitable", "either", "name", "state")

    def __init__(self, awaitable: Awaitable[Any]) -> None:
        self.awaitable: Any = awaitable
        self.either: Any = None
        self.state = "pending"  # -> "running" -> "done" | "failed" | "discarded"
        self.name: str = getattr(awaitable, "__qualname__", None) or type(awaitable).__qualname__

    async def run(self) -> Any:
        if self.state == "done":
            return self.either
        if self.state != "pending":
            raise DeferredError(f"Deferred({self.name}) {_ONCE_MESSAGES[self.state]}")
        self.state = "running"
        awaitable = self.awaitable
        try:
            either: Any = await awaitable
        except BaseException:
            self.state = "failed"
            self.awaitable = None
            raise
        self.awaitable = None
        cls = either.__class__
        if cls is not Right and cls is not Left:
            self.state = "failed"
            raise NotAnEitherError(
                f"Deferred expected its awaitable {short_repr(awaitable)} to give a Left or a Right, "
                f"got {describe(either)}"
            )
        self.either = either
        self.state = "done"
        return either

    def discard(self) -> None:
        """Close a coroutine that never started (a fail-fast gather cancelled its turn)."""
        if self.state == "pending":
            close = getattr(self.awaitable, "close", None)
            if close is not None:
                close()
            self.awaitable = None
            self.state = "discarded"


_ONCE_MESSAGES = {
    "running": (
        "was awaited while its coroutine was already running elsewhere; expected one awaiter: "
        "a coroutine runs once, so await the Deferred in one place and share the Either it gives"
    ),
    "failed": (
        "was awaited again after its coroutine raised, was cancelled or gave no Either; a "
        "coroutine cannot run again: build the Deferred with Deferred.from_call(fn, ...) to re-run"
    ),
    "discarded": (
        "was awaited after a fail-fast gather() dropped its coroutine before it started; build "
        "it with Deferred.from_call(fn, ...) to get work that can run later"
    ),
}


def _check_callable(method: str, f: object) -> None:
    check_callable(f"Deferred.{method}", f)


def _not_either(where: str, value: object) -> NotAnEitherError:
    return NotAnEitherError(
        f"{where} expected a Left, a Right, a Deferred or an awaitable of an Either, got {describe(value)}"
    )


def _is_awaitable(value: object) -> bool:
    return hasattr(type(value), "__await__")


_new: Any = object.__new__
_CoroutineType: Any = CoroutineType
# The run loop works on values of unknown type; these aliases keep the checkers from
# narrowing its one variable to Right or Left after each constructor call.
_Right: Any = Right
_Left: Any = Left
_EITHERS: Any = (Left, Right)


@final
class Deferred(Generic[_E_co, _A_co]):
    """An awaitable of `Either[E, A]`: `await d` gives the `Left` or the `Right`.

    Build one from an awaitable (`Deferred(coro)`), a ready `Either` (`Deferred.of`) or a
    call (`Deferred.from_call(fn, *args)`, the form `retry` can re-run). Each method returns
    a new `Deferred`; nothing runs until it is awaited, and then the whole chain runs in one
    coroutine. Errors widen as in `Either.bind`: binding a `Deferred[E1, A]` with a step
    that fails with `E2` gives a `Deferred[E1 | E2, B]`.

    Cancellation and exceptions raised by the steps propagate unchanged; only a `Left`
    travels as a value.
    """

    __slots__ = ("_source", "_steps")

    # (_OF, either) | (_CALL, fn, args, kwargs, retryable) | (_DO, fn, label, args, kwargs)
    # | (_DO_METHOD, fn, label, self, args, kwargs) | (_ONCE, once): one slot, so a step
    # copies one reference. `_steps` is flat: (kind, f, kind, f, ...).
    _source: tuple[Any, ...]
    _steps: tuple[Any, ...]

    def __init__(self, awaitable: Awaitable[Left[_E_co] | Right[_A_co]]) -> None:
        if not _is_awaitable(awaitable):
            hint = "; use Deferred.of(either) for a ready value" if awaitable.__class__ in _EITHERS else ""
            raise NotAnEitherError(f"Deferred() expected an awaitable of an Either, got {describe(awaitable)}{hint}")
        self._source = (_ONCE, _Once(awaitable))
        self._steps = ()

    @overload
    @staticmethod
    def of(either: Right[_A], /) -> Deferred[Never, _A]: ...
    @overload
    @staticmethod
    def of(either: Left[_E], /) -> Deferred[_E, Never]: ...
    @overload
    @staticmethod
    def of(either: Left[_E] | Right[_A], /) -> Deferred[_E, _A]: ...
    @staticmethod
    def of(either: Left[_E] | Right[_A], /) -> Deferred[_E, _A]:
        """A `Deferred` that gives `either` (a `Left` or a `Right`) when awaited."""
        if either.__class__ is not Right and either.__class__ is not Left:
            raise NotAnEitherError(f"Deferred.of() expected a Left or a Right, got {describe(either)}")
        new: Deferred[_E, _A] = _new(Deferred)
        new._source = (_OF, either)
        new._steps = ()
        return new

    @staticmethod
    def from_call(
        fn: Callable[_P, Awaitable[Left[_E] | Right[_A]]], /, *args: _P.args, **kwargs: _P.kwargs
    ) -> Deferred[_E, _A]:
        """A `Deferred` that calls `fn(*args, **kwargs)` and awaits it each time it runs.

        Keeping the call rather than a coroutine is what lets `retry` run the work again.
        """
        if not callable(fn):
            raise NotAnEitherError(f"Deferred.from_call() expected a callable, got {describe(fn)}")
        return _from_call(fn, args, kwargs, True)

    def __await__(self) -> Generator[Any, Any, Left[_E_co] | Right[_A_co]]:
        return self._run().__await__()

    def __repr__(self) -> str:
        source = self._source
        kind = source[0]
        if kind is _OF:
            text = f"Deferred.of({source[1]!r})"
        elif kind is _ONCE:
            once: _Once = source[1]
            text = f"Deferred({short_repr(once.awaitable) if once.state == 'pending' else once.state})"
        else:
            fn = source[1]
            name = name_of(fn)
            text = f"Deferred.from_call({name})" if kind is _CALL else f"Deferred.do({name})"
        steps = len(self._steps) // 2
        return text if not steps else f"{text} + {steps} step{'s' if steps > 1 else ''}"

    async def _run(self) -> Any:  # noqa: PLR0915 (one flat loop: a call per step would cost)
        """Run the source and every step, in this one coroutine."""
        either: Any
        source = self._source
        kind = source[0]
        if kind is _CALL:
            either = source[1](*source[2], **source[3])
            cls = either.__class__
            if cls is not Right and cls is not Left:
                either = await _settle(either, "Deferred.from_call() function", source[1])
        elif kind is _DO or kind is _DO_METHOD:
            label = source[2]
            token = [True]

            async def bind(value: Any, /) -> Any:  # the fast path of _bind_slow, inlined
                if value.__class__ is _CoroutineType and token[0]:
                    either = await value
                    if either.__class__ is Right:
                        return either._value
                    value = either
                return await _bind_slow(value, token, label)

            try:
                if kind is _DO:
                    either = _Right(await source[1](bind, *source[3], **source[4]))
                else:
                    either = _Right(await source[1](source[3], bind, *source[4], **source[5]))
            except _ShortCircuit as stop:
                if stop.token is not token:
                    raise _foreign(label) from None
                either = stop.left
            except BaseException as exc:
                # A bind in a task the block started: the task group wrapped the short-circuit.
                either = _left_in_group(exc, token)
                if either is None:
                    raise
            finally:
                token[0] = False
        elif kind is _OF:
            either = source[1]
        else:
            either = await source[1].run()
        if not self._steps:
            return either
        steps = iter(self._steps)
        step: Any = None
        f: Any = None
        try:
            for step, f in zip(steps, steps, strict=False):
                cls = either.__class__
                if step is _BIND:
                    if cls is Right:
                        either = f(either._value)
                        if either.__class__ is _CoroutineType:  # the common case: awaited right here
                            either = await either
                        cls = either.__class__
                        if cls is not Right and cls is not Left:
                            either = await _settle(either, "Deferred.bind() step", f)
                elif step is _MAP:
                    if cls is Right:
                        either = _Right(f(either._value))
                elif step is _MAP_LEFT:
                    if cls is Left:
                        either = _Left(f(either._error))
                elif step is _BIND_LEFT:
                    if cls is Left:
                        either = f(either._error)
                        cls = either.__class__
                        if cls is not Right and cls is not Left:
                            either = await _settle(either, "Deferred.bind_left() step", f)
                elif step is _TAP:
                    if cls is Right:
                        effect = f(either._value)
                        if effect is not None and _is_awaitable(effect):
                            await effect
                elif step is _TAP_LEFT:
                    if cls is Left:
                        effect = f(either._error)
                        if effect is not None and _is_awaitable(effect):
                            await effect
                else:  # _FOLD: f is a pair (on_left, on_right)
                    on_left, on_right = f
                    either = _Right(on_right(either._value) if cls is Right else on_left(either._error))
        except TypeError:
            # map and bind check their function here rather than when the chain is built:
            # a check per step would cost more than the rest of building it.
            for candidate in f if step is _FOLD else (f,):
                if not callable(candidate):
                    _check_callable(_STEP_NAMES[step], candidate)
            raise
        return either

    def _then(self, step: int, f: object) -> Any:
        new = _new(Deferred)
        new._source = self._source
        new._steps = self._steps + (step, f)  # noqa: RUF005 (concatenating is faster here)
        return new

    def map(self, f: Callable[[_A_co], _B]) -> Deferred[_E_co, _B]:
        """`Right(f(value))` once the value arrives; a `Left` passes through."""
        new: Deferred[_E_co, _B] = _new(Deferred)
        new._source = self._source
        new._steps = self._steps + (_MAP, f)  # noqa: RUF005 (concatenating is faster here)
        return new

    def map_left(self, f: Callable[[_E_co], _F]) -> Deferred[_F, _A_co]:
        """`Left(f(error))` once the error arrives; a `Right` passes through."""
        _check_callable("map_left", f)
        result: Deferred[_F, _A_co] = self._then(_MAP_LEFT, f)
        return result

    # The first two overloads pin the missing side to Never when a step only ever gives a
    # Right (or a Left), where pyright would otherwise leave it unknown.
    @overload
    def bind(self, f: Callable[[_A_co], Right[_B]]) -> Deferred[_E_co, _B]: ...
    @overload
    def bind(self, f: Callable[[_A_co], Left[_F]]) -> Deferred[_E_co | _F, Never]: ...
    @overload
    def bind(
        self, f: Callable[[_A_co], Awaitable[Left[_F] | Right[_B]] | Left[_F] | Right[_B]]
    ) -> Deferred[_E_co | _F, _B]: ...
    def bind(self, f: Callable[[_A_co], Any]) -> Deferred[Any, Any]:
        """Continue with `f(value)`: an `Either`, a `Deferred`, or an awaitable of an Either.

        A `Left` skips `f`; the error type widens with `f`'s.
        """
        new: Deferred[Any, Any] = _new(Deferred)
        new._source = self._source
        new._steps = self._steps + (_BIND, f)  # noqa: RUF005 (concatenating is faster here)
        return new

    @overload
    def bind_left(self, f: Callable[[_E_co], Right[_B]]) -> Deferred[Never, _A_co | _B]: ...
    @overload
    def bind_left(self, f: Callable[[_E_co], Left[_F]]) -> Deferred[_F, _A_co]: ...
    @overload
    def bind_left(
        self, f: Callable[[_E_co], Awaitable[Left[_F] | Right[_B]] | Left[_F] | Right[_B]]
    ) -> Deferred[_F, _A_co | _B]: ...
    def bind_left(self, f: Callable[[_E_co], Any]) -> Deferred[Any, Any]:
        """Recover with `f(error)` (an `Either`, a `Deferred` or an awaitable of one)."""
        _check_callable("bind_left", f)
        result: Deferred[Any, Any] = self._then(_BIND_LEFT, f)
        return result

    recover = bind_left

    def tap(self, f: Callable[[_A_co], object]) -> Deferred[_E_co, _A_co]:
        """Call `f(value)` for its effect (awaiting it if it returns an awaitable)."""
        _check_callable("tap", f)
        result: Deferred[_E_co, _A_co] = self._then(_TAP, f)
        return result

    def tap_left(self, f: Callable[[_E_co], object]) -> Deferred[_E_co, _A_co]:
        """Call `f(error)` for its effect (awaiting it if it returns an awaitable)."""
        _check_callable("tap_left", f)
        result: Deferred[_E_co, _A_co] = self._then(_TAP_LEFT, f)
        return result

    def fold(self, on_left: Callable[[_E_co], _T], on_right: Callable[[_A_co], _T]) -> Deferred[Never, _T]:
        """`Right(on_left(error))` or `Right(on_right(value))`: both outcomes become a value."""
        _check_callable("fold", on_left)
        _check_callable("fold", on_right)
        result: Deferred[Never, _T] = self._then(_FOLD, (on_left, on_right))
        return result

    def timeout(self, seconds: float) -> Deferred[_E_co | Timeout, _A_co]:
        """Give `Left(Timeout(seconds))` when the work takes longer, cancelling it.

        The work sees an ordinary cancellation at its next `await`, so its `finally`
        blocks and `async with` exits run. Uses anyio, imported on first use.
        """
        from either._retry import timeout_deferred

        return timeout_deferred(self, seconds)

    def retry(self, policy: Retry) -> Deferred[_E_co | RetryExhausted[_E_co], _A_co]:
        """Run the work again while `policy.retry_on(error)` holds, up to `policy.attempts` tries.

        Only a `Deferred` whose source is a call can be re-run (`Deferred.from_call`,
        `@Deferred.do`, `@safe` on an async function); others raise `NotRetryableError`.
        """
        from either._retry import retry_deferred

        return retry_deferred(self, policy)

    @overload
    @staticmethod
    def do(
        fn: Callable[Concatenate[AsyncBind[_E], _P], Coroutine[Any, Any, _A]], /
    ) -> Callable[_P, Deferred[_E, _A]]: ...
    @overload
    @staticmethod
    def do(
        fn: Callable[Concatenate[_S, AsyncBind[_E], _P], Coroutine[Any, Any, _A]], /
    ) -> Callable[Concatenate[_S, _P], Deferred[_E, _A]]: ...
    @staticmethod
    def do(fn: Callable[..., Any], /) -> Callable[..., Any]:
        """Turn an `async def` taking an `AsyncBind[E]` handle into one giving `Deferred[E, A]`.

        The handle is the first parameter, or the second on methods (after `self`/`cls`).
        `await bind(x)` gives the value of a `Right`; a `Left` ends the block and is the
        result. The returned `Deferred` runs the body each time it is awaited, so it can be
        retried.
        """
        return _async_do(fn)


def _from_call(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], retryable: bool
) -> Deferred[Any, Any]:
    new: Deferred[Any, Any] = _new(Deferred)
    new._source = (_CALL, fn, args, kwargs, retryable)
    new._steps = ()
    return new


async def _settle(value: Any, where: str, f: object) -> Any:
    """Await what a source call or a `bind`/`bind_left` step gave when it was not an Either."""
    try:
        either = await value
    except TypeError:
        if _is_awaitable(value):
            raise
        raise _not_either(f"{where} {name_of(f)} result", value) from None
    cls = either.__class__
    if cls is not Right and cls is not Left:
        raise _not_either(f"{where} {name_of(f)} result", either)
    return either


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


def retryable(d: Deferred[Any, Any]) -> bool:
    """Whether awaiting `d` again runs its work again (what `retry` needs)."""
    source = d._source
    kind = source[0]
    return kind is _DO or kind is _DO_METHOD or kind is _OF or (kind is _CALL and source[4])


def discard_unstarted(d: Deferred[Any, Any]) -> None:
    """Close `d`'s coroutine if it never started, so Python does not warn about it."""
    source = d._source
    if source[0] is _ONCE:
        source[1].discard()


async def _bind_slow(value: Any, token: list[bool], label: str) -> Any:
    """Everything but the fast path of an async do-block's `bind` handle (see `_run`)."""
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
        try:
            either = await value
        except TypeError:
            if _is_awaitable(value):
                raise
            raise _not_either(f"bind() in {label}", value) from None
        cls = either.__class__
    if cls is Right:
        return either._value
    if cls is Left:
        raise _ShortCircuit(either, token)
    raise _not_either(f"bind() in {label}", either)


def _async_do(fn: Callable[..., Any]) -> Callable[..., Any]:
    code = getattr(fn, "__code__", None)
    if code is None or not code.co_flags & _CO_COROUTINE:
        raise TypeError(
            f"Deferred.do decorates an `async def`, got {describe(fn)}; use either.do for a synchronous block"
        )
    label = f"{fn.__qualname__}()"
    if handle_position(fn) == 0:

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            new = _new(Deferred)
            new._source = (_DO, fn, label, args, kwargs)
            new._steps = ()
            return new

    else:

        @functools.wraps(fn)
        def call_method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
            new = _new(Deferred)
            new._source = (_DO_METHOD, fn, label, self, args, kwargs)
            new._steps = ()
            return new

        call = call_method
    return call
