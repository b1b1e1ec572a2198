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
import sys
from collections.abc import Awaitable, Callable, Coroutine, Generator, Mapping
from types import CoroutineType
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, final, overload

from either._checks import check_callable
from either._context import Context, add_context, check_context_message
from either._core import Left, Right, recovery_handlers
from either._errors import ArgumentTypeError, DeferredError, NotAnEitherError, describe, name_of, short_repr
from either._schedule import Schedule

if TYPE_CHECKING:
    from typing_extensions import Never
    from typing_extensions import TypeVar as TypeVarWithDefault

    # A recovery that never fails (or never succeeds) leaves one side unsolved; the
    # default makes it Never rather than unknown, as in `Either.recover`.
    _RB = TypeVarWithDefault("_RB", default=Never)
    _RF = TypeVarWithDefault("_RF", default=Never)

    from either._async_do import AsyncBind
    from either._retry import Retry, RetryExhausted, Timeout

# `retryable`, `discard_unstarted` and `from_call_source` are shared with the package's
# other modules only.
__all__ = ["Deferred"]

_A_co = TypeVar("_A_co", covariant=True)
_E_co = TypeVar("_E_co", covariant=True)
_A = TypeVar("_A")
_B = TypeVar("_B")
_E = TypeVar("_E")
_F = TypeVar("_F")
_S = TypeVar("_S")
_T = TypeVar("_T")
_P = ParamSpec("_P")
_X = TypeVar("_X")

# Step kinds are the names of the methods that add them, compared by identity in the run
# loop and quoted as they are in messages.
_BIND = "bind"
_MAP = "map"
_MAP_LEFT = "map_left"
_BIND_LEFT = "bind_left"
_TAP = "tap"
_TAP_LEFT = "tap_left"
_FOLD = "fold"

_new: Any = object.__new__
# `bind` extends a Deferred in place when `sys.getrefcount(self)` shows that only the
# method itself holds it (its `self` and the call's argument: `_UNIQUE`). CPython 3.11 to
# 3.13 with the GIL move the caller's temporary into the method's frame, so the count is
# exact there. Elsewhere it can mislead (3.14 may borrow references; free-threaded builds;
# other interpreters have none), so the in-place path is switched off: the count reads 0.
_UNIQUE = 2
_getrefcount: Callable[[object], int] = (
    sys.getrefcount
    if sys.implementation.name == "cpython"
    and (3, 11) <= sys.version_info[:2] < (3, 14)
    and "free-threading" not in sys.version
    else lambda _: 0
)
_CoroutineType: Any = CoroutineType
# The run loop works on values of unknown type; these aliases keep the checkers from
# narrowing its one variable to Right or Left after each constructor call.
_Left: Any = Left
_EITHERS: Any = (Left, Right)
# Values `map` commonly gives, which are never awaitable: checked before the slower lookup.
_PLAIN = frozenset({int, float, str, bytes, bool, type(None), tuple, list, dict, set})


def _is_awaitable(value: object) -> bool:
    return hasattr(type(value), "__await__")


def _not_either(where: str, value: object) -> NotAnEitherError:
    return NotAnEitherError(
        f"{where} expected a Left, a Right, a Deferred or an awaitable of an Either, got {describe(value)}"
    )


# Sources. Each is what a `Deferred` starts from: a ready `Left` or `Right` itself
# (`Deferred.of`), or an object whose `start()` gives an Either or a coroutine of one,
# whose `retryable` says whether starting it again runs the work again, and whose `checked`
# says that `start()` gives a coroutine of an Either already checked (a step-less Deferred
# can then be awaited without a coroutine of its own).


@final
class _Call:
    """A call made anew on every run (`Deferred.from_call`, and gather, timeout, retry)."""

    __slots__ = ("args", "fn", "kwargs", "retryable")
    checked = False

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], retryable: bool) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.retryable = retryable

    def start(self) -> Any:
        return self.fn(*self.args, **self.kwargs)

    def __repr__(self) -> str:
        return f"Deferred.from_call({name_of(self.fn)})"


@final
class _Once:
    """One awaitable (`Deferred(coro)`), shared by every Deferred derived from it: it runs
    once, and later runs replay the Either it gave."""

    __slots__ = ("awaitable", "either", "name", "state")
    retryable = False
    checked = True

    def __init__(self, awaitable: Awaitable[Any]) -> None:
        self.awaitable: Any = awaitable
        self.either: Any = None
        self.state = "pending"  # -> "running" -> "done" | "failed" | "discarded"
        self.name: str = getattr(awaitable, "__qualname__", None) or type(awaitable).__qualname__

    async def start(self) -> Any:
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

    def __repr__(self) -> str:
        return f"Deferred({short_repr(self.awaitable) if self.state == 'pending' else self.state})"


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


