"""Did-you-mean suggestions for unknown keys and values outside a `Literal` or `Enum`.

A misspelt option must fail with the name that was meant, and the suggestion has to be
cheap, because it runs on every typo a user makes and the whole error path is
benchmarked against pydantic's. So nothing here compares a key with every declared key
the slow way:

- the declared keys are folded (case, `-` as `_`) and grouped by length once per schema
  level, in `KeySuggester`;
- a declared key whose length differs from the unknown key's by more than the allowed
  distance is never looked at, and the lengths are tried nearest first, so the bound
  tightens early;
- `distance` strips the common prefix and suffix (a typo leaves most of a key intact),
  then fills only a band of the edit table and stops as soon as the bound is exceeded.

The allowed distance follows malli's table (`max_edits`), by the shorter key's length.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Sequence
from typing import Final, TypeAlias, final

__all__ = ["MAX_KEY_LENGTH", "KeySuggester", "SuggestBudget", "distance", "fold", "max_edits", "suggest_values"]

MAX_KEY_LENGTH: Final = 256
"""Unknown keys (and values) longer than this get no suggestion: nobody mistypes 257 characters."""

_NO_MATCH: Final = 1 << 30
_BIT_PARALLEL_MAX: Final = 256  # longer (stripped) strings take the banded table instead

_Entry: TypeAlias = "tuple[int, str, str, frozenset[str]]"
"""A declared key: its position, its name, its folded name and the set of its folded characters."""


@final
class SuggestBudget:
    """The work suggestions may still do, counted in characters compared.

    Why not a clock: a deadline makes the answer depend on the machine and its load (the
    same typo suggested alone, not suggested beside 31 busy threads). Counted work gives
    the same suggestions for the same input everywhere and bounds the cost all the same.

    >>> keys = KeySuggester(["max_concurrent_requests"])
    >>> keys.suggest("max_concurent_requets", budget=SuggestBudget(100))
    ('max_concurrent_requests',)
    >>> budget = SuggestBudget(10)
    >>> keys.suggest("max_concurent_requets", budget=budget)
    ()
    >>> budget.cut
    True
    """

    __slots__ = ("cut", "left")

    def __init__(self, left: int) -> None:
        self.left = left
        """Characters that may still be compared."""
        self.cut = False
        """Whether a search stopped for lack of budget."""

    def __repr__(self) -> str:
        return f"SuggestBudget(left={self.left}, cut={self.cut})"


def max_edits(length: int) -> int:
    """The edit distance allowed between two keys, by the length of the shorter one.

    malli's table: short names must match almost exactly (one typo in `ab` is another name
    altogether), long ones may carry several typos.

    >>> [max_edits(n) for n in (2, 3, 5, 6, 7, 11, 12, 20, 21, 30)]
    [0, 1, 1, 2, 3, 3, 4, 4, 4, 6]
    """
    if length <= 2:
        return 0
    if length <= 5:
        return 1
    if length == 6:
        return 2
    if length <= 11:
        return 3
    if length <= 20:
        return 4
    return length // 5


def fold(key: str) -> str:
    """`key` case-folded, with `-` read as `_`: the spellings that name the same option.

    >>> fold("Max-Concurrent-Requests")
    'max_concurrent_requests'
    """
    return key.casefold().replace("-", "_")


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between `a` and `b`, or `limit + 1` if it exceeds `limit`.

    Insertions, deletions, substitutions and transpositions of two adjacent characters each
    count one edit (`conucrrent` is one edit from `concurrent`). The strings are compared as
    they are: fold them first. Only the band of width `2 * limit + 1` around the diagonal
    is computed, and the work stops once a whole row exceeds `limit`, so the cost
    is O(len * limit) at worst and O(limit ** 2) for unrelated strings.

    >>> distance("conucrrent", "concurrent", 3)
    1
    >>> distance("kitten", "sitting", 3)
    3
    >>> distance("kitten", "sitting", 2)
    3
    """
    if a == b:
        return 0
    limit = max(limit, 0)
    over = limit + 1
    len_a, len_b = len(a), len(b)
    if abs(len_a - len_b) > limit:
        return over
    if not len_a or not len_b:
        return len_a or len_b
    # A common prefix or suffix costs nothing; strip both (safe for OSA as for Levenshtein).
    start = _common_prefix(a, b, min(len_a, len_b))
    end_a, end_b = len_a, len_b
    if a[-1] == b[-1]:
        # Eight characters at a time first: a typo leaves long runs intact.
        while end_a - 8 >= start and end_b - 8 >= start and a[end_a - 8 : end_a] == b[end_b - 8 : end_b]:
            end_a -= 8
            end_b -= 8
        while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
            end_a -= 1
            end_b -= 1
    if start or end_a < len_a:
        a, b = a[start:end_a], b[start:end_b]
    if len(a) > len(b):
        a, b = b, a
    n, m = len(a), len(b)
    if n <= 1:
        # One character against up to `limit + 1`: a substitution or insertions only.
        return m - 1 if n == 1 and a in b else m
    if n == 2 and m == 2 and a[0] == b[1] and a[1] == b[0]:
        return 1
    if n <= _BIT_PARALLEL_MAX:
        return _bit_parallel(a, b, limit)
    return _banded(a, b, n, m, limit)


