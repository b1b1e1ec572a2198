"""`Secret[T]`: a value that validates like `T` and never shows itself.

A password or a token read from a config file must not end up in a log line, an error
message or a traceback. `Secret` wraps the validated value; its `repr` and `str` are
masked, it is equal to another `Secret` holding an equal value, and when the value does
not validate, the error says what was expected without quoting what came.
"""

from __future__ import annotations

import hmac
from typing import Any, Generic, TypeVar, cast, final, get_args

from pydantic_core import PydanticCustomError, ValidationError, core_schema

__all__ = ["SECRET_ERROR", "Secret", "is_secret_function"]

_T_co = TypeVar("_T_co", covariant=True)

SECRET_ERROR = "eitherway_secret"
"""The pydantic-core error type raised for a `Secret` field; its input is never rendered."""

# pydantic's own messages for these error types may quote the input (a user validator's
# text): for a secret only the generic wording is kept.
_OPAQUE = frozenset({"value_error", "assertion_error"})


@final
class Secret(Generic[_T_co]):
    """A validated value whose `repr`, `str` and error messages never show it.

    Why: configuration carries credentials, and one `print(options)` or one error message
    quoting its input would leak them. Read the value with `reveal()` (or
    `get_secret_value()`, pydantic's name) at the one place that needs it.

    >>> token = Secret("hunter2")
    >>> token
    Secret('***')
    >>> f"token={token}"
    'token=***'
    >>> token.reveal()
    'hunter2'
    """

    __slots__ = ("_value",)

    def __init__(self, value: _T_co) -> None:
        self._value = value

    def reveal(self) -> _T_co:
        """The wrapped value: call this only where the secret is used, never to log it."""
        return self._value

    def get_secret_value(self) -> _T_co:
        """The wrapped value (pydantic's `SecretStr` spelling of `reveal`)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        mine: object = self._value
        theirs: object = cast("Secret[object]", other)._value
        if isinstance(mine, str) and isinstance(theirs, str):
            return hmac.compare_digest(mine.encode(), theirs.encode())
        if isinstance(mine, bytes) and isinstance(theirs, bytes):
            return hmac.compare_digest(mine, theirs)
        return bool(mine == theirs)

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __reduce__(self) -> tuple[type[Secret[Any]], tuple[object]]:
        return (Secret, (self._value,))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        """Validate the inner type, then wrap; an error names the expected type only."""
        args = get_args(source)
        inner = handler.generate_schema(args[0] if args else Any)
        return core_schema.no_info_wrap_validator_function(_validate_secret, inner)


def _validate_secret(value: object, handler: core_schema.ValidatorFunctionWrapHandler) -> Secret[object]:
    if isinstance(value, Secret):
        value = cast("Secret[object]", value).reveal()
    try:
        return Secret(handler(value))
    except ValidationError as exc:
        expected = _expected(exc)
        raise PydanticCustomError(SECRET_ERROR, "{expected}", {"expected": expected}) from None


def _expected(exc: ValidationError) -> str:
    """What the inner type wanted, in pydantic's words, without any part of the input."""
    for error in exc.errors(include_url=False, include_input=False, include_context=False):
        if error["type"] in _OPAQUE:
            break
        message = error["msg"]
        if message.startswith("Input should be "):
            return "expected " + message[len("Input should be ") :]
        return message[:1].lower() + message[1:]
    return "not a valid value"


def is_secret_function(function: object) -> bool:
    """Whether a core schema's validator function is the one `Secret` wraps its type with."""
    return function is _validate_secret