@final
class Deferred(Generic[_E_co, _A_co]):
    """An awaitable of `Either[E, A]`: `await d` gives the `Left` or the `Right`.

    Build one from an awaitable (`Deferred(coro)`), a ready `Either` (`Deferred.of`) or a
    call (`Deferred.from_call(fn, *args)`, the form `retry` can re-run). Each method returns
    a new `Deferred`; nothing runs until it is awaited, and then the whole chain runs in one
    coroutine. Errors widen as in `Either.bind`: binding a `Deferred[E1, A]` with a step
    that fails with `E2` gives a `Deferred[E1 | E2, B]`.

    Cancellation and exceptions raised by the steps propagate unchanged; only a `Left`
    travels as a value. To run one from synchronous code, await it inside a coroutine:
    `asyncio.run(main())` where `main` does `await d` (`asyncio.run(d)` wants a coroutine).
    """

    # `_steps` holds the steps: `()` for none; a list, oldest first; or the node
    # `(earlier_steps, step)`, newest last. A `bind` step is its function, any other the
    # pair `(kind, f)`. A list belongs to one Deferred and grows in place only while nothing
    # else can see it (`bind` on the temporary of `Deferred.of(r).bind(f).bind(g)`); once
    # another Deferred builds on it, it is frozen (`_Frozen`, the same steps) and the new
    # one gets a node pointing at it. So nothing anyone holds ever changes, a chain of n
    # steps is built in O(n) with no copying, branches share what they have in common, and
    # the usual chain runs its list with no walk.
    __slots__ = ("_source", "_steps")

    def __init__(self, awaitable: Awaitable[Left[_E_co] | Right[_A_co]]) -> None:
        if not _is_awaitable(awaitable):
            hint = "; use Deferred.of(either) for a ready value" if awaitable.__class__ in _EITHERS else ""
            raise NotAnEitherError(f"Deferred() expected an awaitable of an Either, got {describe(awaitable)}{hint}")
        self._source: Any = _Once(awaitable)
        self._steps: Any = ()

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
        new: Deferred[_E, _A] = _new_deferred()
        new._source = either
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
        source: Any = self._source
        if self._steps or source.__class__ is Right or source.__class__ is Left or not source.checked:
            return self._run().__await__()
        steps: Generator[Any, Any, Any] = source.start().__await__()  # nothing to add to it
        return steps

    def __repr__(self) -> str:
        steps = len(_flat(self._steps))
        source = self._source
        text = f"Deferred.of({source!r})" if source.__class__ in _EITHERS else repr(source)
        return text if not steps else f"{text} + {steps} step{'s' if steps > 1 else ''}"

    async def _run(self) -> Any:  # noqa: PLR0915 (one flat loop: a call per step would cost)
        """Run the source and every step, in this one coroutine (a call per step would cost)."""
        either: Any = self._source
        cls = either.__class__
        if cls is not Right and cls is not Left:
            source = either
            either = source.start()
            cls = either.__class__
            if cls is not Right and cls is not Left:
                either = await either if cls is _CoroutineType else await _settle(either, source)
                cls = either.__class__
                if cls is not Right and cls is not Left:
                    raise _not_either(f"Deferred.from_call() function {name_of(source.fn)} result", either)
        steps = self._steps
        if not steps:
            return either
        if steps.__class__ is not list:
            steps = _flat(steps)
        elif steps[0].__class__ is not tuple:
            # Only `bind` grows a list in place, and a list that `map` or another step
            # starts begins with its pair: this one holds binds alone. Run them without
            # asking each its kind, and stop at the first Left (it skips every bind).
            step: Any = None
            try:
                if cls is Right:
                    for step in steps:
                        either = step(either._value)
                        cls = either.__class__
                        if cls is _CoroutineType:
                            either = await either
                            cls = either.__class__
                        if cls is not Right:
                            if cls is not Left:
                                either = await _settle_step(either, _BIND, step)
                                if either.__class__ is Right:
                                    continue
                            break
            except TypeError:
                check_callable("Deferred.bind", step)
                raise
            return either
        step = None
        try:
            for step in steps:
                # `cls` is the class of `either` at the top of each turn.
                if step.__class__ is not tuple:  # a bind, the step chains are made of
                    if cls is Right:
                        either = step(either._value)
                        cls = either.__class__
                        if cls is _CoroutineType:  # the common case: awaited right here
                            either = await either
                            cls = either.__class__
                        if cls is not Right and cls is not Left:
                            either = await _settle_step(either, _BIND, step)
                            cls = either.__class__
                    continue
                kind, f = step
                if kind is _MAP:
                    if either.__class__ is Right:
                        value = f(either._value)
                        made = value.__class__
                        if made is _CoroutineType or (made not in _PLAIN and hasattr(made, "__await__")):
                            value = await value
                        either = _new_right()
                        either._value = value
                elif kind is _MAP_LEFT:
                    if either.__class__ is Left:
                        error = f(either._error)
                        made = error.__class__
                        if made is _CoroutineType or (made not in _PLAIN and hasattr(made, "__await__")):
                            error = await error
                        either = _Left(error)
                elif kind is _BIND_LEFT:
                    if either.__class__ is Left:
                        either = f(either._error)
                        cls = either.__class__
                        if cls is not Right and cls is not Left:
                            either = await _settle_step(either, kind, f)
                elif kind is _TAP:
                    if either.__class__ is Right:
                        effect = f(either._value)
                        if effect is not None and _is_awaitable(effect):
                            await effect
                elif kind is _TAP_LEFT:
                    if either.__class__ is Left:
                        effect = f(either._error)
                        if effect is not None and _is_awaitable(effect):
                            await effect
                else:  # _FOLD: f is a pair (on_left, on_right)
                    on_left, on_right = f
                    value = on_right(either._value) if either.__class__ is Right else on_left(either._error)
                    either = _new_right()
                    either._value = value
                cls = either.__class__
        except TypeError:
            # Steps are checked here rather than when the chain is built: a check per step
            # would cost more than the rest of building it.
            kind, f = step if step.__class__ is tuple else (_BIND, step)
            for candidate in f if kind is _FOLD else (f,):
                check_callable(f"Deferred.{kind}", candidate)
            raise
        return either

    def _then(self, kind: str, f: object) -> Any:
        """A new Deferred: this one followed by the step `(kind, f)`."""
        steps = self._steps
        if steps.__class__ is list:
            steps = self._steps = _Frozen(steps)
        new = _new_deferred()
        new._source = self._source
        new._steps = (steps, (kind, f)) if steps else [(kind, f)]
        return new

    @overload
    def map(self, f: Callable[[_A_co], Awaitable[_B]]) -> Deferred[_E_co, _B]: ...
    @overload
    def map(self, f: Callable[[_A_co], _B]) -> Deferred[_E_co, _B]: ...
    def map(self, f: Callable[[_A_co], Any]) -> Deferred[_E_co, Any]:
        """`Right(f(value))` once the value arrives; a `Left` passes through.

        When `f` returns an awaitable (an `async def` step), it is awaited and its result
        is the new value, as `bind`, `tap` and `tap_left` await theirs.
        """
        result: Deferred[_E_co, Any] = self._then(_MAP, f)
        return result

    @overload
    def map_left(self, f: Callable[[_E_co], Awaitable[_F]]) -> Deferred[_F, _A_co]: ...
    @overload
    def map_left(self, f: Callable[[_E_co], _F]) -> Deferred[_F, _A_co]: ...
    def map_left(self, f: Callable[[_E_co], Any]) -> Deferred[Any, _A_co]:
        """`Left(f(error))` once the error arrives; a `Right` passes through.

        An awaitable that `f` returns is awaited, as in `map`.
        """
        check_callable("Deferred.map_left", f)
        result: Deferred[Any, _A_co] = self._then(_MAP_LEFT, f)
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
        # `_then`, inlined: bind is the step chains are made of.
        steps = self._steps
        if _getrefcount(self) == _UNIQUE:
            # No one else holds this Deferred (it is the temporary of a chain being built,
            # `Deferred.of(r).bind(f).bind(g)`), so extending it in place is unobservable and
            # saves building one object per step. A list of steps is only ever held by its
            # one Deferred (see below), so it can grow here too.
            if steps.__class__ is list:
                steps.append(f)
            else:
                self._steps = (steps, f) if steps else [f]
            return self
        if steps.__class__ is list:
            # Another Deferred is about to build on these steps: freeze them (once; the
            # content is the same, so no one can tell) so that the list never changes again.
            steps = self._steps = _Frozen(steps)
        new: Deferred[Any, Any] = _new_deferred()
        new._source = self._source
        new._steps = (steps, f) if steps else [f]
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
        check_callable("Deferred.bind_left", f)
        result: Deferred[Any, Any] = self._then(_BIND_LEFT, f)
        return result

    @overload
    def recover(
        self, f: Callable[[_E_co], Awaitable[Left[_RF] | Right[_RB]] | Left[_RF] | Right[_RB]], /
    ) -> Deferred[_RF, _A_co | _RB]: ...
    @overload
    def recover(
        self, kind: type[_X], f: Callable[[_X], Awaitable[Left[_RF] | Right[_RB]] | Left[_RF] | Right[_RB]], /
    ) -> Deferred[_E_co | _RF, _A_co | _RB]: ...
    @overload
    def recover(
        self,
        handlers: Mapping[type[Any], Callable[[Any], Awaitable[Left[_RF] | Right[_RB]] | Left[_RF] | Right[_RB]]],
        /,
    ) -> Deferred[_E_co | _RF, _A_co | _RB]: ...
    def recover(self, handler: Any, f: Any = None, /) -> Deferred[Any, Any]:
        """Recover as `Either.recover` does: with `f`, by class (`recover(NotFound, f)`), or by a
        mapping of classes to handlers; an unhandled error passes through unchanged.

        As with `Either`, the handled classes stay in the error type: neither checker can
        remove a class from a union.
        """
        handlers = recovery_handlers(handler, f)
        if not isinstance(handlers, tuple):
            return self.bind_left(handler)
        pairs: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = handlers  # pyright: ignore[reportUnknownVariableType]

        def by_class(error: object) -> Any:
            for kind, each in pairs:
                if isinstance(error, kind):
                    return each(error)
            return _Left(error)

        result: Deferred[Any, Any] = self._then(_BIND_LEFT, by_class)
        return result

    @overload
    def context(
        self: Deferred[Context[_X], _A_co], message: str | Callable[[], str], /
    ) -> Deferred[Context[_X], _A_co]: ...
    @overload
    def context(self, message: str | Callable[[], str], /) -> Deferred[Context[_E_co], _A_co]: ...
    def context(self, message: str | Callable[[], str], /) -> Deferred[Context[Any], _A_co]:
        """`Left(Context(message, error))` once an error arrives, as `Either.context` does.

        A message given as a function is only called on a failure. The error type is
        `Context[E]` (context on a `Context` prepends a message at run time).
        """
        check_context_message(message)
        result: Deferred[Context[Any], _A_co] = self._then(_MAP_LEFT, functools.partial(_add_context, message))
        return result

    def tap(self, f: Callable[[_A_co], object]) -> Deferred[_E_co, _A_co]:
        """Call `f(value)` for its effect (awaiting it if it returns an awaitable)."""
        check_callable("Deferred.tap", f)
        result: Deferred[_E_co, _A_co] = self._then(_TAP, f)
        return result

    def tap_left(self, f: Callable[[_E_co], object]) -> Deferred[_E_co, _A_co]:
        """Call `f(error)` for its effect (awaiting it if it returns an awaitable)."""
        check_callable("Deferred.tap_left", f)
        result: Deferred[_E_co, _A_co] = self._then(_TAP_LEFT, f)
        return result

    def fold(self, on_left: Callable[[_E_co], _T], on_right: Callable[[_A_co], _T]) -> Deferred[Never, _T]:
        """`Right(on_left(error))` or `Right(on_right(value))`: both outcomes become a value."""
        check_callable("Deferred.fold", on_left)
        check_callable("Deferred.fold", on_right)
        result: Deferred[Never, _T] = self._then(_FOLD, (on_left, on_right))
        return result

    def timeout(self, seconds: float) -> Deferred[_E_co | Timeout, _A_co]:
        """Give `Left(Timeout(seconds))` when the work takes longer, cancelling it.

        The work sees an ordinary cancellation at its next `await`, so its `finally`
        blocks and `async with` exits run. Uses anyio, imported on first use.
        """
        from either._retry import timeout_deferred

        return timeout_deferred(self, seconds)

    @overload
    def retry(self, policy: Retry, /) -> Deferred[_E_co | RetryExhausted[_E_co], _A_co]: ...
    @overload
    def retry(
        self,
        schedule: Schedule,
        /,
        *,
        when: Callable[[_E_co], object] | None = None,
        sleep: Callable[[float], Awaitable[object]] | None = None,
    ) -> Deferred[_E_co | RetryExhausted[_E_co], _A_co]: ...
    def retry(
        self,
        policy: Retry | Schedule,
        /,
        *,
        when: Callable[[Any], object] | None = None,
        sleep: Callable[[float], Awaitable[object]] | None = None,
    ) -> Deferred[Any, Any]:
        """Run the work again while the error is worth another try and the policy goes on.

        With a `Retry`, while `policy.retry_on(error)` holds, up to `policy.attempts` tries.
        With a `Schedule`, while `when(error)` holds (default: every error) and the schedule
        goes on, waiting the delays it gives, or the `retry_after` (seconds) an error
        carries. When the tries run out the `Left` is `RetryExhausted` with every error.
        `sleep` replaces `anyio.sleep` (tests).

        Only a `Deferred` whose source is a call can be re-run (`Deferred.from_call`,
        `@Deferred.do`, `@safe` on an async function); others raise `NotRetryableError`.
        """
        from either._retry import retry_deferred, retry_scheduled

        if isinstance(policy, Schedule):
            return retry_scheduled(self, policy, when, sleep)
        if when is not None or sleep is not None:
            raise ArgumentTypeError(
                "Deferred.retry(policy, when=..., sleep=...) takes when= and sleep= with a Schedule only; "
                "a Retry policy has retry_on= and sleep= of its own"
            )
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
        from either._async_do import async_do

        return async_do(fn)


