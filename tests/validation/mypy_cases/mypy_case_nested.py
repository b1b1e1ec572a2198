"""Nested dict literals are checked against nested schemas."""

from __future__ import annotations

from models import AppOptions, Listing

import validation


def cases() -> None:
    AppOptions.parse({"host": "h", "retry": {"atempts": 2}})  # E: Unknown key "atempts" for "Retry" at "retry"; did you mean "attempts"?  [option-key]
    AppOptions.parse({"host": "h", "retry": {"attempts": "two"}})  # E: Invalid value for "attempts" of "Retry" at "retry": expected int, got "two" (str)  [option-value]
    AppOptions.parse({"host": "h", "fallback": {"bakcoff": 1.0}})  # E: Unknown key "bakcoff" for "Retry" at "fallback"; did you mean "backoff"?  [option-key]
    validation.parse(Listing, {"page": {"szie": 1}})  # E: Unknown key "szie" for "Page" at "page"; did you mean "size"?  [option-key]
    validation.parse(Listing, {"query": "q"})  # E: Missing key "page" for "Listing"  [option-missing]
