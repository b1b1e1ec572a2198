"""[option-value]: literal values a field cannot take; did-you-mean for Literal and Enum."""

from __future__ import annotations

from models import AppOptions, Retry


def cases() -> None:
    AppOptions.parse({"host": "h", "max_concurrent_requests": "many"})  # E: Invalid value for "max_concurrent_requests" of "AppOptions": expected int, got "many" (str)  [option-value]
    AppOptions.parse({"host": "h", "log_level": "infoo"})  # E: Invalid value for "log_level" of "AppOptions": expected "debug" | "info" | "warning", got "infoo" (str); did you mean "info"?  [option-value]
    AppOptions.parse({"host": "h", "level": "WARNIGN"})  # E: Invalid value for "level" of "AppOptions": expected Level ("debug" | "info" | "warning"), got "WARNIGN" (str); did you mean "warning"?  [option-value]
    AppOptions.parse({"host": 8080})  # E: Invalid value for "host" of "AppOptions": expected str, got 8080 (int)  [option-value]
    AppOptions.parse({"host": None})  # E: Invalid value for "host" of "AppOptions": expected str, got None (None)  [option-value]
    AppOptions.parse({"host": "h", "verbose": "maybe"})  # E: Invalid value for "verbose" of "AppOptions": expected bool, got "maybe" (str)  [option-value]
    AppOptions.parse({"host": "h", "ratio": "half"})  # E: Invalid value for "ratio" of "AppOptions": expected float, got "half" (str)  [option-value]
    AppOptions.parse({"host": "h", "max_concurrent_requests": 1.5})  # E: Invalid value for "max_concurrent_requests" of "AppOptions": expected int, got 1.5 (float)  [option-value]
    AppOptions.parse({"host": "h", "retry": 3})  # E: Invalid value for "retry" of "AppOptions": expected a mapping for "Retry", got 3 (int)  [option-value]
    AppOptions.parse({"host": "h", "fallback": "no"})  # E: Invalid value for "fallback" of "AppOptions": expected a mapping for "Retry" | None, got "no" (str)  [option-value]
    # What pydantic's lax mode takes is never reported.
    AppOptions.parse({"host": "h", "max_concurrent_requests": "1_024", "ratio": "inf", "verbose": "yes"})
    AppOptions.parse({"host": "h", "max_concurrent_requests": True, "ratio": -2, "verbose": 0, "fallback": None})
    AppOptions.parse({"host": "h", "max_concurrent_requests": 2.0, "log_level": "debug", "level": "info"})
    Retry.parse({"attempts": -1, "backoff": 1})
