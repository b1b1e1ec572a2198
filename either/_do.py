"""Do-notation: write a chain of binds as plain statements.

The decorated function receives a `bind` handle as its first parameter (after `self` or
`cls` on methods); callers do not pass it. `bind(either)` returns the success value, or
ends the whole block with that `Left`, which becomes the function's result:

>>> import either
>>> from either import Bind, Left, Right
>>> @either.do
... def total(bind: Bind[str], a: str, b: str) -> int:
...     x = bind(Right(int(a)) if a.isdigit() else Left(f"not a number: {a}"))
...     y = bind(Right(int(b)) if b.isdigit() else Left(f"not a number: {b}"))
...     return x + y
>>> total("1", "2")
Right(3)
>>> total("1", "two")
Left('not a number: two')

The short-circuit travels as a `BaseException`, so `except Exception` in the block does not
swallow it, while `finally` and `with` clean-ups still run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, final, overload

from either._checks import check_callable, close_refused, generator_kind, unwrap_partial
from either._core import Either, Left, Right
from either._errors import ArgumentTypeError, BindError, NotAnEitherError, describe, name_of
from either._nonempty import NonEmpty, _of

__all__ = ["Bind", "Block", "do"]

_E = TypeVar("_E")
_E_contra = TypeVar("_E_contra", contravariant=True)
_A = TypeVar("_A")
_A_co = TypeVar("_A_co", covariant=True)
_S = TypeVar("_S")
_T = TypeVar("_T")
_P = ParamSpec("_P")
_B = TypeVar("_B")
_F = TypeVar("_F")
_X = TypeVar("_X")
_A1 = TypeVar("_A1")
_A2 = TypeVar("_A2")
_A3 = TypeVar("_A3")
_A4 = TypeVar("_A4")
_A5 = TypeVar("_A5")


class Bind(Protocol[_E_contra]):
    """The handle a do-block receives: `bind(either)` is the value of a `Right`.

    Given a `Left`, it ends the block, which then returns that `Left`. It accepts an
    `Either[E2, A]` only where `E2` fits the declared `Bind[E]`, so a new failure mode is a
    type error until the block's error type admits it.

    Its methods accumulate (`all`, `each`: every error, as a `NonEmpty`, which the block's
    error type must admit: `Bind[NonEmpty[E]]` or `Bind[E | NonEmpty[E]]`), guard
    (`ensure`, `ensure_not_none`) and translate a sub-component's error (`with_error`).
    """

    def __call__(self, either: Left[_E_contra] | Right[_T], /) -> _T: ...

    # An explicit self type solves the error type per call: the handle must admit
    # NonEmpty[X] where X is the union of the arguments' error types.
    @overload
    def all(self: Bind[NonEmpty[_X]], e1: Left[_X] | Right[_A1], /) -> tuple[_A1]: ...
    @overload
    def all(self: Bind[NonEmpty[_X]], e1: Left[_X] | Right[_A1], e2: Left[_X] | Right[_A2], /) -> tuple[_A1, _A2]: ...
    @overload
    def all(
        self: Bind[NonEmpty[_X]],
        e1: Left[_X] | Right[_A1],
        e2: Left[_X] | Right[_A2],
        e3: Left[_X] | Right[_A3],
        /,
    ) -> tuple[_A1, _A2, _A3]: ...
    @overload
    def all(
        self: Bind[NonEmpty[_X]],
        e1: Left[_X] | Right[_A1],
        e2: Left[_X] | Right[_A2],
        e3: Left[_X] | Right[_A3],
        e4: Left[_X] | Right[_A4],
        /,
    ) -> tuple[_A1, _A2, _A3, _A4]: ...
    @overload
    def all(
        self: Bind[NonEmpty[_X]],
        e1: Left[_X] | Right[_A1],
        e2: Left[_X] | Right[_A2],
        e3: Left[_X] | Right[_A3],
        e4: Left[_X] | Right[_A4],
        e5: Left[_X] | Right[_A5],
        /,
    ) -> tuple[_A1, _A2, _A3, _A4, _A5]: ...
    @overload
    def all(self: Bind[NonEmpty[_X]], /, *eithers: Left[_X] | Right[_T]) -> tuple[_T, ...]: ...

    def each(self: Bind[NonEmpty[_X]], items: Iterable[_T], step: Callable[[_T], Left[_X] | Right[_B]], /) -> list[_B]:
        """`step(item)` for every item: the list of values, or the block ends with every error."""
        ...

    def ensure(self, condition: object, error: _E_contra, /) -> None:
        """End the block with `Left(error)` unless `condition` is true."""
        ...

    def ensure_not_none(self, value: _T | None, error: _E_contra, /) -> _T:
        """`value`, no longer optional; the block ends with `Left(error)` when it is `None`."""
        ...

    def with_error(self, mapper: Callable[[_F], _E_contra], result: Left[_F] | Right[_T], /) -> _T:
        """The value of `result`, or end the block with `Left(mapper(error))`."""
        ...


class _ShortCircuit(BaseException):
    """Carries a `Left` out of a do-block; a `BaseException` so `except Exception` misses it."""

    __slots__ = ("left", "token")

    def __init__(self, left: Left[Any], token: object) -> None:
        self.left = left
        self.token = token


def _ensure(self: Any, condition: object, error: object, /) -> None:
    self._check_open()
    if not condition:
        raise _ShortCircuit(Left(error), self)


def _ensure_not_none(self: Any, value: object, error: object, /) -> object:
    self._check_open()
    if value is None:
        raise _ShortCircuit(Left(error), self)
    return value


def _with_error(self: Any, mapper: Callable[[Any], object], result: Any, /) -> Any:
    self._check_open()
    check_callable("bind.with_error", mapper)
    cls = result.__class__
    if cls is Right:
        return result._value
    if cls is Left:
        raise _ShortCircuit(Left(mapper(result._error)), self)
    raise _not_an_either(f"bind.with_error() in {self._label} expected", result)


def _not_an_either(expected: str, value: object, *others: object) -> NotAnEitherError:
    """The error for a value that is no `Either` (`expected`: "bind() in f() expected").

    Coroutines among `value` and `others` are closed first: they can never be awaited now,
    so no "never awaited" warning follows."""
    hint = ""
    if hasattr(value.__class__, "__await__"):
        hint = "; it is awaitable: an async step belongs in an async block (@Deferred.do), which awaits it"
    close_refused((value, *others))
    return NotAnEitherError(f"{expected} a Left or a Right, got {describe(value)}{hint}")


def _check_open(self: Any) -> None:
    if not self._open:
        raise BindError(
            f"the bind handle of {self._label} was used after its block ended; "
            "a handle is only valid while its own block runs"
        )


@final
class _Handle:
    """The run-time `Bind`: slotted, so its methods cost nothing when they are not used.

    It is also its block's token: a short-circuit carries the handle that raised it, and
    `_open` says whether that block still runs. A closure would be cheaper to call (CPython
    runs a function call inline, but an instance's `__call__` through an argument tuple and
    a fresh C-level frame: 1.25-1.6x per call on 3.11, about 1.9x on 3.12 and 3.13), yet its
    methods would need a fresh attribute dict per block, which doubles the cost of a
    one-bind block and still loses at ten binds. So the hot paths read one slot, and a
    block builds its handle without `__init__`.
    """

    __slots__ = ("_label", "_open")

    def __init__(self, label: str) -> None:
        self._label = label
        self._open = True

    def __repr__(self) -> str:
        return f"<bind handle of {self._label}{'' if self._open else ' (ended)'}>"

    def __call__(self, either: Any, /) -> Any:
        if either.__class__ is Right and self._open:
            return either._value
        self._check_open()
        if either.__class__ is Left:
            raise _ShortCircuit(either, self)
        raise _not_an_either(f"bind() in {self._label} expected", either)

    def all(self, *eithers: Any) -> Any:
        if self._open:
            values: list[Any] = []
            append = values.append
            for either in eithers:
                if either.__class__ is not Right:
                    break
                append(either._value)
            else:
                return tuple(values)
        self._check_open()
        return tuple(self._accumulate("all", eithers))

    def each(self, items: Iterable[Any], step: Callable[[Any], Any], /) -> list[Any]:
        self._check_open()
        check_callable("bind.each", step)
        try:
            iterator = iter(items)
        except TypeError:
            raise NotAnEitherError(
                f"bind.each() in {self._label} expected an iterable of items, got {describe(items)}"
            ) from None
        return self._accumulate("each", map(step, iterator), step)

    # Shared with the async handle, whose guards are plain calls too.
    ensure = _ensure
    ensure_not_none = _ensure_not_none
    with_error = _with_error
    _check_open = _check_open

    def _accumulate(self, method: str, eithers: Iterable[Any], step: object = None) -> list[Any]:
        """The values of every `Right`, or end the block with a `NonEmpty` of every error."""
        values: list[Any] = []
        errors: list[Any] = []
        for index, either in enumerate(eithers):
            cls = either.__class__
            if cls is Right:
                values.append(either._value)
            elif cls is Left:
                errors.append(either._error)
            else:
                if step is not None:
                    raise _not_an_either(f"bind.{method}() in {self._label} expected {name_of(step)} to return", either)
                raise _not_an_either(
                    f"bind.{method}() in {self._label} expected argument {index} to be", either, *eithers
                )
        if errors:
            raise _ShortCircuit(Left(_of(tuple(errors))), self)
        return values


_new: Any = object.__new__


def _foreign(label: str) -> BindError:
    return BindError(
        f"a bind handle from another do-block short-circuited inside {label}; "
        "use each block's own handle, or return the Either from the inner block and bind it"
    )


_HANDLE_ANNOTATION = re.compile(r"^\s*(?:[\w.]+\.)?(?:Bind|AsyncBind)\b")


def block_label(fn: Callable[..., object]) -> str:
    """How messages name a do-block: `load_user()`, also for a `functools.partial` of it."""
    target, _ = unwrap_partial(fn)
    return f"{getattr(target, '__qualname__', None) or type(target).__qualname__}()"


def _is_handle(annotation: object) -> bool:
    """Whether a parameter's annotation is `Bind[...]` or `AsyncBind[...]` (or their text)."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__qualname__", None)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None:
        text = getattr(origin, "__qualname__", None)
    return isinstance(text, str) and _HANDLE_ANNOTATION.match(text) is not None


