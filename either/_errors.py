"""The exception root shared by `either` and `validation`, and bounded reprs for messages."""

from __future__ import annotations

import reprlib

__all__ = ["BindError", "EitherwayError", "NotAnEitherError", "UnwrapError", "describe", "name_of", "short_repr"]

_REPR = reprlib.Repr()
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