def _add_context(message: object, error: object) -> Context[Any]:
    return add_context(error, message)


# `object.__new__` bound to each class: an allocation with no `__init__` call, about 10%
# cheaper than `object.__new__(cls)` (no argument tuple to build and slice).
_new_deferred: Any = functools.partial(_new, Deferred)
_new_right: Any = functools.partial(_new, Right)


class _Frozen(tuple[Any, ...]):
    """Steps that were a Deferred's list, frozen once another Deferred built on them.

    A class of its own so that a walk back through the nodes `(earlier, step)` (plain
    tuples) knows where they end.
    """

    __slots__ = ()


def _flat(steps: Any) -> list[Any]:
    """The steps of `_steps`, oldest first, as a new list."""
    later: list[Any] = []
    while steps.__class__ is tuple and steps:
        later.append(steps[1])
        steps = steps[0]
    later.reverse()
    return [*steps, *later]


def from_source(source: Any) -> Deferred[Any, Any]:
    """A `Deferred` with no steps yet, starting from `source`."""
    new: Deferred[Any, Any] = _new_deferred()
    new._source = source
    new._steps = ()
    return new


def _from_call(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], retryable: bool
) -> Deferred[Any, Any]:
    """A `Deferred` calling `fn(*args, **kwargs)` on every run; `retryable` when that re-runs the work."""
    return from_source(_Call(fn, args, kwargs, retryable))