def _common_prefix(a: str, b: str, shortest: int) -> int:
    """How many leading characters `a` and `b` share (`shortest`: the shorter length)."""
    start = 0
    if shortest and a[0] == b[0]:
        while start + 8 <= shortest and a[start : start + 8] == b[start : start + 8]:
            start += 8
        while start < shortest and a[start] == b[start]:
            start += 1
    return start


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether the different strings `a` and `b`, lengths at most one apart, are one OSA edit apart.

    The common case of a typo, decided with a few string comparisons done in C.
    """
    len_a, len_b = len(a), len(b)
    if len_a > len_b:
        a, b, len_a, len_b = b, a, len_b, len_a
    at = _common_prefix(a, b, len_a)
    if len_a < len_b:
        return a[at:] == b[at + 1 :]
    if a[at + 1 :] == b[at + 1 :]:
        return True
    return at + 1 < len_a and a[at] == b[at + 1] and a[at + 1] == b[at] and a[at + 2 :] == b[at + 2 :]


def _bit_parallel(a: str, b: str, limit: int) -> int:
    """OSA distance by Hyyrö's bit-vector algorithm (2003), `a` the shorter; `limit + 1` if over.

    One column of the edit table is a pair of bit vectors (Python ints), so each character
    of `b` costs a dozen integer operations instead of a loop over `a`. The work stops once
    the distance cannot come back within `limit` with the characters of `b` left.
    """
    masks: dict[str, int] = {}
    bit = 1
    for char in a:
        masks[char] = masks.get(char, 0) | bit
        bit <<= 1
    full = bit - 1
    top = bit >> 1
    up, down, diagonal, previous = full, 0, 0, 0
    edits = len(a)
    left = len(b)
    for char in b:
        match = masks.get(char, 0)
        swap = ((~diagonal & match) << 1) & previous
        diagonal = (((match & up) + up) ^ up) | match | down | swap
        across_up = down | ~(diagonal | up)
        across_down = diagonal & up
        if across_up & top:
            edits += 1
        elif across_down & top:
            edits -= 1
        left -= 1
        if edits - left > limit:
            return limit + 1
        across_up = (across_up << 1) | 1
        up = ((across_down << 1) | ~(diagonal | across_up)) & full
        down = across_up & diagonal & full
        previous = match
    return edits if edits <= limit else limit + 1


def _banded(a: str, b: str, n: int, m: int, limit: int) -> int:
    """The banded OSA table for `distance`, on stripped strings with `len(a) <= len(b)`."""
    over = limit + 1
    prev2: list[int] = []
    prev = [j if j <= limit else over for j in range(m + 1)]
    last_a = ""
    for i in range(1, n + 1):
        ca = a[i - 1]
        lo = i - limit if i > limit else 1
        hi = i + limit if i + limit < m else m
        cur = [over] * (m + 1)
        if i <= limit:
            cur[0] = left = row_min = i
        else:
            left = row_min = over
        last_b = b[lo - 2] if lo > 1 else ""
        for j in range(lo, hi + 1):
            cb = b[j - 1]
            value = prev[j - 1] if ca == cb else prev[j - 1] + 1
            up = prev[j] + 1
            if up < value:  # noqa: PLR1730 (min() costs a call per cell)
                value = up
            if left + 1 < value:  # noqa: PLR1730 (min() costs a call per cell)
                value = left + 1
            if ca == last_b and last_a == cb and ca != cb:
                swap = prev2[j - 2] + 1
                if swap < value:  # noqa: PLR1730 (min() costs a call per cell)
                    value = swap
            if value > over:  # noqa: PLR1730 (min() costs a call per cell)
                value = over
            cur[j] = left = value
            if value < row_min:  # noqa: PLR1730 (min() costs a call per cell)
                row_min = value
            last_b = cb
        # Every alignment within the limit crosses each row at a value within the limit: a
        # transposition that jumps a row from (i-2, j-2) leaves (i-1, j-1) at most one above.
        if row_min > limit:
            return over
        prev2, prev, last_a = prev, cur, ca
    result = prev[m]
    return result if result <= limit else over


@final
class KeySuggester:
    """The declared keys of one schema level, prepared once to suggest the closest for a typo.

    Built when the schema is built; `suggest` runs only on the error path.

    >>> keys = KeySuggester(["street1", "street2", "city", "max_concurrent_requests"])
    >>> keys.suggest("streetz")
    ('street1', 'street2')
    >>> keys.suggest("Max-Concurrent-Requests")
    ('max_concurrent_requests',)
    >>> keys.suggest("streetz", present={"street1": "Main St"})
    ('street2',)
    >>> keys.suggest("zzzzqqqq")
    ()
    """

    __slots__ = ("_by_length", "_declared", "_exact", "_plans")

    def __init__(self, declared: Iterable[str]) -> None:
        self._declared: tuple[str, ...] = tuple(declared)
        by_length: dict[int, list[_Entry]] = {}
        exact: dict[str, list[tuple[int, str]]] = {}
        for index, key in enumerate(self._declared):
            folded = fold(key)
            by_length.setdefault(len(folded), []).append((index, key, folded, frozenset(folded)))
            exact.setdefault(folded, []).append((index, key))
        self._by_length = {length: tuple(group) for length, group in by_length.items()}
        self._exact = {folded: tuple(keys) for folded, keys in exact.items()}
        self._plans: dict[int, tuple[tuple[int, int, tuple[_Entry, ...]], ...]] = {}

    @property
    def declared(self) -> tuple[str, ...]:
        """The declared keys, in declaration order."""
        return self._declared

    def __repr__(self) -> str:
        return f"KeySuggester({len(self._declared)} keys)"

    def _plan(self, size: int) -> tuple[tuple[int, int, tuple[_Entry, ...]], ...]:
        """For an unknown key of `size` folded characters: (gap, limit, keys) to try, nearest first."""
        plan: list[tuple[int, int, tuple[_Entry, ...]]] = []
        for gap in range(max_edits(size) + 1):
            for length in (size - gap, size + gap) if gap else (size,):
                group = self._by_length.get(length)
                limit = max_edits(min(length, size))
                if group is not None and gap <= limit:
                    plan.append((gap, limit, group))
        # At most one plan per folded length up to a few times MAX_KEY_LENGTH: bounded.
        result = self._plans[size] = tuple(plan)
        return result

    def suggest(
        self, unknown: str, present: Collection[str] = (), *, budget: SuggestBudget | None = None
    ) -> tuple[str, ...]:
        """The declared keys closest to `unknown`, within the allowed distance; ties in declaration order.

        Keys in `present` (the keys of the input, best a set or a dict's keys) are skipped:
        suggesting a key the input already has would only confuse. An `unknown` longer
        than `MAX_KEY_LENGTH` gets no suggestion. The search for keys two edits or more away
        draws on `budget` (one-edit matches are free) and stops with what it has once the
        budget cannot pay for the next comparison.
        """
        if len(unknown) > MAX_KEY_LENGTH:
            return ()
        folded = fold(unknown)
        same = self._exact.get(folded)
        if same is not None:
            hits = tuple(key for _, key in same if not (present and key in present))
            if hits:
                return hits
        size = len(folded)
        plan = self._plans.get(size)
        if plan is None:
            plan = self._plan(size)
        # Most typos are one edit: look for those first, with string comparisons only.
        found: list[tuple[int, str]] = []
        for gap, limit, group in plan:
            if gap > 1:
                break
            if limit:
                for index, key, candidate, _ in group:
                    if not (present and key in present) and _one_edit_apart(folded, candidate):
                        found.append((index, key))
        if not found:
            found = self._farther(folded, plan, present, budget)
        if len(found) > 1:
            found.sort()
        return tuple(key for _, key in found)

    @staticmethod
    def _farther(
        folded: str,
        plan: tuple[tuple[int, int, tuple[_Entry, ...]], ...],
        present: Collection[str],
        budget: SuggestBudget | None = None,
    ) -> list[tuple[int, str]]:
        """The closest keys two edits or more away, within each key's limit."""
        chars: frozenset[str] | None = None
        best = _NO_MATCH
        found: list[tuple[int, str]] = []
        for gap, limit, group in plan:
            if gap > best:
                break
            if limit < 2:
                continue
            bound = limit if limit < best else best
            for index, key, candidate, candidate_chars in group:
                if present and key in present:
                    continue
                if chars is None:
                    chars = frozenset(folded)
                # Each character missing on one side costs at least one edit.
                if len(chars - candidate_chars) > bound or len(candidate_chars - chars) > bound:
                    continue
                if budget is not None:
                    cost = len(folded) + len(candidate)
                    if cost > budget.left:
                        budget.cut = True
                        return found
                    budget.left -= cost
                edits = distance(folded, candidate, bound)
                if edits > bound:
                    continue
                if edits < best:
                    best = bound = edits
                    found = [(index, key)]
                else:
                    found.append((index, key))
        return found


def _text(value: object) -> str | None:
    """The text a value is compared by, or `None` for values that get no suggestion."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # an int past Python's digit limit: no suggestion
            return None
    return None


def suggest_values(value: object, allowed: Sequence[object]) -> tuple[object, ...]:
    """The allowed values closest to `value`, compared by text with the rules for keys.

    For a value outside a `Literal` or an `Enum`: strings are compared folded, enum
    members by their value; anything else (lists, huge strings) gets no suggestion.

    >>> suggest_values("infoo", ["debug", "info", "warning"])
    ('info',)
    >>> suggest_values("WARN", ["debug", "info", "warn"])
    ('warn',)
    >>> suggest_values(["infoo"], ["info"])
    ()
    """
    text = _text(value)
    if text is None or len(text) > MAX_KEY_LENGTH:
        return ()
    texts: list[str] = []
    objects: dict[str, list[object]] = {}
    for item in allowed:
        item_text = _text(item)
        if item_text is None:
            continue
        if item_text not in objects:
            texts.append(item_text)
            objects[item_text] = []
        objects[item_text].append(item)
    return tuple(item for match in KeySuggester(texts).suggest(text) for item in objects[match])
