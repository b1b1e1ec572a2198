"""Suggestions: malli's distance table, the bounded OSA distance, and the key suggester.

The bounded distance is checked against a plain full-table OSA written here; the suggester
against a plain reference that scores every declared key the slow way. Single-edit typos
of generated key sets must find the key they came from.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Sequence

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from validation._suggest import (
    MAX_KEY_LENGTH,
    KeySuggester,
    _banded,
    distance,
    fold,
    max_edits,
    suggest_values,
)


def osa(a: str, b: str) -> int:
    """Reference optimal-string-alignment distance: the whole table, no shortcuts."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def reference_suggest(unknown: str, declared: Sequence[str], present: Sequence[str] = ()) -> tuple[str, ...]:
    """The contract, spelt out: every declared key scored, the closest within the table kept."""
    if len(unknown) > MAX_KEY_LENGTH:
        return ()
    folded = fold(unknown)
    scored: list[tuple[int, str]] = []
    for key in declared:
        if key in present:
            continue
        edits = osa(folded, fold(key))
        if edits <= max_edits(min(len(folded), len(fold(key)))):
            scored.append((edits, key))
    if not scored:
        return ()
    best = min(edits for edits, _ in scored)
    return tuple(key for edits, key in scored if edits == best)


# ------------------------------------------------------------------ max_edits and fold