def handle_position(fn: Callable[..., object]) -> int:
    """0 when `fn` takes the handle first, 1 when it follows `self` or `cls`.

    The parameter annotated `Bind[...]` (or `AsyncBind[...]`) decides; without
    annotations a first parameter named `self` or `cls` means a method.
    """
    target, bound = unwrap_partial(fn)  # `bound`: what a partial gives before the handle
    code = getattr(target, "__code__", None)
    if code is None:
        raise ArgumentTypeError(f"a do-block decorates a function, got {describe(fn)}")
    annotations: dict[str, object] = getattr(target, "__annotations__", {})
    if any(_is_handle(annotations.get(name)) for name in code.co_varnames[:bound]):
        raise ArgumentTypeError(
            f"{describe(fn)} gives a value where its function takes the bind handle; "
            "a partial may give the arguments after the handle (by keyword), not the handle's place"
        )
    names = code.co_varnames[bound : code.co_argcount]
    for position, name in enumerate(names[:2]):
        if _is_handle(annotations.get(name)):
            return position
    if not names or (names[0] in {"self", "cls"} and len(names) == 1):
        takes = "none" if not names else f"only {names[0]}"
        raise ArgumentTypeError(
            f"a do-block function takes the bind handle as its first parameter (after self or cls "
            f"on a method); {name_of(fn)} takes {takes}"
        )
    return 1 if names[0] in {"self", "cls"} else 0


