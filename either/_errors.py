"""Every exception `either` raises, under one root, and bounded reprs for their messages.

`EitherwayError` is the root (`validation` builds on it too), so `except EitherwayError`
catches whatever eitherway raises. Each misuse error is also the builtin a caller expects:
a wrong type is a `TypeError`, a bad value a `ValueError`, a misuse at run time a
`RuntimeError`. Argument checks that raise them live in `either._checks`.
"""

from __future__ import annotations

import reprlib

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "BindError",
    "DeferredError",
    "EitherwayError",
    "ImmutableError",
    "NotAnEitherError",
    "NotRetryableError",
    "UnwrapError",
    "describe",
    "full_repr",
    "name_of",
    "short_repr",
]


class _Repr(reprlib.Repr):
    """reprlib's bounded repr, surviving ints past Python's digit limit (`str(10**5000)` raises)."""

    def repr_int(self, x: int, level: int) -> str:
        try:
            return super().repr_int(x, level)
        except ValueError:
            return f"<int of {x.bit_length()} bits>"


_REPR = _Repr()
_REPR.maxstring = 80
_REPR.maxother = 80
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6
_REPR.maxlevel = 3
_LIMIT = 120


def short_repr(value: object, limit: int = _LIMIT) -> str:
    """`repr(value)` cut to about `limit` characters, whatever the size or depth of `value`.

    Error messages quote the value that came; a megabyte string or a cyclic structure
    must not make the message a megabyte long or make rendering it loop.
    """
    text = _REPR.repr(value)  # reprlib also survives a __repr__ that raises
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def full_repr(value: object) -> str:
    """`repr(value)`, or `short_repr(value)` when it holds an int past Python's digit limit.

    For the `repr` of the library's own values (`Right`, `Left`, options): uncut as a repr
    should be, but a huge int inside must not make the repr raise.
    """
    try:
        return repr(value)
    except ValueError:
        return short_repr(value)


def describe(value: object) -> str:
    """`short_repr` followed by the value's type, as every message names what came."""
    return f"{short_repr(value)} ({type(value).__qualname__})"


def name_of(f: object) -> str:
    """A callable's qualified name for a message, or its bounded repr when it has none."""
    return getattr(f, "__qualname__", None) or short_repr(f)


class EitherwayError(Exception):
    """Root of every exception eitherway raises; catch it to catch them all."""


class UnwrapError(EitherwayError, ValueError):
    """`unwrap()`, `unwrap_left()` or `expect()` was called on the wrong variant.

    `.either` holds the value it was called on. When that is a `Left` holding an exception,
    the `UnwrapError` is chained from it, so the original traceback is printed too.
    """

    def __init__(self, message: str, either: object) -> None:
        super().__init__(message)
        self.either = either


class BindError(EitherwayError, RuntimeError):
    """A do-block `bind` handle was used after its block ended, or inside another block."""


class NotAnEitherError(EitherwayError, TypeError):
    """A value that should have been a `Left` or a `Right` was something else.

    Raised when a function given to `bind` returns a plain value, when a `bind` handle or a
    combinator is given one, or when a callback is not callable.
    """


class ArgumentTypeError(EitherwayError, TypeError):
    """An argument of the wrong type: `Retry(attempts="3")`, `safe(KeyboardInterrupt)`.

    The message names where (the function and parameter), what was expected, and what
    came (its bounded repr and its type).
    """


class ArgumentValueError(EitherwayError, ValueError):
    """An argument of the right type but out of range: `Retry(attempts=0)`, `timeout(-1)`."""


class ImmutableError(EitherwayError, AttributeError):
    """An attribute of an immutable value (a `Retry` policy) was set; build a new one instead."""


class DeferredError(EitherwayError, RuntimeError):
    """A `Deferred` built from a coroutine was awaited while it was already running, or
    after that coroutine raised or was cancelled: a coroutine runs only once."""


class NotRetryableError(EitherwayError, TypeError):
    """`retry()` was asked to re-run a `Deferred` that cannot run its work again.

    Only a `Deferred` whose source is a call (`Deferred.from_call`, a `@Deferred.do`
    function, an `@safe` async function, or a timeout/gather over such) can be re-run.
    """
