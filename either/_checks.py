"""Argument checks: every misuse of a public function is refused here, one way.

Each check raises an `EitherwayError` that is also the builtin a caller expects: a wrong
type an `ArgumentTypeError` (a `TypeError`), a value out of range an `ArgumentValueError`
(a `ValueError`); a callback that cannot be called a `NotAnEitherError` (a `TypeError`).
Messages name where the argument went, what was expected and what came, as hypothesis'
`InvalidArgument` messages do. Nothing here is imported lazily except `inspect`, which only
`is_async_function` needs, and only for objects a plain code-flag test cannot decide.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from types import CoroutineType, FunctionType, MethodType
from typing import Any

from either._errors import ArgumentTypeError, ArgumentValueError, NotAnEitherError, describe

__all__ = [
    "check_callable",
    "check_int",
    "check_number",
    "close_refused",
    "generator_kind",
    "is_async_function",
    "unwrap_partial",
]

_CO_GENERATOR = 0x20  # the inspect.CO_* flags, without importing inspect
_CO_COROUTINE = 0x80
_CO_ASYNC_GENERATOR = 0x200


def check_callable(where: str, f: object) -> None:
    """Refuse `f` unless it can be called; `where` is the function it was given to."""
    if not callable(f):
        raise NotAnEitherError(f"{where}() expected a callable, got {describe(f)}")


def check_int(where: str, value: object, *, minimum: int, what: str = "") -> int:
    """`value` when it is an int (not a bool) at least `minimum`; `what` names what is expected."""
    what = what or f"an int >= {minimum}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{where} expected {what}, got {describe(value)}")
    if value < minimum:
        raise ArgumentValueError(f"{where} expected {what}, got {value}")
    return value


def check_number(
    where: str, value: object, *, minimum: float, maximum: float = math.inf, finite: bool = False
) -> float:
    """`value` as a float in `[minimum, maximum]` (and finite when `finite`); NaN and bools
    are refused.

    An int too large for a float (`10**400`) is refused here, with the range, rather than
    overflowing later where it is used.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArgumentTypeError(f"{where} expected a number, got {describe(value)}")
    kind = "a finite number" if finite else "a number"
    upper = "" if maximum == math.inf else f" and at most {maximum:g}"
    expected = f"{where} expected {kind} at least {minimum:g}{upper}"
    try:
        number = float(value)
    except OverflowError:
        raise ArgumentValueError(
            f"{expected}, got an int too large for a float ({int(value).bit_length()} bits)"
        ) from None
    if not (minimum <= number <= maximum) or (finite and number == math.inf):  # also refuses NaN
        raise ArgumentValueError(f"{expected}, got {number!r}")
    return number


def is_async_function(fn: object) -> bool:
    """`inspect.iscoroutinefunction(fn)`, without importing `inspect` for a plain function.

    Partials, bound methods and functions marked with `inspect.markcoroutinefunction` are
    decided by `inspect` itself, imported on first need.
    """
    function: Any = getattr(fn, "__func__", None) if fn.__class__ is MethodType else fn
    if function.__class__ is FunctionType and not hasattr(function, "_is_coroutine_marker"):
        return bool(function.__code__.co_flags & _CO_COROUTINE)
    import inspect

    return inspect.iscoroutinefunction(fn)


def generator_kind(fn: object) -> str | None:
    """ "a generator", "an async generator" or "an `async def`" when `fn` is one (or a
    `functools.partial` of one), else None."""
    target, _ = unwrap_partial(fn)
    code: Any = getattr(target, "__code__", None)
    flags = code.co_flags if code is not None else 0
    if flags & _CO_ASYNC_GENERATOR:
        return "an async generator function"
    if flags & _CO_GENERATOR:
        return "a generator function"
    if is_async_function(fn):
        return "an `async def` function"
    return None


def unwrap_partial(fn: object) -> tuple[Any, int]:
    """The function under any `functools.partial` layers, and how many positional arguments they give it."""
    target: Any = fn
    bound = 0
    while isinstance(target, functools.partial):
        bound += len(target.args)
        target = target.func
    return target, bound


def close_refused(values: tuple[object, ...]) -> None:
    """Close every coroutine among `values`, refused before it ran: no "never awaited" warning."""
    for value in values:
        if value.__class__ is CoroutineType:
            close: Callable[[], object] | None = getattr(value, "close", None)
            if close is not None:
                close()
