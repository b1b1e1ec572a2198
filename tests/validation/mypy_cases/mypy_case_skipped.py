"""Non-literal data, `**` spreads and computed keys are skipped, never guessed; codes silence per line."""

from __future__ import annotations

from typing import Any

from models import AppOptions, Retry


def cases(data: dict[str, Any], key: str, count: int) -> None:
    AppOptions.parse(data)
    AppOptions.parse({**data})
    AppOptions.parse({**data, "host": "h"})
    AppOptions.parse({key: 1, "host": "h"})
    AppOptions.parse({"host": "h", "max_concurrent_requests": count, "retry": Retry()})
    AppOptions.parse({"host": "h", "retry": {**data, "atempts": 1}})  # E: Unknown key "atempts" for "Retry" at "retry"; did you mean "attempts"?  [option-key]
    AppOptions.parse({"host": "h", "max_conucrrent_requests": 1})  # type: ignore[option-key]
    AppOptions.parse({"host": "h", "log_level": "loud"})  # type: ignore[option-value]
    AppOptions.parse({})  # type: ignore[option-missing]
