"""Closed-key validation on pydantic-core, returning `either` results.

A misspelt option fails the moment it is read, with a suggestion, instead of being
silently ignored:

>>> import validation
>>> class AppOptions(validation.Options):
...     max_concurrent_requests: int = 64
...     log_level: str = "info"
>>> print(AppOptions.parse({"max_conucrrent_requests": 1024}).unwrap_left())
max_conucrrent_requests: unknown key; did you mean 'max_concurrent_requests'?
>>> AppOptions.parse({"max_concurrent_requests": "1024"}).unwrap()
AppOptions(max_concurrent_requests=1024, log_level='info')
"""

import importlib as _importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from validation import sources
    from validation._decorators import Parser, validate_params, validate_result
    from validation._fields import NullAsDefault
    from validation._issues import Invalid, InvalidOptions, Issue
    from validation._lenient import Parsed
    from validation._load import Setting, explain, load
    from validation._named import NamedOptions
    from validation._options import Options, as_dict, field
    from validation._rules import rule
    from validation._schema import MapSchema, OptionalKey, optional, parse, schema
    from validation._secret import Secret

# Names load on first use (PEP 562): `import validation` alone stays cheap, and so does the
# mypy plugin (`validation.mypy`), which needs only the suggester, not pydantic.
_HOMES: dict[str, str] = {
    "sources": "validation.sources",
    "Parser": "validation._decorators",
    "validate_params": "validation._decorators",
    "validate_result": "validation._decorators",
    "NullAsDefault": "validation._fields",
    "Invalid": "validation._issues",
    "InvalidOptions": "validation._issues",
    "Issue": "validation._issues",
    "Parsed": "validation._lenient",
    "Setting": "validation._load",
    "explain": "validation._load",
    "load": "validation._load",
    "NamedOptions": "validation._named",
    "Options": "validation._options",
    "as_dict": "validation._options",
    "field": "validation._options",
    "rule": "validation._rules",
    "MapSchema": "validation._schema",
    "OptionalKey": "validation._schema",
    "optional": "validation._schema",
    "parse": "validation._schema",
    "schema": "validation._schema",
    "Secret": "validation._secret",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'validation' has no attribute {name!r}")
    module = _importlib.import_module(home)
    value = module if name == "sources" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(name for name in globals() if name.startswith("_"))})


__all__ = [
    "Invalid",
    "InvalidOptions",
    "Issue",
    "MapSchema",
    "NamedOptions",
    "NullAsDefault",
    "OptionalKey",
    "Options",
    "Parsed",
    "Parser",
    "Secret",
    "Setting",
    "as_dict",
    "explain",
    "field",
    "load",
    "optional",
    "parse",
    "rule",
    "schema",
    "sources",
    "validate_params",
    "validate_result",
]
