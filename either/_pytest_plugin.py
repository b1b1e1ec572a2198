"""The pytest plugin (entry point `pytest11`): readable `Either` comparisons and `--eitherway-trace`.

Loaded by pytest whenever eitherway is installed, so it costs nothing at import beyond
`either` itself (light: no asyncio, no validation, no pydantic).
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from either import _core
from either._testing import explain, is_either

_TRACE_ENV = "EITHERWAY_TRACE"
_STATE = pytest.StashKey[tuple[bool, str | None]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("eitherway")
    group.addoption(
        "--eitherway-trace",
        action="store_true",
        default=False,
        help="record where each Left is created and show it in reprs and failures (EITHERWAY_TRACE=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("eitherway_trace", False):
        return
    # Saved to be restored: pytest may run inside a process that goes on (pytester, IDEs).
    config.stash[_STATE] = (_tracing(), os.environ.get(_TRACE_ENV))
    os.environ[_TRACE_ENV] = "1"  # for subprocesses the tests start
    _core._set_tracing(True)


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(_STATE, None)
    if state is None:
        return
    tracing, environment = state
    _core._set_tracing(tracing)
    if environment is None:
        os.environ.pop(_TRACE_ENV, None)
    else:
        os.environ[_TRACE_ENV] = environment


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.getoption("eitherway_trace", False):
        return "eitherway: tracing where each Left is created (--eitherway-trace)"
    return None


def pytest_assertrepr_compare(config: pytest.Config, op: str, left: Any, right: Any) -> list[str] | None:
    """`assert result == Right(3)` on a `Left`: both sides explained, an `Invalid` one issue a line."""
    if op not in ("==", "!=") or not (is_either(left) or is_either(right)):
        return None
    left_lines, right_lines = explain(left), explain(right)
    lines = [f"{_summary(left_lines)} {op} {_summary(right_lines)}", "left side:"]
    lines.extend(f"  {line}" for line in left_lines)
    lines.append("right side:")
    lines.extend(f"  {line}" for line in right_lines)
    return lines


def _tracing() -> bool:
    return vars(_core.Left)["__init__"] is _core._traced_init


def _summary(lines: list[str]) -> str:
    first = lines[0]
    return first[:-1] if first.endswith(":") else first
