"""Helpers shared by the `either` test modules (imported as `either_helpers`)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

_T = TypeVar("_T")


def resolve(awaitable: Awaitable[_T]) -> _T:
    """Run an awaitable that never suspends, without an event loop (fast property tests)."""
    steps = awaitable.__await__()
    try:
        steps.send(None)
    except StopIteration as stop:
        result: _T = stop.value
        return result
    steps.close()
    raise AssertionError(f"{awaitable!r} suspended; run it under an event loop instead")
