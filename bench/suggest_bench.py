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
import sys
from pathlib import Path

from validation._suggest import KeySuggester

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import measure

ROUNDS = 15

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


def main() -> None:
    print(f"one unknown key vs {len(DECLARED)} declared keys (median of {ROUNDS} interleaved rounds)")
    print(f"  {'typo':16s} {'ratio':>6s}   suggestions (ours | difflib)")
    ratios: list[float] = []
    for label, unknown in UNKNOWN.items():
        cases = {"ours": lambda u=unknown: ours(u), "difflib": lambda u=unknown: theirs(u)}
        ratio = measure(cases, baseline="difflib", rounds=ROUNDS)["ours"]
        ratios.append(ratio)
        print(f"  {label:16s} {ratio:5.2f}x   {list(ours(unknown))} | {theirs(unknown)}")
    print(f"\nmedian ratio KeySuggester / difflib: {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
