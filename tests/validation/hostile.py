"""Hostile input shapes for the validation tests (imported as `hostile`), as Hypothesis strategies.

What an attacker, or an unlucky config loader, hands a validator: `str` subclasses whose
`__eq__` or `__hash__` raise, mappings whose `__iter__`, `__getitem__` or `__len__` raise,
mappings that are not dicts (`ChainMap`, `MappingProxyType`, a mapping over pairs), ints
past Python's digit limit, `Decimal`s with huge exponents, lone surrogates, terminal
control characters and invisible identifier characters in keys and values.
"""

from __future__ import annotations

import collections
import types
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st


class EqRaises(str):
    """A key that cannot be compared."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ refused")

    def __hash__(self) -> int:
        return str.__hash__(self)


class HashRaises(str):
    """A key that cannot be hashed (only a non-dict mapping can hold it)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return str.__eq__(self, other)

    def __hash__(self) -> int:
        raise RuntimeError("__hash__ refused")


class PairsMapping(Mapping[Any, Any]):
    """A mapping over a list of pairs: holds keys a dict could not."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self._pairs = pairs

    def __getitem__(self, key: Any) -> Any:
        for k, v in self._pairs:
            if k is key or str.__eq__(k, key) is True:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return iter([k for k, _ in self._pairs])

    def __len__(self) -> int:
        return len(self._pairs)


class RaisingMapping(Mapping[Any, Any]):
    """A mapping whose `which` method raises."""

    def __init__(self, data: dict[Any, Any], which: str) -> None:
        self._data = data
        self._which = which

    def __getitem__(self, key: Any) -> Any:
        if self._which == "getitem":
            raise RuntimeError("__getitem__ refused")
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        if self._which == "iter":
            raise RuntimeError("__iter__ refused")
        return iter(self._data)

    def __len__(self) -> int:
        if self._which == "len":
            raise RuntimeError("__len__ refused")
        return len(self._data)


ODD_TEXT = st.sampled_from(
    ["\ud800", "a\udfffb", "\x1b[31mred", "a\nb", "\x00", "\u3164", "x\u115f", "\u200b", "\u202e", "[key]", "hots"]
)
HUGE = st.one_of(
    st.sampled_from([5000, -6000, 20_000]).map(lambda n: 10 ** abs(n) * (1 if n > 0 else -1)),
    st.sampled_from(["1e10000000", "-1E+99999", "1e-10000000", "-7E-99999"]).map(Decimal),
)
TEXT = st.one_of(st.text(max_size=6), ODD_TEXT)
KEYS = st.one_of(
    TEXT,
    st.integers(-3, 3),
    st.binary(max_size=3),
    st.none(),
    st.tuples(st.integers(0, 2)),
    st.sampled_from(["host", "name", "inner", "a", "hots"]),
)
LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), TEXT, st.binary(max_size=4), HUGE, st.decimals(places=2)
)


def _eq_raising(data: dict[Any, Any]) -> dict[Any, Any]:
    """`data` with its `str` keys made uncomparable (built here: Hypothesis compares its draws)."""
    try:
        return {EqRaises(key) if type(key) is str else key: value for key, value in data.items()}
    except RuntimeError:  # two keys with one hash ("" and 0): keep the plain dict
        return data


def _mappings(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    plain = st.dictionaries(KEYS, children, max_size=4)
    plain = st.one_of(plain, plain.map(_eq_raising))
    return st.one_of(
        plain,
        plain.map(collections.ChainMap),
        plain.map(types.MappingProxyType),
        st.tuples(plain, st.sampled_from(["iter", "getitem", "len"])).map(lambda pair: RaisingMapping(*pair)),
        st.lists(st.tuples(st.one_of(KEYS, TEXT.map(HashRaises)), children), max_size=3).map(PairsMapping),
    )


HOSTILE = st.recursive(
    LEAVES, lambda children: st.one_of(st.lists(children, max_size=4), _mappings(children)), max_leaves=25
)
"""Any input at all, hostile shapes included, at any level."""


def hostile_maps(children: st.SearchStrategy[Any] = HOSTILE) -> st.SearchStrategy[Any]:
    """A mapping at the top, of any hostile kind."""
    return _mappings(children)
