"""Did-you-mean for one unknown key against 10 declared keys: `KeySuggester` vs `difflib`.

`difflib.get_close_matches` is the suggestion most Python code reaches for; it runs
SequenceMatcher over every candidate and costs about 13x pydantic's whole typo path.
`KeySuggester` is built once per schema level (as the validator is) and only `suggest`
is timed, on a mix of typos (one swap, one drop, one double, a case and dash change, two
edits) and unrelated keys that must get no suggestion. Rounds are interleaved; the report
gives median times per call and their ratios. Run with `python bench/suggest_bench.py`.
"""

from __future__ import annotations

import difflib
import statistics
import time
from collections.abc import Callable

from validation._suggest import KeySuggester

ROUNDS = 15
CALLS = 2000

DECLARED = [
    "name",
    "max_concurrent_requests",
    "timeout",
    "debug",
    "log_level",
    "retries",
    "hosts",
    "region",
    "user_agent",
    "database",
]
UNKNOWN = {
    "swap": "max_conucrrent_requests",
    "drop": "timout",
    "double": "retriess",
    "case and dash": "User-Agent",
    "two edits": "databsae_",
    "unrelated": "zzzzqqqq",
    "unrelated long": "completely_unrelated_setting_name",
}

SUGGESTER = KeySuggester(DECLARED)


def ours(unknown: str) -> object:
    return SUGGESTER.suggest(unknown)


def theirs(unknown: str) -> object:
    return difflib.get_close_matches(unknown, DECLARED)


def _time(case: Callable[[str], object], unknown: str) -> float:
    started = time.perf_counter()
    for _ in range(CALLS):
        case(unknown)
    return (time.perf_counter() - started) / CALLS


def main() -> None:
    print(f"one unknown key vs {len(DECLARED)} declared keys", end=" ")
    print(f"(median of {ROUNDS} interleaved rounds x {CALLS} calls)")
    print(f"  {'typo':16s} {'KeySuggester':>14s} {'difflib':>10s}  ratio   suggestions (ours | difflib)")
    ratios: list[float] = []
    for label, unknown in UNKNOWN.items():
        samples: dict[str, list[float]] = {"ours": [], "difflib": []}
        for _ in range(ROUNDS):
            samples["ours"].append(_time(ours, unknown))
            samples["difflib"].append(_time(theirs, unknown))
        mine, peer = statistics.median(samples["ours"]), statistics.median(samples["difflib"])
        ratios.append(mine / peer)
        print(
            f"  {label:16s} {mine * 1e6:11.2f} us {peer * 1e6:7.2f} us  {mine / peer:5.2f}x  "
            f"{list(ours(unknown))} | {theirs(unknown)}"
        )
    print(f"\nmedian ratio KeySuggester / difflib: {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
