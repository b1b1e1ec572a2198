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
