"""What was expected, said in the library's own words rather than pydantic's.

Why: pydantic's messages are written for its own report (`Input should be a valid
integer, unable to parse string as an integer`, `Value error, must be positive`, `String
should match pattern '^(?:[a-z0-9-]+)$'`), and a long `Literal` list was cut mid-word.
Here each common error type gets a sentence that says what was expected; a user's own
`ValueError` text is kept as written, without pydantic's prefix; allowed values are listed
whole, and a long list names the first few and counts the rest (the suggestion, computed
apart, is never lost to the cut). Anything not in the table falls back to pydantic's text
turned into an expectation.
"""

from __future__ import annotations

from typing import Any, Final

from validation._issues import safe_repr

__all__ = ["allowed_values", "expectation"]

_PATTERN_SHOWN: Final = 40
_VALUES_CHARS: Final = 160
_FIXED: Final[dict[str, str]] = {
    "int_parsing": "expected an integer",
    "int_type": "expected an integer",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_type": "expected a string",
    "bytes_type": "expected bytes",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "set_type": "expected a list of distinct values",
    "frozen_set_type": "expected a list of distinct values",
    "none_required": "expected null",
    "datetime_parsing": "expected a date and time (like 2024-01-02T03:04:05)",
    "datetime_type": "expected a date and time (like 2024-01-02T03:04:05)",
    "datetime_from_date_parsing": "expected a date and time (like 2024-01-02T03:04:05)",
    "date_parsing": "expected a date (like 2024-01-02)",
    "date_type": "expected a date (like 2024-01-02)",
    "date_from_datetime_parsing": "expected a date (like 2024-01-02)",
    "time_parsing": "expected a time of day (like 03:04:05)",
    "time_type": "expected a time of day (like 03:04:05)",
    "time_delta_parsing": "expected a duration (seconds, or like PT1M30S)",
    "time_delta_type": "expected a duration (seconds, or like PT1M30S)",
    "uuid_parsing": "expected a UUID",
    "uuid_type": "expected a UUID",
    "url_parsing": "expected a URL",
    "url_type": "expected a URL",
}
_BOUNDS: Final[dict[str, tuple[str, str]]] = {
    "greater_than": ("gt", "expected a value greater than {}"),
    "greater_than_equal": ("ge", "expected a value of at least {}"),
    "less_than": ("lt", "expected a value less than {}"),
    "less_than_equal": ("le", "expected a value of at most {}"),
    "multiple_of": ("multiple_of", "expected a multiple of {}"),
    "string_too_short": ("min_length", "expected at least {} characters"),
    "string_too_long": ("max_length", "expected at most {} characters"),
    "too_short": ("min_length", "expected at least {} items"),
    "too_long": ("max_length", "expected at most {} items"),
}
_USER_TEXT: Final = frozenset({"value_error", "assertion_error"})


def expectation(error: Any, allowed: list[object] | None = None) -> str:
    """What a pydantic-core error says was expected, as a phrase starting with `expected` where it can.

    `allowed` are the values of a `Literal` or `Enum` the error is about, when known.
    """
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    fixed = _FIXED.get(kind)
    if fixed is not None:
        return fixed
    bound = _BOUNDS.get(kind)
    if bound is not None and bound[0] in ctx:
        return bound[1].format(safe_repr(ctx[bound[0]]))
    if kind in _USER_TEXT and "error" in ctx:
        text = str(ctx["error"]).strip()
        return text or "the value was refused by a validator"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        shown = f" {pattern!r}" if pattern and len(pattern) <= _PATTERN_SHOWN else ""
        return f"expected a string matching the declared pattern{shown}"
    if kind in ("literal_error", "enum") and allowed:
        return "expected " + allowed_values(allowed)
    return _fallback(str(error.get("msg", "")))


def allowed_values(values: list[object]) -> str:
    """`'a', 'b' or 'c'`; a long list names whole values up to about 160 characters, then counts the rest."""
    shown: list[str] = []
    used = 0
    for value in values:
        text = safe_repr(value)
        if shown and used + len(text) > _VALUES_CHARS:
            break
        shown.append(text)
        used += len(text) + 2
    rest = len(values) - len(shown)
    if rest:
        return f"one of {', '.join(shown)} or {rest} other value{'' if rest == 1 else 's'}"
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def _fallback(message: str) -> str:
    if message.startswith("Input should be "):
        return "expected " + message[len("Input should be ") :]
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message[:1].lower() + message[1:]