def test_max_edits_is_maliks_table() -> None:
    expected = {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 3, 8: 3, 9: 3, 10: 3, 11: 3}
    expected |= dict.fromkeys(range(12, 21), 4)
    expected |= {n: n // 5 for n in range(21, 200)}
    assert {n: max_edits(n) for n in range(200)} == expected
    assert max_edits(21) == 4
    assert max_edits(25) == 5
    assert max_edits(256) == 51


@given(st.integers(min_value=0, max_value=10_000))
def test_max_edits_never_shrinks_with_length(n: int) -> None:
    assert max_edits(n) <= max_edits(n + 1)


def test_fold_reads_case_and_dashes_alike() -> None:
    assert fold("Max-Concurrent-Requests") == "max_concurrent_requests"
    assert fold("STRASSE") == fold("straße")
    assert fold("already_folded") == "already_folded"


# ------------------------------------------------------------------ distance

SMALL = st.text(alphabet="abcd_", max_size=12)  # few letters: many near-misses and repeats
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@given(SMALL, SMALL, st.integers(min_value=0, max_value=10))
def test_bounded_distance_agrees_with_the_full_table(a: str, b: str, limit: int) -> None:
    assert distance(a, b, limit) == min(osa(a, b), limit + 1)


@given(WORDS, WORDS, st.integers(min_value=0, max_value=10))
def test_bounded_distance_agrees_on_any_text(a: str, b: str, limit: int) -> None:
    assert distance(a, b, limit) == min(osa(a, b), limit + 1)


@st.composite
def near_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A long string and a copy with a few random edits: the band and the stripping at work."""
    base = draw(st.text(alphabet="abcdefgh_", min_size=10, max_size=60))
    other = list(base)
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        at = draw(st.integers(min_value=0, max_value=max(len(other) - 1, 0)))
        kind = draw(st.sampled_from(["swap", "drop", "insert", "replace"]))
        if kind == "swap" and at + 1 < len(other):
            other[at], other[at + 1] = other[at + 1], other[at]
        elif kind == "drop" and other:
            del other[at]
        elif kind == "insert":
            other.insert(at, draw(st.sampled_from("abcdefgh_")))
        elif other:
            other[at] = draw(st.sampled_from("abcdefgh_"))
    return base, "".join(other)


@given(near_pairs(), st.integers(min_value=0, max_value=12))
def test_bounded_distance_agrees_on_long_near_strings(pair: tuple[str, str], limit: int) -> None:
    a, b = pair
    assert distance(a, b, limit) == min(osa(a, b), limit + 1)


@given(SMALL, SMALL, st.integers(min_value=0, max_value=10))
def test_the_banded_table_agrees_with_the_full_table(a: str, b: str, limit: int) -> None:
    # `distance` takes the banded table only for strings over 256 characters; check it directly.
    if len(a) > len(b):
        a, b = b, a
    assume(len(b) - len(a) <= limit)
    assert _banded(a, b, len(a), len(b), limit) == min(osa(a, b), limit + 1)


def test_the_banded_table_on_long_strings() -> None:
    long = "abcdefghij" * 40
    assert distance(long, long[:200] + long[201] + long[200] + long[202:] + "z", 3) == 2
    assert distance("x" + long, long + "x", 3) == 2
    assert distance(long, long[::-1], 30) == 31


@given(WORDS, WORDS, st.integers(min_value=0, max_value=10))
def test_distance_is_symmetric(a: str, b: str, limit: int) -> None:
    assert distance(a, b, limit) == distance(b, a, limit)


@given(SMALL, SMALL, st.integers(min_value=0, max_value=10))
def test_distance_is_zero_exactly_for_equal_strings(a: str, b: str, limit: int) -> None:
    assert (distance(a, b, limit) == 0) == (a == b)


@given(SMALL, SMALL)
def test_distance_lies_between_the_length_gap_and_the_longer_length(a: str, b: str) -> None:
    full = distance(a, b, 100)
    assert abs(len(a) - len(b)) <= full <= max(len(a), len(b))


@given(st.text(alphabet="abcdef", min_size=2, max_size=20), st.data())
def test_a_transposition_is_one_edit(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(min_value=0, max_value=len(text) - 2))
    assume(text[at] != text[at + 1])
    swapped = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    assert distance(text, swapped, 1) == 1
    assert distance(text, swapped, 0) == 1  # over a limit of 0: reported as limit + 1


def test_distance_is_not_a_metric_and_says_so() -> None:
    # OSA never edits a substring twice, so the triangle inequality fails: CA -> AC -> ABC.
    assert distance("ca", "ac", 5) == 1
    assert distance("ac", "abc", 5) == 1
    assert distance("ca", "abc", 5) == 3


def test_distance_examples() -> None:
    assert distance("max_conucrrent_requests", "max_concurrent_requests", 4) == 1
    assert distance("kitten", "sitting", 5) == 3
    assert distance("", "abc", 3) == 3
    assert distance("", "abc", 2) == 3
    assert distance("abc", "xyz", -4) == 1  # a negative limit acts as 0


def test_distance_on_huge_strings_is_bounded_by_the_limit() -> None:
    huge = "x" * 2_000_000
    started = time.perf_counter()
    assert distance(huge, huge + "y", 3) == 1
    assert distance(huge, "y" + huge, 3) == 1
    assert distance(huge, "y" * 2_000_000, 3) == 4
    assert distance(huge, "x" * 1_000_000, 3) == 4
    assert time.perf_counter() - started < 5  # generous: the real cost is milliseconds


# ------------------------------------------------------------------ the key suggester

CONTRACT_KEYS = (
    "deliver",
    "info",
    "max_concurrent_requests",
    "street1",
    "street2",
    "timeout",
    "retries",
    "host",
    "port",
)


@pytest.mark.parametrize(
    ("unknown", "expected"),
    [
        ("deliverz", ("deliver",)),
        ("infoo", ("info",)),
        ("max_conucrrent_requests", ("max_concurrent_requests",)),
        ("Max-Concurrent-Requests", ("max_concurrent_requests",)),
        ("MAX_CONCURRENT_REQUESTS", ("max_concurrent_requests",)),
        ("streetz", ("street1", "street2")),
        ("zzzzqqqq", ()),
        ("tiemout", ("timeout",)),
        ("prot", ("port",)),
        ("hots", ("host",)),
        ("ab", ()),
        ("", ()),
    ],
)
def test_contract_examples(unknown: str, expected: tuple[str, ...]) -> None:
    assert KeySuggester(CONTRACT_KEYS).suggest(unknown) == expected
    assert reference_suggest(unknown, CONTRACT_KEYS) == expected


def test_keys_present_in_the_input_are_skipped() -> None:
    keys = KeySuggester(CONTRACT_KEYS)
    assert keys.suggest("streetz", present={"street1"}) == ("street2",)
    assert keys.suggest("streetz", present={"street1": 1, "street2": 2}.keys()) == ()
    # The exact folded match is present too: the next closest is offered, if any.
    assert keys.suggest("Max-Concurrent-Requests", present={"max_concurrent_requests"}) == ()
    assert KeySuggester(["a_b", "a_bc"]).suggest("A-B", present=["a_b"]) == ("a_bc",)
    assert KeySuggester(["abcd", "abcde"]).suggest("ABCD", present=["abcd"]) == ("abcde",)


def test_ties_come_in_declaration_order() -> None:
    assert KeySuggester(["street2", "street1"]).suggest("streetz") == ("street2", "street1")
    assert KeySuggester(["a-b-c", "a_b_c"]).suggest("A_B_C") == ("a-b-c", "a_b_c")


def test_ties_of_different_lengths_come_in_declaration_order() -> None:
    # 'abcdeh' (same length) is met first, 'abcdefg' (one longer) is declared first.
    assert KeySuggester(["abcdefg", "abcdeh"]).suggest("abcdeg") == ("abcdefg", "abcdeh")
    farther = KeySuggester(["abcdefgh_x", "abcdefgh_xy"])
    assert farther.suggest("abcdefgh_yx_z") == ("abcdefgh_x", "abcdefgh_xy")


def test_closer_keys_win_over_farther_ones() -> None:
    keys = KeySuggester(["retries", "retry", "timeout_seconds", "timeout"])
    assert keys.suggest("retrys") == ("retry",)  # 'retries' is two edits away
    assert keys.suggest("retreis") == ("retries",)
    assert keys.suggest("retyr") == ("retry",)
    assert keys.suggest("timeuot") == ("timeout",)


def test_farther_lengths_are_not_tried_once_a_closer_match_is_found() -> None:
    keys = KeySuggester(["abcdefghij_yyyyy", "abcdefghij_yy", "abcdefghij_zzzzz"])
    assert keys.suggest("abcdefghij_zz") == ("abcdefghij_yy",)
    assert reference_suggest("abcdefghij_zz", keys.declared) == ("abcdefghij_yy",)


def test_suggester_with_no_keys_suggests_nothing() -> None:
    empty = KeySuggester([])
    assert empty.suggest("anything") == ()
    assert empty.declared == ()
    assert repr(KeySuggester(CONTRACT_KEYS)) == "KeySuggester(9 keys)"


def test_a_huge_unknown_key_gets_no_suggestion_quickly() -> None:
    keys = KeySuggester(CONTRACT_KEYS)
    started = time.perf_counter()
    assert keys.suggest("x" * 2_000_000) == ()
    assert keys.suggest("deliver" * 40) == ()  # 280 characters: over the cap
    assert keys.suggest("d" * MAX_KEY_LENGTH) == ()
    assert time.perf_counter() - started < 10  # a hang guard; unbounded, a 2 MB key takes minutes


def test_twenty_thousand_unknown_keys_are_cheap() -> None:
    keys = KeySuggester(CONTRACT_KEYS)
    batches = {
        "unrelated": [f"extra_setting_{n}" for n in range(20_000)],
        "near": [f"retries{n}" for n in range(20_000)],
        "hex": [format(n * 7919, "x") for n in range(20_000)],
    }
    for unknowns in batches.values():
        present = dict.fromkeys(unknowns)
        started = time.perf_counter()
        results = [keys.suggest(unknown, present.keys()) for unknown in unknowns]
        assert time.perf_counter() - started < 5  # generous sanity bound; about 0.1 s here
        assert len(results) == 20_000
    assert keys.suggest("retries1") == ("retries",)
    assert keys.suggest("retries12345") == ()


def test_one_edit_among_many_similar_keys() -> None:
    declared = [f"option_number_{n}" for n in range(50)]
    keys = KeySuggester(declared)
    assert keys.suggest("opiton_number_12") == ("option_number_12",)
    assert keys.suggest("option_number_") == tuple(f"option_number_{n}" for n in range(10))
    assert keys.suggest("opiton_number_123") == reference_suggest("opiton_number_123", declared)


IDENTIFIER = st.from_regex(r"[a-z][a-z0-9]{1,4}(_[a-z0-9]{1,6}){0,3}", fullmatch=True)


@st.composite
def typo_of(draw: st.DrawFn, key: str) -> str:
    """One edit of `key`: swap adjacent, drop, double, replace, case change, `_` <-> `-`."""
    kinds = ["swap", "drop", "double", "replace", "case"]
    if "_" in key:
        kinds.append("dash")
    kind = draw(st.sampled_from(kinds))
    at = draw(st.integers(min_value=0, max_value=len(key) - 1))
    if kind == "swap":
        at = min(at, len(key) - 2)
        return key[:at] + key[at + 1] + key[at] + key[at + 2 :]
    if kind == "drop":
        return key[:at] + key[at + 1 :]
    if kind == "double":
        return key[: at + 1] + key[at:]
    if kind == "replace":
        return key[:at] + draw(st.sampled_from("abcxyz019_")) + key[at + 1 :]
    if kind == "case":
        return key[:at] + key[at].swapcase() + key[at + 1 :]
    return key.replace("_", "-", 1)


@given(st.lists(IDENTIFIER, min_size=1, max_size=12, unique=True), st.data())
def test_suggest_matches_the_reference(declared: list[str], data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(declared))
    typo = data.draw(typo_of(key))
    present = data.draw(st.lists(st.sampled_from(declared), max_size=3))
    assume(typo not in declared)
    got = KeySuggester(declared).suggest(typo, set(present))
    assert got == reference_suggest(typo, declared, present)
    assert not set(got) & set(present)


@given(
    st.lists(IDENTIFIER.filter(lambda key: len(key) >= 4), min_size=1, max_size=12, unique=True),
    st.data(),
)
def test_a_single_edit_suggests_the_key_unless_another_is_closer(declared: list[str], data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(declared))
    typo = data.draw(typo_of(key))
    assume(typo not in declared)
    got = KeySuggester(declared).suggest(typo)
    to_key = osa(fold(typo), fold(key))
    closer = [other for other in declared if osa(fold(typo), fold(other)) < to_key]
    if not closer:
        assert key in got
    else:
        assert key not in got


@given(st.lists(IDENTIFIER, min_size=1, max_size=12, unique=True), st.text(max_size=40))
def test_suggest_matches_the_reference_for_any_unknown(declared: list[str], unknown: str) -> None:
    assert KeySuggester(declared).suggest(unknown) == reference_suggest(unknown, declared)


# ------------------------------------------------------------------ values


class Level(enum.Enum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"


def test_values_get_suggestions_like_keys() -> None:
    assert suggest_values("infoo", ["debug", "info", "warning"]) == ("info",)
    assert suggest_values("INFO", ["debug", "info"]) == ("info",)
    assert suggest_values("warnign", list(Level)) == (Level.WARNING,)
    assert suggest_values(Level.INFO, ["info", "debug"]) == ("info",)
    assert suggest_values("zzzzqqqq", ["debug", "info"]) == ()


def test_numbers_compare_by_their_text_and_other_values_get_nothing() -> None:
    assert suggest_values(1025, [1024, 2048, "x"]) == (1024,)
    assert suggest_values(True, [True, False]) == ()
    assert suggest_values(["info"], ["info"]) == ()
    assert suggest_values(None, [None, "none"]) == ()
    assert suggest_values("nonee", [None, "none", b"none"]) == ("none",)
    assert suggest_values("i" * 2_000_000, ["info"]) == ()


def test_values_with_the_same_text_are_all_offered() -> None:
    assert suggest_values("1000", [100, "100", 200]) == (100, "100")
