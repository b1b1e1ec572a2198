"""Drawing 1 000 `valid(T)` maps for a 20-field options class vs `st.builds` of the same dataclass.

`validation.strategies.valid` is what a user's property test draws its config maps from;
the peer is what they would write without it, Hypothesis' `st.builds` of an equivalent
dataclass (every field required in both, so both draw all 20 values). Each case runs a
`@given` test of 1 000 examples with an empty body (generation only: no shrinking, no
database), so the ratio is the cost of drawing. The goal is under 2x.
Run with `python bench/strategies_bench.py`.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any, Literal

from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import validation
from validation.strategies import valid

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import compare, ratio

EXAMPLES = 1000
ROUNDS = 5


class Retry(validation.Options):
    attempts: int
    backoff: float


class AppOptions(validation.Options):
    host: str
    port: int
    debug: bool
    timeout: float
    log_level: Literal["debug", "info", "warning", "error"]
    tags: list[str]
    limits: dict[str, int]
    user: str | None
    retry: Retry
    region: str
    workers: int
    verbose: bool
    ratio: float
    mode: Literal["read", "write"]
    hosts: list[str]
    max_connections: int
    proxy: str | None
    name: str
    queue_size: int
    cache: bool


@dataclasses.dataclass
class RetryData:
    attempts: int
    backoff: float


@dataclasses.dataclass
class AppData:
    host: str
    port: int
    debug: bool
    timeout: float
    log_level: Literal["debug", "info", "warning", "error"]
    tags: list[str]
    limits: dict[str, int]
    user: str | None
    retry: RetryData
    region: str
    workers: int
    verbose: bool
    ratio: float
    mode: Literal["read", "write"]
    hosts: list[str]
    max_connections: int
    proxy: str | None
    name: str
    queue_size: int
    cache: bool


def draws(strategy: st.SearchStrategy[Any]) -> Any:
    @settings(max_examples=EXAMPLES, database=None, phases=[Phase.generate], deadline=None)
    @given(strategy)
    def draw(value: Any) -> None:
        pass

    return draw


def main() -> None:
    assert len(validation.as_dict(AppOptions.parse(find(valid(AppOptions), lambda data: True)).unwrap())) == 20
    ratios = compare(
        f"{EXAMPLES} draws of a 20-field class",
        {"st.builds(dataclass)": draws(st.builds(AppData)), "valid(AppOptions)": draws(valid(AppOptions))},
        baseline="st.builds(dataclass)",
        rounds=ROUNDS,
    )
    print(f"\nvalid(T) / st.builds: {ratio(ratios, 'valid(AppOptions)', 'st.builds(dataclass)'):.2f}x (goal < 2x)")


if __name__ == "__main__":
    main()