async def _settle(value: Any, source: Any) -> Any:
    """Await what a source call gave when it was neither an Either nor a coroutine."""
    if not _is_awaitable(value):
        raise _not_either(f"Deferred.from_call() function {name_of(source.fn)} result", value)
    return await value


async def _settle_step(value: Any, kind: str, f: object) -> Any:
    """Await what a `bind`/`bind_left` step gave when it was neither an Either nor a coroutine."""
    if not _is_awaitable(value):
        raise _not_either(f"Deferred.{kind}() step {name_of(f)} result", value)
    either = await value
    cls = either.__class__
    if cls is not Right and cls is not Left:
        raise _not_either(f"Deferred.{kind}() step {name_of(f)} result", either)
    return either


def retryable(d: Deferred[Any, Any]) -> bool:
    """Whether awaiting `d` again runs its work again (what `retry` needs)."""
    source = d._source
    return source.__class__ in _EITHERS or bool(source.retryable)


def once_key(d: Deferred[Any, Any]) -> int | None:
    """An identity for the coroutine `d` runs once (shared with Deferreds built on it), or None."""
    source = d._source
    return id(source) if source.__class__ is _Once else None


def discard_unstarted(d: Deferred[Any, Any]) -> None:
    """Close `d`'s coroutine if it never started, so Python does not warn about it."""
    source = d._source
    if source.__class__ is _Once:
        source.discard()
