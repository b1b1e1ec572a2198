"""Interleaved micro-benchmarks reporting median ratios against a baseline.

Every case of a comparison runs once per round, in a rotating order, inside the same
process; the ratio of each case to the baseline is taken per round and the median over
rounds is reported. Interleaving cancels drift (CPU frequency, other load) that separate
runs would attribute to one side.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Mapping

Case = Callable[[], object]


def _time(case: Case, number: int) -> float:
    clock = time.perf_counter
    start = clock()
    for _ in range(number):
        case()
    return (clock() - start) / number


def _calibrate(case: Case, target: float = 0.01) -> int:
    number = 1
    while True:
        if _time(case, number) * number >= target:
            return number
        number *= 2


def measure(cases: Mapping[str, Case], *, baseline: str, rounds: int = 25) -> dict[str, float]:
    """`{case: median(case time / baseline time)}` over interleaved rounds, printing nothing."""
    names = list(cases)
    for case in cases.values():  # warm up and check every case runs
        case()
    number = max(_calibrate(cases[name]) for name in names)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(rounds):
        order = names[round_index % len(names) :] + names[: round_index % len(names)]
        timings = {name: _time(cases[name], number) for name in order}
        for name in names:
            samples[name].append(timings[name] / timings[baseline])
    return {name: statistics.median(values) for name, values in samples.items()}


def compare(title: str, cases: Mapping[str, Case], *, baseline: str, rounds: int = 25) -> dict[str, float]:
    """Print and return `{case: median(case time / baseline time)}` over interleaved rounds."""
    ratios = measure(cases, baseline=baseline, rounds=rounds)
    base_ns = _time(cases[baseline], _calibrate(cases[baseline])) * 1e9
    print(f"\n{title}  (baseline {baseline}: {base_ns:,.0f} ns per call; median of {rounds} rounds)")
    for name in cases:
        print(f"  {name:<42} {ratios[name]:6.2f}x")
    sys.stdout.flush()
    return ratios


def ratio(ratios: Mapping[str, float], ours: str, peer: str) -> float:
    """How many times the peer's time ours takes (below 1: ours is faster)."""
    return ratios[ours] / ratios[peer]
