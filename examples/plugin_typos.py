"""A small module with the mistakes the mypy plugin catches (read by `mypy_plugin_demo.py`).

Without the plugin this module type-checks clean under mypy --strict and pyright strict:
each parser takes its data as `object`, so no checker looks inside the dict literals.
"""

from __future__ import annotations

from typing import Literal

import validation


class Retry(validation.Options):
    attempts: int = 3
    backoff_seconds: float = 0.5


class AppOptions(validation.Options):
    host: str
    max_concurrent_requests: int = 64
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    retry: Retry = Retry()


PARAMS = validation.schema({"profileId": str, validation.optional("pageSize", default=20): int})


def load() -> None:
    AppOptions.parse({"host": "example.org", "max_conucrrent_requests": 1024})
    AppOptions.parse({"host": "example.org", "log_level": "infoo"})
    AppOptions.parse({"host": "example.org", "retry": {"atempts": 2}})
    AppOptions.parse({"max_concurrent_requests": 8})
    params = PARAMS.parse({"profileId": "p1", "pageSiez": 50}).unwrap_or({"profileId": "p1"})
    print(params["profileId"])