@overload
def do(fn: Callable[Concatenate[Bind[_E], _P], _A]) -> Callable[_P, Either[_E, _A]]: ...
@overload
def do(fn: Callable[Concatenate[_S, Bind[_E], _P], _A]) -> Callable[Concatenate[_S, _P], Either[_E, _A]]: ...
def do(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a function taking a `Bind[E]` handle into one returning `Either[E, A]`.

    The handle is the first parameter, or the second on methods (after `self`/`cls`).
    A `Left` given to the handle ends the block and is returned; the function's own return
    value is wrapped in `Right`. Exceptions raised by the body propagate unchanged.
    """
    kind = generator_kind(fn)
    if kind is not None:
        hint = "; use Deferred.do for an async block" if "async" in kind else ""
        raise ArgumentTypeError(f"either.do decorates a plain function, got {kind} {describe(fn)}{hint}")
    position = handle_position(fn)
    label = block_label(fn)

    # `_Handle(label)` and `Right(value)`, inlined: this runs on every call. Without keywords
    # and with at most one argument, the body is called with plain arguments, a call CPython
    # runs inline; `fn(bind, *args, **kwargs)` copies both and calls from C.
    @functools.wraps(fn)
    def run_function(*args: Any, **kwargs: Any) -> Any:
        bind = _new(_Handle)
        bind._label = label
        bind._open = True
        try:
            if kwargs:
                value = fn(bind, *args, **kwargs)
            elif not args:
                value = fn(bind)
            elif len(args) == 1:
                value = fn(bind, args[0])
            else:
                value = fn(bind, *args)
        except _ShortCircuit as stop:
            if stop.token is bind:
                return stop.left
            raise _foreign(label) from None
        finally:
            bind._open = False
        right = _new(Right)
        right._value = value
        return right

    @functools.wraps(fn)
    def run_method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        bind = _new(_Handle)
        bind._label = label
        bind._open = True
        try:
            if kwargs:
                value = fn(self, bind, *args, **kwargs)
            elif not args:
                value = fn(self, bind)
            elif len(args) == 1:
                value = fn(self, bind, args[0])
            else:
                value = fn(self, bind, *args)
        except _ShortCircuit as stop:
            if stop.token is bind:
                return stop.left
            raise _foreign(label) from None
        finally:
            bind._open = False
        right = _new(Right)
        right._value = value
        return right

    return run_function if position == 0 else run_method


class Block(Generic[_E, _A]):
    """An inline do-block, for code that is not a whole function.

    >>> from either import Block, Left, Right
    >>> block = Block[str, int]()
    >>> with block as bind:
    ...     x = bind(Right(20))
    ...     y = bind(Right(22))
    ...     block.succeed(x + y)
    >>> block.result
    Right(42)
    >>> block = Block[str, int]()
    >>> with block as bind:
    ...     bind(Left("stopped here"))
    ...     block.succeed(0)
    >>> block.result
    Left('stopped here')

    Entering gives a fresh `Bind[E]` handle; a `Left` given to it ends the `with` body.
    Call `succeed(value)` before the body ends; `result` is then the `Either`.
    """

    __slots__ = ("_handle", "_result")

    def __init__(self) -> None:
        self._result: Either[_E, _A] | None = None
        self._handle: _Handle | None = None

    def __enter__(self) -> Bind[_E]:
        if self._handle is not None:
            raise BindError("an either.Block can be entered once; create a new Block for each use")
        handle: Any = _Handle("an either.Block")
        self._handle = handle
        bind: Bind[_E] = handle
        return bind

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        handle = self._handle
        assert handle is not None
        handle._open = False
        if isinstance(exc, _ShortCircuit):
            if exc.token is not handle:
                raise _foreign("an either.Block") from None
            self._result = exc.left
            return True
        return False

    def succeed(self, value: _A) -> None:
        """Record the block's success value; `result` becomes `Right(value)`."""
        check_inside(self._handle, "Block.succeed() must be called inside its `with` body")
        self._result = Right(value)

    @property
    def result(self) -> Either[_E, _A]:
        """The outcome: the `Left` that ended the block, or `Right` of the succeeded value."""
        return outcome(self._result, self._handle, "either.Block")


def check_inside(handle: _Handle | Any, message: str) -> None:
    """Refuse a block's `succeed` outside its body (`handle`: the run's handle, `None` before it)."""
    if handle is None or not handle._open:
        raise BindError(message)


def outcome(result: Either[_E, _A] | None, handle: object, name: str) -> Either[_E, _A]:
    """A block's `result`, or a `BindError` saying why there is none yet (shared by the sync and async blocks)."""
    if result is None:
        state = "has not run" if handle is None else "ended without calling succeed(value)"
        raise BindError(f"this {name} {state}; there is no result yet")
    return result
