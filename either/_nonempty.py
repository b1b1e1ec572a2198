"""`NonEmpty[T]`: an immutable sequence with at least one item, by construction.

Every combinator that accumulates errors (`collect`, `validate_all`, `bind.all`,
`bind.each`, `gather_all`) returns its errors as a `NonEmpty`: a `Left` of "every error"
with no error in it cannot be built, so `errors.head` needs no check and no `IndexError`
can hide behind it.

It is a `Sequence` (indexing, slicing to a tuple, `len`, iteration, `in`, `reversed`,
`index`, `count`) and nothing more: it has no methods that could make it empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, final, overload

from either._errors import ArgumentTypeError, describe

__all__ = ["NonEmpty"]

_T_co = TypeVar("_T_co", covariant=True)
_T = TypeVar("_T")
_B = TypeVar("_B")

_new: Any = object.__new__


@final
class NonEmpty(Sequence[_T_co], Generic[_T_co]):
    """An immutable sequence of one or more items: `NonEmpty(first, *rest)`.

    >>> errors = NonEmpty("no name", "no email")
    >>> errors.head, len(errors), list(errors)
    ('no name', 2, ['no name', 'no email'])
    >>> errors.map(str.upper)
    NonEmpty('NO NAME', 'NO EMAIL')
    >>> NonEmpty.from_iterable([]) is None
    True
    """

    __slots__ = ("_items",)
    _items: tuple[_T_co, ...]

    def __init__(self, first: _T_co, /, *rest: _T_co) -> None:
        self._items = (first, *rest)

    @staticmethod
    def from_iterable(items: Iterable[_T]) -> NonEmpty[_T] | None:
        """A `NonEmpty` of `items`, or `None` when there are none: the check made once."""
        if isinstance(items, (str, bytes)):
            raise ArgumentTypeError(f"NonEmpty.from_iterable() expected an iterable of items, got {describe(items)}")
        if not isinstance(items, Iterable):
            raise ArgumentTypeError(f"NonEmpty.from_iterable() expected an iterable, got {describe(items)}")
        values = tuple(items)
        return _of(values) if values else None

    def __init_subclass__(cls, **kwargs: object) -> None:
        raise TypeError("NonEmpty is final: it cannot be subclassed")

    @property
    def head(self) -> _T_co:
        """The first item; always there."""
        return self._items[0]

    @property
    def last(self) -> _T_co:
        """The last item (the first one when there is only one)."""
        return self._items[-1]

    @property
    def tail(self) -> tuple[_T_co, ...]:
        """Every item after the first, possibly none."""
        return self._items[1:]

    def map(self, f: Callable[[_T_co], _B]) -> NonEmpty[_B]:
        """`NonEmpty` of `f(item)` for each item, in order: still never empty."""
        return _of(tuple(map(f, self._items)))

    def to_tuple(self) -> tuple[_T_co, ...]:
        """The items as a tuple."""
        return self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[_T_co]:
        return iter(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    @overload
    def __getitem__(self, index: int) -> _T_co: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[_T_co, ...]: ...
    def __getitem__(self, index: int | slice) -> _T_co | tuple[_T_co, ...]:
        """An item, or a tuple for a slice (a slice may be empty, so it is no `NonEmpty`)."""
        return self._items[index]

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NonEmpty) and self._items == other._items  # pyright: ignore[reportUnknownMemberType]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((NonEmpty, self._items))

    def __repr__(self) -> str:
        return f"NonEmpty({', '.join(map(repr, self._items))})"

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, "_items"):
            raise AttributeError(f"NonEmpty is immutable; build a new one instead of setting {name!r}")
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return (NonEmpty, self._items)


def _of(items: tuple[_T, ...]) -> NonEmpty[_T]:
    """A `NonEmpty` over a tuple the caller knows has an item, without copying it."""
    new: NonEmpty[_T] = _new(NonEmpty)
    object.__setattr__(new, "_items", items)
    return new
