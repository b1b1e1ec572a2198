"""From exceptions to results: `attempt` calls a thunk now, `@safe` wraps a function.

`@safe` on an `async def` gives a function returning a `Deferred`.

Only the exception types you name become a `Left`, and only `Exception` subclasses can be
named: `KeyboardInterrupt`, `SystemExit` and `CancelledError` must keep unwinding the
stack, so `safe(KeyboardInterrupt)` is refused with a `TypeError`. The caught exception
keeps its `__traceback__`, so `Left(exc).unwrap()` still shows where it was raised.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, Protocol, TypeVar, overload

from either._checks import is_async_function
from either._core import Either, Left, Right
from either._deferred import Deferred, _from_call
from either._errors import ArgumentTypeError, describe

__all__ = ["attempt", "safe"]

_A = TypeVar("_A")
_E_co = TypeVar("_E_co", covariant=True)
_E1 = TypeVar("_E1", bound=Exception)
_E2 = TypeVar("_E2", bound=Exception)
_E3 = TypeVar("_E3", bound=Exception)
_P = ParamSpec("_P")


def _exception_types(exc_types: tuple[object, ...], caller: str) -> tuple[type[Exception], ...]:
    if not exc_types:
        return (Exception,)
    for position in range(len(exc_types)):
        exc_type = exc_types[position]
        if not (isinstance(exc_type, type) and issubclass(exc_type, BaseException)):
            raise ArgumentTypeError(f"{caller}() expected exception classes, got {describe(exc_types[position])}")
        if not issubclass(exc_type, Exception):
            raise ArgumentTypeError(
                f"{caller}() only turns Exception subclasses into a Left; {exc_type.__qualname__} "
                "is a BaseException that must keep propagating (like KeyboardInterrupt, "
                "SystemExit or CancelledError)"
            )
    return exc_types  # type: ignore[return-value]


class _SafeDecorator(Protocol[_E_co]):
    """What `safe(ExcType, ...)` returns: a decorator for sync and async functions alike."""

    @overload
    def __call__(  # pyright: ignore[reportOverlappingOverload]
        self, fn: Callable[_P, Coroutine[Any, Any, _A]], /
    ) -> Callable[_P, Deferred[_E_co, _A]]: ...
    @overload
    def __call__(self, fn: Callable[_P, _A], /) -> Callable[_P, Either[_E_co, _A]]: ...


@overload
def safe() -> _SafeDecorator[Exception]: ...
@overload
def safe(e1: type[_E1], /) -> _SafeDecorator[_E1]: ...  # pyright: ignore[reportOverlappingOverload]
@overload
def safe(e1: type[_E1], e2: type[_E2], /) -> _SafeDecorator[_E1 | _E2]: ...
@overload
def safe(e1: type[_E1], e2: type[_E2], e3: type[_E3], /) -> _SafeDecorator[_E1 | _E2 | _E3]: ...
@overload
def safe(fn: Callable[_P, Coroutine[Any, Any, _A]], /) -> Callable[_P, Deferred[Exception, _A]]: ...
@overload
def safe(fn: Callable[_P, _A], /) -> Callable[_P, Either[Exception, _A]]: ...
@overload
def safe(*exc_types: type[Exception]) -> _SafeDecorator[Exception]: ...
def safe(*exc_types: Any) -> Any:
    """Decorate a function so the listed exceptions come back as `Left(exc)`.

    `@safe` alone, or `@safe()`, catches any `Exception`; `@safe(KeyError, ValueError)`
    catches only those and lets every other exception propagate.

    >>> @safe(ValueError)
    ... def parse_port(text: str) -> int:
    ...     return int(text)
    >>> parse_port("8080")
    Right(8080)
    >>> parse_port("eighty")
    Left(ValueError("invalid literal for int() with base 10: 'eighty'"))

    On an `async def` the decorated function returns a `Deferred` instead, built from the
    call so that `retry` can run it again; cancellation is never caught.

    >>> import asyncio
    >>> @safe(ValueError)
    ... async def read_port(text: str) -> int:
    ...     return int(text)
    >>> async def main() -> None:
    ...     print(await read_port("eighty"))
    >>> asyncio.run(main())
    Left(ValueError("invalid literal for int() with base 10: 'eighty'"))
    """
    if len(exc_types) == 1 and callable(exc_types[0]) and not isinstance(exc_types[0], type):
        return _decorator((Exception,))(exc_types[0])
    return _decorator(_exception_types(exc_types, "safe"))


def _decorator(caught: tuple[type[Exception], ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        if not callable(fn):
            raise ArgumentTypeError(f"safe(...) decorates a function, got {describe(fn)}")
        if is_async_function(fn):
            return _async_wrapper(fn, caught)

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return Right(fn(*args, **kwargs))
            except caught as exc:
                return Left(exc)

        return call

    return decorate


def _async_wrapper(fn: Callable[..., Any], caught: tuple[type[Exception], ...]) -> Callable[..., Any]:
    async def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return Right(await fn(*args, **kwargs))
        except caught as exc:
            return Left(exc)

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        return _from_call(run, args, kwargs, True)

    return call


@overload
def attempt(thunk: Callable[[], _A], /) -> Either[Exception, _A]: ...
@overload
def attempt(thunk: Callable[[], _A], e1: type[_E1], /) -> Either[_E1, _A]: ...
@overload
def attempt(thunk: Callable[[], _A], e1: type[_E1], e2: type[_E2], /) -> Either[_E1 | _E2, _A]: ...
@overload
def attempt(thunk: Callable[[], _A], e1: type[_E1], e2: type[_E2], e3: type[_E3], /) -> Either[_E1 | _E2 | _E3, _A]: ...
@overload
def attempt(thunk: Callable[[], _A], /, *exc_types: type[Exception]) -> Either[Exception, _A]: ...
def attempt(thunk: Callable[[], Any], /, *exc_types: Any) -> Any:
    """Call `thunk()` now: `Right` of its result, or `Left` of a listed exception.

    >>> attempt(lambda: {"a": 1}["b"], KeyError)
    Left(KeyError('b'))
    """
    caught = _exception_types(exc_types, "attempt")
    if not callable(thunk):
        raise ArgumentTypeError(f"attempt() expected a callable taking no arguments, got {describe(thunk)}")
    try:
        return Right(thunk())
    except caught as exc:
        return Left(exc)
