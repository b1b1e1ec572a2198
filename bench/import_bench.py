"""`import either` against `import result` (rustedpy/result, a one-module library).

Each round starts a fresh interpreter per library, in a rotating order, with
`-X importtime`, and reads the cumulative microseconds of the top-level import; the table
shows the median over rounds of either's time divided by result's in the same round.
Both packages' bytecode is compiled first, so neither pays for compiling its sources.
It also checks that `import either` loaded no event-loop library and no slow typing helper.
Run: `python bench/import_bench.py [rounds]`.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
from pathlib import Path

import result

import either

HEAVY = ("asyncio", "inspect", "anyio", "trio", "typing_extensions")


def import_time(module: str) -> int:
    """Microseconds `import module` took in a fresh interpreter, its own imports included."""
    stderr = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True
    ).stderr
    for line in reversed(stderr.splitlines()):
        _, cumulative, name = line.split("|")
        if name.strip() == module:
            return int(cumulative)
    raise AssertionError(f"no import time for {module} in:\n{stderr}")


def main(rounds: int) -> None:
    for package in (either, result):
        compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    code = f"import sys, either; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    times: dict[str, list[int]] = {"either": [], "result": []}
    ratios: list[float] = []
    for number in range(rounds):
        order = ["either", "result"] if number % 2 == 0 else ["result", "either"]
        this_round = {name: import_time(name) for name in order}
        for name, microseconds in this_round.items():
            times[name].append(microseconds)
        ratios.append(this_round["either"] / this_round["result"])
    print(f"import time, median of {rounds} interleaved rounds (-X importtime, cumulative)")
    for name, values in times.items():
        print(f"  import {name:<8} {statistics.median(values) / 1000:6.1f} ms")
    print(f"  either / result  {statistics.median(ratios):6.2f}x   (goal: <= 1.0x)")
    print(f"  heavy modules loaded by import either: {loaded}   (goal: [])")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 21)
