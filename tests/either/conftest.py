"""Fixtures for the `either` tests: every `@pytest.mark.anyio` test runs on asyncio and trio."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """The event loops `Deferred` must work on (anyio's pytest plugin reads this fixture)."""
    backend: str = request.param
    return backend


# A project written against rustedpy/result: test_migrate.py copies and rewrites it.
collect_ignore = ["migrate_fixture"]
