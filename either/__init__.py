"""Typed results for Python: `Left` and `Right`, bind chains, do-blocks, combinators, async.

>>> import either
>>> from either import Left, Right
>>> def parse_port(text: str) -> either.Either[str, int]:
...     return Right(int(text)) if text.isdigit() else Left(f"not a port: {text!r}")
>>> parse_port("8080").map(lambda port: port + 1)
Right(8081)
>>> parse_port("http").unwrap_or(80)
80
"""

from either._async_block import AsyncBlock
from either._async_do import AsyncBind
from either._combinators import collect, first_right, partition, sequence, traverse, validate_all
from either._context import Context
from either._core import Either, Left, LeftRight, Right, from_optional, is_left, is_right, left, right
from either._deferred import Deferred
from either._do import Bind, Block, do
from either._errors import (
    ArgumentTypeError,
    ArgumentValueError,
    BindError,
    DeferredError,
    EitherwayError,
    ImmutableError,
    NotAnEitherError,
    NotRetryableError,
    UnwrapError,
)
from either._gather import gather, gather_all
from either._nonempty import NonEmpty
from either._retry import Retry, RetryExhausted, Timeout
from either._safe import attempt, safe
from either._schedule import Schedule

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "AsyncBind",
    "AsyncBlock",
    "Bind",
    "BindError",
    "Block",
    "Context",
    "Deferred",
    "DeferredError",
    "Either",
    "EitherwayError",
    "ImmutableError",
    "Left",
    "LeftRight",
    "NonEmpty",
    "NotAnEitherError",
    "NotRetryableError",
    "Retry",
    "RetryExhausted",
    "Right",
    "Schedule",
    "Timeout",
    "UnwrapError",
    "attempt",
    "collect",
    "do",
    "first_right",
    "from_optional",
    "gather",
    "gather_all",
    "is_left",
    "is_right",
    "left",
    "partition",
    "right",
    "safe",
    "sequence",
    "traverse",
    "validate_all",
]


def _fixup_module_metadata() -> None:
    """Name public classes and functions `either.X`, as trio does, so that tracebacks and
    reprs show the import path users write (`either.Retry`, not `either._retry.Retry`)."""
    namespace = globals()
    for name in __all__:
        obj = namespace[name]
        public = isinstance(obj, type) or (callable(obj) and hasattr(obj, "__code__"))
        if public and getattr(obj, "__module__", "").startswith("either._"):
            obj.__module__ = "either"


_fixup_module_metadata()
del _fixup_module_metadata
